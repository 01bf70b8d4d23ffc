// Document and its primitive ops: every op undoes exactly (values, key order, positions), a
// failing edit changes nothing, undo / redo / merge / modified follow the gestures.
#include "model/document/Document.h"
#include "model/document/ProjectEdits.h"

#include "tests/common/QuotedJson.h"

#include <QtTest>

using flowcast::model::Document;
using flowcast::model::DocumentChange;
using flowcast::model::DocumentObserver;
using flowcast::model::DocumentPart;
using flowcast::model::Edit;
using flowcast::model::EditError;
using flowcast::model::Json;
using flowcast::model::JsonOp;

Q_DECLARE_METATYPE(flowcast::model::JsonOp)

namespace {

constexpr DocumentPart kDef = DocumentPart::Definition;

Json sample() {
    return quotedJson(
        "{'Comment':'c','StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},"
        "'B':{'Type':'Choice','Choices':[{'Variable':'$.x','IsPresent':true,'Next':'A'}],"
        "'Default':'C'},'C':{'Type':'Succeed'}}}");
}

struct Recorder : DocumentObserver {
    std::vector<DocumentChange> changes;
    void documentChanged(const DocumentChange& change) override { changes.push_back(change); }
};

} // namespace

class TestDocument : public QObject {
    Q_OBJECT
private slots:
    void opsUndoExactly_data();
    void opsUndoExactly();
    void badOpsAreRefused_data();
    void badOpsAreRefused();
    void failedEditChangesNothing();
    void undoRedoFollowSteps();
    void movesMergeUntilClosed();
    void modifiedFollowsSavedStep();
    void observersHearWhatChanged();
    void projectSectionsEditAndUndo();
    void stateMachineNames_data();
    void stateMachineNames();
};

void TestDocument::opsUndoExactly_data() {
    QTest::addColumn<JsonOp>("op");
    QTest::addColumn<QString>("expected"); // the definition after the op, as compact JSON

    QTest::newRow("insert key at position 1")
        << JsonOp::insert(kDef, "/States/A/Comment", "hi", 1)
        << "{'Comment':'c','StartAt':'A','States':{'A':{'Type':'Pass','Comment':'hi','Next':'B'},"
           "'B':{'Type':'Choice','Choices':[{'Variable':'$.x','IsPresent':true,'Next':'A'}],"
           "'Default':'C'},'C':{'Type':'Succeed'}}}";
    QTest::newRow("insert key at end")
        << JsonOp::insert(kDef, "/TimeoutSeconds", 60)
        << "{'Comment':'c','StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},"
           "'B':{'Type':'Choice','Choices':[{'Variable':'$.x','IsPresent':true,'Next':'A'}],"
           "'Default':'C'},'C':{'Type':'Succeed'}},'TimeoutSeconds':60}";
    QTest::newRow("remove first key")
        << JsonOp::remove(kDef, "/Comment")
        << "{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},"
           "'B':{'Type':'Choice','Choices':[{'Variable':'$.x','IsPresent':true,'Next':'A'}],"
           "'Default':'C'},'C':{'Type':'Succeed'}}}";
    QTest::newRow("rename keeps the key's place")
        << JsonOp::renameKey(kDef, "/States/B", "Is x/y~")
        << "{'Comment':'c','StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},"
           "'Is x/y~':{'Type':'Choice','Choices':[{'Variable':'$.x','IsPresent':true,'Next':'A'}],"
           "'Default':'C'},'C':{'Type':'Succeed'}}}";
    QTest::newRow("array insert at end")
        << JsonOp::insert(kDef, "/States/B/Choices/-", Json{{"Next", "C"}})
        << "{'Comment':'c','StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},"
           "'B':{'Type':'Choice','Choices':[{'Variable':'$.x','IsPresent':true,'Next':'A'},"
           "{'Next':'C'}],'Default':'C'},'C':{'Type':'Succeed'}}}";
    QTest::newRow("array insert at 0")
        << JsonOp::insert(kDef, "/States/B/Choices/0", Json{{"Next", "C"}})
        << "{'Comment':'c','StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},"
           "'B':{'Type':'Choice','Choices':[{'Next':'C'},{'Variable':'$.x','IsPresent':true,"
           "'Next':'A'}],'Default':'C'},'C':{'Type':'Succeed'}}}";
    QTest::newRow("array remove")
        << JsonOp::remove(kDef, "/States/B/Choices/0")
        << "{'Comment':'c','StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},"
           "'B':{'Type':'Choice','Choices':[],'Default':'C'},'C':{'Type':'Succeed'}}}";
    QTest::newRow("replace a nested value")
        << JsonOp::replace(kDef, "/States/B/Choices/0/Next", "C")
        << "{'Comment':'c','StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},"
           "'B':{'Type':'Choice','Choices':[{'Variable':'$.x','IsPresent':true,'Next':'C'}],"
           "'Default':'C'},'C':{'Type':'Succeed'}}}";
    QTest::newRow("replace the root") << JsonOp::replace(kDef, "", Json::object()) << "{}";
}

