// flowcast-cli as a person uses it: help on every command, exit codes 0/1/2, compiler-style
// lines, --json, and bad input that is named, never a crash.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include "tests/common/CliProcess.h"

#include <QtTest>

namespace {

using Run = CliRun;

Run cli(const QStringList& args) { return runProgram(FLOWCAST_CLI_PATH, args); }

QString sample(const QString& name) {
    return QString(FLOWCAST_SOURCE_DIR) + "/samples/" + name + "/" + name + ".asl.json";
}

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& content) {
    const QString path = dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(content);
    return path;
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void helpAndVersion_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("--help") << QStringList{"--help"} << 0 << "Usage: flowcast-cli COMMAND";
        QTest::newRow("--version") << QStringList{"--version"} << 0 << "flowcast-cli 0.1.0";
        QTest::newRow("validate --help") << QStringList{"validate", "--help"} << 0 << "Usage: flowcast-cli validate";
        QTest::newRow("format --help") << QStringList{"format", "--help"} << 0 << "Usage: flowcast-cli format";
        QTest::newRow("help format") << QStringList{"help", "format"} << 0 << "Usage: flowcast-cli format";
    }
    void helpAndVersion() {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.out.contains(expected), qPrintable(r.out));
    }

    void usageErrorsExitTwo_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("nothing") << QStringList{};
        QTest::newRow("unknown command") << QStringList{"frobnicate"};
        QTest::newRow("validate without file") << QStringList{"validate"};
        QTest::newRow("unknown option") << QStringList{"validate", "--colour", sample("emr-livy")};
        QTest::newRow("format two files") << QStringList{"format", "a", "b"};
        QTest::newRow("format -o without name") << QStringList{"format", sample("emr-livy"), "-o"};
    }
    void usageErrorsExitTwo() {
        QFETCH(QStringList, args);
        QCOMPARE(cli(args).exitCode, 2);
    }

    void samplesAreValid() {
        const Run r = cli({"validate", sample("data-lake-etl"), sample("emr-livy"), sample("emr-direct"),
                           sample("glue-job-chain"), sample("streaming-micro-batch"), sample("use-case-fanout"),
                           sample("s3-object-fanout")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(!r.out.contains("ERROR"), qPrintable(r.out));
        QVERIFY(!r.out.contains("WARNING"));
    }

    void invalidDefinitionPrintsCompilerStyleLines() {
        const QString path = write(m_dir, "bad.asl.json",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"Missing\"}}}");
        const Run r = cli({"validate", path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(path + ":/States/A/Next: ERROR MISSING_TRANSITION_TARGET: "), qPrintable(r.out));
    }

    void summaryLine() {
        const Run r = cli({"validate", "--summary", sample("emr-livy")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(sample("emr-livy") + ": VALID - "), qPrintable(r.out));
        QVERIFY2(r.out.contains(" states (") && r.out.contains(" Choice") && r.out.endsWith("0 errors, 0 warnings\n"), qPrintable(r.out));
    }

    void jsonOutput() {
        const QString bad = write(m_dir, "bad2.asl.json",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
            " \"Retry\": [{\"ErrorEquals\": [\"States.ALL\"], \"BackoffRate\": 0.5}], \"End\": true}}}");
        const Run r = cli({"validate", "--json", sample("emr-livy"), bad});
        QCOMPARE(r.exitCode, 1);
        const QJsonArray files = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(files.size(), 2);
        QCOMPARE(files[0].toObject()["valid"].toBool(), true);
        QCOMPARE(files[1].toObject()["valid"].toBool(), false);
        const QJsonObject d = files[1].toObject()["diagnostics"].toArray()[0].toObject();
        QCOMPARE(d["code"].toString(), QString("SCHEMA_VALIDATION_FAILED"));
        QCOMPARE(d["severity"].toString(), QString("ERROR"));
        QCOMPARE(d["location"].toString(), QString("/States/A/Retry/0/BackoffRate"));
        QVERIFY(!d["message"].toString().isEmpty());
    }

    void jsonOutputWithNonAsciiInMessages() {
        // A message quoting part of a non-ASCII path once cut a UTF-8 character in half and the
        // JSON writer threw (found in review).
        const QString path = write(m_dir, "utf8.asl.json",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"InputPath\": \"$.a[0]\u00e9\", \"End\": true}}}");
        const Run r = cli({"validate", "--json", path});
        QVERIFY(!r.crashed);
        QCOMPARE(r.exitCode, 1);
        const QJsonArray files = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(files.size(), 1);
        const QJsonObject d = files[0].toObject()["diagnostics"].toArray()[0].toObject();
        QCOMPARE(d["code"].toString(), QString("INVALID_JSONPATH"));
        QVERIFY2(d["message"].toString().contains(QString::fromUtf8("unexpected '\u00e9'")), qPrintable(d["message"].toString()));
    }

    void badInputIsNamedNotCrashed_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated") << QByteArray("{\n  \"StartAt\": \"A\",\n  \"States\": {") << ":3:14: ERROR INVALID_JSON_DESCRIPTION";
        QTest::newRow("wrong type") << QByteArray("{\"StartAt\": 5, \"States\": {\"A\": {\"Type\": \"Succeed\"}}}") << ":/StartAt: ERROR SCHEMA_VALIDATION_FAILED";
        QTest::newRow("invalid utf-8") << QByteArray("{\"Comment\": \"\xff\"}") << ":1:14: ERROR INVALID_UTF8";
        QTest::newRow("10000 deep") << QByteArray(10000, '[') << ":1:513: ERROR NESTING_TOO_DEEP";
        QTest::newRow("after a byte order mark") << QByteArray("\xEF\xBB\xBF{,}") << ":1:5: ERROR INVALID_JSON_DESCRIPTION: expected a key in double quotes, found ','";
        QTest::newRow("not json at all") << QByteArray("\x00\x01\x02", 3) << ":1:1: ERROR INVALID_JSON_DESCRIPTION: the text holds a NUL byte";
    }
    void badInputIsNamedNotCrashed() {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const QString path = write(m_dir, QString("input-%1.asl.json").arg(QTest::currentDataTag()), content);
        const Run r = cli({"validate", path});
        QVERIFY(!r.crashed);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(path + expected), qPrintable(r.out + r.err));
    }

    void missingFileAndDirectory() {
        const Run missing = cli({"validate", m_dir.filePath("nope.asl.json")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.out.contains("nope.asl.json:/: ERROR FILE_NOT_FOUND"));
        const Run dir = cli({"validate", m_dir.path()});
        QCOMPARE(dir.exitCode, 1);
        QVERIFY2(dir.out.contains(m_dir.path() + ":/: ERROR NOT_A_FILE"), qPrintable(dir.out));
    }

    void tenMegabyteDefinition() {
        QByteArray big = "{\"StartAt\": \"A\", \"Comment\": \"" + QByteArray(10 * 1024 * 1024, 'x') +
                         "\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}";
        const QString path = write(m_dir, "big.asl.json", big);
        const Run r = cli({"validate", path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains("ERROR DEFINITION_TOO_LARGE"));
    }

    void formatKeepsSamplesByteForByte() {
        QFile f(sample("data-lake-etl"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const Run r = cli({"format", sample("data-lake-etl")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.toUtf8(), f.readAll());
        QCOMPARE(cli({"format", "--check", sample("data-lake-etl")}).exitCode, 0);
    }

    void formatCheckAndOutput() {
        const QString messy = write(m_dir, "messy.asl.json", "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}");
        QCOMPARE(cli({"format", "--check", messy}).exitCode, 1);
        const QString out = m_dir.filePath("tidy.asl.json");
        QCOMPARE(cli({"format", messy, "-o", out}).exitCode, 0);
        QCOMPARE(cli({"format", "--check", out}).exitCode, 0);
        QFile tidy(out);
        QVERIFY(tidy.open(QIODevice::ReadOnly));
        QCOMPARE(tidy.readAll(), QByteArray("{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\n      \"Type\": \"Succeed\"\n    }\n  }\n}\n"));
    }

    void formatYamlToJson() {
        const QString yaml = write(m_dir, "m.asl.yaml", "StartAt: A\nStates:\n  A:\n    Type: Wait\n    Seconds: 5\n    End: true\n");
        const Run r = cli({"format", yaml});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("\"Seconds\": 5,"), qPrintable(r.out));
        QCOMPARE(cli({"validate", yaml}).exitCode, 0);
    }
};

QTEST_APPLESS_MAIN(TestCli)
#include "TestCli.moc"
