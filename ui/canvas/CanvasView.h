#pragma once
// The canvas widget: a QGraphicsView on a CanvasScene with zoom (Ctrl+wheel, keys, menu), pan
// (scroll bars, wheel, middle button or Space+drag), rubber-band selection, fit to window, and
// the Delete key. It owns no data; the scene and the session do.
#include <QGraphicsView>

namespace flowcast::ui {

class CanvasScene;

class CanvasView : public QGraphicsView {
    Q_OBJECT
public:
    explicit CanvasView(CanvasScene* scene, QWidget* parent = nullptr);

    CanvasScene* canvasScene() const { return m_scene; }
    double zoom() const { return transform().m11(); }

public slots:
    void zoomIn();
    void zoomOut();
    void resetZoom();
    /// Shows every state, at most at 100 %.
    void fitToWindow();

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    // Palette entries dropped on the canvas (on an arrow: inserted there).
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void zoomBy(double factor);

    CanvasScene* m_scene;
    bool m_panning = false;
    bool m_spaceHeld = false;
    QPoint m_panFrom;
};

} // namespace flowcast::ui
