// JSONata states in the interpreter (issue 7, section 3): Arguments, Output, Assign (evaluated
// together, applied after), Choice Conditions, Catch over $states.errorOutput, Map Items and
// ItemSelector, Wait, Fail, TimeoutSeconds, States.QueryEvaluationError, and JSONata states
// mixed with JSONPath ones; the distributed Map in JSONata (issue 3). Each row runs one execution
// against a scripted backend.
#include "tests/common/ExecutionRun.h"
#include "tests/common/QuotedJson.h"
#include "tests/model/CorpusManifest.h"

#include <QtTest>

using flowcast::model::Json;
using namespace flowcast::sim;

namespace {

// Tasks echo their effective input after 10 s, except those whose input has "fail": true. An
// ItemReader's s3:getObject of lake/k.csv reads a CSV of three rows at once.
class Backend final : public TaskBackend {
public:
    std::optional<TaskOutcome> start(const TaskCall& call) override {
        if (call.resource == "arn:aws:states:::s3:getObject") {
            if (call.input != Json{{"Bucket", "lake"}, {"Key", "k.csv"}})
                return TaskOutcome::failure("Test.WrongArguments", call.input.dump());
            return TaskOutcome::success(Json("n\n1\n2\n3\n"));
        }
        if (call.input.is_object() && call.input.value("fail", false))
            return TaskOutcome::failure("Work.Failed", "asked to fail", SimTime::fromSeconds(10));
        return TaskOutcome::success(call.input, SimTime::fromSeconds(10));
    }
};

const char* const kTask = "'Type':'Task','Resource':'arn:aws:states:::lambda:invoke'";

} // namespace

class TestJsonataStates : public QObject {
    Q_OBJECT

private slots:
    void flows_data() {
        QTest::addColumn<QString>("states"); // the States object's content; StartAt is "A"
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("outputOrError");
        const QString task = kTask;
        QTest::newRow("task arguments and output")
            << "'A':{" + task +
                   ",'Arguments':{'x':'{% $states.input.a + 1 %}','k':'lit'},"
                   "'Output':'{% $states.result.x * 10 %}','End':true}"
            << "{'a':1}"
            << "SUCCEEDED"
            << "20";
        QTest::newRow("task output defaults to the result")
            << "'A':{" + task + ",'Arguments':{'y':'{% $states.input.a %}'},'End':true}"
            << "{'a':5,'b':6}"
            << "SUCCEEDED"
            << "{'y':5}";
        QTest::newRow("pass output defaults to the input") << "'A':{'Type':'Pass','End':true}"
                                                           << "{'a':1}"
                                                           << "SUCCEEDED"
                                                           << "{'a':1}";
        QTest::newRow("assign and output see the same variables")
            << "'A':{'Type':'Pass','Assign':{'v':1},'Next':'B'},"
               "'B':{'Type':'Pass','Assign':{'v':'{% $v + 1 %}'},'Output':{'old':'{% $v %}'},"
               "'Next':'C'},"
               "'C':{'Type':'Pass','Output':{'old':'{% $states.input.old %}','new':'{% $v %}'},"
               "'End':true}"
            << "{}"
            << "SUCCEEDED"
            << "{'old':1,'new':2}";
        QTest::newRow("choice condition, rule output")
            << "'A':{'Type':'Choice','Choices':["
               "{'Condition':'{% $states.input.n > 10 %}','Next':'Big','Output':'big'},"
               "{'Condition':'{% $states.input.n > 5 %}','Next':'Mid'}],'Default':'Small'},"
               "'Big':{'Type':'Succeed'},'Mid':{'Type':'Succeed'},"
               "'Small':{'Type':'Pass','Output':'small','End':true}"
            << "{'n':7}"
            << "SUCCEEDED"
            << "{'n':7}";
        QTest::newRow("choice default") << "'A':{'Type':'Choice','Choices':[{'Condition':"
                                           "'{% $states.input.n > 10 %}','Next':'Big'}],"
                                           "'Default':'Small'},'Big':{'Type':'Succeed'},"
                                           "'Small':{'Type':'Pass','Output':'small','End':true}"
                                        << "{'n':1}"
                                        << "SUCCEEDED"
                                        << "'small'";
        QTest::newRow("choice condition not a boolean")
            << "'A':{'Type':'Choice','Choices':[{'Condition':'{% $states.input.n %}',"
               "'Next':'B'}]},'B':{'Type':'Succeed'}"
            << "{'n':1}"
            << "FAILED"
            << "States.QueryEvaluationError";
        QTest::newRow("catch output over the error output")
            << "'A':{" + task +
                   ",'Arguments':{'fail':true},'Catch':[{'ErrorEquals':['States.ALL'],"
                   "'Output':{'err':'{% $states.errorOutput.Error %}','in':'{% $states.input.a "
                   "%}'},"
                   "'Assign':{'caught':'{% $states.errorOutput.Cause %}'},'Next':'B'}]},"
                   "'B':{'Type':'Pass','Output':'{% $merge([$states.input, {\\'why\\': $caught}]) "
                   "%}','End':true}"
            << "{'a':3}"
            << "SUCCEEDED"
            << "{'err':'Work.Failed','in':3,'why':'asked to fail'}";
        QTest::newRow("undefined result is a query error, catchable")
            << "'A':{" + task +
                   ",'Output':'{% $states.result.missing %}','Catch':[{'ErrorEquals':["
                   "'States.QueryEvaluationError'],'Next':'B'}]},"
                   "'B':{'Type':'Pass','Output':'{% $states.input.Error %}','End':true}"
            << "{}"
            << "SUCCEEDED"
            << "'States.QueryEvaluationError'";
        QTest::newRow("map items and item selector")
            << "'A':{'Type':'Map','Items':'{% $states.input.xs %}','ItemSelector':{"
               "'i':'{% $states.context.Map.Item.Index %}','v':'{% $states.context.Map.Item.Value "
               "* 2 %}'},'ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},"
               "'End':true}"
            << "{'xs':[5,6]}"
            << "SUCCEEDED"
            << "[{'i':0,'v':10},{'i':1,'v':12}]";
        QTest::newRow("fail with expressions")
            << "'A':{'Type':'Fail','Error':'{% \\'E.\\' & $states.input.code %}',"
               "'Cause':'{% $string($states.input.n) %}'}"
            << "{'code':'X','n':4}"
            << "FAILED"
            << "E.X";
        QTest::newRow("timeout from an expression")
            << "'A':{" + task + ",'TimeoutSeconds':'{% $states.input.t %}','End':true}"
            << "{'t':5}"
            << "FAILED"
            << "States.Timeout";
        QTest::newRow("mixed with a JSONPath state")
            << "'A':{'Type':'Pass','QueryLanguage':'JSONPath','Parameters':{'x.$':'$.a'},"
               "'Next':'B'},'B':{'Type':'Pass','Output':'{% $states.input.x + 1 %}','End':true}"
            << "{'a':1}"
            << "SUCCEEDED"
            << "2";
    }
    void flows() {
        QFETCH(QString, states);
        QFETCH(QString, input);
        QFETCH(QString, status);
        QFETCH(QString, outputOrError);
        // Top level JSONata, except the row that mixes: there the top is JSONPath and B opts in.
        const bool mixed = states.contains("'QueryLanguage':'JSONPath'");
        QString text = "{" + QString(mixed ? "" : "'QueryLanguage':'JSONata',") +
                       "'StartAt':'A','States':{" + states + "}}";
        if (mixed)
            text.replace("'B':{'Type':'Pass',", "'B':{'Type':'Pass','QueryLanguage':'JSONata',");
        Kernel kernel(3);
        Backend backend;
        const auto r = testing::run(quotedJson(text), quotedJson(input), backend, kernel);
        QCOMPARE(QString::fromStdString(std::string(executionStatusName(r.status))), status);
        if (status == "SUCCEEDED")
            QCOMPARE(r.output, quotedJson(outputOrError));
        else
            QVERIFY2(QString::fromStdString(r.error) == outputOrError,
                     (r.error + ": " + r.cause).c_str());
    }

