// The Scenario mode's forms driven as a user drives them, on the offscreen platform: a form edit
// reaches the project's scenario, the JSON text and the previews, and undoes as one step; an
// Apply of the text refreshes the forms; every sample's scenario shown in the forms and written
// back unedited is byte-identical; a deployment's override edits only the fields it sets, and
// each override shows what deploymentsOf merges.
#include "ui/code/CodeEditor.h"
#include "ui/plots/ArrivalsPlot.h"
#include "ui/plots/DistributionPlot.h"
#include "ui/scenario/DeploymentForm.h"
#include "ui/scenario/DistributionEditor.h"
#include "ui/scenario/NumberField.h"
#include "ui/scenario/OverridePatch.h"
#include "ui/scenario/ScenarioForms.h"
#include "ui/scenario/ServiceForm.h"
#include "ui/scenario/SpecFields.h"
#include "ui/scenario/StateModelForm.h"
#include "ui/scenario/WorkloadForm.h"
#include "ui/session/DefinitionSession.h"
#include "ui/simulate/ScenarioView.h"

#include "model/scenario/Deployment.h"
#include "tests/common/SampleFiles.h"

#include <QComboBox>
#include <QFileInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QtTest>

using namespace flowcast::ui;
using flowcast::model::Json;

namespace {

QString sample(const QString& name) {
    return QStringLiteral(FLOWCAST_SOURCE_DIR "/samples/%1/%1.asl.json").arg(name);
}

const Json& scenarioOf(const DefinitionSession& session) {
    return session.document().project().at("scenario");
}

Json textOf(const ScenarioView& view) {
    return Json::parse(view.editor()->text().toStdString());
}

NumberField* numberEditor(SpecFields* fields, const QString& key) {
    return qobject_cast<NumberField*>(fields->editor(key));
}

DistributionEditor* distributionEditor(SpecFields* fields, const QString& key) {
    return qobject_cast<DistributionEditor*>(fields->editor(key));
}

// Types `text` into a line edit and leaves it, as the user does.
void type(QLineEdit* line, const QString& text) {
    line->setText(text);
    line->setModified(true);
    emit line->editingFinished();
}

// The project's scenario as deploymentsOf merges it: the reader the simulator uses.
std::vector<flowcast::model::Deployment> deploymentsOfProject(const DefinitionSession& session) {
    return flowcast::model::deploymentsOf(
        flowcast::model::Scenario::fromJson(scenarioOf(session), session.path().toStdString()));
}

const Json& mergedService(const flowcast::model::Deployment& d, const char* name) {
    return d.scenario.section("services").at(name);
}

// Picks an entry of a combo as the user does: the change, then activated().
void choose(QComboBox* combo, int index) {
    combo->setCurrentIndex(index);
    emit combo->activated(index);
}

} // namespace

class TestScenarioForms : public QObject {
    Q_OBJECT

private slots:
    void lambdaMemoryEditsTheProjectAndUndoes() {
        DefinitionSession session;
        QVERIFY(session.open(sample("data-lake-etl")));
        ScenarioView view(session);
        const Json original = scenarioOf(session);
        QVERIFY(view.forms()->selectService("source-function"));
        NumberField* memory = numberEditor(view.forms()->serviceForm()->fields(), "memoryMb");
        QVERIFY(memory);
        QCOMPARE(memory->value(), 1024.0);
        const std::size_t steps = session.document().undoCount();

        memory->setValue(2048);
        const Json& lambda = scenarioOf(session)["services"]["source-function"];
        QCOMPARE(lambda["memoryMb"].dump(), std::string("2048"));
        QVERIFY(view.editor()->text().contains("\"memoryMb\": 2048"));
        QCOMPARE(textOf(view), scenarioOf(session));
        QCOMPARE(session.document().undoCount(), steps + 1);
        // Repeated edits of one field are one undo step; the range blocks what Lambda refuses.
        memory->setValue(20000);
        QCOMPARE(scenarioOf(session)["services"]["source-function"]["memoryMb"], Json(10240));
        QCOMPARE(session.document().undoCount(), steps + 1);
        // Only the edited field changed.
        Json expected = original;
        expected["services"]["source-function"]["memoryMb"] = 10240;
        QCOMPARE(scenarioOf(session).dump(), expected.dump());

        session.document().undo();
        QCOMPARE(scenarioOf(session).dump(), original.dump());
        QCOMPARE(textOf(view), original);
        QCOMPARE(numberEditor(view.forms()->serviceForm()->fields(), "memoryMb")->value(), 1024.0);

        // Apply of the text refreshes the forms.
        Json typed = original;
        typed["services"]["source-function"]["memoryMb"] = 512;
        view.editor()->setText(QString::fromStdString(typed.dump(2)));
        QVERIFY2(view.apply(), qPrintable(view.statusText()));
        QCOMPARE(numberEditor(view.forms()->serviceForm()->fields(), "memoryMb")->value(), 512.0);
    }

