#include "ui/canvas/AutoLayout.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <locale.h>
#include <string_view>
#include <unordered_map>
#include <utility>

// Graphviz last: its headers define MIN, MAX, ROUND and other short macros.
#include <gvc.h>

namespace flowcast::ui {
namespace {

constexpr double kPointsPerInch = 72;
constexpr double kSimplexIterations = 200;

// Graphviz reports through one process-wide callback that carries no user data, so the sink is a
// thread-local pointer, set only while one layout runs (MessageCapture restores what was there).
thread_local std::string* t_graphvizMessages = nullptr;

int collectMessage(char* text) {
    if (t_graphvizMessages) t_graphvizMessages->append(text);
    return 0;
}

class MessageCapture {
public:
    explicit MessageCapture(std::string& sink)
        : m_previousSink(std::exchange(t_graphvizMessages, &sink)),
          m_previous(agseterrf(&collectMessage)) {}
    ~MessageCapture() {
        agseterrf(m_previous);
        t_graphvizMessages = m_previousSink;
    }
    MessageCapture(const MessageCapture&) = delete;
    MessageCapture& operator=(const MessageCapture&) = delete;

private:
    std::string* m_previousSink;
    agusererrf m_previous;
};

// QCoreApplication calls setlocale(LC_ALL, ""), and Graphviz reads "2.7778" with strtod: under a
// decimal-comma locale that is 2. Dot runs under the C numeric locale, on this thread only.
class CNumericLocale {
public:
    CNumericLocale() {
        locale_t base = duplocale(LC_GLOBAL_LOCALE);
        m_c = base ? newlocale(LC_NUMERIC_MASK, "C", base) : locale_t(nullptr);
        if (!m_c && base) freelocale(base);
        if (m_c) m_previous = uselocale(m_c);
    }
    ~CNumericLocale() {
        if (!m_c) return;
        uselocale(m_previous);
        freelocale(m_c);
    }
    CNumericLocale(const CNumericLocale&) = delete;
    CNumericLocale& operator=(const CNumericLocale&) = delete;

private:
    locale_t m_c = nullptr;
    locale_t m_previous = nullptr;
};

std::string decimal(double value) {
    char text[40];
    const auto end = std::to_chars(text, text + sizeof text, value, std::chars_format::fixed, 4);
    return std::string(text, end.ptr);
}

// Dot takes sizes in inches and rounds them to whole points: asking for the next whole point up
// means the box dot reserves is never smaller than the state drawn in it.
std::string inches(double points) {
    return decimal(std::ceil(points) / kPointsPerInch);
}

void setAttribute(void* object, const char* name, const std::string& value) {
    agsafeset(object, const_cast<char*>(name), const_cast<char*>(value.c_str()),
              const_cast<char*>(""));
}

struct Placed {
    std::string pointer;
    QRectF rect;
};

// A laid-out scope, or the inside of a container state, in coordinates local to its top-left.
struct Block {
    QSizeF size;
    std::vector<Placed> states;
    std::vector<Placed> containers;
    std::vector<EdgeRoute> edges;

    void append(Block&& inner, QPointF offset) {
        for (auto& s : inner.states)
            states.push_back({std::move(s.pointer), s.rect.translated(offset)});
        for (auto& c : inner.containers)
            containers.push_back({std::move(c.pointer), c.rect.translated(offset)});
        for (auto& e : inner.edges) {
            e.path.translate(offset);
            e.label.translate(offset);
            edges.push_back(std::move(e));
        }
    }
};

struct ScopeEdge {
    std::size_t from = 0;
    std::size_t to = 0;
    const model::Transition* transition = nullptr;
};

// Dot's y grows upward from an arbitrary origin; `Frame` maps it to the scope's local box.
struct Frame {
    double minX = HUGE_VAL, maxX = -HUGE_VAL, minY = HUGE_VAL, maxY = -HUGE_VAL;