void TestDocument::opsUndoExactly() {
    QFETCH(JsonOp, op);
    QFETCH(QString, expected);
    Document document(sample());
    const std::string before = document.definition().dump();
    document.apply({"op", {op}, {}});
    QCOMPARE(QString::fromStdString(document.definition().dump()),
             QString::fromStdString(quotedJson(expected).dump()));
    document.undo();
    QCOMPARE(QString::fromStdString(document.definition().dump()), QString::fromStdString(before));
    document.redo();
    QCOMPARE(QString::fromStdString(document.definition().dump()),
             QString::fromStdString(quotedJson(expected).dump()));
}

void TestDocument::badOpsAreRefused_data() {
    QTest::addColumn<JsonOp>("op");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing parent")
        << JsonOp::insert(kDef, "/States/Z/Next", "A") << "nothing at /States/Z";
    QTest::newRow("existing key") << JsonOp::insert(kDef, "/States/A", Json::object())
                                  << "/States/A exists already";
    QTest::newRow("rename collision")
        << JsonOp::renameKey(kDef, "/States/A", "B")
        << "/States/A cannot be renamed to \"B\": that key exists already";
    QTest::newRow("remove missing") << JsonOp::remove(kDef, "/Version") << "nothing at /Version";
    QTest::newRow("array index past end")
        << JsonOp::remove(kDef, "/States/B/Choices/1") << "no array position /States/B/Choices/1";
    QTest::newRow("inside a string") << JsonOp::insert(kDef, "/Comment/x", 1)
                                     << "/Comment is a string, not an object or an array";
    QTest::newRow("not a pointer")
        << JsonOp::replace(kDef, "States", 1) << "\"States\" is not a JSON Pointer";
}

void TestDocument::badOpsAreRefused() {
    QFETCH(JsonOp, op);
    QFETCH(QString, message);
    Document document(sample());
    try {
        document.apply({"bad", {op}, {}});
        QFAIL("the op applied");
    } catch (const EditError& error) {
        QCOMPARE(QString::fromStdString(error.what()), message);
    }
    QCOMPARE(document.definition(), sample());
    QVERIFY(!document.canUndo());
}

void TestDocument::failedEditChangesNothing() {
    Document document(sample());
    const Edit edit{"two",
                    {JsonOp::replace(kDef, "/StartAt", "B"), JsonOp::remove(kDef, "/States/A"),
                     JsonOp::remove(kDef, "/States/Missing")},
                    {}};
    QVERIFY_THROWS_EXCEPTION(EditError, document.apply(edit));
    QCOMPARE(document.definition().dump(), sample().dump());
    QCOMPARE(document.revision(), std::uint64_t(0));
    QVERIFY(!document.canUndo());
}

void TestDocument::undoRedoFollowSteps() {
    Document document(sample());
    document.apply({"first", {JsonOp::replace(kDef, "/Comment", "1")}, {}});
    document.apply({"second", {JsonOp::replace(kDef, "/Comment", "2")}, {}});
    QCOMPARE(document.undoLabel(), std::string("second"));
    document.undo();
    QCOMPARE(document.definition()["Comment"], Json("1"));
    QCOMPARE(document.redoLabel(), std::string("second"));
    document.apply({"third", {JsonOp::replace(kDef, "/Comment", "3")}, {}});
    QVERIFY(!document.canRedo()); // a new gesture drops what could be redone
    QCOMPARE(document.undoCount(), std::size_t(2));
    document.undo();
    document.undo();
    QCOMPARE(document.definition(), sample());
    QVERIFY(!document.canUndo());
    document.undo(); // nothing left: no change, no throw
    QCOMPARE(document.definition(), sample());
}

void TestDocument::movesMergeUntilClosed() {
    Document document(sample(), Json{{"positions", Json::object()}});
    const auto move = [](double x) {
        return Edit{"Move A",
                    {JsonOp::replace(DocumentPart::Layout, "/positions", Json{{"A", x}})},
                    "move|A"};
    };
    document.apply(move(1));
    document.apply(move(2));
    document.apply(move(3));
    QCOMPARE(document.undoCount(), std::size_t(1));
    document.closeMerge(); // the drag ended
    document.apply(move(4));
    QCOMPARE(document.undoCount(), std::size_t(2));
    document.undo();
    QCOMPARE(document.layout()["positions"]["A"], Json(3));
    document.undo();
    QCOMPARE(document.layout()["positions"], Json::object());
    document.redo();
    QCOMPARE(document.layout()["positions"]["A"], Json(3));
}

void TestDocument::modifiedFollowsSavedStep() {
    Document document(sample());
    QVERIFY(!document.isModified());
    document.apply({"a", {JsonOp::replace(kDef, "/Comment", "a")}, {}});
    QVERIFY(document.isModified());
    document.markSaved();
    QVERIFY(!document.isModified());
    document.undo();
    QVERIFY(document.isModified());
    document.redo();
    QVERIFY(!document.isModified());
    document.undo();
    document.apply({"b", {JsonOp::replace(kDef, "/Comment", "b")}, {}});
    // Same number of steps as when saved, but not the saved content.
    QCOMPARE(document.undoCount(), std::size_t(1));
    QVERIFY(document.isModified());
}

