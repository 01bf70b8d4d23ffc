#pragma once
// AutoLayout: the canvas's automatic layered layout, Graphviz dot run in-process. Each scope (the
// top level, every Parallel branch, every Map processor) is laid out on its own, bottom-up, and a
// Parallel or Map is then one node of its parent scope sized to hold its branches: containers
// never cross and no edge leaves its scope. Owned by whoever lays out the canvas; GUI thread only,
// because Graphviz keeps global state (even two instances must not run on two threads at once).
#include "model/asl/StateMachine.h"

#include <QPainterPath>
#include <QRectF>
#include <QSizeF>

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace flowcast::ui {

struct AutoLayoutOptions {
    /// Size of a plain state, and the least size of a container; empty: 200 × 60 for every state.
    std::function<QSizeF(const model::State&)> nodeSize;
    double containerPadding = 16; ///< around a branch's states, and between two branches
    double headerHeight = 40;     ///< a Parallel or Map's title strip, above its branches
    double nodeSpacing = 40;      ///< between two states of one rank (dot's nodesep)
    double rankSpacing = 50;      ///< between two ranks (dot's ranksep)
    /// Pointers of the Parallel and Map states drawn as plain states (their inside is not laid
    /// out).
    std::set<std::string> collapsed;
    /// Ask dot for edge splines; without them layout is faster and EdgeRoute::path stays empty.
    bool routeEdges = true;
    /// Size of the label drawn on a transition (empty function or size: none). Dot places it
    /// beside the edge, clear of states and other labels where it can (EdgeRoute::label).
    std::function<QSizeF(const model::State& from, const model::Transition& transition)> labelSize;
};

/// One transition drawn inside its scope.
struct EdgeRoute {
    std::string transition; ///< Transition::pointer ("/States/Check/Choices/0/Next"): unique
    std::string from;       ///< state pointers, both in the same scope
    std::string to;
    model::TransitionKind kind = model::TransitionKind::Next;
    /// Dot's spline in scene coordinates, from the tail's border to the head's border.
    QPainterPath path;
    /// Where dot put the edge's label, in scene coordinates; empty without a label. It may still
    /// touch a state when dot found no free spot: the canvas checks.
    QRectF label;
};

/// Scene coordinates: top-left origin, y growing downward, 1 unit = 1 point of dot.
struct CanvasLayout {
    std::map<std::string, QRectF> states;     ///< by state pointer (none inside collapsed ones)
    std::map<std::string, QRectF> containers; ///< by branch or processor pointer
    std::vector<EdgeRoute> edges;             ///< scope by scope, transitions in file order
    QRectF bounds;                            ///< everything; (0, 0) at top-left; empty: no state
    std::vector<std::string> warnings;        ///< Graphviz's messages, normally none
};

class AutoLayout {
public:
    static constexpr QSizeF kDefaultNodeSize{200, 60};

    explicit AutoLayout(AutoLayoutOptions options = {});
    ~AutoLayout();
    AutoLayout(const AutoLayout&) = delete;
    AutoLayout& operator=(const AutoLayout&) = delete;

    const AutoLayoutOptions& options() const { return m_options; }
    void setOptions(AutoLayoutOptions options) { m_options = std::move(options); }
    /// The options' nodeSize, or kDefaultNodeSize.
    QSizeF nodeSize(const model::State& state) const;

    /// Lays out `machine` and everything nested in it. Same input, same output. Transitions to
    /// states missing from their scope (a definition being edited) are left out.
    CanvasLayout layout(const model::StateMachine& machine);

private:
    struct Engine;
    std::unique_ptr<Engine> m_engine; // the Graphviz context, this instance's own
    AutoLayoutOptions m_options;
};

} // namespace flowcast::ui
