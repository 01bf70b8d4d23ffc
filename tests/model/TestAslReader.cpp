// AslReader and AslWriter: lossless round trips, YAML, and every kind of bad input named by
// code and place.
#include "model/asl/AslReader.h"
#include "model/asl/AslWriter.h"
#include "model/asl/DefinitionFile.h"
#include "model/asl/YamlToJson.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

using namespace flowcast::model;

namespace {

std::string writeTemp(const QTemporaryDir& dir, const std::string& name, const std::string& text) {
    const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

const Diagnostic* findCode(const Diagnostics& diags, const std::string& code) {
    for (const auto& d : diags)
        if (d.code == code) return &d;
    return nullptr;
}

} // namespace

class TestAslReader : public QObject {
    Q_OBJECT

private slots:
    void keyOrderSurvivesRoundTrip() {
        const std::string text = "{\n  \"States\": {\n    \"Z\": {\n      \"Type\": \"Succeed\"\n    },\n"
                                 "    \"A\": {\n      \"Type\": \"Pass\",\n      \"End\": true\n    }\n  },\n"
                                 "  \"StartAt\": \"Z\",\n  \"Comment\": \"keys out of alphabetical order\"\n}\n";
        const ReadResult r = AslReader::readText(text, TextFormat::Json);
        QVERIFY(r.ok());
        QCOMPARE(AslWriter::toText(*r.json), text);
    }

    void placeholdersPassThrough() {
        const std::string text = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\n      \"Type\": \"Task\",\n"
                                 "      \"Resource\": \"arn:${AWS::Partition}:states:::lambda:invoke\",\n"
                                 "      \"Parameters\": {\n        \"FunctionName\": \"${ProcessFunctionArn}\"\n      },\n"
                                 "      \"End\": true\n    }\n  }\n}\n";
        const ReadResult r = AslReader::readText(text, TextFormat::Json);
        QVERIFY(r.ok());
        QCOMPARE(AslWriter::toText(*r.json), text);
    }

