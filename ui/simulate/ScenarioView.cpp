#include "ui/simulate/ScenarioView.h"

#include "model/document/ProjectEdits.h"
#include "model/scenario/ScenarioError.h"
#include "simulator/core/RandomStream.h"
#include "simulator/workload/Workload.h"
#include "ui/code/CodeEditor.h"
#include "ui/plots/ArrivalsPlot.h"
#include "ui/scenario/ScenarioForms.h"
#include "ui/session/DefinitionSession.h"
#include "ui/simulate/ScenarioSource.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>

namespace flowcast::ui {

namespace {

constexpr double kDay = 86400;

// What a new project's scenario starts from: one execution an hour for a day, every state with
// the simulator's defaults (see README "Scenarios").
model::Json starterScenario() {
    return model::Json::parse(
        "{\"name\": \"first scenario\", \"seed\": 1, \"horizon\": \"1d\", \"replications\": 1,"
        " \"workload\": {\"schedule\": \"rate(1 hour)\", \"input\": {}}, \"services\": {},"
        " \"states\": {}}");
}

} // namespace

ArrivalPreview previewArrivals(const model::Json& scenario, const QString& scenarioPath,
                               std::size_t maxArrivals) {
    ArrivalPreview preview;
    const auto spec = scenario.find("workload");
    if (spec == scenario.end()) throw model::ScenarioError("", "missing \"workload\"");
    preview.records = spec->is_object() && spec->contains("stream");
    const std::unique_ptr<sim::Workload> workload = sim::parseWorkload(
        *spec, "/workload", QFileInfo(scenarioPath).absolutePath().toStdString());
    const std::uint64_t seed = scenario.value("seed", std::uint64_t{1});
    sim::RandomStream random(sim::RandomStreams::streamSeed(seed, "workload"));
    std::vector<std::pair<double, double>> arrivals; // (seconds, records)
    while (arrivals.size() < maxArrivals) {
        const std::optional<sim::Arrival> a = workload->next(random);
        if (!a || a->time.seconds() >= kDay) break;
        arrivals.emplace_back(a->time.seconds(), static_cast<double>(a->records));
    }
    const bool perMinute = arrivals.size() >= maxArrivals;
    preview.bucketSeconds = perMinute ? 60 : 3600;
    preview.counts.assign(perMinute ? 60 : 24, 0.0);
    for (const auto& [seconds, records] : arrivals) {
        const auto bucket = static_cast<std::size_t>(seconds / preview.bucketSeconds);
        if (bucket < preview.counts.size()) preview.counts[bucket] += preview.records ? records : 1;
    }
    if (perMinute) { // only the first hour is surely complete
        const double covered = arrivals.empty() ? 0 : arrivals.back().first;
        preview.counts.resize(std::min<std::size_t>(60, static_cast<std::size_t>(covered / 60)));
    }
    return preview;
}

ScenarioView::ScenarioView(DefinitionSession& session, QWidget* parent)
    : QWidget(parent), m_session(session) {
    m_editor = new CodeEditor(this);
    m_editor->setObjectName(QStringLiteral("scenarioEditor"));
    m_apply = new QPushButton(tr("Apply"), this);
    m_apply->setObjectName(QStringLiteral("applyScenario"));
    m_apply->setToolTip(tr("Check the scenario and keep it in the project (Ctrl+Return)"));
    m_revert = new QPushButton(tr("Revert"), this);
    m_revert->setToolTip(tr("Show the project's scenario again, dropping what was typed"));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_arrivals = new ArrivalsPlot(this);
    m_arrivals->setMinimumHeight(220);
    m_forms = new ScenarioForms(this);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_apply);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_status, 1);
    auto* text = new QWidget(this);
    auto* textLayout = new QVBoxLayout(text);
    textLayout->setContentsMargins(0, 0, 0, 0);
    textLayout->addLayout(buttons);
    textLayout->addWidget(m_editor, 1);
    // Forms on the left; the JSON they write and the arrivals they make on the right.
    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(text);
    right->addWidget(m_arrivals);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_forms);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({860, 640});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_apply, &QPushButton::clicked, this, [this] { apply(); });
    connect(m_revert, &QPushButton::clicked, this, &ScenarioView::refresh);
    auto* shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_editor);
    connect(shortcut, &QShortcut::activated, this, [this] { apply(); });
    connect(&m_session, &DefinitionSession::documentLoaded, this, &ScenarioView::refresh);
    connect(&m_session, &DefinitionSession::projectChanged, this, &ScenarioView::refresh);
    connect(&m_session, &DefinitionSession::contentChanged, this,
            &ScenarioView::updateDefinitionStates);
    connect(&m_session, &DefinitionSession::selectionChanged, this,
            &ScenarioView::onSelectionChanged);
    connect(m_forms, &ScenarioForms::edited, this, &ScenarioView::onFormEdited);
    updateDefinitionStates();
    refresh();
}

namespace {

// The states a scenario can model: Tasks (they call services) and distributed Maps (they read
// items), at any depth, named as ServiceRouter looks them up.
void collectModelled(const model::StateMachine& machine,
                     std::vector<std::pair<QString, QString>>& out) {
    for (const model::State& state : machine.states()) {
        if (state.type == model::StateType::Task || state.isDistributedMap)
            out.emplace_back(QString::fromStdString(state.name),
                             state.isDistributedMap
                                 ? QStringLiteral("Distributed Map")
                                 : QString::fromStdString(state.resource).section(':', -2));
        for (const model::StateMachine& branch : state.branches)
            collectModelled(branch, out);
    }
}

} // namespace