    // A JSONata distributed Map "A" whose Standard children run one Task (10 s each); `fields`
    // are the Map state's own. Expected values are worked out from AWS's rules by hand.
    void distributedMap_data() {
        QTest::addColumn<QString>("fields");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("outputOrError");
        QTest::addColumn<double>("endSeconds");
        QTest::newRow("items and item selector with the item's index and value")
            << "'Items':'{% $states.input.xs %}','ItemSelector':{"
               "'i':'{% $states.context.Map.Item.Index %}',"
               "'v':'{% $states.context.Map.Item.Value * 2 %}'}"
            << "{'xs':[5,6]}"
            << "SUCCEEDED"
            << "[{'i':0,'v':10},{'i':1,'v':12}]" << 10.0;
        QTest::newRow("without Items, the state's input") << "'Output':'{% $sum($states.result) %}'"
                                                          << "[1,2,3]"
                                                          << "SUCCEEDED"
                                                          << "6" << 10.0;
        // Four 10 s children two at a time: two rounds.
        QTest::newRow("max concurrency from an expression")
            << "'Items':'{% $states.input.xs %}','MaxConcurrency':'{% $states.input.c %}'"
            << "{'xs':[1,2,3,4],'c':2}"
            << "SUCCEEDED"
            << "[1,2,3,4]" << 20.0;
        // One failure in four is 25 %: not over 25, over 20.
        QTest::newRow("tolerated percentage from an expression, tolerated")
            << "'ToleratedFailurePercentage':'{% $states.input.p %}','Items':'{% $states.input.xs "
               "%}','Output':'{% $states.result[1].Error %}'"
            << "{'p':25,'xs':[{},{'fail':true},{},{}]}"
            << "SUCCEEDED"
            << "'Work.Failed'" << 10.0;
        QTest::newRow("tolerated percentage from an expression, exceeded")
            << "'ToleratedFailurePercentage':'{% $states.input.p %}','Items':'{% $states.input.xs "
               "%}'"
            << "{'p':20,'xs':[{},{'fail':true},{},{}]}"
            << "FAILED"
            << "States.ExceedToleratedFailureThreshold" << 10.0;
        QTest::newRow("item batcher with expressions and batch input")
            << "'Items':'{% $states.input.xs %}','ItemBatcher':{"
               "'MaxItemsPerBatch':'{% $states.input.n %}',"
               "'BatchInput':{'tag':'{% $states.input.tag %}'}}"
            << "{'xs':[1,2,3],'n':2,'tag':'t'}"
            << "SUCCEEDED"
            << "[{'BatchInput':{'tag':'t'},'Items':[1,2]},{'BatchInput':{'tag':'t'},'Items':[3]}]"
            << 10.0;
        QTest::newRow("result writer arguments, output over the writer's description")
            << "'Items':'{% $states.input.xs %}','ResultWriter':{'Arguments':{'Bucket':'{% "
               "$states.input.b %}','Prefix':'out'}},"
               "'Output':'{% $states.result.ResultWriterDetails.Bucket %}'"
            << "{'xs':[1],'b':'bk'}"
            << "SUCCEEDED"
            << "'bk'" << 10.0;
        QTest::newRow("item reader arguments and reader config from expressions")
            << "'ItemReader':{'Resource':'arn:aws:states:::s3:getObject','Arguments':{"
               "'Bucket':'lake','Key':'{% $states.input.key %}'},'ReaderConfig':{'InputType':"
               "'CSV','CSVHeaderLocation':'FIRST_ROW','MaxItems':'{% $states.input.max %}'}}"
            << "{'key':'k.csv','max':2}"
            << "SUCCEEDED"
            << "[{'n':'1'},{'n':'2'}]" << 10.0;
        QTest::newRow("items not an array") << "'Items':'{% $states.input.n %}'"
                                            << "{'n':1}"
                                            << "FAILED"
                                            << "States.Runtime" << 0.0;
    }
    void distributedMap() {
        QFETCH(QString, fields);
        QFETCH(QString, input);
        QFETCH(QString, status);
        QFETCH(QString, outputOrError);
        QFETCH(double, endSeconds);
        const QString text = "{'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':"
                             "'Map','ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED',"
                             "'ExecutionType':'STANDARD'},'StartAt':'P','States':{'P':{" +
                             QString(kTask) + ",'End':true}}}," + fields + ",'End':true}}}";
        Kernel kernel(3);
        Backend backend;
        const auto r = testing::run(quotedJson(text), quotedJson(input), backend, kernel);
        QVERIFY2(QString::fromStdString(std::string(executionStatusName(r.status))) == status,
                 (r.error + ": " + r.cause).c_str());
        if (status == "SUCCEEDED")
            QVERIFY2(r.output == quotedJson(outputOrError), r.output.dump().c_str());
        else
            QVERIFY2(QString::fromStdString(r.error) == outputOrError,
                     (r.error + ": " + r.cause).c_str());
        QCOMPARE(r.end, SimTime::fromSeconds(endSeconds));
    }