    void samplesAreStoredFormatted_data() {
        QTest::addColumn<QString>("name");
        for (const char* s : {"data-lake-etl", "emr-livy", "emr-direct", "glue-job-chain",
                              "streaming-micro-batch", "use-case-fanout", "s3-object-fanout"})
            QTest::newRow(s) << QString(s);
    }
    void samplesAreStoredFormatted() {
        QFETCH(QString, name);
        const auto path = std::filesystem::path(FLOWCAST_SOURCE_DIR) / "samples" / name.toStdString() /
                          (name.toStdString() + ".asl.json");
        std::ifstream in(path, std::ios::binary);
        const std::string original((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const ReadResult r = AslReader::readFile(path);
        QVERIFY(r.ok());
        QCOMPARE(AslWriter::toText(*r.json), original);
    }

    void numbersKeepTheirKind() {
        const ReadResult r = AslReader::readText("{\"a\": 2, \"b\": 2.0, \"c\": 1.5e-7, \"d\": -3}", TextFormat::Json);
        QVERIFY(r.ok());
        QVERIFY((*r.json)["a"].is_number_integer());
        QVERIFY((*r.json)["b"].is_number_float());
        QCOMPARE((*r.json)["c"].get<double>(), 1.5e-7);
        const ReadResult again = AslReader::readText(AslWriter::toText(*r.json), TextFormat::Json);
        QVERIFY(*again.json == *r.json);
    }

    void badJson_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("truncated") << "{\n  \"StartAt\": \"A\",\n  \"States\": {" << "INVALID_JSON_DESCRIPTION" << 3 << 14;
        QTest::newRow("wrong token") << "{\"StartAt\" \"A\"}" << "INVALID_JSON_DESCRIPTION" << 1 << 12;
        QTest::newRow("empty") << "" << "INVALID_JSON_DESCRIPTION" << 1 << 1;
        // The column is the mistake's, not the end of the token the parser read last.
        QTest::newRow("misspelt literal") << "{\"End\": tru}" << "INVALID_JSON_DESCRIPTION" << 1 << 9;
        QTest::newRow("missing comma") << "{\"a\": 1\n \"b\": 2}" << "INVALID_JSON_DESCRIPTION" << 2 << 2;
        QTest::newRow("trailing comma") << "{\"a\": [1, 2,], \"b\": 2}" << "INVALID_JSON_DESCRIPTION" << 1 << 13;
        QTest::newRow("line break in a string") << "{\"a\": \"x\ny\"}" << "INVALID_JSON_DESCRIPTION" << 1 << 9;
        QTest::newRow("bad escape") << "{\"a\": \"x\\qy\"}" << "INVALID_JSON_DESCRIPTION" << 1 << 9;
        QTest::newRow("leading zero") << "{\"a\": 012}" << "INVALID_JSON_DESCRIPTION" << 1 << 7;
        QTest::newRow("text after the value") << "{} x" << "INVALID_JSON_DESCRIPTION" << 1 << 4;
        QTest::newRow("unclosed string") << "{\"a\": \"xy}" << "INVALID_JSON_DESCRIPTION" << 1 << 7;
        QTest::newRow("too deep") << QString(10000, '[') << "NESTING_TOO_DEEP" << 1 << 513;
    }
    void badJson() {
        QFETCH(QString, text);
        QFETCH(QString, code);
        QFETCH(int, line);
        QFETCH(int, column);
        const ReadResult r = AslReader::readText(text.toStdString(), TextFormat::Json);
        QVERIFY(!r.ok());
        QCOMPARE(r.diagnostics.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(r.diagnostics[0].code), code);
        QCOMPARE(r.diagnostics[0].line, line);
        QCOMPARE(r.diagnostics[0].column, column);
    }

    void invalidUtf8IsNamedWithItsPlace() {
        const std::string text = "{\n  \"Comment\": \"caf\xC3\x28\"\n}";
        const ReadResult r = AslReader::readText(text, TextFormat::Json);
        QVERIFY(!r.ok());
        QCOMPARE(r.diagnostics[0].code, std::string("INVALID_UTF8"));
        QCOMPARE(r.diagnostics[0].line, 2);
        QCOMPARE(r.diagnostics[0].column, 18);
    }

    void duplicateKeysAreReportedWithPointer() {
        const ReadResult r = AslReader::readText(
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"B\", \"Next\": \"C\"}}}", TextFormat::Json);
        QVERIFY(r.ok());
        QCOMPARE(r.diagnostics.size(), std::size_t(1));
        QCOMPARE(r.diagnostics[0].code, std::string("DUPLICATE_KEY"));
        QCOMPARE(r.diagnostics[0].location, std::string("/States/A/Next"));
        QCOMPARE((*r.json)["States"]["A"]["Next"].get<std::string>(), std::string("C"));
    }

    void yamlKeepsOrderAndTypes() {
        const std::string yaml = "StartAt: Wait\nStates:\n  Wait:\n    Type: Wait\n    Seconds: 10\n"
                                 "    Comment: '10'\n    Next: Done\n  Done:\n    Type: Succeed\n"
                                 "    OutputPath: null\n";
        const ReadResult r = AslReader::readText(yaml, TextFormat::Yaml);
        QVERIFY(r.ok());
        const Json& wait = (*r.json)["States"]["Wait"];
        QVERIFY(wait["Seconds"].is_number_integer());
        QVERIFY(wait["Comment"].is_string());
        QVERIFY((*r.json)["States"]["Done"]["OutputPath"].is_null());
        QCOMPARE(r.json->begin().key(), std::string("StartAt"));
        QCOMPARE((*r.json)["States"].begin().key(), std::string("Wait"));
    }

    void yamlCloudFormationTags() {
        const std::string yaml = "A: !Sub 'arn:${AWS::Partition}:x'\nB: !GetAtt Fn.Arn\nC: !Ref Name\n";
        const ReadResult r = AslReader::readText(yaml, TextFormat::Yaml);
        QVERIFY(r.ok());
        QCOMPARE((*r.json)["A"]["Fn::Sub"].get<std::string>(), std::string("arn:${AWS::Partition}:x"));
        QCOMPARE((*r.json)["B"]["Fn::GetAtt"], Json::array({"Fn", "Arn"}));
        QCOMPARE((*r.json)["C"]["Ref"].get<std::string>(), std::string("Name"));
    }

    // A tag alone on the line under its key, then a block scalar: valid YAML that CloudFormation
    // templates use (PyYAML and the yaml npm package read it); libfyaml 0.7.12 refuses it alone.
    void yamlTagAloneAboveBlockScalar_data() {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<QString>("expected");
        QTest::newRow("content at the tag's column") << "a:\n  p:\n    !Sub |\n    {\n      \"x\": 1\n    }\n  q: 2\n"
                                                     << "{\"a\":{\"p\":{\"Fn::Sub\":\"{\\n  \\\"x\\\": 1\\n}\\n\"},\"q\":2}}";
        QTest::newRow("content deeper than the tag") << "a:\n  p: \n    !Sub >-\n      one\n      two\n  q: 2\n"
                                                     << "{\"a\":{\"p\":{\"Fn::Sub\":\"one two\"},\"q\":2}}";
        QTest::newRow("under a sequence entry") << "- p:\n    !Sub |\n    x\n- 3\n"
                                                << "[{\"p\":{\"Fn::Sub\":\"x\\n\"}},3]";
    }
    void yamlTagAloneAboveBlockScalar() {
        QFETCH(QString, yaml);
        QFETCH(QString, expected);
        const ReadResult r = AslReader::readText(yaml.toStdString(), TextFormat::Yaml);
        QVERIFY2(r.ok(), r.diagnostics.empty() ? "" : r.diagnostics[0].message.c_str());
        QCOMPARE(QString::fromStdString(r.json->dump()), expected);
        // A real error elsewhere in such a file is still reported where it is.
        const ReadResult bad = AslReader::readText(yaml.toStdString() + "  bad: [\n", TextFormat::Yaml);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.diagnostics[0].code, std::string("INVALID_YAML"));
    }

