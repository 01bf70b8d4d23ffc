// SourceMap: JSON Pointer -> line and column of the key (or of the value for array elements and
// the root), fallback to the nearest ancestor, bad text never a crash; and DefinitionFile filling
// line and column of pointer diagnostics in JSON files only.
#include "model/asl/DefinitionFile.h"
#include "model/asl/SourceMap.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <random>

using namespace flowcast::model;

namespace {

// Line numbers on the right; columns are counted in bytes from 1.
const char* const kDocument =
    "{\n"                                                                  // 1
    "  \"StartAt\": \"A\",\n"                                              // 2
    "  \"States\": {\n"                                                    // 3
    "    \"A\": {\n"                                                       // 4
    "      \"Type\": \"Task\",\n"                                          // 5
    "      \"Retry\": [\n"                                                 // 6
    "        {\"ErrorEquals\": [\"States.ALL\"], \"BackoffRate\": 0.5},\n" // 7
    "        {\"ErrorEquals\": [\"X\"]}\n"                                 // 8
    "      ],\n"                                                           // 9
    "      \"Next\": \"B\"\n"                                              // 10
    "    },\n"                                                             // 11
    "    \"a\\\"b\": {\"x~y\": 1, \"p/q\": 2},\n"                          // 12
    "    \"\\u00e9\": true\n"                                              // 13
    "  }\n"                                                                // 14
    "}\n";                                                                 // 15

// Keys spelled with escapes, all on line 1.
const char* const kEscapes = "{\"\\ud83d\\ude00\": 1, \"t\\/s\": 2, \"~\": 3, \"\\n\\t\": 4}";

const Diagnostic* findCode(const Diagnostics& diags, const std::string& code) {
    for (const auto& d : diags)
        if (d.code == code) return &d;
    return nullptr;
}

std::string writeTemp(const QTemporaryDir& dir, const std::string& name, const std::string& text) {
    const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

// About 1 MB of pretty-printed Task states; `lastNextLine` is the line of the last "Next" key.
std::string generatedDefinition(std::size_t bytes, int& states, int& lastNextLine) {
    std::string text = "{\n  \"StartAt\": \"S0\",\n  \"States\": {\n";
    int line = 4;
    states = 0;
    while (text.size() < bytes) {
        const std::string name = "S" + std::to_string(states++);
        const std::string next = "S" + std::to_string(states);
        text += "    \"" + name + "\": {\n";
        text += "      \"Type\": \"Task\",\n";
        text += "      \"Resource\": \"arn:aws:states:::lambda:invoke\",\n";
        text +=
            "      \"Parameters\": {\"FunctionName\": \"" + name + "\", \"Payload.$\": \"$\"},\n";
        text += "      \"Retry\": [{\"ErrorEquals\": [\"States.ALL\"], \"IntervalSeconds\": 2, "
                "\"MaxAttempts\": 3, \"BackoffRate\": 2.0}],\n";
        text += "      \"Next\": \"" + next + "\"\n";
        text += "    },\n";
        lastNextLine = line + 5;
        line += 7;
    }
    text += "    \"S" + std::to_string(states) + "\": {\"Type\": \"Succeed\"}\n  }\n}\n";
    return text;
}

} // namespace

class TestSourceMap : public QObject {
    Q_OBJECT

private slots:
    void locate_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("pointer");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        const QByteArray doc(kDocument);
        QTest::newRow("root") << doc << QByteArray("") << 1 << 1;
        QTest::newRow("top-level key") << doc << QByteArray("/StartAt") << 2 << 3;
        QTest::newRow("object key") << doc << QByteArray("/States") << 3 << 3;
        QTest::newRow("state") << doc << QByteArray("/States/A") << 4 << 5;
        QTest::newRow("state field") << doc << QByteArray("/States/A/Type") << 5 << 7;
        QTest::newRow("array key") << doc << QByteArray("/States/A/Retry") << 6 << 7;
        QTest::newRow("array element is its value")
            << doc << QByteArray("/States/A/Retry/0") << 7 << 9;
        QTest::newRow("key in element")
            << doc << QByteArray("/States/A/Retry/0/ErrorEquals") << 7 << 10;
        QTest::newRow("nested element")
            << doc << QByteArray("/States/A/Retry/0/ErrorEquals/0") << 7 << 26;
        QTest::newRow("second key on a line")
            << doc << QByteArray("/States/A/Retry/0/BackoffRate") << 7 << 41;
        QTest::newRow("second element") << doc << QByteArray("/States/A/Retry/1") << 8 << 9;
        QTest::newRow("after a closed array") << doc << QByteArray("/States/A/Next") << 10 << 7;
        QTest::newRow("escaped quote in key") << doc << QByteArray("/States/a\"b") << 12 << 5;
        QTest::newRow("~0 for ~") << doc << QByteArray("/States/a\"b/x~0y") << 12 << 14;
        QTest::newRow("~1 for /") << doc << QByteArray("/States/a\"b/p~1q") << 12 << 24;
        QTest::newRow("\\u00e9 decoded") << doc << QByteArray("/States/\xC3\xA9") << 13 << 5;

