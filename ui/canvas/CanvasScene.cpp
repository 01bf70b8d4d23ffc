#include "ui/canvas/CanvasScene.h"

#include "model/document/CopyPaste.h"
#include "model/document/StateCatalog.h"
#include "model/document/StateEdits.h"
#include "ui/canvas/CanvasText.h"
#include "ui/canvas/EdgeItem.h"
#include "ui/canvas/StateItem.h"
#include "ui/session/DefinitionSession.h"

#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QGraphicsRectItem>
#include <QGraphicsView>
#include <QMimeData>
#include <QPen>

#include <algorithm>
#include <functional>
#include <set>
#include <utility>

namespace flowcast::ui {

namespace {
constexpr double kBranchPadding = 16;
constexpr double kStartGap = 28; // room above a scope's first state for the Start marker
} // namespace

CanvasScene::CanvasScene(DefinitionSession& session, QObject* parent)
    : QGraphicsScene(parent), m_session(session), m_layoutEngine(std::make_unique<AutoLayout>()) {
    setBackgroundBrush(QColor(0xf8, 0xf9, 0xfb));
    connect(&m_session, &DefinitionSession::contentChanged, this, &CanvasScene::onContentChanged);
    connect(&m_session, &DefinitionSession::loadFailed, this, &CanvasScene::onContentChanged);
    connect(&m_session, &DefinitionSession::layoutChanged, this, &CanvasScene::onLayoutChanged);
    connect(&m_session, &DefinitionSession::selectionChanged, this,
            &CanvasScene::onSessionSelection);
    connect(this, &QGraphicsScene::selectionChanged, this, &CanvasScene::onSceneSelection);
    connect(&m_session, &DefinitionSession::documentLoaded, this, [this] { setActiveStates({}); });
    onContentChanged();
}

CanvasScene::~CanvasScene() {
    // Clearing selected items emits selectionChanged; the session may already be gone (it can
    // die first among its window's children), so nothing may reach it from here on.
    m_syncingSelection = true;
    disconnect(this, &QGraphicsScene::selectionChanged, this, &CanvasScene::onSceneSelection);
    clear();
}

const CanvasNode* CanvasScene::node(const std::string& pointer) const {
    auto it = m_nodes.find(pointer);
    return it == m_nodes.end() ? nullptr : &it->second;
}

StateItem* CanvasScene::stateItem(const std::string& pointer) const {
    auto it = m_items.find(pointer);
    return it == m_items.end() ? nullptr : it->second;
}

QRectF CanvasScene::contentBounds() const {
    QRectF bounds;
    for (const auto& [pointer, rect] : m_placed)
        bounds = bounds.united(rect);
    return bounds;
}

void CanvasScene::onContentChanged() {
    m_dragging = false;
    rebuildNodes();
    AutoLayoutOptions options = m_layoutEngine->options();
    options.collapsed.clear();
    for (const auto& [pointer, node] : m_nodes)
        if (node.collapsed) options.collapsed.insert(pointer);
    options.rankSpacing = 50 + kStartGap / 2;
    // Dot keeps room for each label, the size EdgeItem draws it.
    options.labelSize = [](const model::State& from, const model::Transition& t) {
        return EdgeItem::labelSize(edgeLabel(from, t));
    };
    m_layoutEngine->setOptions(std::move(options));
    QElapsedTimer timer;
    timer.start();
    m_auto = m_session.definitions().empty()
                 ? CanvasLayout{}
                 : m_layoutEngine->layout(m_session.definitions().front().machine);
    m_layoutMs = double(timer.nsecsElapsed()) / 1e6;
    rebuildItems();
    place();
    onSessionSelection(m_session.selection());
}

void CanvasScene::onLayoutChanged() {
    // A move or a collapse: a collapse changes what dot lays out, a move does not.
    for (auto& [pointer, node] : m_nodes) {
        const bool collapsed = model::edits::isCollapsed(m_session.document(), pointer);
        if (node.state && !node.state->branches.empty() && collapsed != node.collapsed) {
            onContentChanged();
            return;
        }
    }
    place();
}

void CanvasScene::rebuildNodes() {
    m_nodes.clear();
    if (m_session.definitions().empty()) return;
    const model::Document& document = m_session.document();
    std::function<void(const model::StateMachine&, bool)> add =
        [&](const model::StateMachine& scope, bool hidden) {
            for (const model::State& state : scope.states()) {
                CanvasNode node;
                node.state = &state;
                node.scope = scope.pointer();
                node.subtitle = stateSubtitle(state);
                node.start = state.name == scope.startAt();
                node.collapsed =
                    !state.branches.empty() && model::edits::isCollapsed(document, state.pointer);
                node.container = !state.branches.empty() && !node.collapsed;
                if (!hidden) m_nodes.emplace(state.pointer, node);
                for (const model::StateMachine& branch : state.branches)
                    add(branch, hidden || node.collapsed);
            }
        };
    add(m_session.definitions().front().machine, false);
    for (const model::Diagnostic& diagnostic : m_session.diagnostics()) {
        // The innermost shown state holding the location carries the badge.
        std::string owner = diagnostic.location;
        while (!owner.empty() && !m_nodes.count(owner))
            owner.erase(owner.rfind('/'));
        if (auto it = m_nodes.find(owner); it != m_nodes.end())
            ++(diagnostic.isError() ? it->second.errors : it->second.warnings);
    }
}

void CanvasScene::rebuildItems() {
    m_syncingSelection = true;
    m_connectLine = nullptr;
    clear(); // items are owned by the scene
    m_items.clear();
    m_edges.clear();
    m_branchBoxes.clear();
    for (const auto& [pointer, node] : m_nodes) {
        auto* item = new StateItem(pointer);
        addItem(item);
        m_items.emplace(pointer, item);
    }
    for (const EdgeRoute& route : m_auto.edges) {
        const CanvasNode* from = node(route.from);
        if (!from || !node(route.to)) continue;
        QString label;
        for (const model::Transition& t : from->state->transitions)
            if (t.pointer == route.transition) label = edgeLabel(*from->state, t);
        auto* edge = new EdgeItem(route.transition, route.from, route.to, route.kind, label);
        addItem(edge);
        m_edges.push_back(edge);
    }
    m_syncingSelection = false;
}

struct CanvasScene::Placement {
    CanvasScene& scene;
    const model::Document& document;
    std::map<std::string, QPointF> origins; // each placed state's scope origin

