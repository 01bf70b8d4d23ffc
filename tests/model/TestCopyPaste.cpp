// Copy and paste of states: new free names, arrows between pasted states follow them, arrows
// leading out of the clip kept only when the target scope has that state, positions offset, one
// undo step.
#include "model/document/CopyPaste.h"

#include "tests/common/QuotedJson.h"

#include <QtTest>

using namespace flowcast::model;
namespace edits = flowcast::model::edits;

namespace {
Json machine() {
    return quotedJson("{'StartAt':'A','States':{"
                      "'A':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Next':'B',"
                      "'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Alert'}]},"
                      "'B':{'Type':'Choice','Choices':[{'Variable':'$.x','IsPresent':true,"
                      "'Next':'A'}],'Default':'Done'},"
                      "'Done':{'Type':'Succeed'},'Alert':{'Type':'Fail'},"
                      "'P':{'Type':'Parallel','Branches':[{'StartAt':'Q','States':{'Q':{"
                      "'Type':'Pass','End':true}}}],'End':true}}}");
}
} // namespace

class TestCopyPaste : public QObject {
    Q_OBJECT
private slots:
    void pasteInSameScopeRenamesAndFollows();
    void pasteIntoOtherScopeDropsMissingTargets();
    void insertOnArrowLeadsThroughExits();
    void pasteIntoEmptyScopeSetsStart();
    void refusesWhatIsNotAClip();
    void duplicatedContainerRenamesItsInside();
};

void TestCopyPaste::pasteInSameScopeRenamesAndFollows() {
    Document document(machine(), quotedJson("{'positions':{'/States/A':{'x':10,'y':20}}}"));
    const Json clip = edits::copyStates(document, {"/States/A", "/States/B"});
    QVERIFY(edits::isClip(clip));
    std::vector<std::string> pasted;
    document.apply(edits::pasteStates(document, "", clip, {40, 40}, &pasted));
    QCOMPARE(pasted, (std::vector<std::string>{"/States/A 2", "/States/B 2"}));
    const Json& states = document.definition()["States"];
    QCOMPARE(states["A 2"]["Next"], Json("B 2"));
    QCOMPARE(states["A 2"]["Catch"][0]["Next"], Json("Alert")); // exists here: kept
    QCOMPARE(states["B 2"]["Choices"][0]["Next"], Json("A 2"));
    QCOMPARE(states["B 2"]["Default"], Json("Done"));
    QCOMPARE(edits::storedPosition(document, "/States/A 2")->x, 50.0);
    QVERIFY(!edits::storedPosition(document, "/States/B 2"));
    QCOMPARE(document.undoCount(), std::size_t(1));
    QCOMPARE(document.undoLabel(), std::string("Paste 2 states"));
    document.undo();
    QCOMPARE(document.definition().dump(), machine().dump());
}

void TestCopyPaste::pasteIntoOtherScopeDropsMissingTargets() {
    Document document(machine());
    const Json clip = edits::copyStates(document, {"/States/A", "/States/B"});
    document.apply(edits::pasteStates(document, "/States/P/Branches/0", clip));
    // Names are unique in the whole machine (AWS), so the branch's copies are renamed too.
    const Json& states = document.definition()["States"]["P"]["Branches"][0]["States"];
    QCOMPARE(states["A 2"]["Next"], Json("B 2"));
    QVERIFY(!states["A 2"].contains("Catch")); // Alert is not in the branch
    QVERIFY(!states["B 2"].contains("Default"));
    QCOMPARE(states["B 2"]["Choices"][0]["Next"], Json("A 2"));
    QCOMPARE(document.definition()["States"]["P"]["Branches"][0]["StartAt"], Json("Q"));
}

void TestCopyPaste::insertOnArrowLeadsThroughExits() {
    Document document(machine());
    QCOMPARE(edits::allStateNames(document.definition()),
             (std::set<std::string>{"A", "Alert", "B", "Done", "P", "Q"}));
    const Json group =
        quotedJson("{'Q':{'Type':'Choice','Choices':[{'Variable':'$.ok',"
                   "'BooleanEquals':true,'Next':'Yes'}],'Default':'No'},"
                   "'Yes':{'Type':'Pass','End':true},'No':{'Type':'Pass','End':true}}");
    std::vector<std::string> added;
    document.apply(edits::insertStates(document, "", group, "Q", {"Yes", "No"}, "/States/A/Next",
                                       "Add Choice", &added));
    QCOMPARE(added, (std::vector<std::string>{"/States/Q 2", "/States/Yes", "/States/No"}));
    const Json& states = document.definition()["States"];
    QCOMPARE(states["A"]["Next"], Json("Q 2"));
    QCOMPARE(states["Yes"].dump(), std::string(R"({"Type":"Pass","Next":"B"})"));
    QCOMPARE(states["No"].dump(), std::string(R"({"Type":"Pass","Next":"B"})"));
    QCOMPARE(document.undoLabel(), std::string("Add Choice"));
    document.undo();
    QCOMPARE(document.definition().dump(), machine().dump());
    QVERIFY_THROWS_EXCEPTION(EditError,
                             edits::insertStates(document, "", group, "Missing", {}, "", "x"));
}

void TestCopyPaste::pasteIntoEmptyScopeSetsStart() {
    Document source(machine());
    const Json clip = edits::copyStates(source, {"/States/Done", "/States/A"});
    Document empty;
    empty.apply(edits::pasteStates(empty, "", clip));
    QCOMPARE(empty.definition()["StartAt"], Json("Done"));
    QCOMPARE(empty.definition()["States"]["A"]["End"], Json(true)); // B is not here
    QVERIFY(!empty.definition()["States"]["A"].contains("Next"));
}

void TestCopyPaste::refusesWhatIsNotAClip() {
    Document document(machine());
    QVERIFY_THROWS_EXCEPTION(EditError, edits::pasteStates(document, "", Json::object()));
    QVERIFY_THROWS_EXCEPTION(
        EditError,
        edits::pasteStates(document, "/States/Done", edits::copyStates(document, {"/States/A"})));
    QVERIFY_THROWS_EXCEPTION(EditError, edits::copyStates(document, {"/States/Nope"}));
}

void TestCopyPaste::duplicatedContainerRenamesItsInside() {
    Document document(machine());
    Json clip = edits::copyStates(document, {"/States/P"});
    clip["positions"]["P"] = quotedJson("{'x':'a','y':null}"); // hand-edited clipboard text
    document.apply(edits::pasteStates(document, "", clip));
    const Json& copy = document.definition()["States"]["P 2"];
    // Q exists in the original branch: the copy's Q is renamed, and its StartAt follows.
    QCOMPARE(copy["Branches"][0]["StartAt"], Json("Q 2"));
    QVERIFY(copy["Branches"][0]["States"].contains("Q 2"));
    QCOMPARE(edits::allStateNames(document.definition()).size(), std::size_t(8));
    QVERIFY(!edits::storedPosition(document, "/States/P 2"));
}

QTEST_APPLESS_MAIN(TestCopyPaste)
#include "TestCopyPaste.moc"
