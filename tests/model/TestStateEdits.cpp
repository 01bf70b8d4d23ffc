// The editing gestures as Edits: add (also on an arrow), delete (reconnecting), rename (every
// reference and the layout follow), connect, set fields at their usual place, move (merged),
// collapse; on the real samples, each rename undoes to the byte.
#include "model/asl/AslReader.h"
#include "model/asl/StateMachine.h"
#include "model/asl/Validator.h"
#include "model/document/StateEdits.h"

#include "tests/common/QuotedJson.h"

#include <QtTest>

#include <filesystem>

using namespace flowcast::model;
namespace edits = flowcast::model::edits;

namespace {

Json chain() {
    return quotedJson(
        "{'StartAt':'A','States':{"
        "'A':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Next':'B',"
        "'Catch':[{'ErrorEquals':['States.ALL'],'Next':'C'}]},"
        "'B':{'Type':'Choice','Choices':[{'Variable':'$.x','IsPresent':true,'Next':'C'},"
        "{'Variable':'$.y','IsPresent':true,'Next':'A'}],'Default':'C'},"
        "'C':{'Type':'Pass','Next':'P'},"
        "'P':{'Type':'Parallel','Branches':[{'StartAt':'C','States':{'C':{'Type':'Pass',"
        "'End':true}}}],'End':true}}}");
}

QString dumped(const Json& json) {
    return QString::fromStdString(json.dump());
}

void apply(Document& document, const Edit& edit) {
    document.apply(edit);
}

} // namespace

class TestStateEdits : public QObject {
    Q_OBJECT
private slots:
    void firstStateBecomesStart();
    void addOnArrowReconnects();
    void addRefusesDuplicatesAndBadNames();
    void renameFollowsReferencesInScopeOnly();
    void renameMovesLayoutKeys();
    void removeReconnectsToSuccessor();
    void removeWithoutSuccessorEndsOrDrops();
    void removeChainFollowsNextAcrossRemoved();
    void connectByStateType();
    void setValueCreatesParentsInPlace();
    void retryAndCatchFieldsInPlace();
    void movesMergeIntoOneStep();
    void collapseToggles();
    void undoAllThenRedoAll();
    void deleteSeveralCollapsedAndNested();
    void renameOntoStaleLayoutKey();
    void samplesRenameAndUndoLosslessly();
};

void TestStateEdits::firstStateBecomesStart() {
    Document document;
    apply(document,
          edits::addState(document, "", "Source", quotedJson("{'Type':'Pass','End':true}"),
                          edits::CanvasPoint{10, 20}));
    apply(document, edits::addState(document, "", "Next", quotedJson("{'Type':'Succeed'}")));
    QCOMPARE(dumped(document.definition()),
             dumped(quotedJson("{'StartAt':'Source','States':{'Source':{'Type':'Pass','End':true},"
                               "'Next':{'Type':'Succeed'}}}")));
    QCOMPARE(dumped(document.layout()),
             dumped(quotedJson("{'positions':{'/States/Source':{'x':10.0,'y':20.0}}}")));
    QCOMPARE(document.undoLabel(), std::string("Add state Next"));
}

void TestStateEdits::addOnArrowReconnects() {
    Document document(chain());
    apply(document, edits::addState(document, "", "Log", quotedJson("{'Type':'Pass','End':true}"),
                                    std::nullopt, "/States/B/Choices/0/Next"));
    QCOMPARE(document.definition()["States"]["B"]["Choices"][0]["Next"], Json("Log"));
    QCOMPARE(dumped(document.definition()["States"]["Log"]),
             dumped(quotedJson("{'Type':'Pass','Next':'C'}")));
    // A Fail inserted on an arrow ends there: it takes no Next.
    apply(document, edits::addState(document, "", "Stop", quotedJson("{'Type':'Fail'}"),
                                    std::nullopt, "/States/A/Next"));
    QCOMPARE(dumped(document.definition()["States"]["Stop"]),
             dumped(quotedJson("{'Type':'Fail'}")));
}

void TestStateEdits::addRefusesDuplicatesAndBadNames() {
    Document document(chain());
    QVERIFY_THROWS_EXCEPTION(EditError,
                             edits::addState(document, "", "A", quotedJson("{'Type':'Pass'}")));
    QVERIFY_THROWS_EXCEPTION(EditError,
                             edits::addState(document, "", "", quotedJson("{'Type':'Pass'}")));
    QVERIFY_THROWS_EXCEPTION(EditError, edits::addState(document, "", "X", quotedJson("{}")));
    QVERIFY_THROWS_EXCEPTION(
        EditError, edits::addState(document, "/States/Nope", "X", quotedJson("{'Type':'Pass'}")));
    QCOMPARE(edits::uniqueStateName(document, "", "A"), std::string("A 2"));
    QCOMPARE(edits::uniqueStateName(document, "", "Z"), std::string("Z"));
}