    void include(double x, double y) {
        minX = std::min(minX, x), maxX = std::max(maxX, x);
        minY = std::min(minY, y), maxY = std::max(maxY, y);
    }
    void include(const splines* spline) {
        for (int b = 0; spline && b < spline->size; ++b) {
            const bezier& bz = spline->list[b];
            for (int k = 0; k < bz.size; ++k)
                include(bz.list[k].x, bz.list[k].y);
            if (bz.sflag) include(bz.sp.x, bz.sp.y);
            if (bz.eflag) include(bz.ep.x, bz.ep.y);
        }
    }
    QPointF map(pointf p) const { return {p.x - minX, maxY - p.y}; }
    QSizeF size() const { return {maxX - minX, maxY - minY}; }
};

QPainterPath pathOf(const splines* spline, const Frame& frame) {
    QPainterPath path;
    for (int b = 0; spline && b < spline->size; ++b) {
        const bezier& bz = spline->list[b];
        if (bz.size == 0) continue;
        // sp and ep are the arrow tips on the node borders; the bezier stops short of them.
        path.moveTo(frame.map(bz.sflag ? bz.sp : bz.list[0]));
        if (bz.sflag) path.lineTo(frame.map(bz.list[0]));
        for (int k = 1; k + 2 < bz.size; k += 3)
            path.cubicTo(frame.map(bz.list[k]), frame.map(bz.list[k + 1]),
                         frame.map(bz.list[k + 2]));
        if (bz.eflag) path.lineTo(frame.map(bz.ep));
    }
    return path;
}

// Lays out a scope bottom-up: every container in it first, then the scope as one dot graph.
// Lives for one AutoLayout::layout call, on the Graphviz context its AutoLayout owns.
class ScopeLayouter {
public:
    ScopeLayouter(GVC_t* gvc, const AutoLayout& owner) : m_gvc(gvc), m_owner(owner) {}

    Block layScope(const model::StateMachine& scope);

private:
    bool isOpenContainer(const model::State& state) const;
    Block layContainer(const model::State& state);
    bool runDot(const model::StateMachine& scope, const std::vector<Block>& nodes,
                const std::vector<ScopeEdge>& edges, std::vector<QPointF>& topLeft,
                std::vector<QPainterPath>& paths, std::vector<QRectF>& labels, Block& out);
    void stackInColumn(const std::vector<Block>& nodes, std::vector<QPointF>& topLeft,
                       Block& out) const;

    GVC_t* m_gvc;
    const AutoLayout& m_owner;
};

bool ScopeLayouter::isOpenContainer(const model::State& state) const {
    return (state.type == model::StateType::Parallel || state.type == model::StateType::Map) &&
           !state.branches.empty() && !m_owner.options().collapsed.contains(state.pointer);
}

Block ScopeLayouter::layScope(const model::StateMachine& scope) {
    const auto& states = scope.states();
    Block out;
    if (states.empty()) return out;
    std::vector<Block> nodes(states.size());
    std::unordered_map<std::string_view, std::size_t> index;
    for (std::size_t i = 0; i < states.size(); ++i) {
        index.emplace(states[i].name, i); // a duplicated name keeps its first state
        if (isOpenContainer(states[i]))
            nodes[i] = layContainer(states[i]);
        else
            nodes[i].size = m_owner.nodeSize(states[i]).expandedTo({1, 1});
    }
    // ASL transitions stay in their scope; a missing target is an edit in progress: no edge.
    std::vector<ScopeEdge> edges;
    for (std::size_t i = 0; i < states.size(); ++i)
        for (const auto& t : states[i].transitions)
            if (const auto it = index.find(t.target); it != index.end())
                edges.push_back({i, it->second, &t});

    std::vector<QPointF> topLeft(states.size());
    std::vector<QPainterPath> paths(edges.size());
    std::vector<QRectF> labels(edges.size());
    if (!runDot(scope, nodes, edges, topLeft, paths, labels, out))
        stackInColumn(nodes, topLeft, out);
    for (std::size_t e = 0; e < edges.size(); ++e)
        out.edges.push_back({edges[e].transition->pointer, states[edges[e].from].pointer,
                             states[edges[e].to].pointer, edges[e].transition->kind,
                             std::move(paths[e]), labels[e]});
    for (std::size_t i = 0; i < states.size(); ++i) {
        out.states.push_back({states[i].pointer, QRectF(topLeft[i], nodes[i].size)});
        out.append(std::move(nodes[i]), topLeft[i]);
    }
    return out;
}

// A Parallel or Map: the header strip, then its branches (a Map has one, its processor) side by
// side, each framed by the padding, every frame as tall as the tallest.
Block ScopeLayouter::layContainer(const model::State& state) {
    const double pad = m_owner.options().containerPadding;
    const double header = m_owner.options().headerHeight;
    std::vector<Block> branches;
    double framesWidth = pad * double(state.branches.size() - 1);
    double frameHeight = 0;
    for (const auto& branch : state.branches) {
        branches.push_back(layScope(branch));
        framesWidth += branches.back().size.width() + 2 * pad;
        frameHeight = std::max(frameHeight, branches.back().size.height() + 2 * pad);
    }
    Block out;
    out.size =
        m_owner.nodeSize(state).expandedTo({framesWidth + 2 * pad, header + frameHeight + pad});
    double x = (out.size.width() - framesWidth) / 2;
    for (std::size_t i = 0; i < branches.size(); ++i) {
        const QRectF frame(x, header, branches[i].size.width() + 2 * pad, frameHeight);
        out.containers.push_back({state.branches[i].pointer(), frame});
        out.append(std::move(branches[i]), frame.topLeft() + QPointF(pad, pad));
        x += frame.width() + pad;
    }
    return out;
}

// One dot graph for one scope, freed with its layout. Nodes and edges are named by index, never
// by state name, so quotes, spaces or unicode in names never reach Graphviz.
class DotGraph {
public:
    DotGraph(const AutoLayoutOptions& options, const model::StateMachine& scope,
             const std::vector<Block>& nodes, const std::vector<ScopeEdge>& edges);
    ~DotGraph() {
        if (m_laidOutBy) gvFreeLayout(m_laidOutBy, m_graph);
        agclose(m_graph);
    }
    DotGraph(const DotGraph&) = delete;
    DotGraph& operator=(const DotGraph&) = delete;

