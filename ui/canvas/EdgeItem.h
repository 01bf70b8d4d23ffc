#pragma once
// One transition on the canvas: Next and Default as solid arrows, Choice rules labelled with
// their condition, Catch dashed and labelled with its errors. It keeps the transition's pointer
// and ends; CanvasScene gives it its route whenever the states move. Its head can be dragged
// onto another state to reconnect the transition (CanvasScene::endReconnect).
#include "model/asl/StateMachine.h"

#include <QGraphicsPathItem>
#include <QString>

#include <string>
#include <vector>

namespace flowcast::ui {

class CanvasScene;

class EdgeItem : public QGraphicsPathItem {
public:
    static constexpr int Type = UserType + 2;

    EdgeItem(std::string transition, std::string from, std::string to, model::TransitionKind kind,
             QString label);

    const std::string& transition() const { return m_transition; }
    const std::string& from() const { return m_from; }
    const std::string& to() const { return m_to; }
    model::TransitionKind kind() const { return m_kind; }
    const QString& label() const { return m_label; }

    /// The curve, with the label (if any) centred on its midpoint until placeLabel() moves it.
    void setRoute(const QPainterPath& path);
    /// Centres the label on `sceneCenter`.
    void placeLabel(const QPointF& sceneCenter);
    /// The label's rectangle in scene coordinates; empty without a label.
    QRectF labelSceneRect() const { return mapRectToScene(m_labelRect); }
    /// The room `label` takes on the canvas (its box round the text); empty for no text.
    static QSizeF labelSize(const QString& label);
    /// Where to centre a label of `size` on `path` so that it covers none of `obstacles`: the
    /// midpoint first, then points further along the curve and beside it; the least covered of
    /// them when every candidate is taken.
    static QPointF freeLabelCenter(const QPainterPath& path, const QSizeF& size,
                                   const std::vector<QRectF>& obstacles);
    /// A curve from `from`'s bottom to `to`'s top; a loop round the right side when `to` is not
    /// below `from` (a polling loop), and a small loop for a state that targets itself.
    static QPainterPath route(const QRectF& from, const QRectF& to);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    /// The curve's region and a grab circle round the head.
    QPainterPath shape() const override;
    /// True when `itemPos` is on the head, where a drag reconnects the arrow.
    bool isOnHead(const QPointF& itemPos) const;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    void hoverMoveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    CanvasScene* canvas() const;

    bool m_reconnecting = false;
    std::string m_transition;
    std::string m_from;
    std::string m_to;
    model::TransitionKind m_kind;
    QString m_label;
    QRectF m_labelRect; ///< in item coordinates
};

} // namespace flowcast::ui