    void stateDurationEditsTheJsonAndThePreview() {
        DefinitionSession session;
        QVERIFY(session.open(sample("data-lake-etl")));
        ScenarioView view(session);
        QVERIFY(view.forms()->selectState("ConvertToParquet"));
        StateModelForm* form = view.forms()->stateForm();
        QCOMPARE(form->serviceCombo()->currentData().toString(), QString("parquet-job"));
        DistributionEditor* duration = distributionEditor(form->fields(), "duration");
        QVERIFY(duration);
        QCOMPARE(duration->kind(), DistributionEditor::Kind::Lognormal);
        const double medianBefore = duration->plot()->p50();
        QVERIFY2(medianBefore > 500 && medianBefore < 700,
                 qPrintable(QString::number(medianBefore)));

        duration->firstField()->setValue(300); // the median
        const Json& state = scenarioOf(session)["states"]["ConvertToParquet"];
        QCOMPARE(state["duration"].dump(),
                 std::string("{\"lognormal\":{\"median\":300,\"p99\":1800}}"));
        QCOMPARE(textOf(view), scenarioOf(session));
        const double medianAfter = duration->plot()->p50();
        QVERIFY2(medianAfter > 250 && medianAfter < 350, qPrintable(QString::number(medianAfter)));

        // A p99 under the median is refused where it is typed: the project keeps its scenario.
        const Json kept = scenarioOf(session);
        duration->secondField()->setValue(100);
        QVERIFY(!duration->problem().isEmpty());
        QCOMPARE(scenarioOf(session), kept);
        duration->secondField()->setValue(900);
        QCOMPARE(scenarioOf(session)["states"]["ConvertToParquet"]["duration"]["lognormal"]["p99"],
                 Json(900));

        // Another kind keeps the scale: a uniform around the same mean.
        choose(duration->kindCombo(), static_cast<int>(DistributionEditor::Kind::Uniform));
        const Json uniform = scenarioOf(session)["states"]["ConvertToParquet"]["duration"];
        QVERIFY2(uniform.contains("uniform"), uniform.dump().c_str());
        QVERIFY(uniform["uniform"]["max"].get<double>() > uniform["uniform"]["min"].get<double>());
        QVERIFY(duration->plot()->p99() < uniform["uniform"]["max"].get<double>() + 1e-9);

        // A failure added in the table is one more entry of the state's "failures".
        const std::size_t failures =
            scenarioOf(session)["states"]["ConvertToParquet"]["failures"].size();
        form->addFailure("Glue.ConcurrentRunsExceededException", 0.05);
        emit form->failuresTable()->itemChanged(form->failuresTable()->item(0, 0));
        const Json& list = scenarioOf(session)["states"]["ConvertToParquet"]["failures"];
        QCOMPARE(list.size(), failures + 1);
        QCOMPARE(list.back()["error"], Json("Glue.ConcurrentRunsExceededException"));
        QCOMPARE(list.back()["probability"], Json(0.05));
    }

