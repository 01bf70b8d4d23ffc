#include "ui/canvas/DiagramExport.h"

#include "ui/canvas/CanvasScene.h"

#include <QFileInfo>
#include <QGraphicsItem>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace flowcast::ui {

namespace {

constexpr double kMargin = 40;

/// Renders with nothing selected, then gives the selection back.
void render(CanvasScene& scene, QPainter& painter, const QRectF& target, const QRectF& source) {
    const QList<QGraphicsItem*> selected = scene.selectedItems();
    for (QGraphicsItem* item : selected)
        item->setSelected(false);
    const QBrush background = scene.backgroundBrush();
    scene.setBackgroundBrush(Qt::white);
    scene.render(&painter, target, source);
    scene.setBackgroundBrush(background);
    for (QGraphicsItem* item : selected)
        item->setSelected(true);
}

} // namespace

QString exportDiagram(CanvasScene& scene, const QString& path, double pngScale) {
    QRectF source = scene.contentBounds();
    if (source.isEmpty())
        return QStringLiteral("%1: the canvas is empty, there is nothing to export").arg(path);
    source.adjust(-kMargin, -kMargin, kMargin, kMargin);
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("svg")) {
        QSaveFile file(path); // atomic: written beside, renamed on commit
        if (!file.open(QIODevice::WriteOnly))
            return QStringLiteral("%1: %2").arg(path, file.errorString());
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(source.size().toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
        svg.setTitle(QStringLiteral("Flowcast diagram"));
        QPainter painter(&svg);
        render(scene, painter, QRectF(QPointF(0, 0), source.size()), source);
        painter.end();
        if (!file.commit()) return QStringLiteral("%1: %2").arg(path, file.errorString());
        return {};
    }
    if (suffix != QLatin1String("png"))
        return QStringLiteral("%1: export as .png or .svg").arg(path);
    const QSize size = (source.size() * pngScale).toSize();
    if (size.width() > 32767 || size.height() > 32767)
        return QStringLiteral("%1: the diagram is too large for a PNG at this scale; export SVG")
            .arg(path);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    render(scene, painter, QRectF(QPointF(0, 0), QSizeF(size)), source);
    painter.end();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
        return QStringLiteral("%1: %2").arg(path, file.errorString());
    return {};
}

} // namespace flowcast::ui
