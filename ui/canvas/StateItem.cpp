#include "ui/canvas/StateItem.h"

#include "ui/canvas/CanvasScene.h"
#include "ui/common/StatePresentation.h"

#include <QFontMetricsF>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <utility>

namespace flowcast::ui {

namespace {
constexpr double kRadius = 8;
constexpr double kBand = 6; // the type colour down the left edge
const QColor kText(0x1f, 0x29, 0x37);
const QColor kMuted(0x6b, 0x72, 0x80);
const QColor kError(0xdc, 0x26, 0x26);
const QColor kWarning(0xd9, 0x77, 0x06);
const QColor kSelected(0x25, 0x63, 0xeb);
const QColor kActive(0x7c, 0x3a, 0xed); // a replay's running state: violet, apart from the rest

void drawBadge(QPainter* painter, const QPointF& centre, const QColor& colour, int count) {
    const QString text = QString::number(count);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawEllipse(centre, 10, 10);
    painter->setPen(Qt::white);
    QFont font = painter->font();
    font.setBold(true);
    font.setPointSizeF(8);
    painter->setFont(font);
    painter->drawText(QRectF(centre.x() - 10, centre.y() - 10, 20, 20), Qt::AlignCenter, text);
}
} // namespace

StateItem::StateItem(std::string pointer) : m_pointer(std::move(pointer)) {
    setFlags(ItemIsSelectable | ItemIsFocusable);
    setAcceptHoverEvents(true);
}

CanvasScene* StateItem::canvas() const {
    return static_cast<CanvasScene*>(scene());
}

void StateItem::setGeometry(const QRectF& sceneRect) {
    if (sceneRect.size() != m_size) {
        prepareGeometryChange();
        m_size = sceneRect.size();
    }
    setPos(sceneRect.topLeft());
}

QRectF StateItem::boundingRect() const {
    return QRectF(QPointF(-12, -30), m_size + QSizeF(24, 42)); // badges and the Start tag
}

QPainterPath StateItem::shape() const {
    QPainterPath path;
    path.addRoundedRect(QRectF(QPointF(0, 0), m_size), kRadius, kRadius);
    return path;
}

void StateItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    const CanvasScene* scene = canvas();
    const CanvasNode* node = scene ? scene->node(m_pointer) : nullptr;
    if (!node || !node->state) return;
    const model::State& state = *node->state;
    const QColor colour = typeColour(state.type);
    const QRectF box(QPointF(0, 0), m_size);
    painter->setRenderHint(QPainter::Antialiasing);