void TestStateEdits::renameFollowsReferencesInScopeOnly() {
    Document document(chain());
    apply(document, edits::renameState(document, "/States/C", "Cleanup"));
    const Json expected = quotedJson(
        "{'StartAt':'A','States':{"
        "'A':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Next':'B',"
        "'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Cleanup'}]},"
        "'B':{'Type':'Choice','Choices':[{'Variable':'$.x','IsPresent':true,'Next':'Cleanup'},"
        "{'Variable':'$.y','IsPresent':true,'Next':'A'}],'Default':'Cleanup'},"
        "'Cleanup':{'Type':'Pass','Next':'P'},"
        "'P':{'Type':'Parallel','Branches':[{'StartAt':'C','States':{'C':{'Type':'Pass',"
        "'End':true}}}],'End':true}}}");
    QCOMPARE(dumped(document.definition()), dumped(expected));
    apply(document, edits::renameState(document, "/States/A", "Start"));
    QCOMPARE(document.definition()["StartAt"], Json("Start"));
    QCOMPARE(document.definition()["States"]["B"]["Choices"][1]["Next"], Json("Start"));
    QVERIFY_THROWS_EXCEPTION(EditError, edits::renameState(document, "/States/B", "Start"));
    QVERIFY(edits::renameState(document, "/States/B", "B").empty());
}

void TestStateEdits::renameMovesLayoutKeys() {
    Json layout = quotedJson("{'positions':{'/States/P':{'x':1,'y':2},"
                             "'/States/P/Branches/0/States/C':{'x':3,'y':4},"
                             "'/States/PX':{'x':5,'y':6}},'collapsed':['/States/P']}");
    Document document(chain(), layout);
    apply(document, edits::renameState(document, "/States/P", "Fan"));
    QCOMPARE(dumped(document.layout()),
             dumped(quotedJson("{'positions':{'/States/Fan':{'x':1,'y':2},"
                               "'/States/Fan/Branches/0/States/C':{'x':3,'y':4},"
                               "'/States/PX':{'x':5,'y':6}},'collapsed':['/States/Fan']}")));
    document.undo();
    QCOMPARE(dumped(document.layout()), dumped(layout));
}

void TestStateEdits::removeReconnectsToSuccessor() {
    Document document(chain(), quotedJson("{'positions':{'/States/C':{'x':1,'y':1}}}"));
    apply(document, edits::removeStates(document, {"/States/C"}));
    const Json& states = document.definition()["States"];
    QVERIFY(!states.contains("C"));
    QCOMPARE(states["A"]["Catch"][0]["Next"], Json("P"));
    QCOMPARE(states["B"]["Choices"][0]["Next"], Json("P"));
    QCOMPARE(states["B"]["Default"], Json("P"));
    QCOMPARE(dumped(document.layout()), dumped(quotedJson("{'positions':{}}")));
    QCOMPARE(document.undoLabel(), std::string("Delete C"));
    // The branch's own C is another state: untouched.
    QVERIFY(states["P"]["Branches"][0]["States"].contains("C"));
    apply(document, edits::removeStates(document, {"/States/A"}));
    QCOMPARE(document.definition()["StartAt"], Json("B"));
}

void TestStateEdits::removeWithoutSuccessorEndsOrDrops() {
    Document document(chain());
    apply(document, edits::removeStates(document, {"/States/P"}));
    const Json& states = document.definition()["States"];
    QCOMPARE(dumped(states["C"]), dumped(quotedJson("{'Type':'Pass','End':true}")));
    // A: no successor for a Choice target... remove the terminal-less Choice target instead.
    Document second(chain());
    apply(second, edits::removeStates(second, {"/States/A"}));
    // B's second rule pointed at A, which has Next B: the rule now loops to B itself.
    QCOMPARE(second.definition()["States"]["B"]["Choices"][1]["Next"], Json("B"));
    Document third(quotedJson("{'StartAt':'X','States':{'X':{'Type':'Choice','Choices':["
                              "{'Variable':'$.a','IsPresent':true,'Next':'Y'},"
                              "{'Variable':'$.b','IsPresent':true,'Next':'Z'},"
                              "{'Variable':'$.c','IsPresent':true,'Next':'Y'}],'Default':'Y'},"
                              "'Y':{'Type':'Succeed'},'Z':{'Type':'Fail'}}}"));
    apply(third, edits::removeStates(third, {"/States/Y"}));
    QCOMPARE(dumped(third.definition()["States"]["X"]),
             dumped(quotedJson("{'Type':'Choice','Choices':["
                               "{'Variable':'$.b','IsPresent':true,'Next':'Z'}]}")));
    third.undo();
    QCOMPARE(third.definition()["States"]["X"]["Choices"].size(), std::size_t(3));
}

