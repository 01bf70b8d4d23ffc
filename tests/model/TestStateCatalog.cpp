// The palette's catalogue: what it offers, that every entry validates alone in both query
// languages, AWS's default Lambda retrier, field order, search, and renaming a fragment so it
// fits into a definition that already uses its names.
#include "model/asl/Diagnostic.h"
#include "model/asl/Validator.h"
#include "model/document/StateCatalog.h"

#include "tests/common/QuotedJson.h"

#include <QtTest>

#include <set>

using namespace flowcast::model;

Q_DECLARE_METATYPE(QueryLanguage)

namespace {

const StateCatalog& catalog() {
    return StateCatalog::builtIn();
}

QStringList ids(const std::vector<const CatalogEntry*>& entries) {
    QStringList out;
    for (const CatalogEntry* e : entries)
        out << QString::fromStdString(e->id);
    return out;
}

QStringList keysOf(const Json& object) {
    QStringList out;
    for (const auto& [key, value] : object.items())
        out << QString::fromStdString(key);
    return out;
}

// The fragment alone: {"StartAt": entry, "States": {...}}, JSONata declared at the top.
Json definitionOf(const CatalogFragment& fragment, QueryLanguage language) {
    Json definition = Json::object();
    if (language == QueryLanguage::Jsonata) definition["QueryLanguage"] = "JSONata";
    definition["StartAt"] = fragment.entry;
    definition["States"] = Json::object();
    for (const CatalogState& s : fragment.states)
        definition["States"][s.name] = s.state;
    return definition;
}

QString diagnosticsText(const Diagnostics& diagnostics) {
    QStringList lines;
    for (const Diagnostic& d : diagnostics)
        lines << QString::fromStdString(formatDiagnostic("fragment", d));
    return lines.join('\n');
}

// Where AWS's documentation writes each field of a state (Type first; Retry, Catch, Next and End
// last), as the Developer Guide's state pages and Workflow Studio write them.
const QStringList kFieldOrder =
    QString("Type Comment Resource Credentials Arguments Parameters InputPath ItemsPath "
            "Items ItemReader ItemSelector ItemBatcher MaxConcurrency ItemProcessor Iterator "
            "Branches Choices Default Seconds SecondsPath Timestamp TimestampPath Result "
            "ResultWriter ResultSelector ResultPath OutputPath Output Assign TimeoutSeconds "
            "HeartbeatSeconds Error ErrorPath Cause CausePath Retry Catch Next End")
        .split(' ');

// Empty when every state, nested ones included, writes its fields in kFieldOrder.
QString fieldOrderProblem(const Json& states) {
    for (const auto& [name, state] : states.items()) {
        const QStringList keys = keysOf(state);
        for (int i = 0; i < keys.size(); ++i) {
            const int rank = kFieldOrder.indexOf(keys[i]);
            if (rank < 0) return QString::fromStdString(name) + ": unknown field " + keys[i];
            if (i > 0 && rank < kFieldOrder.indexOf(keys[i - 1]))
                return QString::fromStdString(name) + ": " + keys[i] + " after " + keys[i - 1];
        }
        std::vector<const Json*> scopes;
        if (state.contains("Branches"))
            for (const Json& b : state["Branches"])
                scopes.push_back(&b);
        if (state.contains("ItemProcessor")) scopes.push_back(&state["ItemProcessor"]);
        for (const Json* scope : scopes)
            if (QString p = fieldOrderProblem((*scope)["States"]); !p.isEmpty()) return p;
    }
    return {};
}

} // namespace

class TestStateCatalog : public QObject {
    Q_OBJECT

    static void perEntryAndLanguage() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QueryLanguage>("language");
        for (const CatalogEntry& e : catalog().entries()) {
            QTest::newRow((e.id + " JSONPath").c_str())
                << QString::fromStdString(e.id) << QueryLanguage::JsonPath;
            QTest::newRow((e.id + " JSONata").c_str())
                << QString::fromStdString(e.id) << QueryLanguage::Jsonata;
        }
    }

