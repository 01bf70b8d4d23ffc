// Workflow variables (Assign, "$name") and the 256 KiB payload quota (States.DataLimitExceeded)
// in the interpreter, JSONPath states. Each row runs one execution whose Tasks echo their input.
#include "model/asl/eval/PayloadSize.h"
#include "tests/common/ExecutionRun.h"
#include "tests/common/QuotedJson.h"

#include <QtTest>

using flowcast::model::Json;
using namespace flowcast::sim;
using flowcast::sim::testing::run;

namespace {

// A Pass state that shows variables: {"key": $name, ...} as its output, ending the execution.
QString show(const QString& name, const QStringList& variables) {
    QStringList fields;
    for (const QString& v : variables)
        fields << "'" + v + ".$':'$" + v + "'";
    return "'" + name + "':{'Type':'Pass','Parameters':{" + fields.join(",") + "},'End':true}";
}

} // namespace

class TestVariables : public QObject {
    Q_OBJECT

private slots:
    void assign_data() {
        QTest::addColumn<QString>("states");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("output");
        QTest::addColumn<QString>("error");
        // Literal and ".$" values; "$" in a Pass state's Assign is its result.
        QTest::newRow("pass assigns, later state reads")
            << "'A':{'Type':'Pass','Result':{'n':5},'Assign':{'x.$':'$.n','lit':'hi'},'Next':'S'}"
               "," +
                   show("S", {"x", "lit"})
            << "{}"
            << "SUCCEEDED"
            << "{'x':5,'lit':'hi'}"
            << "";
        // "All assignments are evaluated first, then applied": a swap works.
        QTest::newRow("swap")
            << "'A':{'Type':'Pass','Assign':{'a':1,'b':2},'Next':'B'},"
               "'B':{'Type':'Pass','Assign':{'a.$':'$b','b.$':'$a'},'Next':'S'}," +
                   show("S", {"a", "b"})
            << "{}"
            << "SUCCEEDED"
            << "{'a':2,'b':1}"
            << "";
        // The state's own fields read the values it was entered with; the next state the new.
        QTest::newRow("new value from the next state on")
            << "'A':{'Type':'Pass','Assign':{'x':1},'Next':'B'},"
               "'B':{'Type':'Pass','Parameters':{'old.$':'$x'},'Assign':{'x':2},'Next':'C'},"
               "'C':{'Type':'Pass','Parameters':{'old.$':'$.old','now.$':'$x'},'End':true}"
            << "{}"
            << "SUCCEEDED"
            << "{'old':1,'now':2}"
            << "";
        // JSONPath data flow: Assign reads the result after ResultSelector, before ResultPath.
        QTest::newRow("task assign after ResultSelector")
            << "'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Parameters':{'v':7}"
               ","
               "'ResultSelector':{'w.$':'$.v'},'Assign':{'got.$':'$.w'},'ResultPath':null,"
               "'Next':'S'}," +
                   show("S", {"got"})
            << "{'keep':true}"
            << "SUCCEEDED"
            << "{'got':7}"
            << "";
        QTest::newRow("task output keeps ResultPath")
            << "'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Parameters':{'v':7}"
               ","
               "'Assign':{'got.$':'$.v'},'ResultPath':null,'End':true}"
            << "{'keep':true}"
            << "SUCCEEDED"
            << "{'keep':true}"
            << "";
        // Choice: the matched rule's Assign over the state's effective input.
        QTest::newRow("choice rule assigns")
            << "'C':{'Type':'Choice','Choices':[{'Variable':'$.n','NumericGreaterThan':5,"
               "'Assign':{'size':'big','n.$':'$.n'},'Next':'S'}],'Default':'F'},"
               "'F':{'Type':'Fail','Error':'Small'}," +
                   show("S", {"size", "n"})
            << "{'n':9}"
            << "SUCCEEDED"
            << "{'size':'big','n':9}"
            << "";
        QTest::newRow("choice compares a variable")
            << "'A':{'Type':'Pass','Assign':{'limit':3},'Next':'C'},"
               "'C':{'Type':'Choice','Choices':[{'Variable':'$.n','NumericGreaterThanPath':'$limit'"
               ","
               "'Next':'S'}],'Default':'F'},'F':{'Type':'Fail','Error':'Small'}," +
                   show("S", {"limit"})
            << "{'n':4}"
            << "SUCCEEDED"
            << "{'limit':3}"
            << "";
        QTest::newRow("wait assigns")
            << "'W':{'Type':'Wait','Seconds':1,'Assign':{'w.$':'$.a'},'Next':'S'}," +
                   show("S", {"w"})
            << "{'a':[1]}"
            << "SUCCEEDED"
            << "{'w':[1]}"
            << "";
        // Catch: Assign reads the error output {"Error", "Cause"}.
        QTest::newRow("catch assigns from the error output")
            << "'P':{'Type':'Parallel','Branches':[{'StartAt':'F','States':{'F':{'Type':'Fail',"
               "'Error':'Boom','Cause':'why'}}}],'Catch':[{'ErrorEquals':['States.ALL'],"
               "'Assign':{'err.$':'$.Error','cause.$':'$.Cause'},'ResultPath':null,'Next':'S'}]}," +
                   show("S", {"err", "cause"})
            << "{}"
            << "SUCCEEDED"
            << "{'err':'Boom','cause':'why'}"
            << "";
        // Scopes: a branch reads the variables around it; what it assigns stays inside it.
        QTest::newRow("branch reads outer variable")
            << "'A':{'Type':'Pass','Assign':{'x':1},'Next':'P'},"
               "'P':{'Type':'Parallel','Branches':[{'StartAt':'B','States':{" +
                   show("B", {"x"}) + "}}],'End':true}"
            << "{}"
            << "SUCCEEDED"
            << "[{'x':1}]"
            << "";
        QTest::newRow("branch variable not visible outside")
            << "'P':{'Type':'Parallel','Branches':[{'StartAt':'B','States':{'B':{'Type':'Pass',"
               "'Assign':{'y':1},'End':true}}}],'Next':'S'}," +
                   show("S", {"y"})
            << "{}"
            << "FAILED"
            << "null"
            << "States.Runtime";
        QTest::newRow("map iterations have their own scopes")
            << "'M':{'Type':'Map','MaxConcurrency':0,'ItemProcessor':{'StartAt':'A','States':{"
               "'A':{'Type':'Wait','SecondsPath':'$','Assign':{'v.$':'$'},'Next':'R'}," +
                   show("R", {"v"}) + "}},'End':true}"
            << "[3,1,2]"
            << "SUCCEEDED"
            << "[{'v':3},{'v':1},{'v':2}]"
            << "";
        QTest::newRow("map ItemSelector reads a variable")
            << "'A':{'Type':'Pass','Assign':{'k':'key'},'Next':'M'},"
               "'M':{'Type':'Map','ItemSelector':{'k.$':'$k','v.$':'$$.Map.Item.Value'},"
               "'ItemProcessor':{'StartAt':'B','States':{'B':{'Type':'Pass','End':true}}},'End':"
               "true}"
            << "[1]"
            << "SUCCEEDED"
            << "[{'k':'key','v':1}]"
            << "";
        QTest::newRow("undefined variable") << show("S", {"nope"}) << "{}"
                                            << "FAILED"
                                            << "null"
                                            << "States.Runtime";
        QTest::newRow("failed assign fails the state")
            << "'A':{'Type':'Pass','Assign':{'x.$':'$.missing'},'End':true}"
            << "{}"
            << "FAILED"
            << "null"
            << "States.Runtime";
    }
    void assign() {
        QFETCH(QString, states);
        QFETCH(QString, input);
        QFETCH(QString, status);
        QFETCH(QString, output);
        QFETCH(QString, error);
        const QString first = states.section('\'', 1, 1);
        const Json definition = quotedJson("{'StartAt':'" + first + "','States':{" + states + "}}");
        const auto r = run(definition, quotedJson(input));
        QCOMPARE(QString::fromStdString(r.error), error);
        QCOMPARE(QString::fromUtf8(executionStatusName(r.status).data()), status);
        QCOMPARE(QString::fromStdString(r.output.dump()),
                 QString::fromStdString(quotedJson(output).dump()));
    }

