#pragma once
// The palette: the StateCatalog's entries under Flow, Actions and Patterns, filtered as the user
// types. It only shows the catalogue and hands out entry ids, by drag (kCatalogIdMimeType) or by
// activation (double-click, Enter); adding the entry to the definition is the window's and the
// canvas's business. It holds no model data beyond the immutable catalogue it was given.
#include <QWidget>

class QLabel;
class QLineEdit;
class QModelIndex;
class QStandardItemModel;
class QTreeView;

namespace flowcast::model {
class StateCatalog;
}

namespace flowcast::ui {

/// The MIME type of a dragged palette entry; the data is the entry id in UTF-8.
inline constexpr char kCatalogIdMimeType[] = "application/x-flowcast-catalog-id";

class PaletteFilter;

class PaletteView : public QWidget {
    Q_OBJECT
public:
    /// The catalog id of an entry row (empty for a group row).
    static constexpr int EntryIdRole = Qt::UserRole + 1;

    /// Shows StateCatalog::builtIn().
    explicit PaletteView(QWidget* parent = nullptr);
    /// Shows `catalog`, which must outlive the view.
    explicit PaletteView(const model::StateCatalog& catalog, QWidget* parent = nullptr);

    QLineEdit* searchField() const { return m_search; }
    QTreeView* entryView() const { return m_view; }
    /// Ids of the entries the filter lets through, in catalogue order.
    QStringList visibleEntryIds() const;

signals:
    void entryActivated(const QString& id);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private slots:
    void onFilterTextChanged(const QString& text);
    void onActivated(const QModelIndex& index);
    void onSearchReturnPressed();

private:
    void populate();
    QModelIndex firstVisibleEntry() const;

    const model::StateCatalog& m_catalog;
    QLineEdit* m_search = nullptr;
    QTreeView* m_view = nullptr;
    QLabel* m_nothingFound = nullptr;
    QStandardItemModel* m_items = nullptr;
    PaletteFilter* m_filter = nullptr;
};

} // namespace flowcast::ui