    void yamlScalarResolution_data() {
        QTest::addColumn<QString>("scalar");
        QTest::addColumn<QString>("json");
        QTest::newRow("int") << "42" << "42";
        QTest::newRow("negative") << "-7" << "-7";
        QTest::newRow("float") << "2.5" << "2.5";
        QTest::newRow("bool") << "true" << "true";
        QTest::newRow("null") << "~" << "null";
        QTest::newRow("hex") << "0x1F" << "31";
        QTest::newRow("word") << "Succeed" << "\"Succeed\"";
        QTest::newRow("version") << "1.0.2" << "\"1.0.2\"";
        QTest::newRow("huge") << "123456789012345678901234567890" << "1.2345678901234568e+29";
    }
    void yamlScalarResolution() {
        QFETCH(QString, scalar);
        QFETCH(QString, json);
        const Json value = resolvePlainScalar(scalar.toStdString());
        QCOMPARE(QString::fromStdString(value.dump()), json);
    }

    void badYamlNamesLineAndColumn() {
        const ReadResult r = AslReader::readText("StartAt: A\nStates:\n  A:\n    Type: Pass\n   End: true\n", TextFormat::Yaml);
        QVERIFY(!r.ok());
        QCOMPARE(r.diagnostics[0].code, std::string("INVALID_YAML"));
        QCOMPARE(r.diagnostics[0].line, 5);   // "   End: true" is indented wrongly
        QCOMPARE(r.diagnostics[0].column, 4);
    }

    void yamlDuplicateKeysAndAliases() {
        const ReadResult dup = AslReader::readText("a: 1\nb: 2\na: 3\n", TextFormat::Yaml);
        QVERIFY(dup.ok());
        QCOMPARE(dup.diagnostics[0].code, std::string("DUPLICATE_KEY"));
        QCOMPARE(dup.diagnostics[0].location, std::string("/a"));
        QCOMPARE((*dup.json)["a"].get<int>(), 3);
        const ReadResult alias = AslReader::readText("x: &r {Type: Succeed}\ny: *r\n", TextFormat::Yaml);
        QVERIFY(alias.ok());
        QCOMPARE((*alias.json)["y"]["Type"].get<std::string>(), std::string("Succeed"));
        // Eleven levels of ten aliases each would expand to 10^11 values: refused, not expanded.
        std::string anchored = "a0: &b0 [1,2,3,4,5,6,7,8,9,10]\n";
        for (int i = 1; i <= 11; ++i) {
            std::string line = "a" + std::to_string(i) + ": &b" + std::to_string(i) + " [";
            for (int k = 0; k < 10; ++k) line += std::string(k ? "," : "") + "*b" + std::to_string(i - 1);
            anchored += line + "]\n";
        }
        const ReadResult expanded = AslReader::readText(anchored, TextFormat::Yaml);
        QVERIFY(!expanded.ok());
        QCOMPARE(expanded.diagnostics[0].code, std::string("YAML_TOO_LARGE"));
    }

    void filesystemErrors() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const ReadResult missing = AslReader::readFile(dir.filePath("nope.asl.json").toStdString());
        QCOMPARE(missing.diagnostics[0].code, std::string("FILE_NOT_FOUND"));
        const ReadResult directory = AslReader::readFile(dir.path().toStdString());
        QCOMPARE(directory.diagnostics[0].code, std::string("NOT_A_FILE"));
    }

    void tenMegabyteDefinitionIsReadAndRefusedBySize() {
        QTemporaryDir dir;
        std::string text = "{\"StartAt\": \"A\", \"Comment\": \"";
        text += std::string(10 * 1024 * 1024, 'x');
        text += "\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}";
        const std::string path = writeTemp(dir, "big.asl.json", text);
        const FileReport report = DefinitionFile::check(path);
        QVERIFY(report.json.has_value());
        const Diagnostic* d = findCode(report.diagnostics, "DEFINITION_TOO_LARGE");
        QVERIFY(d != nullptr);
        QVERIFY(d->isError());
    }

    void atomicWriteReplacesTheFile() {
        QTemporaryDir dir;
        const std::string path = writeTemp(dir, "a.asl.json", "old");
        QCOMPARE(AslWriter::writeFileAtomically(path, "new\n"), std::string());
        std::ifstream in(path);
        std::string content;
        std::getline(in, content);
        QCOMPARE(content, std::string("new"));
        QVERIFY(!std::filesystem::exists(dir.filePath(".a.asl.json.flowcast-tmp").toStdString()));
        const std::string err = AslWriter::writeFileAtomically(dir.filePath("no/such/dir/x.json").toStdString(), "x");
        QVERIFY(err.find("x.json") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestAslReader)
#include "TestAslReader.moc"
