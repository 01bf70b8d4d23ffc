#include "ui/tree/StateTreeView.h"

#include "ui/common/StatePresentation.h"
#include "ui/session/DefinitionSession.h"

#include <QHeaderView>
#include <QPainter>

namespace flowcast::ui {
namespace {

// Columns fit their contents plus some air, up to these widths, so Transitions always keeps
// room (px). Before anything is open they take the minimum.
constexpr int kColumnPadding = 24;
constexpr int kMinNameWidth = 220;
constexpr int kMaxNameWidth = 360;
constexpr int kMinTypeWidth = 160;
constexpr int kMaxTypeWidth = 320;

QString startLabel(const model::StateMachine& machine) {
    return QStringLiteral("Start \u2192 ") + QString::fromStdString(machine.startAt());
}

void markAsScope(QTreeWidgetItem* item) {
    QFont font = item->font(StateTreeView::NameColumn);
    font.setItalic(true);
    item->setFont(StateTreeView::NameColumn, font);
    item->setForeground(StateTreeView::NameColumn, QColor(0x6b7280));
}

} // namespace

StateTreeView::StateTreeView(DefinitionSession& session, QWidget* parent)
    : QTreeWidget(parent), m_session(session) {
    setColumnCount(ColumnCount);
    setHeaderLabels({tr("State"), tr("Type"), tr("Transitions")});
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setExpandsOnDoubleClick(false);
    header()->setStretchLastSection(true);
    header()->setSectionResizeMode(QHeaderView::Interactive);

    connect(&m_session, &DefinitionSession::contentChanged, this, &StateTreeView::rebuild);
    connect(&m_session, &DefinitionSession::loadFailed, this, &StateTreeView::rebuild);
    connect(&m_session, &DefinitionSession::selectionChanged, this,
            &StateTreeView::onSelectionChanged);
    connect(this, &QTreeWidget::currentItemChanged, this, &StateTreeView::onCurrentItemChanged);
    rebuild();
}

QTreeWidgetItem* StateTreeView::itemFor(const QString& pointer) const {
    return m_items.value(pointer, nullptr);
}

QString StateTreeView::currentPointer() const {
    const QTreeWidgetItem* item = currentItem();
    return item ? item->data(NameColumn, PointerRole).toString() : QString();
}

void StateTreeView::rebuild() {
    m_following = true;
    clear();
    m_items.clear();
    for (const auto& definition : m_session.definitions()) {
        QTreeWidgetItem* parent = nullptr;
        if (m_session.isTemplate()) {
            parent = addNode(nullptr, QString::fromStdString(definition.machine.pointer()));
            parent->setText(NameColumn, definition.title);
            parent->setText(TypeColumn, tr("State machine"));
            parent->setText(TransitionsColumn, startLabel(definition.machine));
        }
        addScope(parent, definition.machine);
    }
    expandAll();
    fitColumns();
    m_following = false;
    viewport()->update();
}

QTreeWidgetItem* StateTreeView::addNode(QTreeWidgetItem* parent, const QString& pointer) {
    auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(this);
    item->setData(NameColumn, PointerRole, pointer);
    m_items.insert(pointer, item);
    return item;
}

void StateTreeView::addScope(QTreeWidgetItem* parent, const model::StateMachine& machine) {
    for (const auto& state : machine.states())
        addState(parent, state);
}

QTreeWidgetItem* StateTreeView::addState(QTreeWidgetItem* parent, const model::State& state) {
    QTreeWidgetItem* item = addNode(parent, QString::fromStdString(state.pointer));
    item->setText(NameColumn, QString::fromStdString(state.name));
    item->setIcon(NameColumn, typeIcon(state.type));
    item->setToolTip(NameColumn, QString::fromStdString(state.comment));
    item->setText(TypeColumn, typeLabel(state));
    item->setToolTip(TypeColumn, QString::fromStdString(state.resource));
    const QStringList transitions = transitionLabels(state);
    item->setText(TransitionsColumn, transitions.join(QStringLiteral(", ")));
    item->setToolTip(TransitionsColumn, transitions.join(QLatin1Char('\n')));

    // A Parallel's branches are "Branch 1", "Branch 2"...; a Map has its one "Processor".
    const bool isMap = state.type == model::StateType::Map;
    int index = 0;
    for (const auto& branch : state.branches) {
        QTreeWidgetItem* scope = addNode(item, QString::fromStdString(branch.pointer()));
        scope->setText(NameColumn, isMap ? tr("Processor") : tr("Branch %1").arg(++index));
        scope->setText(TransitionsColumn, startLabel(branch));
        markAsScope(scope);
        addScope(scope, branch);
    }
    return item;
}

void StateTreeView::fitColumns() {
    resizeColumnToContents(NameColumn);
    resizeColumnToContents(TypeColumn);
    setColumnWidth(NameColumn,
                   qBound(kMinNameWidth, columnWidth(NameColumn) + kColumnPadding, kMaxNameWidth));
    setColumnWidth(TypeColumn,
                   qBound(kMinTypeWidth, columnWidth(TypeColumn) + kColumnPadding, kMaxTypeWidth));
}

void StateTreeView::onSelectionChanged(const QString& pointer) {
    QTreeWidgetItem* item = itemFor(m_session.ownerOf(pointer));
    if (item == currentItem()) return;
    m_following = true;
    if (item) {
        setCurrentItem(item);
        scrollToItem(item);
    } else {
        selectionModel()->clear();
    }
    m_following = false;
}

void StateTreeView::onCurrentItemChanged(QTreeWidgetItem* current) {
    if (m_following) return;
    m_session.select(current ? current->data(NameColumn, PointerRole).toString() : QString());
}

void StateTreeView::paintEvent(QPaintEvent* event) {
    QTreeWidget::paintEvent(event);
    if (topLevelItemCount() > 0) return;
    // An empty tree says why it is empty, and how to fill it.
    const QString text =
        m_session.path().isEmpty() ? tr("Open a definition with File \u203A Open\u2026, or drop a "
                                        ".asl.json or .asl.yaml file here.")
        : m_session.hasDocument()
            ? tr("%1 defines no states.").arg(m_session.fileName())
            : tr("%1 could not be read; see the problems below.").arg(m_session.fileName());
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::Disabled, QPalette::Text));
    painter.drawText(viewport()->rect().adjusted(24, 24, -24, -24),
                     Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, text);
}

} // namespace flowcast::ui