    // An output over 256 KiB fails with States.DataLimitExceeded, which States.ALL cannot catch
    // (AWS, "Error names") but its own name can.
    void dataLimit_data() {
        QTest::addColumn<QString>("catcher");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("error");
        QTest::newRow("uncaught") << ""
                                  << "FAILED"
                                  << "States.DataLimitExceeded";
        QTest::newRow("States.ALL cannot catch it")
            << ",'Catch':[{'ErrorEquals':['States.ALL'],'Next':'S'}]"
            << "FAILED"
            << "States.DataLimitExceeded";
        QTest::newRow("caught by name")
            << ",'Catch':[{'ErrorEquals':['States.DataLimitExceeded'],'ResultPath':null,"
               "'Next':'S'}]"
            << "SUCCEEDED"
            << "";
    }
    void dataLimit() {
        QFETCH(QString, catcher);
        QFETCH(QString, status);
        QFETCH(QString, error);
        // 140,000 characters twice: the Task's effective input is about 280 KB.
        const Json input{{"s", std::string(140'000, 'x')}};
        const Json definition =
            quotedJson("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::"
                       "lambda:invoke',"
                       "'Parameters':{'a.$':'$.s','b.$':'$.s'},'ResultPath':null" +
                       catcher + ",'End':true},'S':{'Type':'Succeed','OutputPath':null}}}");
        const auto r = run(definition, input);
        QCOMPARE(QString::fromStdString(r.error), error);
        QCOMPARE(QString::fromUtf8(executionStatusName(r.status).data()), status);
    }

    // The same for a state's output (here a ResultSelector doubling a 140,000-character result).
    void dataLimitOnOutput_data() { dataLimit_data(); }
    void dataLimitOnOutput() {
        QFETCH(QString, catcher);
        QFETCH(QString, status);
        QFETCH(QString, error);
        const Json input{{"s", std::string(140'000, 'x')}};
        const Json definition = quotedJson(
            "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:"
            "invoke','ResultSelector':{'a.$':'$.s','b.$':'$.s'},'ResultPath':'$.r'" +
            catcher + ",'End':true},'S':{'Type':'Succeed','OutputPath':null}}}");
        const auto r = run(definition, input);
        QCOMPARE(QString::fromStdString(r.error), error);
        QCOMPARE(QString::fromUtf8(executionStatusName(r.status).data()), status);
    }

    void outputAtTheLimitPasses_data() {
        QTest::addColumn<int>("extra");
        QTest::addColumn<QString>("status");
        // {"s":"..."}: 8 bytes around the text; 262,144 bytes in all is allowed, one more is not.
        QTest::newRow("exactly 256 KiB") << 0 << "SUCCEEDED";
        QTest::newRow("one byte over") << 1 << "FAILED";
    }
    void outputAtTheLimitPasses() {
        QFETCH(int, extra);
        QFETCH(QString, status);
        const Json definition = quotedJson(
            "{'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'s.$':'$.s'},'End':true}}}");
        const Json input{{"s", std::string(262'144 - 8 + extra, 'y')}};
        QCOMPARE(flowcast::model::eval::payloadSize(input), std::size_t(262'144 + extra));
        const auto r = run(definition, input);
        QCOMPARE(QString::fromUtf8(executionStatusName(r.status).data()), status);
    }

    // A state whose output is a part of its input (ResultPath null, Choice, Wait) skips the size
    // check only when that input was itself checked as an output: an execution input over the
    // limit still fails at the first state, while later states pass it on unchecked.
    void outputWithinInputIsCheckedOnce_data() {
        QTest::addColumn<QString>("first");
        QTest::newRow("Pass, ResultPath null")
            << "{'Type':'Pass','Result':1,'ResultPath':null,'Next':'C'}";
        QTest::newRow("Choice") << "{'Type':'Choice','Choices':[{'Variable':'$.n','NumericEquals':"
                                   "1,'Next':'C'}],'Default':'C'}";
        QTest::newRow("Wait") << "{'Type':'Wait','Seconds':1,'Next':'C'}";
    }
    void outputWithinInputIsCheckedOnce() {
        QFETCH(QString, first);
        const QString states = "'F':" + first +
                               ",'C':{'Type':'Choice','Choices':[{'Variable':'$.n',"
                               "'NumericEquals':1,'Next':'S'}],'Default':'S'},"
                               "'S':{'Type':'Succeed'}";
        const Json definition = quotedJson("{'StartAt':'F','States':{" + states + "}}");
        const Json over{{"n", 1}, {"s", std::string(262'144, 'z')}};
        const auto failed = run(definition, over);
        QCOMPARE(QString::fromStdString(failed.error), QString("States.DataLimitExceeded"));
        QVERIFY(failed.cause.find("'F'") != std::string::npos);
        const Json within{{"n", 1}, {"s", std::string(1'000, 'z')}};
        const auto passed = run(definition, within);
        QCOMPARE(QString::fromUtf8(executionStatusName(passed.status).data()),
                 QString("SUCCEEDED"));
        QCOMPARE(passed.output, within);
    }

    // "$..*" gathers every value at every depth into a new array, so an output through it can
    // be larger than the input it came from: it is checked even after a checked input.
    void scanningOutputPathIsChecked() {
        const Json definition =
            quotedJson("{'StartAt':'F','States':{'F':{'Type':'Pass','Next':'G'},'G':{'Type':'Pass',"
                       "'Result':1,'ResultPath':null,'OutputPath':'$..*','Next':'S'},'S':{'Type':'"
                       "Succeed'}}}");
        const Json input{{"a", {{"s", std::string(150'000, 'z')}}}};
        const auto r = run(definition, input);
        QCOMPARE(QString::fromStdString(r.error), QString("States.DataLimitExceeded"));
        QVERIFY(r.cause.find("'G'") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestVariables)
#include "TestVariables.moc"
