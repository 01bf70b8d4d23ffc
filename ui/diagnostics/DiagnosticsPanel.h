#pragma once
// The problems the session's file has: one row per diagnostic (severity icon and code, location,
// message), in the order the checker reported them. Choosing a row selects its location in the
// session; when the selection changes elsewhere, the rows of the selected state are highlighted.
#include <QTreeWidget>

namespace flowcast::ui {

class DefinitionSession;

class DiagnosticsPanel : public QTreeWidget {
    Q_OBJECT
public:
    enum Column { CodeColumn, LocationColumn, MessageColumn, ColumnCount };
    /// The diagnostic's JSON Pointer (its `location`).
    static constexpr int PointerRole = Qt::UserRole;
    /// The node that owns the location (DefinitionSession::ownerOf), empty for file-level rows.
    static constexpr int OwnerRole = Qt::UserRole + 1;
    /// True on the rows that belong to the selected state.
    static constexpr int HighlightRole = Qt::UserRole + 2;

    explicit DiagnosticsPanel(DefinitionSession& session, QWidget* parent = nullptr);

    /// "2 errors, 3 warnings"; "No problems" when both are zero.
    static QString summary(int errors, int warnings);

signals:
    /// A row was double-clicked or activated with the keyboard, after it was selected.
    void diagnosticActivated();

protected:
    void paintEvent(QPaintEvent* event) override;

private slots:
    void rebuild();
    void onSelectionChanged(const QString& pointer);
    void onCurrentItemChanged(QTreeWidgetItem* current);
    void onItemActivated(QTreeWidgetItem* item);

private:
    void fitColumns();
    QString locationText(int line, int column, const std::string& location) const;

    DefinitionSession& m_session;
    bool m_selecting = false; // true while a row of this panel is the source of the selection
    bool m_following = false; // true while the panel follows the session, so it does not echo
};

} // namespace flowcast::ui
