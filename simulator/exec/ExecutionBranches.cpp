// Parallel and inline Map: branches and iterations run as child frames of the same execution,
// concurrently in virtual time, writing into the one history (as AWS does).
#include "simulator/exec/Execution.h"

#include "model/asl/eval/DataFlow.h"
#include "model/asl/eval/JsonPath.h"

namespace flowcast::sim {

using model::Json;

namespace {

bool isMap(const model::State& state) {
    return state.type == model::StateType::Map;
}

} // namespace

void Execution::enterParallel(Frame& f) {
    if (!emitEvent(f, "StateEntered", [&] { return Json{{"input", f.stateInput}}; })) return;
    if (auto error = prepareInput(f)) return stateError(f, *error);
    startParallel(f);
}

// Parallel: every branch gets the effective input; the result is the array of branch outputs,
// in branch order. A retry of the Parallel state runs every branch again.
void Execution::startParallel(Frame& f) {
    if (!emitEvent(f, "ParallelStateStarted", [&] { return Json(Json::object()); })) return;
    const auto& branches = f.state->branches;
    f.children.clear();
    f.results = Json::array();
    for (std::size_t i = 0; i < branches.size(); ++i)
        f.results.push_back(nullptr);
    f.running = branches.size();
    if (branches.empty()) return completeBranches(f);
    for (std::size_t i = 0; i < branches.size(); ++i)
        spawn(f, branches[i], i, effectiveInput(f));
}

void Execution::enterMap(Frame& f) {
    if (!emitEvent(f, "StateEntered", [&] { return Json{{"input", f.stateInput}}; })) return;
    if (auto error = prepareInput(f)) return stateError(f, *error);
    startMap(f);
}

// The items of a Map state: ItemsPath over the effective input (JSONPath), or Items (an array or
// an expression; without it, the state's input) in JSONata. Fails the scope unless an array.
std::optional<Json> Execution::mapItems(Frame& f) {
    const JsonataPlan* j = plan(f).jsonata.get();
    const std::string itemsPath =
        j ? std::string("Items") : raw(f).value("ItemsPath", std::string("$"));
    auto items = !j         ? model::eval::evaluatePath(itemsPath, scope(f, effectiveInput(f)))
                 : j->items ? evaluateJsonata(*j->items, jsonataBindings(f))
                            : model::eval::Result<Json>(Json(effectiveInput(f)));
    if (!items.ok()) {
        failScope(f, items.error().error, items.error().cause);
        return std::nullopt;
    }
    if (!items.value().is_array()) {
        failScope(f, "States.Runtime",
                  "Map state '" + f.state->name +
                      "': " + (j ? "Items" : "ItemsPath '" + itemsPath + "'") +
                      " must select an array, got " + items.value().dump());
        return std::nullopt;
    }
    return std::move(items.value());
}

// Map (inline): ItemsPath (default "$") over the effective input must be an array; each item,
// shaped by ItemSelector (or the legacy Parameters) with $$.Map.Item, runs the processor; at most
// MaxConcurrency iterations at once (0 or absent: no limit).
void Execution::startMap(Frame& f) {
    if (plan(f).distributed) return startDistributed(f);
    const JsonataPlan* j = plan(f).jsonata.get();
    std::optional<Json> items = mapItems(f);
    if (!items) return;
    const auto concurrency = raw(f).find("MaxConcurrency");
    f.maxConcurrency = concurrency != raw(f).end() && concurrency->is_number_unsigned()
                           ? concurrency->get<std::size_t>()
                           : 0;
    if (plan(f).maxConcurrencyPath) {
        double value = 0;
        if (!pathNumber(f, *plan(f).maxConcurrencyPath, "MaxConcurrencyPath", value)) return;
        f.maxConcurrency = static_cast<std::size_t>(value);
    }
    if (j && j->maxConcurrency) {
        std::optional<double> value;
        if (!jsonataNumber(f, j->maxConcurrency, "MaxConcurrency", value)) return;
        f.maxConcurrency = static_cast<std::size_t>(*value);
    }
    f.items = std::move(*items);
    if (!emitEvent(f, "MapStateStarted", [&] { return Json{{"length", f.items.size()}}; })) return;
    f.children.clear();
    f.results = Json::array();
    for (std::size_t i = 0; i < f.items.size(); ++i)
        f.results.push_back(nullptr);
    f.nextItem = 0;
    f.running = 0;
    if (f.items.empty()) return completeBranches(f);
    startItems(f);
}

bool Execution::startItems(Frame& f) {
    const auto& selector = plan(f).itemSelector;
    while (f.nextItem < f.items.size() && (f.maxConcurrency == 0 || f.running < f.maxConcurrency)) {
        const std::size_t i = f.nextItem++;
        const Json mapItem{{"Index", i}, {"Value", f.items[i]}};
        Json input = f.items[i];
        if (const auto* j = plan(f).jsonata.get(); j && j->itemSelector) {
            // $states.context.Map.Item.Index / Value
            Json bindings = jsonataBindings(f);
            bindings["states"]["context"]["Map"] = {{"Item", mapItem}};
            auto shaped = evaluateJsonata(*j->itemSelector, bindings);
            if (!shaped.ok()) {
                branchesFailed(f, shaped.error().error, shaped.error().cause);
                return false;
            }
            input = std::move(shaped.value());
        } else if (selector) {
            Json context = f.context;
            context["Map"] = {{"Item", mapItem}};
            auto shaped =
                selector->evaluate({effectiveInput(f), context, f.variables, &m_intrinsicRandom});
            if (!shaped.ok()) {
                branchesFailed(f, shaped.error().error, shaped.error().cause);
                return false;
            }
            input = std::move(shaped.value());
        }
        if (!emitIteration(f, "MapIterationStarted", [&] { return Json{{"index", i}}; }))
            return false;
        ++f.running;
        spawn(f, f.state->branches.front(), i, std::move(input)).mapItem = mapItem;
    }
    return true;
}

Execution::Frame& Execution::spawn(Frame& parent, const model::StateMachine& machine,
                                   std::size_t slot, Json input) {
    Frame& child = m_frames.emplace_back();
    child.index = m_frames.size() - 1;
    child.parent = static_cast<int>(parent.index);
    child.slot = slot;
    child.run = parent.run;
    if (parent.variables) child.variables = newVariableScope(parent.variables);
    parent.children.push_back(child.index);
    goTo(child, m_program.startOf(machine), std::move(input), false);
    return child;
}

void Execution::childSucceeded(Frame& child, Json&& output) {
    if (isRunRoot(child))
        return runEnded(m_runs[static_cast<std::size_t>(child.run)], RunEnd::Succeeded,
                        std::move(output), {}, {});
    child.done = true;
    releaseData(child);
    Frame& p = m_frames[static_cast<std::size_t>(child.parent)];
    p.results[child.slot] = std::move(output);
    --p.running;
    if (isMap(*p.state)) {
        if (!emitIteration(p, "MapIterationSucceeded", [&] { return Json{{"index", child.slot}}; }))
            return;
        if (!startItems(p)) return;
    }
    if (p.running == 0 && (!isMap(*p.state) || p.nextItem >= p.items.size())) completeBranches(p);
}

void Execution::completeBranches(Frame& f) {
    if (!emitEvent(f, isMap(*f.state) ? "MapStateSucceeded" : "ParallelStateSucceeded",
                   [&] { return Json(Json::object()); }))
        return;
    // A retry after a failure here starts the branches again, refilling the results.
    auto out = resultOutput(f, std::move(f.results));
    if (!out.ok()) return stateError(f, out.error());
    leaveState(f, std::move(out.value()));
}

// AWS: "If any branch fails ... the entire Parallel state is considered to have failed and all its
// branches are stopped"; the Parallel / Map state then fails with the branch's error.
void Execution::childFailed(Frame& child, const std::string& error, const std::string& cause) {
    child.done = true;
    Frame& p = m_frames[static_cast<std::size_t>(child.parent)];
    if (isMap(*p.state) && !emitIteration(p, "MapIterationFailed", [&] {
            return Json{{"index", child.slot}, {"error", error}, {"cause", cause}};
        }))
        return;
    branchesFailed(p, error, cause);
    releaseData(child);
}

void Execution::branchesFailed(Frame& f, const std::string& error, const std::string& cause) {
    abortChildren(f);
    f.running = 0;
    const char* type = isMap(*f.state) ? "MapStateFailed" : "ParallelStateFailed";
    if (!emitEvent(f, type, [&] { return Json{{"error", error}, {"cause", cause}}; })) return;
    stateError(f, {error, cause});
}

void Execution::abortChildren(Frame& f) {
    for (const std::size_t index : f.children) {
        Frame& child = m_frames[index];
        if (child.done) continue;
        if (isRunRoot(child)) {
            // A child execution stopped by its Map Run: billed for what it ran.
            runEnded(m_runs[static_cast<std::size_t>(child.run)], RunEnd::Stopped, {}, "", "");
            continue;
        }
        stopFrame(child);
    }
}

void Execution::stopFrame(Frame& f) {
    reportState(f, StateResult::Aborted, {});
    f.done = true;
    m_kernel.cancel(f.pending);
    m_kernel.cancel(f.taskTimeout);
    abortChildren(f);
    releaseData(f);
}

// A finished frame is never read again: its payloads go now, not with the execution (a
// distributed Map may run thousands of children in one execution).
void Execution::releaseData(Frame& f) {
    f.stateInput = Json();
    f.effectiveInput = Json();
    f.effective = nullptr;
    f.context = Json();
    f.contextState = nullptr;
    f.mapItem = Json();
    f.items = Json();
    f.results = Json();
    f.outcome.result = Json();
}

} // namespace flowcast::sim
