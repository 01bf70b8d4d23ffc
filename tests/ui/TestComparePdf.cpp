// flowcast --compare-pdf: the Compare mode's PDF from the command line, as a script runs it (the
// CLI stays Qt-free, so the PDF comes from the GUI binary, without a window): the report of a
// sample's deployments, a scenario given apart from the definition, and every mistake named by
// its file with exit status 1, or 2 for a usage error.
#include "tests/common/CliProcess.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {

CliRun gui(const QStringList& args) {
    return runProgram(FLOWCAST_GUI_PATH, args);
}

QString sample(const QString& name, const QString& suffix) {
    return QStringLiteral(FLOWCAST_SOURCE_DIR "/samples/%1/%1%2").arg(name, suffix);
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Page objects ("/Type /Page", not the "/Type /Pages" tree above them).
int pageCount(const QByteArray& pdf) {
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![s])"));
    return static_cast<int>(QString::fromLatin1(pdf).count(page));
}

} // namespace

class TestComparePdf : public QObject {
    Q_OBJECT

private slots:
    void helpListsTheOption() {
        const CliRun r = gui({"--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--compare-pdf OUT"));
        QVERIFY(r.out.contains("--scenario FILE"));
    }

    // emr-direct's three deployments: the text (recommendation, table, simulation vs theory)
    // on page 1 and on, then one page per chart tab of the Compare mode (cost breakdown,
    // break-even, sensitivity, sizing): at least 5 pages.
    void writesTheComparisonPdf() {
        QTemporaryDir dir;
        const QString out = dir.filePath("emr-direct.pdf");
        const CliRun r = gui(
            {"--open", sample("emr-direct", ".asl.json"), "--horizon", "2d", "--compare-pdf", out});
        QVERIFY2(r.exitCode == 0 && !r.crashed, qPrintable(r.err));
        QCOMPARE(r.out.trimmed(), out);
        const QByteArray pdf = readAll(out);
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY2(pageCount(pdf) >= 5, qPrintable(QString::number(pageCount(pdf))));
        QVERIFY(pdf.trimmed().endsWith("%%EOF"));
    }

    // A definition without a scenario beside it: refused with its name, unless --scenario
    // gives one.
    void scenarioFromItsOwnFile() {
        QTemporaryDir dir;
        const QString definition = dir.filePath("alone.asl.json");
        QVERIFY(QFile::copy(sample("emr-direct", ".asl.json"), definition));
        const QString out = dir.filePath("alone.pdf");
        CliRun r = gui({definition, "--compare-pdf", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(definition) && r.err.contains("no scenario"), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
        r = gui({definition, "--scenario", sample("emr-direct", ".scenario.json"), "--horizon",
                 "1d", "--compare-pdf", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(readAll(out).startsWith("%PDF-"));
    }

    void mistakesNameTheirFile() {
        QTemporaryDir dir;
        const QString definition = sample("emr-direct", ".asl.json");
        // A scenario with a field Flowcast does not know: the file and the JSON Pointer.
        const QString bad =
            writeQuotedJson(dir, "bad.scenario.json", "{'definition':'x.asl.json','colour':1}");
        CliRun r = gui({definition, "--scenario", bad, "--compare-pdf", dir.filePath("a.pdf")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(bad + ":/colour") && r.err.contains("unknown field"),
                 qPrintable(r.err));
        // Not JSON at all.
        const QString broken = writeQuotedJson(dir, "broken.scenario.json", "{'workload':");
        r = gui({definition, "--scenario", broken, "--compare-pdf", dir.filePath("a.pdf")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(broken), qPrintable(r.err));
        QVERIFY(!r.crashed);
        // A definition that is not there.
        const QString missing = dir.filePath("missing.asl.json");
        r = gui({missing, "--compare-pdf", dir.filePath("a.pdf")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(missing), qPrintable(r.err));
        // A PDF that cannot be written.
        const QString nowhere = dir.filePath("no/such/dir/out.pdf");
        r = gui({definition, "--horizon", "1d", "--compare-pdf", nowhere});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(nowhere) && r.err.contains("cannot write"), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath("a.pdf")));
    }

    void usageErrors() {
        const QString definition = sample("emr-direct", ".asl.json");
        QCOMPARE(gui({definition, "--compare-pdf", "out.html"}).exitCode, 2);
        QCOMPARE(gui({"--compare-pdf", "out.pdf"}).exitCode, 2);
        QCOMPARE(gui({definition, "--compare-pdf"}).exitCode, 2);
        const CliRun r = gui({definition, "--scenario", "x.scenario.json"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--compare-pdf"), qPrintable(r.err));
    }
};

QTEST_MAIN(TestComparePdf)
#include "TestComparePdf.moc"
