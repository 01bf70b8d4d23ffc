// Autosave: a modified document is written to a recovery project (with its source path and
// time), saving or undoing back to the file removes it, and the recovered work opens modified
// under the original path.
#include "model/document/StateEdits.h"
#include "ui/session/Autosave.h"
#include "ui/session/DefinitionSession.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowcast::ui;
namespace edits = flowcast::model::edits;

namespace {
QString copySample(const QTemporaryDir& dir) {
    const QString target = dir.filePath("chain.asl.json");
    QFile::copy(
        QStringLiteral(FLOWCAST_SOURCE_DIR "/samples/glue-job-chain/glue-job-chain.asl.json"),
        target);
    return target;
}
} // namespace

class TestAutosave : public QObject {
    Q_OBJECT
private slots:
    void writesOnlyModifiedWork();
    void timerWritesAfterTheLastChange();
    void savingRemovesRecovery();
    void recoveredWorkOpensModified();
    void openingLeavesOtherRunsRecoveryAlone();
};

void TestAutosave::writesOnlyModifiedWork() {
    QTemporaryDir dir;
    DefinitionSession session;
    QVERIFY(session.open(copySample(dir)));
    Autosave autosave(session, dir.filePath("recovery"), 60000);
    QVERIFY(!autosave.writeNow()); // nothing to keep
    QVERIFY(Autosave::pending(dir.filePath("recovery")).isEmpty());
    QVERIFY(session.apply(edits::setValue(session.document(), "/Comment", "unsaved")));
    QVERIFY(autosave.writeNow());
    const auto pending = Autosave::pending(dir.filePath("recovery"));
    QCOMPARE(pending.size(), qsizetype(1));
    QCOMPARE(pending[0].source, QFileInfo(session.path()).absoluteFilePath());
    QVERIFY(pending[0].savedAt.isValid());
    session.document().undo(); // back to the file: nothing to recover
    QVERIFY(Autosave::pending(dir.filePath("recovery")).isEmpty());
}

void TestAutosave::timerWritesAfterTheLastChange() {
    QTemporaryDir dir;
    DefinitionSession session;
    QVERIFY(session.open(copySample(dir)));
    Autosave autosave(session, dir.filePath("recovery"), 50);
    QVERIFY(session.apply(edits::setValue(session.document(), "/Comment", "later")));
    QTRY_COMPARE(Autosave::pending(dir.filePath("recovery")).size(), qsizetype(1));
}

void TestAutosave::savingRemovesRecovery() {
    QTemporaryDir dir;
    DefinitionSession session;
    QVERIFY(session.open(copySample(dir)));
    Autosave autosave(session, dir.filePath("recovery"), 60000);
    QVERIFY(session.apply(edits::setValue(session.document(), "/Comment", "x")));
    QVERIFY(autosave.writeNow());
    QVERIFY(session.save());
    QVERIFY(Autosave::pending(dir.filePath("recovery")).isEmpty());
}

void TestAutosave::recoveredWorkOpensModified() {
    QTemporaryDir dir;
    const QString path = copySample(dir);
    {
        DefinitionSession crashed;
        QVERIFY(crashed.open(path));
        Autosave autosave(crashed, dir.filePath("recovery"), 60000);
        QVERIFY(crashed.apply(
            edits::moveStates(crashed.document(), {{"/States/StartRawCrawler", {5, 6}}})));
        QVERIFY(crashed.apply(edits::setValue(crashed.document(), "/Comment", "recovered")));
        QVERIFY(autosave.writeNow());
    } // no save: the recovery file stays, as after a crash
    const auto pending = Autosave::pending(dir.filePath("recovery"));
    QCOMPARE(pending.size(), qsizetype(1));
    DefinitionSession session;
    QVERIFY(session.openRecovered(pending[0].file, pending[0].source));
    QCOMPARE(session.path(), QFileInfo(path).absoluteFilePath());
    QVERIFY(session.isModified());
    QCOMPARE(session.document().definition()["Comment"], flowcast::model::Json("recovered"));
    QVERIFY(edits::storedPosition(session.document(), "/States/StartRawCrawler"));
    QVERIFY(!session.project().other.contains("recovery"));
    QVERIFY(!session.openRecovered(dir.filePath("none.flowcast.json"), path));
}

void TestAutosave::openingLeavesOtherRunsRecoveryAlone() {
    QTemporaryDir dir;
    const QString path = copySample(dir);
    {
        DefinitionSession crashed;
        QVERIFY(crashed.open(path));
        Autosave autosave(crashed, dir.filePath("recovery"), 60000);
        QVERIFY(crashed.apply(edits::setValue(crashed.document(), "/Comment", "keep me")));
        QVERIFY(autosave.writeNow());
    }
    // A damaged recovery note beside it is skipped, not fatal.
    QFile damaged(dir.filePath("recovery/bad.flowcast.json"));
    QVERIFY(damaged.open(QIODevice::WriteOnly));
    damaged.write("{\"flowcast\":\"project\",\"version\":1,\"definition\":{},\"recovery\":5}");
    damaged.close();
    DefinitionSession session;
    Autosave autosave(session, dir.filePath("recovery"), 60000);
    QVERIFY(session.open(path)); // opening the file does not throw its recovery away
    QCOMPARE(Autosave::pending(dir.filePath("recovery")).size(), qsizetype(1));
    QVERIFY(session.apply(edits::setValue(session.document(), "/Comment", "new")));
    QVERIFY(session.save());
    QVERIFY(Autosave::pending(dir.filePath("recovery")).isEmpty()); // saved: nothing to recover
}

QTEST_MAIN(TestAutosave)
#include "TestAutosave.moc"
