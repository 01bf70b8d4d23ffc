#include "ui/diagnostics/DiagnosticsPanel.h"

#include "model/asl/Diagnostic.h"
#include "ui/session/DefinitionSession.h"

#include <QApplication>
#include <QHeaderView>
#include <QPainter>
#include <QStyle>

namespace flowcast::ui {

DiagnosticsPanel::DiagnosticsPanel(DefinitionSession& session, QWidget* parent)
    : QTreeWidget(parent), m_session(session) {
    setColumnCount(ColumnCount);
    setHeaderLabels({tr("Code"), tr("Location"), tr("Message")});
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    header()->setStretchLastSection(true);

    connect(&m_session, &DefinitionSession::contentChanged, this, &DiagnosticsPanel::rebuild);
    connect(&m_session, &DefinitionSession::loadFailed, this, &DiagnosticsPanel::rebuild);
    connect(&m_session, &DefinitionSession::selectionChanged, this,
            &DiagnosticsPanel::onSelectionChanged);
    connect(this, &QTreeWidget::currentItemChanged, this, &DiagnosticsPanel::onCurrentItemChanged);
    connect(this, &QTreeWidget::itemActivated, this, &DiagnosticsPanel::onItemActivated);
    rebuild();
}

QString DiagnosticsPanel::summary(int errors, int warnings) {
    if (errors == 0 && warnings == 0) return tr("No problems");
    const QString e = errors == 1 ? tr("1 error") : tr("%1 errors").arg(errors);
    const QString w = warnings == 1 ? tr("1 warning") : tr("%1 warnings").arg(warnings);
    return e + QStringLiteral(", ") + w;
}

QString DiagnosticsPanel::locationText(int line, int column, const std::string& location) const {
    // Text that could not be parsed has a line and column; a file that could not be read has
    // neither, and the file name is the place.
    // A finding about the document has a pointer, and its line when the file is JSON.
    if (!location.empty()) {
        const QString pointer = QString::fromStdString(location);
        return line > 0 ? tr("%1  (line %2)").arg(pointer).arg(line) : pointer;
    }
    if (line > 0) return QStringLiteral("%1:%2:%3").arg(m_session.fileName()).arg(line).arg(column);
    return m_session.hasDocument() ? QStringLiteral("/") : m_session.fileName();
}

void DiagnosticsPanel::rebuild() {
    m_following = true;
    clear();
    const QIcon errorIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warningIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (const auto& d : m_session.diagnostics()) {
        auto* item = new QTreeWidgetItem(this);
        const QString pointer = QString::fromStdString(d.location);
        item->setIcon(CodeColumn, d.isError() ? errorIcon : warningIcon);
        item->setText(CodeColumn, QString::fromStdString(d.code));
        item->setText(LocationColumn, locationText(d.line, d.column, d.location));
        item->setText(MessageColumn, QString::fromStdString(d.message));
        item->setToolTip(CodeColumn, d.isError() ? tr("Error") : tr("Warning"));
        const QString full =
            QString::fromStdString(model::formatDiagnostic(m_session.path().toStdString(), d));
        item->setToolTip(LocationColumn, full);
        item->setToolTip(MessageColumn, full);
        item->setData(CodeColumn, PointerRole, pointer);
        item->setData(CodeColumn, OwnerRole, m_session.ownerOf(pointer));
        item->setData(CodeColumn, HighlightRole, false);
    }
    fitColumns();
    m_following = false;
    viewport()->update();
}

void DiagnosticsPanel::fitColumns() {
    // Code and Location fit their contents plus some air, within bounds (px); Message stretches.
    constexpr int padding = 24;
    resizeColumnToContents(CodeColumn);
    resizeColumnToContents(LocationColumn);
    setColumnWidth(CodeColumn, qBound(240, columnWidth(CodeColumn) + padding, 360));
    setColumnWidth(LocationColumn, qBound(260, columnWidth(LocationColumn) + padding, 480));
}

void DiagnosticsPanel::paintEvent(QPaintEvent* event) {
    QTreeWidget::paintEvent(event);
    if (topLevelItemCount() > 0 || !m_session.hasDocument()) return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::Disabled, QPalette::Text));
    painter.drawText(viewport()->rect().adjusted(12, 8, -12, -8), Qt::AlignLeft | Qt::AlignTop,
                     tr("No problems in %1.").arg(m_session.fileName()));
}

void DiagnosticsPanel::onSelectionChanged(const QString& pointer) {
    const QString owner = m_session.ownerOf(pointer);
    const QBrush mark(palette().color(QPalette::Highlight).lighter(170));
    QTreeWidgetItem* first = nullptr;
    for (int i = 0; i < topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = topLevelItem(i);
        const bool mine = !owner.isEmpty() && item->data(CodeColumn, OwnerRole).toString() == owner;
        item->setData(CodeColumn, HighlightRole, mine);
        for (int c = 0; c < ColumnCount; ++c)
            item->setBackground(c, mine ? mark : QBrush());
        if (mine && !first) first = item;
    }
    if (first) scrollToItem(first);
    if (m_selecting) return;
    // The selection came from elsewhere: a row that is not about it must not stay selected.
    const QTreeWidgetItem* current = currentItem();
    if (current && !current->data(CodeColumn, HighlightRole).toBool()) {
        m_following = true;
        selectionModel()->clear();
        m_following = false;
    }
}

void DiagnosticsPanel::onCurrentItemChanged(QTreeWidgetItem* current) {
    if (m_following || !current) return;
    m_selecting = true;
    m_session.select(current->data(CodeColumn, PointerRole).toString());
    m_selecting = false;
}

void DiagnosticsPanel::onItemActivated(QTreeWidgetItem* item) {
    onCurrentItemChanged(item);
    emit diagnosticActivated();
}

} // namespace flowcast::ui