    void workloadKindChangesTheArrivals() {
        DefinitionSession session;
        QVERIFY(session.open(sample("data-lake-etl")));
        ScenarioView view(session);
        const Json original = scenarioOf(session);
        WorkloadForm* workload = view.forms()->workloadForm();
        QCOMPARE(workload->kind(), QString("schedule"));
        QCOMPARE(view.arrivalsPlot()->total(), 1.0); // cron(0 2 * * ? *): one a day

        // The scenario check still runs: an expression the simulator refuses is not kept.
        auto* expression =
            qobject_cast<QLineEdit*>(workload->fields("schedule")->editor("schedule"));
        QVERIFY(expression);
        type(expression, "every day");
        QCOMPARE(scenarioOf(session), original);
        QVERIFY2(view.statusText().contains("/scenario/workload"), qPrintable(view.statusText()));
        QVERIFY(view.hasUnappliedText());
        type(expression, "rate(2 hours)");
        QCOMPARE(scenarioOf(session)["workload"]["schedule"], Json("rate(2 hours)"));
        QCOMPARE(view.arrivalsPlot()->total(), 12.0);
        QVERIFY(!view.hasUnappliedText());

        workload->chooseKind("poisson");
        const Json& spec = scenarioOf(session)["workload"];
        QVERIFY2(spec.contains("poisson") && !spec.contains("schedule"), spec.dump().c_str());
        QCOMPARE(spec["input"], original["workload"]["input"]); // the input stays
        workload->poissonRate()->setValue(10);                  // per hour
        QCOMPARE(scenarioOf(session)["workload"]["poisson"], Json::parse("{\"ratePerHour\": 10}"));
        const double total = view.arrivalsPlot()->total();
        QVERIFY2(total > 150 && total < 330, qPrintable(QString::number(total)));

        workload->chooseKind("profile");
        QVERIFY(scenarioOf(session)["workload"].contains("profile"));
        workload->hourlyRate(3)->setValue(500);
        QCOMPARE(scenarioOf(session)["workload"]["profile"]["dailyPerHour"][3], Json(500));
        QVERIFY(view.arrivalsPlot()->bars()->data()->at(3)->value > 300);

        while (scenarioOf(session) != original && session.document().canUndo())
            session.document().undo();
        QCOMPARE(scenarioOf(session).dump(), original.dump());
        QCOMPARE(workload->kind(), QString("schedule"));
        QCOMPARE(view.arrivalsPlot()->total(), 1.0);
    }

    void servicesAreRenamedAndRemovedWithTheirCallers() {
        DefinitionSession session;
        QVERIFY(session.open(sample("data-lake-etl")));
        ScenarioView view(session);
        ScenarioForms* forms = view.forms();
        const Json original = scenarioOf(session);

        QVERIFY(forms->selectService("parquet-job"));
        auto* workerType =
            qobject_cast<QComboBox*>(forms->serviceForm()->fields()->editor("workerType"));
        QVERIFY(workerType);
        choose(workerType, workerType->findText("G.2X"));
        QCOMPARE(scenarioOf(session)["services"]["parquet-job"]["workerType"], Json("G.2X"));

        QVERIFY(forms->selectService("athena"));
        type(forms->serviceNameField(), "athena-primary");
        const Json& renamed = scenarioOf(session);
        QVERIFY(!renamed["services"].contains("athena"));
        QCOMPARE(std::prev(renamed["services"].end()).key(), std::string("athena-primary"));
        QCOMPARE(renamed["states"]["CreateAnalyticsView"]["service"], Json("athena-primary"));
        QVERIFY(forms->selectState("CreateAnalyticsView"));
        QCOMPARE(forms->stateForm()->serviceCombo()->currentData().toString(),
                 QString("athena-primary"));

        QVERIFY(forms->selectService("source-function"));
        emit forms->findChild<QPushButton*>("removeService")->clicked();
        QVERIFY(!scenarioOf(session)["services"].contains("source-function"));
        QVERIFY(!scenarioOf(session)["states"]["SourceFilesToRawZone"].contains("service"));

        for (int step = 0; step < 3; ++step)
            session.document().undo();
        QCOMPARE(scenarioOf(session).dump(), original.dump());
    }

