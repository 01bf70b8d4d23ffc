#include "ui/canvas/EdgeItem.h"

#include "ui/canvas/CanvasScene.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QtMath>

#include <algorithm>
#include <cmath>

namespace flowcast::ui {

namespace {
constexpr double kArrow = 9;
constexpr double kGrab = 7; // px round the arrow head that start a reconnect
const QColor kLine(0x4b, 0x55, 0x63);
const QColor kCatch(0xdc, 0x26, 0x26);

QFont labelFont() {
    QFont font;
    font.setPointSizeF(8);
    return font;
}
} // namespace

EdgeItem::EdgeItem(std::string transition, std::string from, std::string to,
                   model::TransitionKind kind, QString label)
    : m_transition(std::move(transition)), m_from(std::move(from)), m_to(std::move(to)),
      m_kind(kind), m_label(std::move(label)) {
    setPen(QPen(kind == model::TransitionKind::Catch ? kCatch : kLine, 1.4,
                kind == model::TransitionKind::Catch ? Qt::DashLine : Qt::SolidLine));
    if (!m_label.isEmpty()) setToolTip(m_label);
    setAcceptHoverEvents(true);
}

CanvasScene* EdgeItem::canvas() const {
    return qobject_cast<CanvasScene*>(scene());
}

QPainterPath EdgeItem::shape() const {
    QPainterPath region = QGraphicsPathItem::shape();
    if (!path().isEmpty()) region.addEllipse(path().pointAtPercent(1), kGrab, kGrab);
    return region;
}

bool EdgeItem::isOnHead(const QPointF& itemPos) const {
    return !path().isEmpty() && QLineF(itemPos, path().pointAtPercent(1)).length() <= kGrab;
}

void EdgeItem::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    if (event->button() != Qt::LeftButton || !canvas() || !isOnHead(event->pos())) {
        event->ignore(); // the state or the canvas below takes it
        return;
    }
    m_reconnecting = true;
    canvas()->beginConnect(m_from, event->scenePos());
    event->accept();
}

void EdgeItem::mouseMoveEvent(QGraphicsSceneMouseEvent* event) {
    if (m_reconnecting && canvas()) canvas()->connectTo(event->scenePos());
}

void EdgeItem::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
    if (!std::exchange(m_reconnecting, false) || !canvas()) return;
    // Queued: reconnecting rebuilds the scene, and this item with it.
    QMetaObject::invokeMethod(
        canvas(),
        [scene = canvas(), transition = m_transition, at = event->scenePos()] {
            scene->endReconnect(transition, at);
        },
        Qt::QueuedConnection);
}

void EdgeItem::hoverMoveEvent(QGraphicsSceneHoverEvent* event) {
    if (isOnHead(event->pos()))
        setCursor(Qt::OpenHandCursor);
    else
        unsetCursor();
}

void EdgeItem::setRoute(const QPainterPath& path) {
    prepareGeometryChange();
    setPath(path);
    if (m_label.isEmpty()) {
        m_labelRect = {};
        return;
    }
    placeLabel(mapToScene(path.pointAtPercent(0.5)));
}

void EdgeItem::placeLabel(const QPointF& sceneCenter) {
    if (m_label.isEmpty()) return;
    prepareGeometryChange();
    const QSizeF size = labelSize(m_label);
    m_labelRect =
        QRectF(mapFromScene(sceneCenter) - QPointF(size.width() / 2, size.height() / 2), size);
}

QSizeF EdgeItem::labelSize(const QString& label) {
    if (label.isEmpty()) return {};
    const QFontMetricsF metrics(labelFont());
    return {std::ceil(metrics.horizontalAdvance(label)) + 8, std::ceil(metrics.height()) + 2};
}