    bool layOut(GVC_t* gvc) {
        if (gvLayout(gvc, m_graph, "dot") != 0) return false;
        m_laidOutBy = gvc;
        return true;
    }
    Agnode_t* node(std::size_t i) const { return m_nodes[i]; }
    Agedge_t* edge(std::size_t e) const { return m_edges[e]; }

private:
    void addNode(std::size_t i, QSizeF size);
    void setLabel(Agedge_t* edge, QSizeF size);
    void reachEveryState(std::size_t start, const std::vector<ScopeEdge>& edges);

    Agraph_t* m_graph = agopen(const_cast<char*>("scope"), Agdirected, nullptr);
    std::vector<Agnode_t*> m_nodes;
    std::vector<Agedge_t*> m_edges;
    Agsym_t* m_label = nullptr; // the edges' label attribute, declared with the first label
    GVC_t* m_laidOutBy = nullptr;
};

DotGraph::DotGraph(const AutoLayoutOptions& options, const model::StateMachine& scope,
                   const std::vector<Block>& nodes, const std::vector<ScopeEdge>& edges)
    : m_nodes(nodes.size(), nullptr) {
    setAttribute(m_graph, "rankdir", "TB");
    setAttribute(m_graph, "nodesep", inches(options.nodeSpacing));
    setAttribute(m_graph, "ranksep", inches(options.rankSpacing));
    setAttribute(m_graph, "splines", options.routeEdges ? "spline" : "none");
    // Network simplex (ranks, then x positions) has no time bound of its own: a Catch-all handler
    // fed by a hundred states makes thousands of virtual nodes, and BenchLayout's x positions did
    // not finish in ten minutes. Stopped early it keeps a feasible, less compact solution. Dot
    // counts the limit per node: at most max(200, states) iterations, which changes no layout of
    // the samples or the corpus.
    const double perNode = std::max(1.0, kSimplexIterations / double(nodes.size()));
    setAttribute(m_graph, "nslimit", decimal(perNode));
    setAttribute(m_graph, "nslimit1", decimal(perNode));
    // StartAt first, since dot breaks cycles from the first nodes it meets, and alone on the top
    // rank (rank=source): neither a polling loop back to it nor a stray state pointing at it can
    // push it down.
    const auto& states = scope.states();
    const auto start = std::find_if(states.begin(), states.end(), [&](const model::State& s) {
        return s.name == scope.startAt();
    });
    if (start != states.end()) {
        const auto i = std::size_t(start - states.begin());
        addNode(i, nodes[i].size);
        Agraph_t* top = agsubg(m_graph, const_cast<char*>("start"), 1);
        setAttribute(top, "rank", "source");
        agsubnode(top, m_nodes[i], 1);
    }
    for (std::size_t i = 0; i < nodes.size(); ++i)
        if (!m_nodes[i]) addNode(i, nodes[i].size);
    for (std::size_t e = 0; e < edges.size(); ++e) {
        const std::string id = "e" + std::to_string(e); // distinct keys keep parallel edges apart
        Agedge_t* edge = agedge(m_graph, m_nodes[edges[e].from], m_nodes[edges[e].to],
                                const_cast<char*>(id.c_str()), 1);
        // The happy path reads straight down: Next, Default and rules pull eight times harder than
        // a Catch, often from many states to one handler (else the chain drifts sideways). Not
        // zero: dot then stretches Catch edges freely, and routing their splines took 1.6 s
        // instead of 0.1 s on BenchLayout's 300 states.
        const bool isCatch =
            edges[e].transition && edges[e].transition->kind == model::TransitionKind::Catch;
        setAttribute(edge, "weight", isCatch ? "1" : "8");
        if (options.labelSize && edges[e].transition)
            setLabel(edge, options.labelSize(states[edges[e].from], *edges[e].transition));
        m_edges.push_back(edge);
    }
    if (start != states.end()) reachEveryState(std::size_t(start - states.begin()), edges);
}

// Graphviz 2.42 (Debian 12) links a rank=source node to every node nothing leads to, then
// searches the graph's components again, marking visited nodes with a process-wide 8-bit counter
// (decompose.c's Cmark) while acyclic() has left every node marked 1: when that second search
// falls on the value 1, it finds no node, ranking skips them all and mincross reads the edges
// cleanup1() freed. So a long session crashed (the counter comes round every 255 searches) on a
// scope holding a state no transition reaches, such as a state just dropped from the palette
// (TestBuildFromEmpty). With an edge of our own from StartAt to each such state (weight 1 and
// length 1, as dot's own), dot links nothing and searches once.
void DotGraph::reachEveryState(std::size_t start, const std::vector<ScopeEdge>& edges) {
    std::vector<std::vector<std::size_t>> targets(m_nodes.size());
    for (const ScopeEdge& edge : edges)
        if (edge.from != edge.to) targets[edge.from].push_back(edge.to); // dot ranks no loop
    std::vector<bool> reached(m_nodes.size(), false);
    auto reach = [&](std::size_t root) {
        std::vector<std::size_t> stack{root};
        while (!stack.empty()) {
            const std::size_t i = stack.back();
            stack.pop_back();
            if (reached[i]) continue;
            reached[i] = true;
            stack.insert(stack.end(), targets[i].begin(), targets[i].end());
        }
    };
    reach(start);
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        if (reached[i]) continue;
        const std::string id = "r" + std::to_string(i);
        Agedge_t* edge =
            agedge(m_graph, m_nodes[start], m_nodes[i], const_cast<char*>(id.c_str()), 1);
        setAttribute(edge, "weight", "1");
        reach(i);
    }
}

void DotGraph::addNode(std::size_t i, QSizeF size) {
    const std::string id = "n" + std::to_string(i);
    Agnode_t* n = agnode(m_graph, const_cast<char*>(id.c_str()), 1);
    setAttribute(n, "shape", "box");
    setAttribute(n, "fixedsize", "true");
    setAttribute(n, "label", "");
    setAttribute(n, "width", inches(size.width()));
    setAttribute(n, "height", inches(size.height()));
    m_nodes[i] = n;
}

// An empty HTML-like table of exactly the label's size, so dot works with the room the canvas
// draws and no guess at fonts. An xlabel: dot places it beside its edge once the layout is done,
// clear of states and other labels where it can. A plain `label` would reserve room in the
// layout itself, but as a node of its own on a rank of its own: BenchLayout's 300 states then
// took 10 s instead of 0.15 s.
void DotGraph::setLabel(Agedge_t* edge, QSizeF size) {
    if (size.isEmpty()) return;
    const auto points = [](double v) { return std::to_string(int(std::ceil(v))); };
    const std::string table = "<TABLE FIXEDSIZE=\"TRUE\" WIDTH=\"" + points(size.width()) +
                              "\" HEIGHT=\"" + points(size.height()) +
                              "\" BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
                              "CELLPADDING=\"0\"><TR><TD></TD></TR></TABLE>";
    if (!m_label)
        m_label = agattr(m_graph, AGEDGE, const_cast<char*>("xlabel"), const_cast<char*>(""));
    char* html = agstrdup_html(m_graph, const_cast<char*>(table.c_str()));
    agxset(edge, m_label, html);
    agstrfree(m_graph, html);
}

bool ScopeLayouter::runDot(const model::StateMachine& scope, const std::vector<Block>& nodes,
                           const std::vector<ScopeEdge>& edges, std::vector<QPointF>& topLeft,
                           std::vector<QPainterPath>& paths, std::vector<QRectF>& labels,
                           Block& out) {
    if (!m_gvc) return false;
    DotGraph graph(m_owner.options(), scope, nodes, edges);
    if (!graph.layOut(m_gvc)) return false;
    Frame frame;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const pointf c = ND_coord(graph.node(i));
        const QSizeF& s = nodes[i].size;
        frame.include(c.x - s.width() / 2, c.y - s.height() / 2);
        frame.include(c.x + s.width() / 2, c.y + s.height() / 2);
    }
    for (std::size_t e = 0; e < edges.size(); ++e) {
        frame.include(ED_spl(graph.edge(e)));
        if (const textlabel_t* label = ED_xlabel(graph.edge(e)); label && label->set) {
            frame.include(label->pos.x - label->dimen.x / 2, label->pos.y - label->dimen.y / 2);
            frame.include(label->pos.x + label->dimen.x / 2, label->pos.y + label->dimen.y / 2);
        }
    }
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const pointf c = ND_coord(graph.node(i));
        const QSizeF& s = nodes[i].size;
        topLeft[i] = frame.map({c.x - s.width() / 2, c.y + s.height() / 2});
    }
    for (std::size_t e = 0; e < edges.size(); ++e) {
        paths[e] = pathOf(ED_spl(graph.edge(e)), frame);
        if (const textlabel_t* label = ED_xlabel(graph.edge(e)); label && label->set)
            labels[e] = QRectF(
                frame.map({label->pos.x - label->dimen.x / 2, label->pos.y + label->dimen.y / 2}),
                QSizeF(label->dimen.x, label->dimen.y));
    }
    out.size = frame.size();
    return true;
}

