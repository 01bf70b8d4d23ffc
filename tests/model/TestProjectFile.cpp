// The project file: definition, layout and other sections round-trip in order; a broken project
// names the place (pointer, line and column) and never yields a half-read project.
#include "model/document/ProjectFile.h"

#include "tests/common/QuotedJson.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace flowcast::model;

class TestProjectFile : public QObject {
    Q_OBJECT
private slots:
    void roundTripsInOrder();
    void refusesBrokenProjects_data();
    void refusesBrokenProjects();
    void writesAtomicallyAndReadsBack();
};

void TestProjectFile::roundTripsInOrder() {
    const std::string text = ProjectFile::toText(
        {quotedJson("{'StartAt':'B','States':{'B':{'Type':'Succeed'}},'Comment':'c'}"),
         quotedJson("{'positions':{'/States/B':{'x':1.5,'y':2}}}"),
         quotedJson("{'scenarios':[{'name':'x'}]}")});
    const ProjectReadResult read = ProjectFile::fromText(text);
    QVERIFY(read.project);
    QCOMPARE(read.project->definition.dump(),
             quotedJson("{'StartAt':'B','States':{'B':{'Type':'Succeed'}},'Comment':'c'}").dump());
    QCOMPARE(read.project->layout["positions"]["/States/B"]["x"], Json(1.5));
    QCOMPARE(read.project->other.dump(), quotedJson("{'scenarios':[{'name':'x'}]}").dump());
    QCOMPARE(ProjectFile::toText(*read.project), text);
}

void TestProjectFile::refusesBrokenProjects_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("location");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("not an object") << "[1]"
                                   << "" << 1 << "a project is a JSON object, not an array";
    QTest::newRow("no marker") << "{'definition':{}}"
                               << "" << 1 << "a project starts with \"flowcast\": \"project\"";
    QTest::newRow("future version")
        << "{'flowcast':'project',\n'version':2,'definition':{}}"
        << "/version" << 2 << "this Flowcast reads project version 1; \"version\" is 2";
    QTest::newRow("definition a string")
        << "{'flowcast':'project','version':1,\n\n'definition':'x'}"
        << "/definition" << 3 << "\"definition\" must hold the ASL definition, an object";
    QTest::newRow("layout an array")
        << "{'flowcast':'project','version':1,'definition':{},'layout':[]}"
        << "/layout" << 1 << "\"layout\" must be an object, not an array";
}

void TestProjectFile::refusesBrokenProjects() {
    QFETCH(QString, text);
    QFETCH(QString, location);
    QFETCH(int, line);
    QFETCH(QString, message);
    const ProjectReadResult read = ProjectFile::fromText(text.replace('\'', '"').toStdString());
    QVERIFY(!read.project);
    QCOMPARE(read.diagnostics.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(read.diagnostics[0].code), QString("PROJECT_INVALID"));
    QCOMPARE(QString::fromStdString(read.diagnostics[0].location), location);
    QCOMPARE(read.diagnostics[0].line, line);
    QCOMPARE(QString::fromStdString(read.diagnostics[0].message), message);
}

void TestProjectFile::writesAtomicallyAndReadsBack() {
    QTemporaryDir dir;
    const std::filesystem::path path = dir.filePath("p.flowcast.json").toStdString();
    QVERIFY(ProjectFile::isProjectPath(path));
    QVERIFY(!ProjectFile::isProjectPath("p.asl.json"));
    const Project project{quotedJson("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true}}}"),
                          Json::object(), Json::object()};
    QCOMPARE(ProjectFile::write(path, project), std::string());
    const ProjectReadResult read = ProjectFile::read(path);
    QVERIFY(read.project);
    QCOMPARE(read.project->definition, project.definition);
    const ProjectReadResult missing =
        ProjectFile::read(dir.filePath("none.flowcast.json").toStdString());
    QVERIFY(!missing.project);
    QVERIFY(!missing.diagnostics.empty());
    QCOMPARE(missing.diagnostics[0].code, std::string("FILE_NOT_FOUND"));
}

QTEST_APPLESS_MAIN(TestProjectFile)
#include "TestProjectFile.moc"
