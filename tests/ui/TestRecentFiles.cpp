// RecentFiles: most recent first, no duplicates, at most ten, missing files dropped, stored in
// the QSettings it was given.
#include "ui/main/RecentFiles.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using flowcast::ui::RecentFiles;

class TestRecentFiles : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString touch(const QString& name) {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void mostRecentFirstWithoutDuplicates() {
        QSettings settings(m_dir.filePath("order.ini"), QSettings::IniFormat);
        RecentFiles recent(settings);
        const QString a = touch("a.asl.json");
        const QString b = touch("b.asl.json");
        recent.add(a);
        recent.add(b);
        recent.add(a);
        QCOMPARE(recent.files(), QStringList({a, b}));
    }

    void keepsAtMostTen() {
        QSettings settings(m_dir.filePath("ten.ini"), QSettings::IniFormat);
        RecentFiles recent(settings);
        QStringList added;
        for (int i = 1; i <= 12; ++i) {
            added.prepend(touch(QStringLiteral("f%1.asl.json").arg(i)));
            recent.add(added.first());
        }
        QCOMPARE(recent.files().size(), RecentFiles::kMaxFiles);
        QCOMPARE(recent.files(), added.mid(0, 10)); // f12 ... f3
    }

    void dropsFilesThatNoLongerExist() {
        const QString settingsPath = m_dir.filePath("drop.ini");
        const QString kept = touch("kept.asl.json");
        const QString gone = touch("gone.asl.json");
        {
            QSettings settings(settingsPath, QSettings::IniFormat);
            RecentFiles recent(settings);
            recent.add(kept);
            recent.add(gone);
            QCOMPARE(recent.files(), QStringList({gone, kept}));
            QVERIFY(QFile::remove(gone));
            QCOMPARE(recent.files(), QStringList({kept}));
        }
        QSettings reread(settingsPath, QSettings::IniFormat); // and the settings forgot it
        QCOMPARE(reread.value("recentFiles").toStringList(), QStringList({kept}));
    }

    void storesAbsolutePaths() {
        QSettings settings(m_dir.filePath("abs.ini"), QSettings::IniFormat);
        RecentFiles recent(settings);
        const QString path = touch("rel.asl.json");
        const QString previous = QDir::currentPath();
        QDir::setCurrent(m_dir.path());
        recent.add("rel.asl.json");
        QDir::setCurrent(previous);
        QCOMPARE(recent.files(), QStringList({path}));
    }
};

QTEST_MAIN(TestRecentFiles)
#include "TestRecentFiles.moc"
