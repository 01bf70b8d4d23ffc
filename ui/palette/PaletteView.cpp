#include "ui/palette/PaletteView.h"

#include "model/document/StateCatalog.h"
#include "ui/common/StatePresentation.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace flowcast::ui {

// The entry rows the catalogue's search lets through; a group row shows while one of its
// entries does (recursive filtering), so empty groups disappear.
class PaletteFilter : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void showAll() {
        m_all = true;
        invalidateFilter();
    }
    void showOnly(QSet<QString> ids) {
        m_all = false;
        m_ids = std::move(ids);
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
        const QString id =
            sourceModel()->index(row, 0, parent).data(PaletteView::EntryIdRole).toString();
        if (m_all) return true;
        return !id.isEmpty() && m_ids.contains(id);
    }

private:
    bool m_all = true;
    QSet<QString> m_ids;
};

namespace {

constexpr int kGroupRole = Qt::UserRole + 2; // a group row's model::CatalogGroup

// The item model, which also packs a dragged entry's id for the canvas.
class PaletteItems : public QStandardItemModel {
public:
    using QStandardItemModel::QStandardItemModel;

    QStringList mimeTypes() const override { return {QString::fromLatin1(kCatalogIdMimeType)}; }
    // Copy only: a drop accepted as a move would make the view remove the entry's row.
    Qt::DropActions supportedDragActions() const override { return Qt::CopyAction; }

    QMimeData* mimeData(const QModelIndexList& indexes) const override {
        for (const QModelIndex& index : indexes) {
            const QString id = index.data(PaletteView::EntryIdRole).toString();
            if (id.isEmpty()) continue;
            auto* data = new QMimeData;
            data->setData(QString::fromLatin1(kCatalogIdMimeType), id.toUtf8());
            return data;
        }
        return nullptr;
    }
};

QStandardItem* groupItem(model::CatalogGroup group) {
    auto* item = new QStandardItem(QString::fromUtf8(model::catalogGroupName(group).data(),
                                                     model::catalogGroupName(group).size()));
    item->setFlags(Qt::ItemIsEnabled); // neither selectable nor draggable
    item->setData(static_cast<int>(group), kGroupRole);
    QFont font = item->font();
    font.setBold(true);
    item->setFont(font);
    return item;
}

QStandardItem* entryItem(const model::CatalogEntry& entry) {
    auto* item = new QStandardItem(typeIcon(entry.stateType()), QString::fromStdString(entry.name));
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    item->setData(QString::fromStdString(entry.id), PaletteView::EntryIdRole);
    item->setToolTip(QString::fromStdString(entry.description));
    item->setStatusTip(QString::fromStdString(entry.service));
    return item;
}

} // namespace

PaletteView::PaletteView(QWidget* parent) : PaletteView(model::StateCatalog::builtIn(), parent) {}

PaletteView::PaletteView(const model::StateCatalog& catalog, QWidget* parent)
    : QWidget(parent), m_catalog(catalog) {
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search states and services"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);

    m_items = new PaletteItems(this);
    m_filter = new PaletteFilter(this);
    m_filter->setRecursiveFilteringEnabled(true);
    m_filter->setSourceModel(m_items);

    m_view = new QTreeView(this);
    m_view->setModel(m_filter);
    m_view->setHeaderHidden(true);
    m_view->setUniformRowHeights(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setDragEnabled(true);
    m_view->setDragDropMode(QAbstractItemView::DragOnly);
    m_view->setDefaultDropAction(Qt::CopyAction);
    m_view->setExpandsOnDoubleClick(false);

    m_nothingFound = new QLabel(this);
    m_nothingFound->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_nothingFound->setWordWrap(true);
    m_nothingFound->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_nothingFound, 1);

    connect(m_search, &QLineEdit::textChanged, this, &PaletteView::onFilterTextChanged);
    connect(m_search, &QLineEdit::returnPressed, this, &PaletteView::onSearchReturnPressed);
    connect(m_view, &QTreeView::activated, this, &PaletteView::onActivated);
    populate();
}

void PaletteView::populate() {
    QStandardItem* root = m_items->invisibleRootItem();
    QStandardItem* group = nullptr;
    for (const model::CatalogEntry& entry : m_catalog.entries()) {
        // Entries come grouped (Flow, Actions, Patterns): a new group starts a new section.
        if (!group || group->data(kGroupRole).toInt() != static_cast<int>(entry.group)) {
            group = groupItem(entry.group);
            root->appendRow(group);
        }
        group->appendRow(entryItem(entry));
    }
    m_view->expandAll();
}

QStringList PaletteView::visibleEntryIds() const {
    QStringList ids;
    for (int g = 0; g < m_filter->rowCount(); ++g) {
        const QModelIndex group = m_filter->index(g, 0);
        for (int r = 0; r < m_filter->rowCount(group); ++r)
            ids << m_filter->index(r, 0, group).data(EntryIdRole).toString();
    }
    return ids;
}

void PaletteView::onFilterTextChanged(const QString& text) {
    if (text.trimmed().isEmpty()) {
        m_filter->showAll();
    } else {
        QSet<QString> ids;
        for (const model::CatalogEntry* entry : m_catalog.search(text.toStdString()))
            ids.insert(QString::fromStdString(entry->id));
        m_filter->showOnly(std::move(ids));
    }
    m_view->expandAll();
    const bool empty = m_filter->rowCount() == 0;
    m_nothingFound->setText(empty ? tr("No state matches \u201c%1\u201d.").arg(text.trimmed())
                                  : QString());
    m_view->setVisible(!empty);
    m_nothingFound->setVisible(empty);
}

void PaletteView::onActivated(const QModelIndex& index) {
    const QString id = index.data(EntryIdRole).toString();
    if (!id.isEmpty()) emit entryActivated(id);
}

// Enter in the search field adds the selected entry, or the first one found.
void PaletteView::onSearchReturnPressed() {
    const QModelIndex current = m_view->currentIndex();
    onActivated(current.isValid() && !current.data(EntryIdRole).toString().isEmpty()
                    ? current
                    : firstVisibleEntry());
}

QModelIndex PaletteView::firstVisibleEntry() const {
    for (int g = 0; g < m_filter->rowCount(); ++g) {
        const QModelIndex group = m_filter->index(g, 0);
        if (m_filter->rowCount(group) > 0) return m_filter->index(0, 0, group);
    }
    return {};
}

// Down in the search field moves into the list, on the first entry found.
bool PaletteView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_search && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Down) {
        if (const QModelIndex first = firstVisibleEntry(); first.isValid()) {
            m_view->setCurrentIndex(first);
            m_view->setFocus(Qt::ShortcutFocusReason);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace flowcast::ui