    void deploymentOverridesAreEditedFieldByField() {
        DefinitionSession session;
        QVERIFY(session.open(sample("data-lake-etl")));
        ScenarioView view(session);
        ScenarioForms* forms = view.forms();
        DeploymentForm* form = forms->deploymentForm();
        const Json original = scenarioOf(session);
        const std::size_t steps = session.document().undoCount();
        QCOMPARE(forms->deploymentList()->count(), 4);

        // "always-on EMR" sets a cluster the scenario does not have, and a state's model.
        forms->deploymentList()->setCurrentRow(1);
        QCOMPARE(form->overrideList()->count(), 2);
        QVERIFY(form->selectOverride("services", "spark-cluster"));
        QCOMPARE(form->setFields(), QStringList({"kind", "mode", "nodes", "instanceType",
                                                 "slotsPerNode", "slotsPerJob"}));
        if (qEnvironmentVariableIsSet("FLOWCAST_DEPLOY_PNG")) {
            view.resize(1600, 1000);
            forms->setCurrentIndex(3);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            view.grab().save(qEnvironmentVariable("FLOWCAST_DEPLOY_PNG"));
        }
        NumberField* nodes = numberEditor(form->serviceForm()->fields(), "nodes");
        QVERIFY(nodes);
        QCOMPARE(nodes->value(), 4.0);
        nodes->setValue(6);
        QCOMPARE(scenarioOf(session)["deployments"][1]["services"]["spark-cluster"]["nodes"],
                 Json(6));
        QCOMPARE(textOf(view), scenarioOf(session));
        QCOMPARE(mergedService(deploymentsOfProject(session)[1], "spark-cluster")["nodes"],
                 Json(6));
        nodes->setValue(8); // the same field again: one undo step
        QCOMPARE(session.document().undoCount(), steps + 1);

        // The state's override: clearing its duration inherits the scenario's Glue timing.
        QVERIFY(form->selectOverride("states", "ConvertToParquet"));
        QCOMPARE(form->setFields(), QStringList({"service", "duration"}));
        QCOMPARE(form->stateForm()->failuresTable()->rowCount(), 1); // inherited
        form->clearField("duration");
        QCOMPARE(scenarioOf(session)["deployments"][1]["states"]["ConvertToParquet"],
                 Json::parse("{\"service\": \"spark-cluster\"}"));
        const Json state =
            deploymentsOfProject(session)[1].scenario.section("states").at("ConvertToParquet");
        QCOMPARE(state["duration"], original["states"]["ConvertToParquet"]["duration"]);
        QCOMPARE(distributionEditor(form->stateForm()->fields(), "duration")->kind(),
                 DistributionEditor::Kind::Lognormal);
        form->removeOverride();
        QVERIFY(!scenarioOf(session)["deployments"][1].contains("states"));
        QCOMPARE(form->overrideList()->count(), 1);

        // "serverless" overrides nothing: an override of the Glue job sets one field only.
        forms->deploymentList()->setCurrentRow(0);
        QCOMPARE(form->overrideList()->count(), 0);
        form->addCombo()->setCurrentIndex(form->addCombo()->findData("services/parquet-job"));
        emit form->findChild<QPushButton*>("addOverrideButton")->clicked();
        QCOMPARE(scenarioOf(session)["deployments"][0]["services"]["parquet-job"], Json::object());
        QVERIFY(form->setFields().isEmpty());
        NumberField* workers = numberEditor(form->serviceForm()->fields(), "workers");
        QCOMPARE(workers->value(), 10.0); // inherited
        workers->setValue(20);
        QCOMPARE(scenarioOf(session)["deployments"][0]["services"]["parquet-job"],
                 Json::parse("{\"workers\": 20}"));
        Json glue = original["services"]["parquet-job"];
        glue["workers"] = 20;
        QCOMPARE(mergedService(deploymentsOfProject(session)[0], "parquet-job").dump(),
                 glue.dump());
        form->clearField("workers");
        QCOMPARE(scenarioOf(session)["deployments"][0]["services"]["parquet-job"], Json::object());
        QCOMPARE(numberEditor(form->serviceForm()->fields(), "workers")->value(), 10.0);

        // Another kind replaces the whole service: the Lambda's own fields are nulled.
        form->addOverride("services", "source-function");
        QComboBox* kind = form->serviceForm()->kindCombo();
        choose(kind, kind->findText("cluster"));
        QCOMPARE(scenarioOf(session)["deployments"][0]["services"]["source-function"],
                 Json::parse("{\"kind\": \"cluster\", \"memoryMb\": null, \"coldStart\": null,"
                             " \"keepAliveSeconds\": null}"));
        QCOMPARE(mergedService(deploymentsOfProject(session)[0], "source-function"),
                 Json::parse("{\"kind\": \"cluster\"}"));
        QCOMPARE(textOf(view), scenarioOf(session));

        for (int step = 0; step < 8; ++step) // the eight gestures above
            session.document().undo();
        QCOMPARE(session.document().undoCount(), steps);
        QCOMPARE(scenarioOf(session).dump(), original.dump());
        QCOMPARE(form->deployment().dump(), original["deployments"][0].dump());
    }