void ScenarioView::updateDefinitionStates() {
    std::vector<std::pair<QString, QString>> states;
    if (!m_session.definitions().empty())
        collectModelled(m_session.definitions().front().machine, states);
    m_forms->setDefinitionStates(std::move(states));
}

void ScenarioView::onSelectionChanged(const QString& pointer) {
    if (const model::State* state = m_session.stateAt(m_session.ownerOf(pointer)))
        m_forms->selectState(QString::fromStdString(state->name));
}

void ScenarioView::onFormEdited(const QString& mergeKey, const QString& label) {
    const model::Json scenario = m_forms->scenario();
    m_formScenario = scenario;
    const QString problem = checkScenario(scenario);
    if (!problem.isEmpty()) {
        // Shown, not kept: the project keeps its last good scenario until this one reads.
        m_editor->replaceTextKeepingView(QString::fromStdString(scenario.dump(2)) +
                                         QLatin1Char('\n'));
        setStatus(tr("Not applied: %1").arg(problem), true);
        return;
    }
    const bool applied = m_session.edit([&](const model::Document& document) {
        model::Edit edit =
            model::edits::setProjectValue(document, "/scenario", scenario, label.toStdString());
        edit.mergeKey = "scenario-form:" + mergeKey.toStdString();
        return edit;
    });
    if (applied) setStatus(tr("%1: Ctrl+Z undoes it.").arg(label), false);
}

QString ScenarioView::statusText() const {
    return m_status->text();
}

bool ScenarioView::hasUnappliedText() const {
    return m_editor->text() != m_shown;
}

void ScenarioView::setStatus(const QString& text, bool error) {
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #d32f2f") : QString());
}

void ScenarioView::refresh() {
    const model::Json& project = m_session.document().project();
    const auto it = project.find("scenario");
    const model::Json scenario = it != project.end() ? *it : starterScenario();
    m_shown = QString::fromStdString(scenario.dump(2)) + QLatin1Char('\n');
    m_editor->replaceTextKeepingView(m_shown);
    m_editor->setProblems({});
    m_editor->setReadOnly(!m_session.isEditable());
    m_apply->setEnabled(m_session.isEditable());
    m_forms->setEditable(m_session.isEditable());
    m_forms->setScenarioPath(m_session.path());
    if (scenario != m_formScenario) { // not after the forms' own edit: keeps the user's focus
        m_formScenario = scenario;
        m_forms->setScenario(scenario);
    }
    setStatus(it != project.end() ? QString()
                                  : tr("No scenario yet: this starting point is kept in the "
                                       "project when you apply it."),
              false);
    updatePreview(scenario);
}

void ScenarioView::updatePreview(const model::Json& scenario) {
    try {
        const ArrivalPreview p = previewArrivals(scenario, m_session.path());
        m_arrivals->setArrivals(p.counts, p.bucketSeconds, p.records);
    } catch (const model::ScenarioError& e) {
        m_arrivals->setArrivals({}, 3600, false,
                                tr("No preview: %1").arg(QString::fromUtf8(e.what())));
    }
}

bool ScenarioView::apply() {
    const QByteArray text = m_editor->text().toUtf8();
    model::Json scenario;
    try {
        scenario = model::Json::parse(text.constData(), text.constData() + text.size());
    } catch (const nlohmann::json::parse_error& e) {
        // nlohmann counts the byte offset; the editor shows line and column.
        const auto offset = static_cast<qsizetype>(e.byte);
        const QByteArray before = text.left(std::max<qsizetype>(0, offset - 1));
        const int line = static_cast<int>(before.count('\n')) + 1;
        const int column = static_cast<int>(before.size() - before.lastIndexOf('\n'));
        const QString message = tr("line %1, column %2: not JSON").arg(line).arg(column);
        m_editor->setProblems({{CodeEditor::Mark::SyntaxError, line, column, message}});
        setStatus(tr("Not applied: %1").arg(message), true);
        return false;
    }
    if (const QString problem = checkScenario(scenario); !problem.isEmpty()) {
        setStatus(tr("Not applied: %1").arg(problem), true);
        return false;
    }
    m_editor->setProblems({});
    const bool applied = m_session.edit([&](const model::Document& document) {
        return model::edits::setProjectValue(document, "/scenario", scenario,
                                             tr("Edit the scenario").toStdString());
    });
    if (applied) setStatus(tr("Applied: Ctrl+Z brings the previous scenario back."), false);
    return applied;
}

QString ScenarioView::checkScenario(const model::Json& scenario) const {
    // Checked as the Simulate mode will read it, against a throwaway copy of the project.
    model::Document trial(m_session.document().definition(), model::Json::object(),
                          m_session.document().project());
    trial.apply(model::edits::setProjectValue(trial, "/scenario", scenario));
    try {
        ProjectScenario checked = scenarioOfProject(trial.project(), m_session.path());
        if (!checked.scenario) throw model::ScenarioError("", checked.error.toStdString());
        (void)sim::parseWorkload(checked.scenario->section("workload"), "/workload",
                                 checked.scenario->baseDir());
    } catch (const model::ScenarioError& e) {
        const QString where = QString::fromStdString(e.pointer());
        return (where.isEmpty() ? QString() : QStringLiteral("/scenario") + where + ": ") +
               QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace flowcast::ui