private slots:
    void offersWhatTheIssueAsks() {
        const QStringList flow{"pass", "choice", "wait", "succeed", "fail", "parallel", "map"};
        const QStringList actions{"lambda-invoke",
                                  "glue-start-job-run",
                                  "glue-start-crawler",
                                  "emr-create-cluster",
                                  "emr-add-step",
                                  "emr-terminate-cluster",
                                  "emr-serverless-start-job-run",
                                  "athena-start-query-execution",
                                  "sagemaker-create-transform-job",
                                  "dynamodb-put-item",
                                  "dynamodb-get-item",
                                  "sns-publish",
                                  "sqs-send-message",
                                  "batch-submit-job",
                                  "ecs-run-task",
                                  "http-invoke",
                                  "aws-sdk-call"};
        const QStringList patterns{"pattern-poll-until-done", "pattern-fan-out-map",
                                   "pattern-catch-notify-fail"};
        QStringList all;
        QMap<CatalogGroup, QStringList> byGroup;
        for (const CatalogEntry& e : catalog().entries()) {
            all << QString::fromStdString(e.id);
            byGroup[e.group] << QString::fromStdString(e.id);
        }
        QCOMPARE(all, flow + actions + patterns); // grouped, in catalogue order
        QCOMPARE(byGroup[CatalogGroup::Flow], flow);
        QCOMPARE(byGroup[CatalogGroup::Actions], actions);
        QCOMPARE(byGroup[CatalogGroup::Patterns], patterns);
        QCOMPARE(QString::fromStdString(std::string(catalogGroupName(CatalogGroup::Patterns))),
                 QString("Patterns"));
    }

    void idsAreUniqueAndEntriesComplete() {
        std::set<std::string> seen;
        for (const CatalogEntry& e : catalog().entries()) {
            QVERIFY2(seen.insert(e.id).second, e.id.c_str());
            QVERIFY2(!e.name.empty() && !e.service.empty() && !e.description.empty(), e.id.c_str());
            QVERIFY2(!e.keywords.empty(), e.id.c_str());
            QVERIFY2(bool(e.build), e.id.c_str());
            QCOMPARE(catalog().find(e.id), &e);
        }
        QCOMPARE(catalog().find("no-such-entry"), nullptr);
    }

    void everyEntryValidatesAlone_data() { perEntryAndLanguage(); }
    void everyEntryValidatesAlone() {
        QFETCH(QString, id);
        QFETCH(QueryLanguage, language);
        const CatalogFragment fragment = catalog().find(id.toStdString())->build(language);
        QVERIFY(fragment.find(fragment.entry));
        const Diagnostics diagnostics = Validator().validate(definitionOf(fragment, language));
        // Not even a warning: the placeholders are real-looking values, not ${...}.
        QVERIFY2(diagnostics.empty(), qPrintable(diagnosticsText(diagnostics)));
    }

    void validationCanFail() {
        // The check above must be able to fail: a JSONata state in a JSONPath definition, and a
        // Choice without the states its rules go to, are errors.
        const CatalogFragment lambda =
            catalog().find("lambda-invoke")->build(QueryLanguage::Jsonata);
        QVERIFY(hasError(Validator().validate(definitionOf(lambda, QueryLanguage::JsonPath))));
        CatalogFragment choice = catalog().find("choice")->build(QueryLanguage::JsonPath);
        choice.states.resize(1);
        const Diagnostics diagnostics =
            Validator().validate(definitionOf(choice, QueryLanguage::JsonPath));
        QVERIFY(hasError(diagnostics));
        QCOMPARE(QString::fromStdString(diagnostics.front().code),
                 QString("MISSING_TRANSITION_TARGET"));
    }

    void exitsAreTheEndStates_data() { perEntryAndLanguage(); }
    void exitsAreTheEndStates() {
        QFETCH(QString, id);
        QFETCH(QueryLanguage, language);
        const CatalogFragment fragment = catalog().find(id.toStdString())->build(language);
        std::vector<std::string> ends;
        for (const CatalogState& s : fragment.states) {
            if (s.state.value("End", false)) ends.push_back(s.name);
            QVERIFY2(!s.state.contains("QueryLanguage"), s.name.c_str()); // inherits its scope's
        }
        QCOMPARE(fragment.exits, ends);
    }

    void fieldsInAwsOrder_data() { perEntryAndLanguage(); }
    void fieldsInAwsOrder() {
        QFETCH(QString, id);
        QFETCH(QueryLanguage, language);
        const CatalogFragment fragment = catalog().find(id.toStdString())->build(language);
        const QString problem = fieldOrderProblem(definitionOf(fragment, language)["States"]);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void lambdaKeysInWorkflowStudioOrder() {
        const CatalogEntry* lambda = catalog().find("lambda-invoke");
        const Json path = *lambda->build(QueryLanguage::JsonPath).find("Lambda Invoke");
        QCOMPARE(keysOf(path),
                 QStringList({"Type", "Resource", "Parameters", "OutputPath", "Retry", "End"}));
        QCOMPARE(path["Parameters"].dump(),
                 quotedJson("{'FunctionName':'arn:aws:lambda:us-east-1:123456789012:function:"
                            "my-function','Payload.$':'$'}")
                     .dump());
        QCOMPARE(path["OutputPath"], Json("$.Payload"));
        const Json jsonata = *lambda->build(QueryLanguage::Jsonata).find("Lambda Invoke");
        QCOMPARE(keysOf(jsonata),
                 QStringList({"Type", "Resource", "Arguments", "Output", "Retry", "End"}));
        QCOMPARE(jsonata["Arguments"]["Payload"], Json("{% $states.input %}"));
        QCOMPARE(jsonata["Output"], Json("{% $states.result.Payload %}"));
    }

    void lambdaCarriesAwsDefaultRetrier() {
        const Json expected = quotedJson(
            "[{'ErrorEquals':['Lambda.ServiceException','Lambda.AWSLambdaException',"
            "'Lambda.SdkClientException','Lambda.TooManyRequestsException'],"
            "'IntervalSeconds':1,'MaxAttempts':3,'BackoffRate':2,'JitterStrategy':'FULL'}]");
        QCOMPARE(defaultLambdaRetry().dump(), expected.dump());
        for (QueryLanguage language : {QueryLanguage::JsonPath, QueryLanguage::Jsonata}) {
            const CatalogFragment lambda = catalog().find("lambda-invoke")->build(language);
            QCOMPARE((*lambda.find("Lambda Invoke"))["Retry"].dump(), expected.dump());
            // The Lambda inside the fan-out Map is the same state.
            const CatalogFragment fanOut = catalog().find("pattern-fan-out-map")->build(language);
            const Json& inner =
                (*fanOut.find("Fan Out"))["ItemProcessor"]["States"]["Process Item"];
            QCOMPARE(inner["Retry"].dump(), expected.dump());
        }
    }

    void jsonataArgumentsReadStatesInputAndContext() {
        const Json sqs = *catalog()
                              .find("sqs-send-message")
                              ->build(QueryLanguage::Jsonata)
                              .find("SQS SendMessage");
        QCOMPARE(sqs["Arguments"]["MessageBody"], Json("{% $states.input %}"));
        QVERIFY(!sqs["Arguments"].contains("MessageBody.$"));
        const Json transform = *catalog()
                                    .find("sagemaker-create-transform-job")
                                    ->build(QueryLanguage::Jsonata)
                                    .find("SageMaker CreateTransformJob");
        QCOMPARE(transform["Arguments"]["TransformJobName"],
                 Json("{% $states.context.Execution.Name %}"));
        const Json get = *catalog()
                              .find("dynamodb-get-item")
                              ->build(QueryLanguage::Jsonata)
                              .find("DynamoDB GetItem");
        QCOMPARE(get["Arguments"]["Key"].dump(),
                 quotedJson("{'pk':{'S':'{% $states.input.pk %}'}}").dump());
    }

    void entryStateTypes_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("type");
        QTest::newRow("pass") << "pass" << int(StateType::Pass);
        QTest::newRow("choice") << "choice" << int(StateType::Choice);
        QTest::newRow("map") << "map" << int(StateType::Map);
        QTest::newRow("lambda") << "lambda-invoke" << int(StateType::Task);
        QTest::newRow("poll") << "pattern-poll-until-done" << int(StateType::Task);
        QTest::newRow("fan-out") << "pattern-fan-out-map" << int(StateType::Map);
    }
    void entryStateTypes() {
        QFETCH(QString, id);
        QFETCH(int, type);
        QCOMPARE(int(catalog().find(id.toStdString())->stateType()), type);
    }

    void searchMatchesNameServiceAndKeywords_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("service") << "glue"
                                 << QStringList{"glue-start-job-run", "glue-start-crawler",
                                                "pattern-poll-until-done"};
        QTest::newRow("any case") << "GlUe"
                                  << QStringList{"glue-start-job-run", "glue-start-crawler",
                                                 "pattern-poll-until-done"};
        QTest::newRow("keyword only") << "catalog" << QStringList{"glue-start-crawler"};
        QTest::newRow("crawler") << "crawler" << QStringList{"glue-start-crawler"};
        QTest::newRow("every word")
            << " emr  cluster " << QStringList{"emr-create-cluster", "emr-terminate-cluster"};
        QTest::newRow("name") << "putitem" << QStringList{"dynamodb-put-item"};
        QTest::newRow("nothing") << "kinesis" << QStringList{};
    }
    void searchMatchesNameServiceAndKeywords() {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QCOMPARE(ids(catalog().search(text.toStdString())), expected);
    }

    void blankSearchReturnsEverythingInOrder() {
        for (const char* blank : {"", "   "}) {
            const auto found = catalog().search(blank);
            QCOMPARE(found.size(), catalog().entries().size());
            for (std::size_t i = 0; i < found.size(); ++i)
                QCOMPARE(found[i], &catalog().entries()[i]);
        }
    }

    void renamingFollowsEveryReference() {
        CatalogFragment poll =
            catalog().find("pattern-poll-until-done")->build(QueryLanguage::JsonPath);
        const std::set<std::string> taken{"Start Job Run", "Wait for Job", "Job Succeeded",
                                          "Job Succeeded 2"};
        poll.makeNamesUnique([&](const std::string& n) { return taken.count(n) > 0; });
        QCOMPARE(poll.entry, std::string("Start Job Run 2"));
        QCOMPARE(poll.exits, std::vector<std::string>{"Job Succeeded 3"});
        QCOMPARE((*poll.find("Start Job Run 2"))["Next"], Json("Wait for Job 2"));
        const Json& choice = *poll.find("Job Finished?");
        QCOMPARE(choice["Default"], Json("Wait for Job 2"));
        QCOMPARE(choice["Choices"][0]["Next"], Json("Job Succeeded 3"));
        QCOMPARE(choice["Choices"][1]["Next"], Json("Job Failed"));
        const Diagnostics diagnostics =
            Validator().validate(definitionOf(poll, QueryLanguage::JsonPath));
        QVERIFY2(diagnostics.empty(), qPrintable(diagnosticsText(diagnostics)));
    }

    void renamingReachesNestedScopes() {
        CatalogFragment parallel = catalog().find("parallel")->build(QueryLanguage::JsonPath);
        QCOMPARE(parallel.allStateNames(), (std::vector<std::string>{"Parallel", "Branch 1"}));
        parallel.makeNamesUnique([](const std::string& n) { return n == "Branch 1"; });
        const Json& branch = (*parallel.find("Parallel"))["Branches"][0];
        QCOMPARE(branch["StartAt"], Json("Branch 1 2"));
        QCOMPARE(keysOf(branch["States"]), QStringList{"Branch 1 2"});
        QCOMPARE(parallel.entry, std::string("Parallel"));

        CatalogFragment untouched = catalog().find("map")->build(QueryLanguage::Jsonata);
        const std::string before = untouched.states.front().state.dump();
        untouched.makeNamesUnique([](const std::string&) { return false; });
        QCOMPARE(untouched.states.front().state.dump(), before);
    }
};

QTEST_APPLESS_MAIN(TestStateCatalog)
#include "TestStateCatalog.moc"