    void everySampleRoundTrips_data() {
        QTest::addColumn<QString>("path");
        for (const QString& path : sampleDefinitionPaths())
            QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
    }
    void everySampleRoundTrips() {
        QFETCH(QString, path);
        DefinitionSession session;
        QVERIFY(session.open(path));
        if (!session.document().project().contains("scenario")) QSKIP("no scenario");
        ScenarioView view(session);
        ScenarioForms* forms = view.forms();
        const Json scenario = scenarioOf(session);
        QCOMPARE(forms->runFields()->value().dump(), scenario.dump());
        QCOMPARE(forms->workloadForm()->value().dump(), scenario["workload"].dump());
        const Json services = scenario.value("services", Json::object());
        QCOMPARE(forms->serviceList()->count(), static_cast<int>(services.size()));
        for (auto it = services.begin(); it != services.end(); ++it) {
            QVERIFY(forms->selectService(QString::fromStdString(it.key())));
            QCOMPARE(forms->serviceForm()->value().dump(), it->dump());
            QVERIFY2(forms->serviceForm()->fields()->isEnabled(), "a kind without a form");
        }
        const Json states = scenario.value("states", Json::object());
        int modelled = 0;
        for (int i = 0; i < forms->stateList()->count(); ++i) {
            forms->stateList()->setCurrentRow(i);
            const std::string name = forms->stateForm()->stateName().toStdString();
            const std::optional<Json> shown = forms->stateForm()->value();
            QCOMPARE(shown.has_value(), states.contains(name));
            if (!shown) continue;
            ++modelled;
            QCOMPARE(shown->dump(), states[name].dump());
        }
        QCOMPARE(modelled, static_cast<int>(states.size()));
        // Each deployment's overrides show what deploymentsOf merges, and nothing is written.
        const auto deployments = flowcast::model::deploymentsOf(
            flowcast::model::Scenario::fromJson(scenario, path.toStdString()));
        DeploymentForm* form = forms->deploymentForm();
        for (int row = 0; row < forms->deploymentList()->count(); ++row) {
            forms->deploymentList()->setCurrentRow(row);
            const Json& written = scenario["deployments"][static_cast<std::size_t>(row)];
            QCOMPARE(form->deployment().dump(), written.dump());
            const flowcast::model::Scenario& merged =
                deployments[static_cast<std::size_t>(row)].scenario;
            for (int i = 0; i < form->overrideList()->count(); ++i) {
                form->overrideList()->setCurrentRow(i);
                const QListWidgetItem* item = form->overrideList()->item(i);
                const std::string section = item->data(Qt::UserRole).toString().toStdString();
                const std::string name = item->data(Qt::UserRole + 1).toString().toStdString();
                const Json& expected = merged.section(section.c_str()).at(name);
                const Json shown = section == "services" ? form->serviceForm()->value()
                                                         : *form->stateForm()->value();
                QCOMPARE(shown.dump(), expected.dump());
                if (section == "services") // every kind a sample deploys has its form
                    QVERIFY2(form->serviceForm()->fields()->isEnabled(), name.c_str());
                QCOMPARE(form->setFields(),
                         flowcast::ui::overrides::setKeys(written[section][name],
                                                          {"schedule", "autoscaling"}));
            }
            QCOMPARE(form->deployment().dump(), written.dump());
        }
        QCOMPARE(session.document().undoCount(), std::size_t{0}); // showing edits nothing
    }
};

QTEST_MAIN(TestScenarioForms)
#include "TestScenarioForms.moc"