void TestDocument::observersHearWhatChanged() {
    Document document(sample());
    Recorder recorder;
    document.addObserver(&recorder);
    document.apply(
        {"layout", {JsonOp::insert(DocumentPart::Layout, "/positions", Json::object())}, {}});
    document.apply({"definition", {JsonOp::replace(kDef, "/Comment", "x")}, {}});
    document.undo();
    document.reset(sample());
    QCOMPARE(recorder.changes.size(), std::size_t(4));
    QVERIFY(recorder.changes[0].layoutChanged && !recorder.changes[0].definitionChanged);
    QVERIFY(recorder.changes[1].definitionChanged && !recorder.changes[1].layoutChanged);
    QCOMPARE(recorder.changes[2].cause, DocumentChange::Cause::Undo);
    QCOMPARE(recorder.changes[2].label, std::string("definition"));
    QCOMPARE(recorder.changes[3].cause, DocumentChange::Cause::Reset);
    QVERIFY(!document.canUndo());
    document.removeObserver(&recorder);
    document.apply({"unheard", {JsonOp::replace(kDef, "/Comment", "y")}, {}});
    QCOMPARE(recorder.changes.size(), std::size_t(4));
}

void TestDocument::projectSectionsEditAndUndo() {
    namespace edits = flowcast::model::edits;
    Document document(sample(), Json::object(), Json{{"scenario", {{"seed", 7}}}});
    Recorder recorder;
    document.addObserver(&recorder);
    const Json definitionBefore = document.definition();

    document.apply(edits::setProjectValue(document, "/name", Json("nightly-etl")));
    QCOMPARE(document.project()["name"], Json("nightly-etl"));
    QCOMPARE(document.project().begin().key(), std::string("scenario")); // appended, order kept
    QVERIFY(recorder.changes.back().projectChanged);
    QVERIFY(!recorder.changes.back().definitionChanged && !recorder.changes.back().layoutChanged);
    QVERIFY(document.isModified());

    // Missing objects on the way come with the value; setting the same value changes nothing.
    document.apply(edits::setProjectValue(document, "/scenario/workload/rate", Json(5)));
    QCOMPARE(document.project()["scenario"]["workload"]["rate"], Json(5));
    QCOMPARE(document.project()["scenario"]["seed"], Json(7));
    QVERIFY(edits::setProjectValue(document, "/name", Json("nightly-etl")).empty());
    QVERIFY(edits::setProjectValue(document, "/absent", std::nullopt).empty());
    QVERIFY_THROWS_EXCEPTION(flowcast::model::EditError,
                             edits::setProjectValue(document, "/scenario/seed/x", Json(1)));

    document.apply(edits::setProjectValue(document, "/name", std::nullopt));
    QVERIFY(!document.project().contains("name"));
    document.undo();
    document.undo();
    document.undo();
    QCOMPARE(document.project(), (Json{{"scenario", {{"seed", 7}}}}));
    QCOMPARE(document.definition(), definitionBefore);
    QVERIFY(!document.isModified());
    document.redo();
    QCOMPARE(document.project()["name"], Json("nightly-etl"));
    document.removeObserver(&recorder);
}

void TestDocument::stateMachineNames_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << "DataLakeEtl" << true;
    QTest::newRow("dashes and dots") << "data-lake_etl.v2" << true;
    QTest::newRow("80 characters") << QString(80, 'a') << true;
    QTest::newRow("81 characters") << QString(81, 'a') << false;
    QTest::newRow("80 non-ASCII characters") << QString(80, QChar(0x00E9)) << true;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("space") << "data lake" << false;
    QTest::newRow("colon") << "etl:nightly" << false;
    QTest::newRow("slash") << "etl/nightly" << false;
    QTest::newRow("brace") << "etl{1}" << false;
    QTest::newRow("tab") << "etl\tx" << false;
    QTest::newRow("no-break space") << QString("etl") + QChar(0x00A0) + "x" << false;
    QTest::newRow("next line (C1)") << QString("etl") + QChar(0x0085) + "x" << false;
    QTest::newRow("C1 control") << QString("etl") + QChar(0x009F) + "x" << false;
    QTest::newRow("ideographic space") << QString("etl") + QChar(0x3000) + "x" << false;
    QTest::newRow("U+FFFF") << QString("etl") + QChar(0xFFFF) + "x" << false;
    QTest::newRow("CJK letters") << QString::fromUtf8("\xe6\x95\xb0\xe6\x8d\xae") << true;
}

void TestDocument::stateMachineNames() {
    QFETCH(QString, name);
    QFETCH(bool, valid);
    const std::string text = name.toStdString();
    const std::string error = flowcast::model::edits::stateMachineNameError(text);
    QVERIFY2(error.empty() == valid, error.c_str());
}

QTEST_APPLESS_MAIN(TestDocument)
#include "TestDocument.moc"