    // The public corpus's JSONata ItemBatcher: "{% %}" tolerated counts and batch sizes, a
    // literal BatchInput, Express children running a JSONPath Task that returns its Payload.
    void corpusItemBatcherDefinition() {
        const QString root = corpusRoot();
        if (root.isEmpty()) QSKIP("corpus not found");
        QFile file(root + "/asl-validator-tests/src/__tests__/definitions/"
                          "valid-map-with-item-batcher-jsonata.json");
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const Json definition = Json::parse(file.readAll().toStdString());
        Kernel kernel(3);
        Backend backend;
        const auto r = testing::run(definition, quotedJson("[1,2,3]"), backend, kernel);
        QVERIFY2(r.status == ExecutionStatus::Succeeded, (r.error + ": " + r.cause).c_str());
        // MaxItemsPerBatch 2 over three items: two batches.
        QCOMPARE(r.output, quotedJson("[{'BatchInput':{'inputKey':'inputValue'},'Items':[1,2]},"
                                      "{'BatchInput':{'inputKey':'inputValue'},'Items':[3]}]"));
    }

    void waitSecondsFromAnExpression() {
        Kernel kernel(3);
        Backend backend;
        const auto r = testing::run(
            quotedJson("{'QueryLanguage':'JSONata','StartAt':'W','States':{'W':{'Type':'Wait',"
                       "'Seconds':'{% $states.input.w * 2 %}','End':true}}}"),
            quotedJson("{'w':30}"), backend, kernel);
        QCOMPARE(executionStatusName(r.status), std::string_view("SUCCEEDED"));
        QCOMPARE(r.end, SimTime::fromSeconds(60));
    }
};

QTEST_APPLESS_MAIN(TestJsonataStates)
#include "TestJsonataStates.moc"