    QColor border = node->errors ? kError : node->warnings ? kWarning : QColor(0xd1, 0xd5, 0xdb);
    const double borderWidth = isSelected() ? 2.5 : (node->errors ? 2 : 1);
    if (isSelected()) border = kSelected;
    QColor fill = Qt::white;
    if (node->container) fill = QColor(colour.red(), colour.green(), colour.blue(), 18);
    const StateHeat* heat = scene->heat(state.name);
    if (heat) // white to a warm red as the share grows
        fill = QColor::fromRgbF(1.0, 1.0 - 0.55 * heat->intensity, 1.0 - 0.7 * heat->intensity);
    if (scene->isActive(state)) { // a glow outside the border, under it
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(QColor(kActive.red(), kActive.green(), kActive.blue(), 70), 8));
        painter->drawRoundedRect(box.adjusted(-4, -4, 4, 4), kRadius + 4, kRadius + 4);
        painter->setPen(QPen(kActive, 2.5));
        painter->drawRoundedRect(box.adjusted(-2, -2, 2, 2), kRadius + 2, kRadius + 2);
    }
    painter->setPen(QPen(border, borderWidth));
    painter->setBrush(fill);
    painter->drawRoundedRect(box, kRadius, kRadius);

    // The type band (a full title strip for a container).
    const QRectF band = node->container ? QRectF(0, 0, m_size.width(), kHeaderHeight)
                                        : QRectF(0, 0, kBand, m_size.height());
    QPainterPath clip;
    clip.addRoundedRect(box, kRadius, kRadius);
    painter->save();
    painter->setClipPath(clip);
    painter->fillRect(band, node->container ? colour.lighter(170) : colour);
    painter->restore();

    const double left = node->container ? 12 : kBand + 10;
    const double titleHeight = node->container ? kHeaderHeight : m_size.height();
    QFont title = painter->font();
    title.setBold(true);
    title.setPointSizeF(9.5);
    QFont small = painter->font();
    small.setPointSizeF(8.5);
    const QFontMetricsF titleMetrics(title);
    const double textWidth = m_size.width() - left - (node->container ? 40 : 14);
    const QString subtitle = node->subtitle.isEmpty() ? typeLabel(state) : node->subtitle;
    const bool twoLines = !subtitle.isEmpty();
    const double titleY = twoLines ? titleHeight / 2 - titleMetrics.height() + 2
                                   : (titleHeight - titleMetrics.height()) / 2;
    painter->setPen(kText);
    painter->setFont(title);
    painter->drawText(
        QRectF(left, titleY, textWidth, titleMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
        titleMetrics.elidedText(QString::fromStdString(state.name), Qt::ElideRight, textWidth));
    if (twoLines) {
        const QFontMetricsF smallMetrics(small);
        painter->setPen(kMuted);
        painter->setFont(small);
        painter->drawText(QRectF(left, titleHeight / 2 + 1, textWidth, smallMetrics.height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          smallMetrics.elidedText(subtitle, Qt::ElideRight, textWidth));
    }
    if (!state.branches.empty()) { // the collapse toggle
        painter->setPen(kMuted);
        painter->setFont(title);
        painter->drawText(QRectF(m_size.width() - 30, 0, 24, titleHeight), Qt::AlignCenter,
                          node->collapsed ? QStringLiteral("\u25b8") : QStringLiteral("\u25be"));
    }
    if (node->start) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0x16, 0xa3, 0x4a));
        const QRectF tag(m_size.width() / 2 - 22, -24, 44, 16);
        painter->drawRoundedRect(tag, 8, 8);
        painter->setPen(Qt::white);
        painter->setFont(small);
        painter->drawText(tag, Qt::AlignCenter, QStringLiteral("Start"));
    }
    if (state.isTerminal() && state.type != model::StateType::Succeed &&
        state.type != model::StateType::Fail) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0x37, 0x41, 0x51));
        painter->drawEllipse(QPointF(m_size.width() / 2, m_size.height() + 8), 4, 4);
    }
    if (hasPort() && (isSelected() || isUnderMouse())) {
        painter->setPen(QPen(kSelected, 1.5));
        painter->setBrush(Qt::white);
        painter->drawEllipse(portRect().adjusted(2, 2, -2, -2));
    }
    if (heat) {
        QFont figure = painter->font();
        figure.setPointSizeF(8);
        figure.setBold(true);
        painter->setFont(figure);
        painter->setPen(QColor(0x7f, 0x1d, 0x1d));
        painter->drawText(
            QRectF(0, 0, m_size.width() - 8, node->container ? kHeaderHeight : m_size.height() - 3),
            Qt::AlignRight | Qt::AlignBottom, heat->label);
    }
    if (node->errors)
        drawBadge(painter, QPointF(m_size.width(), 0), kError, node->errors);
    else if (node->warnings)
        drawBadge(painter, QPointF(m_size.width(), 0), kWarning, node->warnings);
}

QRectF StateItem::portRect() const {
    return QRectF(m_size.width() / 2 - 7, m_size.height() - 7, 14, 14);
}

bool StateItem::hasPort() const {
    const CanvasNode* node = canvas() ? canvas()->node(m_pointer) : nullptr;
    return node && node->state && node->state->type != model::StateType::Succeed &&
           node->state->type != model::StateType::Fail;
}

void StateItem::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    if (event->button() == Qt::LeftButton && canvas() && hasPort() &&
        portRect().contains(event->pos())) {
        m_gesture = Gesture::Connect;
        canvas()->beginConnect(m_pointer, event->scenePos());
        event->accept();
        return;
    }
    QGraphicsItem::mousePressEvent(event); // selection
    if (event->button() == Qt::LeftButton && canvas()) {
        m_gesture = Gesture::Move;
        canvas()->beginDrag(event->scenePos());
    }
}

void StateItem::mouseMoveEvent(QGraphicsSceneMouseEvent* event) {
    // Not ItemIsMovable: the document moves the state, and the scene follows it.
    if (!(event->buttons() & Qt::LeftButton) || !canvas()) return;
    if (m_gesture == Gesture::Connect)
        canvas()->connectTo(event->scenePos());
    else if (m_gesture == Gesture::Move)
        canvas()->dragTo(event->scenePos());
}

void StateItem::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
    const Gesture gesture = std::exchange(m_gesture, Gesture::None);
    if (gesture == Gesture::Connect && canvas()) {
        // Queued: connecting rebuilds the scene, and this item with it.
        QMetaObject::invokeMethod(
            canvas(), [scene = canvas(), at = event->scenePos()] { scene->endConnect(at); },
            Qt::QueuedConnection);
        return;
    }
    QGraphicsItem::mouseReleaseEvent(event);
    if (canvas()) canvas()->endDrag();
}

void StateItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) {
    const CanvasNode* node = canvas() ? canvas()->node(m_pointer) : nullptr;
    if (node && node->state && !node->state->branches.empty() &&
        (node->collapsed || event->pos().y() <= kHeaderHeight)) {
        // Queued: the toggle rebuilds the scene, and this item with it.
        QMetaObject::invokeMethod(
            canvas(), [scene = canvas(), pointer = m_pointer] { scene->toggleCollapsed(pointer); },
            Qt::QueuedConnection);
        return;
    }
    QGraphicsItem::mouseDoubleClickEvent(event);
}

} // namespace flowcast::ui