QPointF EdgeItem::freeLabelCenter(const QPainterPath& path, const QSizeF& size,
                                  const std::vector<QRectF>& obstacles) {
    if (path.isEmpty()) return {};
    // How much of the label a candidate spot has covered; 0: free.
    const auto covered = [&](const QPointF& center) {
        const QRectF rect(center - QPointF(size.width() / 2, size.height() / 2), size);
        double area = 0;
        for (const QRectF& o : obstacles)
            if (rect.intersects(o)) {
                const QRectF common = rect.intersected(o);
                area += common.width() * common.height();
            }
        return area;
    };
    // Points along the curve, each shifted sideways (just clear of the curve, then clear of a
    // state lying across it) and up or down by whole label heights. Tried nearest first, the
    // distance along the curve counting half: the label stays readable as this arrow's.
    const double gap = 4;
    const double w = size.width() / 2 + gap;
    const double h = size.height() + gap;
    const double length = path.length();
    struct Candidate {
        double cost;
        QPointF center;
    };
    std::vector<Candidate> candidates;
    for (const double t : {0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9}) {
        const QPointF at = path.pointAtPercent(t);
        for (const double dx : {0.0, w, -w, w + 60, -w - 60, w + 120, -w - 120, w + 220, -w - 220})
            for (const double dy : {0.0, -h, h, -2 * h, 2 * h, -3 * h, 3 * h}) {
                const double along = std::abs(t - 0.5) * length / 2;
                candidates.push_back({std::hypot(dx, dy) + along, at + QPointF(dx, dy)});
            }
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.cost < b.cost; });
    // None free (a crowded spot): the one least covered.
    QPointF best = candidates.front().center;
    double least = HUGE_VAL;
    for (const Candidate& c : candidates) {
        const double area = covered(c.center);
        if (area == 0) return c.center;
        if (area < least) least = area, best = c.center;
    }
    return best;
}

QPainterPath EdgeItem::route(const QRectF& from, const QRectF& to) {
    QPainterPath path;
    if (from == to) { // a state that loops on itself
        const QPointF start(from.right(), from.center().y() - 10);
        const QPointF end(from.right(), from.center().y() + 10);
        path.moveTo(start);
        path.cubicTo(start + QPointF(50, -30), end + QPointF(50, 30), end);
        return path;
    }
    const QPointF start(from.center().x(), from.bottom());
    const QPointF end(to.center().x(), to.top());
    if (end.y() > start.y() + 10) {
        const double bend = std::max(30.0, (end.y() - start.y()) / 2);
        path.moveTo(start);
        path.cubicTo(start + QPointF(0, bend), end - QPointF(0, bend), end);
        return path;
    }
    // Back up the graph: out of the right side, round, into the target's right side.
    const QPointF out(from.right(), from.center().y());
    const QPointF in(to.right(), to.center().y());
    const double reach = std::max(from.right(), to.right()) + 60;
    path.moveTo(out);
    path.cubicTo(QPointF(reach, out.y()), QPointF(reach, in.y()), in);
    return path;
}

QRectF EdgeItem::boundingRect() const {
    return QGraphicsPathItem::boundingRect()
        .adjusted(-kArrow, -kArrow, kArrow, kArrow)
        .united(m_labelRect);
}

void EdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    const QPainterPath& p = path();
    if (p.isEmpty()) return;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(pen());
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(p);
    // The arrow head along the curve's last direction.
    const QPointF tip = p.pointAtPercent(1);
    const double angle = qDegreesToRadians(p.angleAtPercent(0.98));
    const QPointF back(-std::cos(angle) * kArrow, std::sin(angle) * kArrow);
    const QPointF side(-back.y() * 0.45, back.x() * 0.45);
    QPolygonF head;
    head << tip << tip + back + side << tip + back - side;
    painter->setPen(Qt::NoPen);
    painter->setBrush(pen().color());
    painter->drawPolygon(head);
    if (!m_labelRect.isEmpty()) {
        painter->setBrush(QColor(255, 255, 255, 235));
        painter->setPen(QPen(QColor(0xe5, 0xe7, 0xeb), 1));
        painter->drawRoundedRect(m_labelRect, 4, 4);
        painter->setFont(labelFont());
        painter->setPen(m_kind == model::TransitionKind::Catch ? kCatch : kLine);
        painter->drawText(m_labelRect, Qt::AlignCenter, m_label);
    }
}

} // namespace flowcast::ui
