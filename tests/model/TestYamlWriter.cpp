// toYaml: block YAML that reads back (through the project's own YAML reader) as exactly the JSON
// it was written from, keys in order; strings that another YAML type could claim are quoted.
// Checked on tricky scalars, every sample definition and every parsable corpus file.
#include "model/asl/AslReader.h"
#include "model/asl/YamlToJson.h"
#include "model/asl/YamlWriter.h"
#include "tests/model/CorpusManifest.h"

#include <QDirIterator>
#include <QtTest>

using flowcast::model::Json;
namespace model = flowcast::model;

namespace {

Json readBack(const std::string& yaml) {
    const auto read = model::AslReader::readText(yaml, model::TextFormat::Yaml);
    return read.json ? *read.json : Json("<unreadable>");
}

} // namespace

class TestYamlWriter : public QObject {
    Q_OBJECT

private slots:
    void scalarsRoundTrip_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("plain");
        for (const char* s : {"Task", "$.job.file", "arn:aws:states:::lambda:invoke",
                              "States.Format('{}', $.a)", "Lambda.ServiceException", "a b c"})
            QTest::newRow(s) << s << true;
        for (const char* s :
             {"",     "yes",  "No",    "on",          "true",       "null",       "~",     "123",
              "1.5",  "1e3",  "0x1F",  ".inf",        "2026-01-01", "1:20",       " lead", "trail ",
              "a: b", "a #b", "- x",   "#x",          "*x",         "!x",         "{x}",   "[x]",
              "x:",   "'q'",  "\"q\"", "multi\nline", "tab\there",  "ünïcode: ok"})
            QTest::newRow(s) << QString::fromUtf8(s) << false;
    }
    void scalarsRoundTrip() {
        QFETCH(QString, text);
        QFETCH(bool, plain);
        const std::string s = text.toStdString();
        QCOMPARE(model::isPlainSafe(s), plain);
        const Json value = {{"k", s}, {s, 1}};
        const std::string yaml = model::toYaml(value);
        QCOMPARE(readBack(yaml).dump(), value.dump());
    }

    void shapes() {
        const Json value = Json::parse(
            R"({"a": {}, "b": [], "c": [1, 2.0, true, null, "x"], "d": [{"e": [ {"f": 1} ],)"
            R"( "g": {"h": []}}, [[1], []]], "i": {"j": {"k": "l"}}})");
        const std::string yaml = model::toYaml(value);
        QCOMPARE(readBack(yaml).dump(), value.dump());
        QCOMPARE(yaml.substr(0, 13), std::string("a: {}\nb: []\nc"));
        QCOMPARE(model::toYaml(Json::array()), std::string("[]\n"));
        QCOMPARE(readBack(model::toYaml(Json(42))), Json(42));
    }

    void everySampleRoundTrips() {
        int files = 0;
        QDirIterator it(QStringLiteral(FLOWCAST_SOURCE_DIR "/samples"), {"*.asl.json"}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const auto read = model::AslReader::readFile(it.next().toStdString());
            QVERIFY(read.json);
            QCOMPARE(readBack(model::toYaml(*read.json)).dump(), read.json->dump());
            ++files;
        }
        QVERIFY(files >= 7);
    }

    void everyCorpusFileRoundTrips() {
        const QString root = corpusRoot();
        if (root.isEmpty()) QSKIP("no corpus: set FLOWCAST_CORPUS or put ../shared/corpus beside");
        int files = 0;
        for (const CorpusEntry& e : readManifest(root)) {
            if (!e.jsonOk) continue;
            const auto read = model::AslReader::readFile((root + "/" + e.path).toStdString());
            if (!read.json) continue;
            QVERIFY2(readBack(model::toYaml(*read.json)) == *read.json, qPrintable(e.path));
            ++files;
        }
        QVERIFY(files > 250);
    }
};

QTEST_APPLESS_MAIN(TestYamlWriter)
#include "TestYamlWriter.moc"
