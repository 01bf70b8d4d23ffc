#pragma once
// The canvas: a QGraphicsScene that draws the session's state machine. It holds no definition
// data of its own: items keep a state's pointer and ask the scene's node table, rebuilt from the
// session on every change; every gesture (move, delete, collapse) becomes an Edit applied through
// the session, and the scene redraws only when the session says the document changed
// (QtNodes' rule). Positions: dot's layout (AutoLayout), overridden by the positions the user
// dragged, which the layout stores relative to the state's scope (so a moved container carries
// its inside along).
#include "ui/canvas/AutoLayout.h"
#include "ui/canvas/HeatMap.h"

#include <QColor>
#include <QGraphicsScene>
#include <QString>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace flowcast::ui {

class DefinitionSession;
class EdgeItem;
class StateItem;

/// What a state item shows; rebuilt from the session after every change.
struct CanvasNode {
    const model::State* state = nullptr;
    std::string scope; ///< pointer of the scope holding it ("" at the top level)
    QString subtitle;  ///< stateSubtitle()
    int errors = 0;    ///< diagnostics at or below the state, not inside nested states
    int warnings = 0;
    bool container = false; ///< a Parallel or Map drawn open, its states inside
    bool collapsed = false; ///< a Parallel or Map drawn as a plain state
    bool start = false;     ///< its scope's StartAt
};

class CanvasScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit CanvasScene(DefinitionSession& session, QObject* parent = nullptr);
    ~CanvasScene() override;

    DefinitionSession& session() { return m_session; }
    const CanvasNode* node(const std::string& pointer) const;
    StateItem* stateItem(const std::string& pointer) const;
    const std::vector<EdgeItem*>& edgeItems() const { return m_edges; }
    std::size_t stateCount() const { return m_items.size(); }
    /// Every state's rect, the union of them all: what "fit to window" shows.
    QRectF contentBounds() const;
    /// Milliseconds the last automatic layout took (Graphviz), for the status bar and benchmarks.
    double lastLayoutMs() const { return m_layoutMs; }

    /// The pointers of the selected states, outermost first (a selected state inside a selected
    /// container is left out: it moves and goes with it).
    std::vector<std::string> selectedStates() const;
    /// Deletes the selected states as one undo step.
    void deleteSelection();
    /// The selected states to the system clipboard (a Flowcast clip, as JSON text).
    bool copySelection();
    /// The clipboard's states into the scope of the selected state (else the top level).
    void paste();
    void duplicateSelection();
    /// Makes the one selected state its scope's StartAt (the top level's, a branch's or a Map
    /// processor's), one undo step; false when not exactly one state is selected or it already
    /// starts its scope.
    bool makeSelectedStart();
    /// Adds a palette entry. Dropped on an arrow it is inserted there; inside a branch or
    /// processor it joins that scope; elsewhere the top level. Without a place (activated in the
    /// palette) it goes after the selected state. The new entry state ends up selected.
    bool addCatalogEntry(const std::string& id, std::optional<QPointF> scenePos = std::nullopt);
    /// The arrow drawn at `scenePos` (within a few points), or nullptr.
    EdgeItem* edgeAt(const QPointF& scenePos) const;
    /// The innermost branch or processor drawn at `scenePos`; "" for the top level.
    std::string scopeAt(const QPointF& scenePos) const;
    /// Selects exactly these states.
    void selectStates(const std::vector<std::string>& pointers);
    /// Forgets every position the user dragged: back to the automatic layout (one undo step).
    void relayout();
    void toggleCollapsed(const std::string& pointer);
    /// The heat-map overlay (empty: none), kept until replaced; states are matched by name.
    void setHeat(HeatByState heat);
    const StateHeat* heat(const std::string& stateName) const;
    /// The states a replay shows running (by name, as the heat map), drawn with a glow apart
    /// from selection and heat; cleared when another document is loaded.
    void setActiveStates(std::set<std::string> names);
    const std::set<std::string>& activeStates() const { return m_active; }
    /// True when `state` is active, or drawn collapsed and a state inside it is.
    bool isActive(const model::State& state) const;

    // The drag protocol of StateItem: positions go to the document while the mouse moves and
    // merge into one undo step, closed when the button is released.
    void beginDrag(const QPointF& scenePos);
    void dragTo(const QPointF& scenePos);
    void endDrag();

    // The connect gesture: a rubber line from a state's port; released over a state of the same
    // scope, it becomes the state's Next (a Choice's Default, then a new rule).
    void beginConnect(const std::string& from, const QPointF& scenePos);
    void connectTo(const QPointF& scenePos);
    void endConnect(const QPointF& scenePos);
    // The reconnect gesture of EdgeItem: the arrow's head dragged (the same rubber line, from
    // the arrow's source) and released over a state of the same scope points the transition
    // at it, one undo step; released anywhere else it changes nothing.
    void endReconnect(const std::string& transition, const QPointF& scenePos);
    /// The state drawn at `scenePos` in the scope `scope`, innermost first; empty when none.
    std::string stateAt(const QPointF& scenePos, const std::string& scope) const;

private:
    /// Ends the rubber line: its source state and the name of the state under `scenePos` in the
    /// same scope; nullopt when there is none.
    std::optional<std::pair<std::string, std::string>> endRubberLine(const QPointF& scenePos);

private slots:
    void onContentChanged();
    void onLayoutChanged();
    void onSessionSelection(const QString& pointer);
    void onSceneSelection();

private:
    struct Placement;
    void rebuildNodes();
    void rebuildItems();
    void place();
    void pasteClip(const model::Json& clip, QPointF offset);

    DefinitionSession& m_session;
    std::unique_ptr<AutoLayout> m_layoutEngine;
    CanvasLayout m_auto; ///< dot's layout of the current content
    std::map<std::string, CanvasNode> m_nodes;
    std::map<std::string, StateItem*> m_items;
    std::vector<EdgeItem*> m_edges;
    std::vector<QGraphicsItem*> m_branchBoxes;
    std::map<std::string, QRectF> m_placed;       ///< where each state is drawn now
    std::map<std::string, QRectF> m_placedScopes; ///< where each branch / processor is drawn
    std::map<std::string, QPointF> m_dragStart;   ///< each state's position in its scope, now
    std::map<std::string, QPointF> m_moving;      ///< the dragged states' positions at the start
    QPointF m_dragOrigin;
    std::string m_connectFrom;
    QGraphicsLineItem* m_connectLine = nullptr;
    bool m_dragging = false;
    bool m_syncingSelection = false;
    double m_layoutMs = 0;
    HeatByState m_heat;
    std::set<std::string> m_active;
};

} // namespace flowcast::ui