        const QByteArray esc(kEscapes);
        QTest::newRow("surrogate pair") << esc << QByteArray("/\xF0\x9F\x98\x80") << 1 << 2;
        QTest::newRow("\\/ is ~1") << esc << QByteArray("/t~1s") << 1 << 21;
        QTest::newRow("lone ~") << esc << QByteArray("/~0") << 1 << 32;
        QTest::newRow("control escapes") << esc << QByteArray("/\n\t") << 1 << 40;

        // Missing places fall back to the nearest ancestor that exists.
        QTest::newRow("missing field") << doc << QByteArray("/States/A/Catch") << 4 << 5;
        QTest::newRow("missing element")
            << doc << QByteArray("/States/A/Retry/5/BackoffRate") << 6 << 7;
        QTest::newRow("missing state") << doc << QByteArray("/States/Missing/Next") << 3 << 3;
        QTest::newRow("missing top-level") << doc << QByteArray("/Comment") << 1 << 1;
        QTest::newRow("below a scalar") << doc << QByteArray("/StartAt/x") << 2 << 3;
        QTest::newRow("unescaped token is another key")
            << doc << QByteArray("/States/a\"b/x~y") << 12 << 5;
        QTest::newRow("empty key token") << doc << QByteArray("/States/") << 3 << 3;

        QTest::newRow("duplicate key: the last wins")
            << QByteArray("{\"A\": {\"x\": 1},\n \"A\": {\"y\": 2}}") << QByteArray("/A/x") << 2
            << 2;
        QTest::newRow("empty key")
            << QByteArray("{\"a\": 1, \"\": 2}") << QByteArray("/") << 1 << 10;
        QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF{\"a\": 1}") << QByteArray("/a") << 1 << 5;
        QTest::newRow("CRLF") << QByteArray("{\r\n  \"a\": 1\r\n}") << QByteArray("/a") << 2 << 3;
        QTest::newRow("scalar root") << QByteArray("  \n 42") << QByteArray("/x") << 2 << 2;
    }

