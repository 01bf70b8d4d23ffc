// Diagram export: a PNG the size of the drawing at the scale asked, an SVG that keeps the state
// names as text, a clear message for an empty canvas, an unknown extension or an unwritable path.
#include "ui/canvas/CanvasScene.h"
#include "ui/canvas/DiagramExport.h"
#include "ui/session/DefinitionSession.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowcast::ui;

class TestDiagramExport : public QObject {
    Q_OBJECT
private slots:
    void pngAndSvg() {
        QTemporaryDir dir;
        DefinitionSession session;
        QVERIFY(session.open(
            QStringLiteral(FLOWCAST_SOURCE_DIR "/samples/emr-livy/emr-livy.asl.json")));
        CanvasScene scene(session);
        const QRectF bounds = scene.contentBounds();
        QCOMPARE(exportDiagram(scene, dir.filePath("d.png"), 1.5), QString());
        const QImage image(dir.filePath("d.png"));
        QCOMPARE(image.width(), int((bounds.width() + 80) * 1.5));
        QCOMPARE(image.height(), int((bounds.height() + 80) * 1.5));
        QCOMPARE(image.pixelColor(1, 1), QColor(Qt::white));
        QCOMPARE(exportDiagram(scene, dir.filePath("d.svg")), QString());
        QFile svg(dir.filePath("d.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray text = svg.readAll();
        QVERIFY(text.startsWith("<?xml"));
        QVERIFY(text.contains("SubmitLivyBatch"));
    }

    void refusals() {
        QTemporaryDir dir;
        DefinitionSession session;
        session.newDocument();
        CanvasScene scene(session);
        QVERIFY(exportDiagram(scene, dir.filePath("e.png")).contains("the canvas is empty"));
        QVERIFY(session.open(
            QStringLiteral(FLOWCAST_SOURCE_DIR "/samples/emr-livy/emr-livy.asl.json")));
        QVERIFY(exportDiagram(scene, dir.filePath("d.jpg")).contains("export as .png or .svg"));
        const QString error = exportDiagram(scene, "/nonexistent/dir/d.png");
        QVERIFY2(error.startsWith("/nonexistent/dir/d.png: "), qPrintable(error));
    }
};

QTEST_MAIN(TestDiagramExport)
#include "TestDiagramExport.moc"
