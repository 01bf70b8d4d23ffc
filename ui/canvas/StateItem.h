#pragma once
// One state on the canvas. It keeps only the state's pointer and its drawn geometry; what it
// shows (type, name, resource, problems) it asks the CanvasScene's node table when it paints. A
// Parallel or Map drawn open is a container: a title strip above its branches.
#include <QGraphicsItem>

#include <string>

namespace flowcast::ui {

class CanvasScene;

class StateItem : public QGraphicsItem {
public:
    static constexpr double kHeaderHeight = 40; ///< a container's title strip
    static constexpr int Type = UserType + 1;

    explicit StateItem(std::string pointer);

    const std::string& pointer() const { return m_pointer; }
    /// The output port, in item coordinates: drag from it to connect (states that can go on).
    QRectF portRect() const;
    bool hasPort() const;
    void setGeometry(const QRectF& sceneRect);
    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) override;

private:
    CanvasScene* canvas() const;
    enum class Gesture { None, Move, Connect };
    Gesture m_gesture = Gesture::None;

    std::string m_pointer;
    QSizeF m_size{200, 60};
};

} // namespace flowcast::ui