// When dot is not available (no plugin, or it refused the graph): one column, file order.
void ScopeLayouter::stackInColumn(const std::vector<Block>& nodes, std::vector<QPointF>& topLeft,
                                  Block& out) const {
    double y = 0, width = 0;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        topLeft[i] = {0, y};
        y += nodes[i].size.height() + m_owner.options().rankSpacing;
        width = std::max(width, nodes[i].size.width());
    }
    out.size = {width, y - m_owner.options().rankSpacing};
}

std::vector<std::string> linesOf(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t end = text.find('\n', begin);
        if (end == std::string::npos) end = text.size();
        if (end > begin) lines.push_back(text.substr(begin, end - begin));
        begin = end + 1;
    }
    return lines;
}

} // namespace

struct AutoLayout::Engine {
    GVC_t* gvc = nullptr;
    ~Engine() {
        if (gvc) gvFreeContext(gvc);
    }
};

AutoLayout::AutoLayout(AutoLayoutOptions options)
    : m_engine(std::make_unique<Engine>()), m_options(std::move(options)) {}

AutoLayout::~AutoLayout() = default;

QSizeF AutoLayout::nodeSize(const model::State& state) const {
    return m_options.nodeSize ? m_options.nodeSize(state) : kDefaultNodeSize;
}

CanvasLayout AutoLayout::layout(const model::StateMachine& machine) {
    CanvasLayout result;
    std::string messages;
    {
        const CNumericLocale cNumbers;
        const MessageCapture capture(messages);
        // Created on first use, under the capture: loading the plugins may warn.
        if (!m_engine->gvc) m_engine->gvc = gvContext();
        ScopeLayouter layouter(m_engine->gvc, *this);
        Block root = layouter.layScope(machine);
        for (auto& s : root.states)
            result.states.emplace(std::move(s.pointer), s.rect);
        for (auto& c : root.containers)
            result.containers.emplace(std::move(c.pointer), c.rect);
        result.edges = std::move(root.edges);
        if (!result.states.empty()) result.bounds = QRectF(QPointF(0, 0), root.size);
    }
    if (!m_engine->gvc) messages += "Graphviz could not be started: states stacked in a column\n";
    result.warnings = linesOf(messages);
    return result;
}

} // namespace flowcast::ui