    void locate() {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, pointer);
        QFETCH(int, line);
        QFETCH(int, column);
        const SourceMap map = SourceMap::build(text.toStdString());
        const auto pos = map.locate(pointer.toStdString());
        QVERIFY(pos.has_value());
        QCOMPARE(pos->line, line);
        QCOMPARE(pos->column, column);
    }

    void agreesWithPositionOf() {
        // Every mapped key of the document starts at the offset of its quote.
        const std::string text(kDocument);
        const SourceMap map = SourceMap::build(text);
        const auto pos = map.locate("/States/A/Retry/0/BackoffRate");
        const TextPosition expected = positionOf(text, text.find("\"BackoffRate\""));
        QVERIFY(pos.has_value());
        QCOMPARE(pos->line, expected.line);
        QCOMPARE(pos->column, expected.column);
        QCOMPARE(map.size(), std::size_t(18));
    }

    void malformedText_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("pointer");
        QTest::addColumn<bool>("found");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("empty") << QByteArray("") << QByteArray("") << false << 0 << 0;
        QTest::newRow("only spaces") << QByteArray(" \n ") << QByteArray("/a") << false << 0 << 0;
        QTest::newRow("not a value") << QByteArray("}") << QByteArray("") << false << 0 << 0;
        QTest::newRow("not a pointer")
            << QByteArray(kDocument) << QByteArray("States") << false << 0 << 0;
        QTest::newRow("unclosed object") << QByteArray("{") << QByteArray("/a") << true << 1 << 1;
        QTest::newRow("unclosed array")
            << QByteArray("{\"a\": [1, 2") << QByteArray("/a/1") << true << 1 << 11;
        QTest::newRow("unterminated string")
            << QByteArray("{\"a\": \"xyz") << QByteArray("/a") << true << 1 << 2;
        QTest::newRow("unterminated key")
            << QByteArray("{\"a\": 1, \"b") << QByteArray("/b") << true << 1 << 1;
        QTest::newRow("missing colon")
            << QByteArray("{\"a\" 1, \"b\": 2}") << QByteArray("/b") << true << 1 << 1;
        QTest::newRow("bad escape")
            << QByteArray("{\"a\\q\": 1}") << QByteArray("/a\\q") << true << 1 << 1;
        QTest::newRow("lone surrogate")
            << QByteArray("{\"\\ud800\": 1}") << QByteArray("/x") << true << 1 << 1;
        QTest::newRow("short \\u") << QByteArray("{\"\\u12") << QByteArray("/x") << true << 1 << 1;
        QTest::newRow("raw newline in a string")
            << QByteArray("{\"a\": \"x\ny\", \"b\": 1}") << QByteArray("/b") << true << 1 << 1;
        QTest::newRow("trailing comma") << QByteArray("[1,]") << QByteArray("/0") << true << 1 << 2;
        QTest::newRow("wrong closer")
            << QByteArray("{\"a\": [1}, \"b\": 2}") << QByteArray("/b") << true << 1 << 1;
        QTest::newRow("trailing text")
            << QByteArray("[1, 2] [3]") << QByteArray("/1") << true << 1 << 5;
        QTest::newRow("too deep") << QByteArray(100'000, '[') << QByteArray("/0/0") << true << 1
                                  << 3;
    }

    void malformedText() {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, pointer);
        QFETCH(bool, found);
        QFETCH(int, line);
        QFETCH(int, column);
        const auto pos = SourceMap::build(text.toStdString()).locate(pointer.toStdString());
        QCOMPARE(pos.has_value(), found);
        if (!found) return;
        QCOMPARE(pos->line, line);
        QCOMPARE(pos->column, column);
    }

    void randomBytesNeverCrash() {
        // JSON's own punctuation, escapes and line breaks shuffled; fixed seed.
        const std::string alphabet = "{}[],:\"\\u0d8Ae1- \n/~";
        std::mt19937 rng(20240611);
        std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
        std::uniform_int_distribution<int> length(0, 64);
        int located = 0;
        for (int run = 0; run < 20'000; ++run) {
            std::string text;
            for (int n = length(rng); n > 0; --n)
                text += alphabet[pick(rng)];
            const SourceMap map = SourceMap::build(text);
            const auto pos = map.locate("/a/0/~1");
            QCOMPARE(pos.has_value(), !map.isEmpty());
            if (!pos) continue;
            ++located;
            QVERIFY(pos->line >= 1 && pos->column >= 1);
            QVERIFY(static_cast<std::size_t>(pos->column) <= text.size());
        }
        QVERIFY(located > 0);
    }

    void megabyteDefinitionIsMappedInOnePass() {
        int states = 0;
        int lastNextLine = 0;
        const std::string text = generatedDefinition(1'048'576, states, lastNextLine);
        QElapsedTimer timer;
        timer.start();
        const SourceMap map = SourceMap::build(text);
        const double buildMs = timer.nsecsElapsed() / 1e6;
        const std::string last = "/States/S" + std::to_string(states - 1);
        const auto pos = map.locate(last + "/Next");
        const auto fallback = map.locate(last + "/Retry/0/JitterStrategy");
        qInfo("SourceMap::build: %zu bytes, %d states, %zu values in %.2f ms", text.size(), states,
              map.size(), buildMs);
        QVERIFY(pos.has_value());
        QCOMPARE(pos->line, lastNextLine);
        QCOMPARE(pos->column, 7);
        QVERIFY(fallback.has_value());
        QCOMPARE(fallback->line, lastNextLine - 1);
        QCOMPARE(fallback->column, 17);
    }

    // DefinitionFile fills line and column of pointer diagnostics in JSON text.
    void definitionDiagnostics_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("location");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("missing target")
            << QByteArray("{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": "
                          "\"Pass\", \"Next\": \"B\"}\n  }\n}\n")
            << "MISSING_TRANSITION_TARGET"
            << "/States/A/Next" << 4 << 27;
        QTest::newRow("duplicate key: the last one")
            << QByteArray("{\"StartAt\": \"A\",\n \"StartAt\": \"A\",\n \"States\": {\"A\": "
                          "{\"Type\": \"Succeed\"}}}")
            << "DUPLICATE_KEY"
            << "/StartAt" << 2 << 2;
        QTest::newRow("root diagnostic keeps line 0")
            << QByteArray("{\"States\": {\"A\": {\"Type\": \"Succeed\"}}}")
            << "SCHEMA_VALIDATION_FAILED"
            << "" << 0 << 0;
        QTest::newRow("template Definition is located")
            << QByteArray(
                   "{\"Resources\": {\"M\": {\"Type\": \"AWS::StepFunctions::StateMachine\",\n"
                   "  \"Properties\": {\"Definition\": {\"StartAt\": \"A\",\n"
                   "    \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"B\"}}}}}}}")
            << "MISSING_TRANSITION_TARGET"
            << "/Resources/M/Properties/Definition/States/A/Next" << 3 << 38;
        QTest::newRow("DefinitionString text keeps line 0")
            << QByteArray(
                   "{\"Resources\": {\"M\": {\"Type\": \"AWS::StepFunctions::StateMachine\",\n"
                   "  \"Properties\": {\"DefinitionString\":\n"
                   "    \"{\\\"StartAt\\\": \\\"A\\\", \\\"States\\\": {\\\"A\\\": {\\\"Type\\\": "
                   "\\\"Pass\\\", \\\"Next\\\": \\\"B\\\"}}}\"}}}}")
            << "MISSING_TRANSITION_TARGET"
            << "/Resources/M/Properties/DefinitionString/States/A/Next" << 0 << 0;
        QTest::newRow("DefinitionString intrinsic is located")
            << QByteArray(
                   "{\"Resources\": {\"M\": {\"Type\": \"AWS::StepFunctions::StateMachine\",\n"
                   "  \"Properties\": {\"DefinitionString\": {\"Ref\": \"X\"}}}}}")
            << "UNRESOLVED_PLACEHOLDER"
            << "/Resources/M/Properties/DefinitionString" << 2 << 18;
    }

    void definitionDiagnostics() {
        QFETCH(QByteArray, text);
        QFETCH(QString, code);
        QFETCH(QString, location);
        QFETCH(int, line);
        QFETCH(int, column);
        const FileReport report =
            DefinitionFile::checkText(text.toStdString(), TextFormat::Json, "t.json");
        const Diagnostic* d = findCode(report.diagnostics, code.toStdString());
        QVERIFY2(d != nullptr, qPrintable(code));
        QCOMPARE(QString::fromStdString(d->location), location);
        QCOMPARE(d->line, line);
        QCOMPARE(d->column, column);
    }

    void checkOnAFileLocatesTheDiagnostic() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = writeTemp(dir, "missing.asl.json",
                                           "{\n"
                                           "  \"StartAt\": \"A\",\n"
                                           "  \"States\": {\n"
                                           "    \"A\": {\n"
                                           "      \"Type\": \"Pass\",\n"
                                           "      \"Next\": \"Nowhere\"\n"
                                           "    }\n"
                                           "  }\n"
                                           "}\n");
        const FileReport report = DefinitionFile::check(path);
        QVERIFY(!report.valid());
        const Diagnostic* d = findCode(report.diagnostics, "MISSING_TRANSITION_TARGET");
        QVERIFY(d != nullptr);
        QCOMPARE(d->location, std::string("/States/A/Next"));
        QCOMPARE(d->line, 6);
        QCOMPARE(d->column, 7);
    }

    void yamlFileGetsNoLine() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = writeTemp(dir, "missing.asl.yaml",
                                           "StartAt: A\n"
                                           "States:\n"
                                           "  A:\n"
                                           "    Type: Pass\n"
                                           "    Next: Nowhere\n");
        const FileReport report = DefinitionFile::check(path);
        QVERIFY(report.json.has_value());
        QVERIFY(!report.valid());
        const Diagnostic* d = findCode(report.diagnostics, "MISSING_TRANSITION_TARGET");
        QVERIFY(d != nullptr);
        QCOMPARE(d->location, std::string("/States/A/Next"));
        QCOMPARE(d->line, 0);
        QCOMPARE(d->column, 0);
    }
};

QTEST_APPLESS_MAIN(TestSourceMap)
#include "TestSourceMap.moc"