    QRectF scope(const model::StateMachine& machine, QPointF origin, QPointF autoOrigin) {
        QRectF bounds;
        for (const model::State& state : machine.states()) {
            auto autoRect = scene.m_auto.states.find(state.pointer);
            if (autoRect == scene.m_auto.states.end()) continue;
            const auto stored = model::edits::storedPosition(document, state.pointer);
            const QPointF relative =
                stored ? QPointF(stored->x, stored->y) : autoRect->second.topLeft() - autoOrigin;
            QRectF rect(origin + relative, autoRect->second.size());
            const QPointF delta = rect.topLeft() - autoRect->second.topLeft();
            const CanvasNode* node = scene.node(state.pointer);
            if (node && node->container) {
                for (const model::StateMachine& branch : state.branches) {
                    auto box = scene.m_auto.containers.find(branch.pointer());
                    if (box == scene.m_auto.containers.end()) continue;
                    QRectF placed = box->second.translated(delta);
                    const QRectF inside =
                        scope(branch, box->second.topLeft() + delta, box->second.topLeft());
                    if (!inside.isNull())
                        placed = placed.united(inside.adjusted(-kBranchPadding, -kBranchPadding,
                                                               kBranchPadding, kBranchPadding));
                    scene.m_placedScopes[branch.pointer()] = placed;
                    auto* item = scene.addRect(
                        placed, QPen(QColor(0x9c, 0xa3, 0xaf), 1, Qt::DashLine), Qt::NoBrush);
                    item->setZValue(-1);
                    scene.m_branchBoxes.push_back(item);
                    rect = rect.united(
                        placed.adjusted(-kBranchPadding, 0, kBranchPadding, kBranchPadding));
                }
            }
            scene.m_placed[state.pointer] = rect;
            origins[state.pointer] = origin;
            bounds = bounds.united(rect);
        }
        return bounds;
    }
};

void CanvasScene::place() {
    for (QGraphicsItem* box : m_branchBoxes) {
        removeItem(box);
        delete box;
    }
    m_branchBoxes.clear();
    m_placed.clear();
    m_placedScopes.clear();
    if (m_session.definitions().empty()) return;
    Placement placement{*this, m_session.document(), {}};
    placement.scope(m_session.definitions().front().machine, QPointF(0, kStartGap), QPointF(0, 0));
    m_dragStart.clear();
    for (const auto& [pointer, origin] : placement.origins)
        m_dragStart[pointer] = m_placed[pointer].topLeft() - origin; // relative, for dragging
    int depth = 0;
    for (auto& [pointer, item] : m_items) {
        auto rect = m_placed.find(pointer);
        if (rect == m_placed.end()) continue;
        depth = int(std::count(pointer.begin(), pointer.end(), '/'));
        item->setGeometry(rect->second);
        item->setZValue(depth);
    }
    // Labels where dot put them while both ends sit as laid out and the spot is still free;
    // else (states dragged) the nearest free spot along the arrow. Dot's first, so that a nudged
    // label never takes a spot dot chose for another.
    std::vector<std::pair<EdgeItem*, std::optional<QPointF>>> labels;
    for (EdgeItem* edge : m_edges) {
        const QRectF from = m_placed[edge->from()];
        const QRectF to = m_placed[edge->to()];
        const QRectF autoFrom = m_auto.states[edge->from()];
        const QRectF autoTo = m_auto.states[edge->to()];
        const QPointF delta = from.topLeft() - autoFrom.topLeft();
        // Dot's own curve while both ends sit where dot put them (relative to each other).
        const bool asLaidOut = from.size() == autoFrom.size() && to.size() == autoTo.size() &&
                               to.topLeft() - autoTo.topLeft() == delta;
        QPainterPath path;
        std::optional<QPointF> dotLabel;
        for (const EdgeRoute& route : m_auto.edges)
            if (route.transition == edge->transition() && asLaidOut && !route.path.isEmpty()) {
                path = route.path.translated(delta);
                if (!route.label.isEmpty()) dotLabel = route.label.center() + delta;
            }
        if (path.isEmpty()) path = EdgeItem::route(from, to);
        edge->setRoute(path);
        edge->setZValue(std::count(edge->from().begin(), edge->from().end(), '/') + 0.5);
        if (!edge->label().isEmpty()) labels.emplace_back(edge, dotLabel);
    }
    std::stable_partition(labels.begin(), labels.end(),
                          [](const auto& l) { return l.second.has_value(); });
    std::vector<QRectF> taken;
    const double header = m_layoutEngine->options().headerHeight;
    for (auto& [edge, dotLabel] : labels) {
        std::vector<QRectF> obstacles = taken;
        for (const auto& [pointer, rect] : m_placed) {
            // A container holding the arrow is in the way only with its title strip.
            const bool holds = edge->from().size() > pointer.size() &&
                               edge->from().compare(0, pointer.size() + 1, pointer + "/") == 0;
            obstacles.push_back(holds ? QRectF(rect.topLeft(), QSizeF(rect.width(), header))
                                      : rect);
        }
        const QSizeF size = EdgeItem::labelSize(edge->label());
        const auto isFree = [&](const QPointF& c) {
            const QRectF r(c - QPointF(size.width() / 2, size.height() / 2), size);
            return std::none_of(obstacles.begin(), obstacles.end(),
                                [&](const QRectF& o) { return r.intersects(o); });
        };
        edge->placeLabel(dotLabel && isFree(*dotLabel)
                             ? *dotLabel
                             : EdgeItem::freeLabelCenter(edge->path(), size, obstacles));
        taken.push_back(edge->labelSceneRect());
    }
    setSceneRect(contentBounds().adjusted(-200, -200, 200, 200));
    update();
}

std::vector<std::string> CanvasScene::selectedStates() const {
    std::vector<std::string> out;
    for (const auto& [pointer, item] : m_items)
        if (item->isSelected()) out.push_back(pointer);
    // Outermost first; drop states inside another selected state.
    std::vector<std::string> outer;
    for (const std::string& p : out) {
        const bool inside = std::any_of(out.begin(), out.end(), [&](const std::string& q) {
            return q != p && p.rfind(q + "/", 0) == 0;
        });
        if (!inside) outer.push_back(p);
    }
    return outer;
}

void CanvasScene::deleteSelection() {
    const std::vector<std::string> selected = selectedStates();
    if (!selected.empty())
        m_session.edit(
            [&](const model::Document& d) { return model::edits::removeStates(d, selected); });
}

bool CanvasScene::copySelection() {
    const std::vector<std::string> selected = selectedStates();
    if (selected.empty()) return false;
    try {
        const model::Json clip = model::edits::copyStates(m_session.document(), selected);
        QApplication::clipboard()->setText(QString::fromStdString(clip.dump(2)));
        return true;
    } catch (const model::EditError& error) {
        emit m_session.editFailed(QString::fromUtf8(error.what()));
        return false;
    }
}

void CanvasScene::paste() {
    const std::string text = QApplication::clipboard()->text().toStdString();
    const model::Json clip = model::Json::parse(text, nullptr, false);
    if (!model::edits::isClip(clip)) {
        emit m_session.editFailed(tr("the clipboard holds no states copied from Flowcast"));
        return;
    }
    pasteClip(clip, QPointF(40, 40));
}

void CanvasScene::duplicateSelection() {
    const std::vector<std::string> selected = selectedStates();
    if (selected.empty()) return;
    try {
        pasteClip(model::edits::copyStates(m_session.document(), selected), QPointF(40, 40));
    } catch (const model::EditError& error) {
        emit m_session.editFailed(QString::fromUtf8(error.what()));
    }
}

void CanvasScene::pasteClip(const model::Json& clip, QPointF offset) {
    const std::vector<std::string> selected = selectedStates();
    const CanvasNode* anchor = selected.empty() ? nullptr : node(selected.front());
    const std::string scope = anchor ? anchor->scope : std::string();
    std::vector<std::string> pasted;
    if (m_session.edit([&](const model::Document& d) {
            return model::edits::pasteStates(d, scope, clip, {offset.x(), offset.y()}, &pasted);
        }))
        selectStates(pasted);
}

bool CanvasScene::makeSelectedStart() {
    const auto selected = selectedStates();
    if (selected.size() != 1) return false;
    const CanvasNode* n = node(selected.front());
    if (!n || n->start) return false;
    const std::string name = n->state->name;
    return m_session.edit([&](const model::Document& d) {
        return model::edits::setTarget(d, n->scope + "/StartAt", name);
    });
}

EdgeItem* CanvasScene::edgeAt(const QPointF& scenePos) const {
    for (QGraphicsItem* item :
         items(QRectF(scenePos - QPointF(5, 5), QSizeF(10, 10)), Qt::IntersectsItemShape)) {
        if (item->type() == EdgeItem::Type) return static_cast<EdgeItem*>(item);
    }
    return nullptr;
}

std::string CanvasScene::scopeAt(const QPointF& scenePos) const {
    std::string best;
    for (const auto& [pointer, rect] : m_placedScopes) // deeper scopes have longer pointers
        if (rect.contains(scenePos) && pointer.size() > best.size()) best = pointer;
    return best;
}

bool CanvasScene::addCatalogEntry(const std::string& id, std::optional<QPointF> scenePos) {
    const model::CatalogEntry* entry = model::StateCatalog::builtIn().find(id);
    if (!entry || !m_session.isEditable()) return false;
    std::string scope;
    std::string onTransition;
    std::string connectFrom; // a selected state that ends: it goes on to the new one
    if (scenePos) {
        if (const EdgeItem* edge = edgeAt(*scenePos); edge && node(edge->from())) {
            onTransition = edge->transition();
            scope = node(edge->from())->scope;
        } else {
            scope = scopeAt(*scenePos);
        }
    } else if (const auto selected = selectedStates(); selected.size() == 1) {
        const CanvasNode* anchor = node(selected.front());
        scope = anchor->scope;
        for (const model::Transition& t : anchor->state->transitions)
            if (t.kind == model::TransitionKind::Next) onTransition = t.pointer;
        if (onTransition.empty() && anchor->state->end) connectFrom = selected.front();
    }
    const model::Json& definition = m_session.document().definition();
    const auto language = definition.is_object() && definition.contains("QueryLanguage") &&
                                  definition["QueryLanguage"] == model::Json("JSONata")
                              ? model::QueryLanguage::Jsonata
                              : model::QueryLanguage::JsonPath;
    model::CatalogFragment fragment = entry->build(language);
    const std::set<std::string> taken = model::edits::allStateNames(definition);
    fragment.makeNamesUnique([&](const std::string& name) { return taken.count(name) > 0; });
    model::Json states = model::Json::object();
    for (const model::CatalogState& state : fragment.states)
        states[state.name] = state.state;
    std::vector<std::string> added;
    const bool ok = m_session.edit([&](const model::Document& d) {
        model::Edit edit =
            model::edits::insertStates(d, scope, states, fragment.entry, fragment.exits,
                                       onTransition, "Add " + entry->name, &added);
        if (!connectFrom.empty()) { // End → Next to the new entry, in the same step
            model::Document after(d.definition(), d.layout());
            after.apply(edit);
            const model::Edit link = model::edits::connect(after, connectFrom, fragment.entry);
            edit.ops.insert(edit.ops.end(), link.ops.begin(), link.ops.end());
        }
        return edit;
    });
    if (ok && !added.empty()) {
        const std::string entryPointer = model::edits::statePointer(scope, fragment.entry);
        selectStates({m_nodes.count(entryPointer) ? entryPointer : added.front()});
    }
    return ok;
}

void CanvasScene::selectStates(const std::vector<std::string>& pointers) {
    clearSelection();
    for (const std::string& pointer : pointers)
        if (StateItem* item = stateItem(pointer)) item->setSelected(true);
}

void CanvasScene::relayout() {
    model::Edit edit{"Re-layout", {}, {}};
    if (m_session.document().layout().contains("positions"))
        edit.ops.push_back(model::JsonOp::replace(model::DocumentPart::Layout, "/positions",
                                                  model::Json::object()));
    m_session.apply(edit);
}

void CanvasScene::toggleCollapsed(const std::string& pointer) {
    const CanvasNode* n = node(pointer);
    if (!n || !n->state || n->state->branches.empty()) return;
    const bool collapse = !n->collapsed;
    m_session.edit(
        [&](const model::Document& d) { return model::edits::setCollapsed(d, pointer, collapse); });
}

void CanvasScene::beginDrag(const QPointF& scenePos) {
    m_dragOrigin = scenePos;
    m_dragging = false;
}

void CanvasScene::dragTo(const QPointF& scenePos) {
    const QPointF delta = scenePos - m_dragOrigin;
    if (!m_dragging && delta.manhattanLength() < QApplication::startDragDistance()) return;
    const std::vector<std::string> selected = selectedStates();
    if (selected.empty() || !m_session.isEditable()) return;
    if (!m_dragging) { // remember where they were, relative to their scopes
        m_dragging = true;
        m_moving.clear();
        for (const std::string& pointer : selected)
            m_moving[pointer] = m_dragStart[pointer];
    }
    std::vector<std::pair<std::string, model::edits::CanvasPoint>> positions;
    for (const auto& [pointer, start] : m_moving)
        positions.push_back(
            {pointer, {std::round(start.x() + delta.x()), std::round(start.y() + delta.y())}});
    m_session.edit(
        [&](const model::Document& d) { return model::edits::moveStates(d, positions); });
}

void CanvasScene::endDrag() {
    m_session.document().closeMerge();
    m_dragging = false;
}

void CanvasScene::beginConnect(const std::string& from, const QPointF& scenePos) {
    m_connectFrom = from;
    delete m_connectLine;
    m_connectLine =
        addLine(QLineF(scenePos, scenePos), QPen(QColor(0x25, 0x63, 0xeb), 1.5, Qt::DashLine));
    m_connectLine->setZValue(1000);
}

void CanvasScene::connectTo(const QPointF& scenePos) {
    if (m_connectLine) m_connectLine->setLine(QLineF(m_connectLine->line().p1(), scenePos));
}

std::optional<std::pair<std::string, std::string>>
CanvasScene::endRubberLine(const QPointF& scenePos) {
    delete m_connectLine;
    m_connectLine = nullptr;
    const std::string from = std::exchange(m_connectFrom, {});
    const CanvasNode* source = node(from);
    if (!source) return std::nullopt;
    const std::string target = stateAt(scenePos, source->scope);
    if (target.empty()) return std::nullopt;
    return std::pair{from, node(target)->state->name};
}

void CanvasScene::endConnect(const QPointF& scenePos) {
    if (const auto ends = endRubberLine(scenePos))
        m_session.edit([&](const model::Document& d) {
            return model::edits::connect(d, ends->first, ends->second);
        });
}

void CanvasScene::endReconnect(const std::string& transition, const QPointF& scenePos) {
    if (const auto ends = endRubberLine(scenePos))
        m_session.edit([&](const model::Document& d) {
            return model::edits::setTarget(d, transition, ends->second);
        });
}

std::string CanvasScene::stateAt(const QPointF& scenePos, const std::string& scope) const {
    std::string best;
    for (const auto& [pointer, rect] : m_placed) {
        const CanvasNode* n = node(pointer);
        if (n && n->scope == scope && rect.contains(scenePos)) best = pointer;
    }
    return best;
}

void CanvasScene::onSessionSelection(const QString& pointer) {
    if (m_syncingSelection) return;
    const std::string owner = m_session.ownerOf(pointer).toStdString();
    StateItem* item = stateItem(owner);
    if (item && item->isSelected() && selectedItems().size() == 1) return;
    m_syncingSelection = true;
    clearSelection();
    if (item) {
        item->setSelected(true);
        for (QGraphicsView* view : views())
            view->ensureVisible(item, 40, 40);
    }
    m_syncingSelection = false;
}

void CanvasScene::onSceneSelection() {
    if (m_syncingSelection) return;
    const std::vector<std::string> selected = selectedStates();
    m_syncingSelection = true;
    m_session.select(selected.empty() ? QString() : QString::fromStdString(selected.front()));
    m_syncingSelection = false;
}

void CanvasScene::setHeat(HeatByState heat) {
    m_heat = std::move(heat);
    update();
}

const StateHeat* CanvasScene::heat(const std::string& stateName) const {
    const auto it = m_heat.find(stateName);
    return it == m_heat.end() ? nullptr : &it->second;
}

void CanvasScene::setActiveStates(std::set<std::string> names) {
    m_active = std::move(names);
    update();
}

namespace {

// Any state at any depth inside `state`, whether the containers between are collapsed or not.
bool activeInside(const model::State& state, const std::set<std::string>& active) {
    for (const model::StateMachine& branch : state.branches)
        for (const model::State& inner : branch.states())
            if (active.count(inner.name) || activeInside(inner, active)) return true;
    return false;
}

} // namespace

bool CanvasScene::isActive(const model::State& state) const {
    if (m_active.count(state.name)) return true;
    const CanvasNode* shown = node(state.pointer);
    if (shown && shown->container) return false; // drawn open: its inner states glow themselves
    return activeInside(state, m_active);        // drawn collapsed: they have no node of their own
}

} // namespace flowcast::ui
