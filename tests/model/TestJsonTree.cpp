// releaseJson and makeRoomForEntry (model/asl/JsonTree.h): what the simulator uses instead of
// Json's destructor and an object's own growth on its hot path. They must leave values exactly
// as the plain operations would.
#include "model/asl/JsonTree.h"
#include "tests/common/QuotedJson.h"

#include <QtTest>

using flowcast::model::Json;
using flowcast::model::makeRoomForEntry;
using flowcast::model::releaseJson;

class TestJsonTree : public QObject {
    Q_OBJECT

private slots:
    void releaseLeavesNull_data() {
        QTest::addColumn<QString>("json");
        QTest::newRow("scalar") << "'text that is longer than sixteen bytes'";
        QTest::newRow("object") << "{'a':{'b':[1,{'c':'d'}],'e':'ffffffffffffffffffff'},'g':null}";
        QTest::newRow("array") << "[[],{},[[['deep']]],'s']";
        QTest::newRow("empty") << "{}";
    }
    void releaseLeavesNull() {
        QFETCH(QString, json);
        Json value = quotedJson(json);
        releaseJson(value);
        QVERIFY(value.is_null());
    }

    // Past 64 levels the rest goes to Json's own (iterative) destructor: no stack overflow.
    void releaseAnyDepth() {
        Json value = 1;
        for (int i = 0; i < 200'000; ++i) {
            Json outer = Json::object();
            outer["k"] = std::move(value);
            value = std::move(outer);
        }
        releaseJson(value);
        QVERIFY(value.is_null());
    }

    void roomForEntryKeepsEntriesAndOrder() {
        Json value = quotedJson("{'z':{'deep':[1,2,3]},'a':'a string longer than the SSO buffer'}");
        auto& entries = value.get_ref<Json::object_t&>();
        entries.shrink_to_fit();
        const Json before = value;
        makeRoomForEntry(entries);
        QVERIFY(entries.capacity() > entries.size());
        QCOMPARE(value, before);
        QCOMPARE(value.dump(), before.dump()); // same order of keys
        const auto* buffer = entries.data();
        makeRoomForEntry(entries); // room already: nothing moves
        QCOMPARE(entries.data(), buffer);
        entries.emplace_back("new", 1);
        QCOMPARE(entries.data(), buffer);
        QCOMPARE(value.dump(),
                 R"({"z":{"deep":[1,2,3]},"a":"a string longer than the SSO buffer","new":1})");
    }

    void roomForEntryInAnEmptyObject() {
        Json value = Json::object();
        makeRoomForEntry(value.get_ref<Json::object_t&>());
        QVERIFY(value.get_ref<Json::object_t&>().capacity() >= 1);
        QVERIFY(value.empty());
    }
};

QTEST_APPLESS_MAIN(TestJsonTree)
#include "TestJsonTree.moc"
