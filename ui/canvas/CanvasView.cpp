#include "ui/canvas/CanvasView.h"

#include "ui/canvas/CanvasScene.h"
#include "ui/palette/PaletteView.h"

#include <QMimeData>

#include <QKeyEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>

namespace flowcast::ui {

namespace {
constexpr double kMinZoom = 0.1;
constexpr double kMaxZoom = 4.0;
constexpr double kStep = 1.2;
} // namespace

CanvasView::CanvasView(CanvasScene* scene, QWidget* parent)
    : QGraphicsView(scene, parent), m_scene(scene) {
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::BoundingRectViewportUpdate);
    setFocusPolicy(Qt::StrongFocus);
    setAcceptDrops(true);
}

void CanvasView::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasFormat(kCatalogIdMimeType)) {
        event->setDropAction(Qt::CopyAction);
        event->accept();
        return;
    }
    QGraphicsView::dragEnterEvent(event);
}

void CanvasView::dragMoveEvent(QDragMoveEvent* event) {
    if (event->mimeData()->hasFormat(kCatalogIdMimeType)) {
        event->setDropAction(Qt::CopyAction);
        event->accept();
        return;
    }
    QGraphicsView::dragMoveEvent(event);
}

void CanvasView::dropEvent(QDropEvent* event) {
    if (!event->mimeData()->hasFormat(kCatalogIdMimeType)) {
        QGraphicsView::dropEvent(event);
        return;
    }
    const std::string id = event->mimeData()->data(kCatalogIdMimeType).toStdString();
    event->setDropAction(Qt::CopyAction);
    event->accept();
    m_scene->addCatalogEntry(id, mapToScene(event->position().toPoint()));
    setFocus(Qt::OtherFocusReason);
}

void CanvasView::zoomBy(double factor) {
    const double target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    const double applied = target / zoom();
    scale(applied, applied);
}

void CanvasView::zoomIn() {
    zoomBy(kStep);
}

void CanvasView::zoomOut() {
    zoomBy(1 / kStep);
}

void CanvasView::resetZoom() {
    setTransform(QTransform());
}

void CanvasView::fitToWindow() {
    const QRectF bounds = m_scene->contentBounds().adjusted(-40, -40, 40, 40);
    if (bounds.isEmpty()) return;
    resetZoom();
    fitInView(bounds, Qt::KeepAspectRatio);
    if (zoom() > 1) resetZoom();
    zoomBy(1); // clamp to the allowed range
    centerOn(bounds.center());
}

void CanvasView::wheelEvent(QWheelEvent* event) {
    if (event->modifiers() & Qt::ControlModifier) {
        zoomBy(event->angleDelta().y() > 0 ? kStep : 1 / kStep);
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void CanvasView::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        return;
    }
    if (event->matches(QKeySequence::Delete) || event->key() == Qt::Key_Backspace) {
        m_scene->deleteSelection();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void CanvasView::keyReleaseEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        viewport()->unsetCursor();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void CanvasView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld)) {
        m_panning = true;
        m_panFrom = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void CanvasView::mouseMoveEvent(QMouseEvent* event) {
    if (m_panning) {
        const QPoint delta = event->position().toPoint() - m_panFrom;
        m_panFrom = event->position().toPoint();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void CanvasView::mouseReleaseEvent(QMouseEvent* event) {
    if (m_panning) {
        m_panning = false;
        if (m_spaceHeld)
            viewport()->setCursor(Qt::OpenHandCursor);
        else
            viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

} // namespace flowcast::ui
