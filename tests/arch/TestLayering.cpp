// The architecture's hard rules: the core (model/, simulator/) includes no Qt header, no layer
// includes the one above it, and the flowcast-cli binary links no Qt library.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

class TestLayering : public QObject {
    Q_OBJECT

    static QStringList qtIncludesIn(const QString& folder) {
        static const QRegularExpression qtInclude("^\\s*#\\s*include\\s*[<\"](Q[A-Za-z]|qt[a-z]*/)",
                                                  QRegularExpression::MultilineOption);
        QStringList offenders;
        QDirIterator it(QString(FLOWCAST_SOURCE_DIR) + "/" + folder, {"*.h", "*.cpp", "*.hpp"},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly)) continue;
            if (qtInclude.match(QString::fromUtf8(f.readAll())).hasMatch()) offenders << path;
        }
        return offenders;
    }

private slots:
    void coreIncludesNoQt_data() {
        QTest::addColumn<QString>("folder");
        QTest::newRow("model") << "model";
        QTest::newRow("simulator") << "simulator";
    }
    void coreIncludesNoQt() {
        QFETCH(QString, folder);
        QVERIFY(QDir(QString(FLOWCAST_SOURCE_DIR) + "/" + folder).exists());
        const QStringList offenders = qtIncludesIn(folder);
        QVERIFY2(offenders.isEmpty(),
                 qPrintable("Qt headers in the core: " + offenders.join(", ")));
    }

    void detectorFindsAQtInclude() {
        // The check above must be able to fail: the same pattern finds the UI's Qt includes.
        QVERIFY(!qtIncludesIn("tests/arch").isEmpty());
    }

    void coreHeadersAvoidQtKeywords() {
        // The GUI and the tests include the core's headers after Qt's, where emit, signals, slots,
        // foreach and forever are macros: a member of that name breaks every file including it.
        static const QRegularExpression keyword("\\b(emit|signals|slots|foreach|forever)\\b");
        QStringList offenders;
        for (const char* folder : {"model", "simulator"}) {
            QDirIterator it(QString(FLOWCAST_SOURCE_DIR) + "/" + folder, {"*.h"}, QDir::Files,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                QFile f(path);
                QVERIFY(f.open(QIODevice::ReadOnly));
                int line = 0;
                for (const QString& text : QString::fromUtf8(f.readAll()).split('\n')) {
                    ++line;
                    const QString code = text.left(text.indexOf("//")); // comments may say it
                    if (keyword.match(code).hasMatch())
                        offenders << QStringLiteral("%1:%2").arg(path).arg(line);
                }
            }
        }
        QVERIFY2(offenders.isEmpty(), qPrintable("Qt keywords as names: " + offenders.join(", ")));
        // The pattern finds one where there is one.
        QVERIFY(keyword.match("std::vector<int> slots;").hasMatch());
        QVERIFY(!keyword.match("int slotsPerNode;").hasMatch());
    }

    // Layers point down: model ← simulator ← ui ← app. A lower layer that includes an upper
    // one ("ui/..." from simulator/, "app/..." from ui/) is a cycle in the design.
    void includesPointDown_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("above");
        QTest::newRow("model") << "model"
                               << "simulator|ui|app";
        QTest::newRow("simulator") << "simulator"
                                   << "ui|app";
        QTest::newRow("ui") << "ui"
                            << "app";
    }
    void includesPointDown() {
        QFETCH(QString, folder);
        QFETCH(QString, above);
        const QRegularExpression upward("^\\s*#\\s*include\\s*\"(" + above + ")/",
                                        QRegularExpression::MultilineOption);
        QVERIFY(upward.match("#include \"" + above.section('|', 0, 0) + "/X.h\"").hasMatch());
        QStringList offenders;
        QDirIterator it(QString(FLOWCAST_SOURCE_DIR) + "/" + folder, {"*.h", "*.cpp"}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            if (upward.match(QString::fromUtf8(f.readAll())).hasMatch()) offenders << path;
        }
        QVERIFY2(offenders.isEmpty(),
                 qPrintable("includes an upper layer: " + offenders.join(", ")));
    }

    void cliLinksNoQt() {
        // The dynamic section names every shared library the binary needs (DT_NEEDED strings).
        QFile cli(FLOWCAST_CLI_PATH);
        QVERIFY2(cli.open(QIODevice::ReadOnly), FLOWCAST_CLI_PATH);
        const QByteArray bytes = cli.readAll();
        QVERIFY(bytes.startsWith("\x7f"
                                 "ELF"));
        QVERIFY2(!bytes.contains("libQt6"), "flowcast-cli needs a Qt library");
        QVERIFY2(!bytes.contains("libQt5"), "flowcast-cli needs a Qt library");
        QVERIFY(bytes.contains("libstdc++"));
    }
};

QTEST_APPLESS_MAIN(TestLayering)
#include "TestLayering.moc"
