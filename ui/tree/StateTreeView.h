#pragma once
// The states of the open definition as a tree: one row per state (name, type, transitions), with
// Parallel branches and Map processors nested under their state. It observes a DefinitionSession
// and holds nothing but the pointer of each row; the canvas can replace it without touching the
// session or the other views.
#include <QHash>
#include <QTreeWidget>

namespace flowcast::model {
class StateMachine;
struct State;
} // namespace flowcast::model

namespace flowcast::ui {

class DefinitionSession;

class StateTreeView : public QTreeWidget {
    Q_OBJECT
public:
    enum Column { NameColumn, TypeColumn, TransitionsColumn, ColumnCount };
    /// The JSON Pointer of the node a row shows (a state, a branch, a processor).
    static constexpr int PointerRole = Qt::UserRole;

    explicit StateTreeView(DefinitionSession& session, QWidget* parent = nullptr);

    /// The row showing exactly the node at `pointer`, or nullptr.
    QTreeWidgetItem* itemFor(const QString& pointer) const;
    /// The pointer of the current row; empty when none.
    QString currentPointer() const;

protected:
    void paintEvent(QPaintEvent* event) override;

private slots:
    void rebuild();
    void onSelectionChanged(const QString& pointer);
    void onCurrentItemChanged(QTreeWidgetItem* current);

private:
    void addScope(QTreeWidgetItem* parent, const model::StateMachine& machine);
    QTreeWidgetItem* addState(QTreeWidgetItem* parent, const model::State& state);
    QTreeWidgetItem* addNode(QTreeWidgetItem* parent, const QString& pointer);
    void fitColumns();

    DefinitionSession& m_session;
    QHash<QString, QTreeWidgetItem*> m_items;
    bool m_following = false; // true while the tree follows the session, so it does not echo
};

} // namespace flowcast::ui