void TestStateEdits::removeChainFollowsNextAcrossRemoved() {
    Document document(chain());
    apply(document, edits::removeStates(document, {"/States/C", "/States/P"}));
    const Json& states = document.definition()["States"];
    QCOMPARE(dumped(states["A"]),
             dumped(quotedJson("{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                               "'Next':'B'}")));
    QCOMPARE(dumped(states["B"]),
             dumped(quotedJson("{'Type':'Choice','Choices':[{'Variable':'$.y','IsPresent':true,"
                               "'Next':'A'}]}")));
    QCOMPARE(document.undoLabel(), std::string("Delete 2 states"));
    document.undo();
    QCOMPARE(dumped(document.definition()), dumped(chain()));
}

void TestStateEdits::connectByStateType() {
    Document document(quotedJson("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,"
                                 "'Comment':'x'},'B':{'Type':'Choice','Choices':[]},"
                                 "'C':{'Type':'Fail'}}}"));
    apply(document, edits::connect(document, "/States/A", "B"));
    QCOMPARE(dumped(document.definition()["States"]["A"]),
             dumped(quotedJson("{'Type':'Pass','Comment':'x','Next':'B'}")));
    apply(document, edits::connect(document, "/States/B", "C"));
    apply(document, edits::connect(document, "/States/B", "A"));
    QCOMPARE(dumped(document.definition()["States"]["B"]),
             dumped(quotedJson("{'Type':'Choice','Choices':[{'Variable':'$','IsPresent':true,"
                               "'Next':'A'}],'Default':'C'}")));
    QVERIFY_THROWS_EXCEPTION(EditError, edits::connect(document, "/States/C", "A"));
    QVERIFY_THROWS_EXCEPTION(EditError, edits::connect(document, "/States/A", "Nowhere"));
}

void TestStateEdits::setValueCreatesParentsInPlace() {
    Document document(quotedJson("{'StartAt':'A','States':{'A':{'Type':'Task',"
                                 "'Resource':'arn:aws:states:::lambda:invoke','End':true}}}"));
    apply(document, edits::setValue(document, "/States/A/Arguments/FunctionName", "f"));
    apply(document, edits::setValue(document, "/States/A/Comment", "c"));
    apply(document, edits::setValue(document, "/States/A/Retry", Json::array()));
    apply(document, edits::setValue(document, "/Comment", "top"));
    QCOMPARE(dumped(document.definition()),
             dumped(quotedJson("{'Comment':'top','StartAt':'A','States':{'A':{'Type':'Task',"
                               "'Comment':'c','Resource':'arn:aws:states:::lambda:invoke',"
                               "'Arguments':{'FunctionName':'f'},'Retry':[],'End':true}}}")));
    QVERIFY(edits::setValue(document, "/Comment", "top").empty());
    QVERIFY_THROWS_EXCEPTION(EditError, edits::setValue(document, "/Comment/x", 1));
    apply(document, edits::removeValue(document, "/States/A/Retry"));
    QVERIFY(!document.definition()["States"]["A"].contains("Retry"));
}

// Fields added to a Retry or Catch row land in the order of AWS's examples, not at the end.
void TestStateEdits::retryAndCatchFieldsInPlace() {
    Document document(quotedJson(
        "{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
        "'Retry':[{'ErrorEquals':['States.ALL']}],"
        "'Catch':[{'ErrorEquals':['States.ALL'],'Next':'B'}],'End':true},"
        "'B':{'Type':'Succeed'}}}"));
    for (const char* field : {"JitterStrategy", "BackoffRate", "IntervalSeconds", "MaxAttempts"})
        apply(document,
              edits::setValue(document, std::string("/States/A/Retry/0/") + field,
                              field == std::string("JitterStrategy") ? Json("FULL") : Json(2)));
    apply(document, edits::setValue(document, "/States/A/Catch/0/ResultPath", "$.error"));
    const Json& state = document.definition()["States"]["A"];
    QStringList retrier, catcher;
    for (auto it = state["Retry"][0].begin(); it != state["Retry"][0].end(); ++it)
        retrier << QString::fromStdString(it.key());
    for (auto it = state["Catch"][0].begin(); it != state["Catch"][0].end(); ++it)
        catcher << QString::fromStdString(it.key());
    QCOMPARE(retrier, (QStringList{"ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
                                   "JitterStrategy"}));
    QCOMPARE(catcher, (QStringList{"ErrorEquals", "ResultPath", "Next"}));
}

void TestStateEdits::movesMergeIntoOneStep() {
    Document document(chain());
    apply(document, edits::moveStates(document, {{"/States/A", {1, 1}}, {"/States/B", {2, 2}}}));
    apply(document, edits::moveStates(document, {{"/States/A", {5, 5}}, {"/States/B", {6, 6}}}));
    QCOMPARE(document.undoCount(), std::size_t(1));
    QCOMPARE(edits::storedPosition(document, "/States/A")->x, 5.0);
    document.closeMerge();
    apply(document, edits::moveStates(document, {{"/States/A", {9, 9}}}));
    QCOMPARE(document.undoCount(), std::size_t(2));
    document.undo();
    document.undo();
    QVERIFY(!edits::storedPosition(document, "/States/A"));
    QCOMPARE(dumped(document.layout()), dumped(Json::object()));
}

void TestStateEdits::collapseToggles() {
    Document document(chain());
    apply(document, edits::setCollapsed(document, "/States/P", true));
    QVERIFY(edits::isCollapsed(document, "/States/P"));
    QVERIFY(edits::setCollapsed(document, "/States/P", true).empty());
    apply(document, edits::setCollapsed(document, "/States/P", false));
    QVERIFY(!edits::isCollapsed(document, "/States/P"));
}

void TestStateEdits::undoAllThenRedoAll() {
    Document document;
    const std::string empty = document.definition().dump();
    apply(document, edits::addState(document, "", "A", quotedJson("{'Type':'Pass','End':true}")));
    apply(document, edits::addState(document, "", "B", quotedJson("{'Type':'Succeed'}")));
    apply(document, edits::connect(document, "/States/A", "B"));
    apply(document, edits::renameState(document, "/States/B", "Done"));
    apply(document, edits::setValue(document, "/Comment", "built"));
    const std::string built = document.definition().dump();
    while (document.canUndo())
        document.undo();
    QCOMPARE(document.definition().dump(), empty);
    while (document.canRedo())
        document.redo();
    QCOMPARE(document.definition().dump(), built);
    QCOMPARE(QString::fromStdString(built),
             dumped(quotedJson("{'Comment':'built','StartAt':'A','States':{'A':{'Type':'Pass',"
                               "'Next':'Done'},'Done':{'Type':'Succeed'}}}")));
}

void TestStateEdits::samplesRenameAndUndoLosslessly() {
    const std::filesystem::path samples = std::filesystem::path(FLOWCAST_SOURCE_DIR) / "samples";
    int renamed = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(samples)) {
        if (!entry.path().string().ends_with(".asl.json")) continue;
        ReadResult read = AslReader::readFile(entry.path());
        QVERIFY2(read.ok(), entry.path().c_str());
        Document document(*read.json);
        const std::string original = document.definition().dump();
        const Validator validator;
        const std::size_t errorsBefore = validator.validate(document.definition()).size();
        const StateMachine machine = StateMachine::fromJson(*read.json);
        for (const State& state : machine.states()) {
            apply(document, edits::renameState(document, state.pointer, state.name + " renamed"));
            // Every reference followed: the validator finds nothing new.
            QCOMPARE(validator.validate(document.definition()).size(), errorsBefore);
            document.undo();
            QCOMPARE(document.definition().dump(), original);
            ++renamed;
        }
    }
    QVERIFY2(renamed > 40, qPrintable(QString::number(renamed)));
}

void TestStateEdits::deleteSeveralCollapsedAndNested() {
    Json machine = chain();
    machine["States"]["Q"] = quotedJson("{'Type':'Parallel','Branches':[{'StartAt':'R','States':"
                                        "{'R':{'Type':'Pass','End':true}}}],'End':true}");
    const Json layout =
        quotedJson("{'collapsed':['/States/P','/States/Q','/States/A'],'positions':{"
                   "'/States/Q/Branches/0/States/R':{'x':1,'y':1}}}");
    Document document(machine, layout);
    // Two collapsed containers, and a state inside one of them, in one gesture.
    apply(document, edits::removeStates(
                        document, {"/States/P", "/States/Q", "/States/Q/Branches/0/States/R"}));
    QCOMPARE(dumped(document.layout()),
             dumped(quotedJson("{'collapsed':['/States/A'],'positions':{}}")));
    QVERIFY(!document.definition()["States"].contains("Q"));
    document.undo();
    QCOMPARE(dumped(document.layout()), dumped(layout));
    QCOMPARE(dumped(document.definition()), dumped(machine));
}

void TestStateEdits::renameOntoStaleLayoutKey() {
    // The code view renamed B away, leaving its position behind; a canvas rename to B reuses it.
    Document document(chain(), quotedJson("{'positions':{'/States/A':{'x':1,'y':1},"
                                          "'/States/Z':{'x':9,'y':9}}}"));
    apply(document, edits::renameState(document, "/States/A", "Z"));
    QCOMPARE(dumped(document.layout()),
             dumped(quotedJson("{'positions':{'/States/Z':{'x':1,'y':1}}}")));
}

QTEST_APPLESS_MAIN(TestStateEdits)
#include "TestStateEdits.moc"
