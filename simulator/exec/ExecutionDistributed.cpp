// Map in Distributed mode. AWS: "In Distributed mode, the Map state processes the items in the
// dataset in iterations called child workflow executions ... Each child workflow execution has its
// own, separate execution history from that of the parent workflow."
//
// Here each child is a frame of this Execution with a ChildRun of its own: its events are counted
// against its own 25,000-event quota (Standard) or five minutes (Express), never kept in the
// parent's history; its failure fails the child, and the Map Run fails with
// States.ExceedToleratedFailureThreshold only when the failed items exceed the tolerated count or
// percentage ("The default percentage value is zero, which means that the workflow fails if any
// one of its child workflow executions fails or times out"). Standard children's transitions are
// billed with the parent's; Express children are counted apart (requests and duration).
//
// Items come from ItemsPath, or from the ItemReader, fetched through the task backend (a
// simulation answers it from the scenario's "itemReader", a local file or a count) and parsed by
// ReaderConfig; ItemSelector shapes each item, then ItemBatcher groups them.
//
// A JSONata Map Run is the same run: only where a field's value comes from differs (Items for
// ItemsPath, "{% %}" values for the ...Path fields, Arguments for Parameters), read from the
// state's JsonataPlan.
#include "simulator/exec/Execution.h"

#include "model/asl/eval/DistributedItems.h"
#include "model/asl/eval/JsonPath.h"

#include <algorithm>
#include <cmath>

namespace flowcast::sim {

using model::Json;
using model::eval::EvalError;

namespace {

/// AWS: "If you don't specify, Step Functions runs 10,000 parallel child workflow executions".
constexpr std::size_t kDefaultChildConcurrency = 10'000;
constexpr double kExpressLimitSeconds = 300;
const char* const kAccount = "arn:aws:states:us-east-1:123456789012:";

} // namespace

bool Execution::pathNumber(Frame& f, const model::eval::CompiledPath& path, const char* field,
                           double& out) {
    auto found = model::eval::evaluatePath(path, scope(f, effectiveInput(f)));
    if (!found.ok()) {
        failScope(f, found.error().error, found.error().cause);
        return false;
    }
    if (!found.value().is_number() || found.value().get<double>() < 0) {
        failScope(f, "States.Runtime",
                  std::string(field) + " of state '" + f.state->name +
                      "' must name a non-negative number, got " + found.value().dump());
        return false;
    }
    out = found.value().get<double>();
    return true;
}

void Execution::startDistributed(Frame& f) {
    if (plan(f).distributed->readsItems) return readItems(f);
    std::optional<Json> items = mapItems(f);
    if (!items) return;
    startMapRun(f, std::move(*items));
}

// The ItemReader is one call of the backend: Resource and Parameters as written (".$" fields
// over the effective input), answered with the object's text or a listing.
void Execution::readItems(Frame& f) {
    const DistributedPlan& d = *plan(f).distributed;
    const JsonataPlan* j = plan(f).jsonata.get();
    Json parameters = Json::object();
    if (j && j->readerArguments) {
        auto evaluated = evaluateJsonata(*j->readerArguments, jsonataBindings(f));
        if (!evaluated.ok()) return stateError(f, evaluated.error());
        parameters = std::move(evaluated.value());
    } else if (!j && d.readerParameters) {
        auto evaluated = d.readerParameters->evaluate(
            {effectiveInput(f), f.context, f.variables, &m_intrinsicRandom});
        if (!evaluated.ok()) return stateError(f, evaluated.error());
        parameters = std::move(evaluated.value());
    }
    const int invocation = m_invocations[f.stateIndex]++;
    f.attempt = ++m_attempts;
    const TaskCall call{
        f.state->name,
        f.stateIndex,
        d.readerResource,
        parameters,
        invocation,
        TaskTicket{m_options.serial, static_cast<std::uint32_t>(f.index), f.attempt},
        m_options.listener ? *m_options.listener : *this};
    if (auto outcome = m_backend.start(call)) {
        f.outcome = std::move(*outcome);
        schedule(f.outcome.duration, f, kTaskDone, f.pending);
    }
}

void Execution::itemsRead(Frame& f) {
    f.attempt = 0;
    const DistributedPlan& d = *plan(f).distributed;
    const TaskOutcome& o = f.outcome;
    const std::string where = "Map state '" + f.state->name + "': ";
    if (o.failed)
        return stateError(f, {"States.ItemReaderFailed",
                              where + "the ItemReader failed: " + o.error + ": " + o.cause});
    // JSONata: ReaderConfig may hold "{% %}" values (MaxItems).
    const JsonataPlan* j = plan(f).jsonata.get();
    auto readerConfig = j && j->readerConfig ? evaluateJsonata(*j->readerConfig, jsonataBindings(f))
                                             : model::eval::Result<Json>(d.readerConfig);
    if (!readerConfig.ok()) return stateError(f, readerConfig.error());
    auto config = model::eval::ReaderConfig::from(readerConfig.value());
    if (!config.ok()) return failScope(f, config.error().error, where + config.error().cause);
    if (d.maxItemsPath) {
        double maxItems = 0;
        if (!pathNumber(f, *d.maxItemsPath, "MaxItemsPath", maxItems)) return;
        config.value().maxItems = static_cast<std::size_t>(maxItems);
    }
    const bool gotObject = o.result.is_object();
    auto items = model::eval::readItems(std::move(f.outcome.result), config.value());
    if (!items.ok()) {
        EvalError error = items.error();
        error.cause = where + error.cause;
        if (gotObject)
            error.cause += " (in a scenario, give the items: states." + f.state->name +
                           ".itemReader with a local \"file\" or a count of \"items\")";
        if (error.error == "Flowcast.NotSupported") return failFrame(f, error.error, error.cause);
        return stateError(f, error);
    }
    startMapRun(f, std::move(items.value()));
}

void Execution::startMapRun(Frame& f, Json&& items) {
    const DistributedPlan& d = *plan(f).distributed;
    const auto inputScope = [&] {
        return model::eval::Scope{effectiveInput(f), f.context, f.variables, &m_intrinsicRandom};
    };
    const JsonataPlan* j = plan(f).jsonata.get();
    // ItemSelector shapes each item (with $$.Map.Item, in JSONata $states.context.Map.Item)
    // before the ItemBatcher groups them.
    if (j && j->itemSelector) {
        Json bindings = jsonataBindings(f);
        for (std::size_t i = 0; i < items.size(); ++i) {
            bindings["states"]["context"]["Map"] = {
                {"Item", {{"Index", i}, {"Value", std::move(items[i])}}}};
            auto shaped = evaluateJsonata(*j->itemSelector, bindings);
            if (!shaped.ok()) return stateError(f, shaped.error());
            items[i] = std::move(shaped.value());
        }
    } else if (const auto& selector = plan(f).itemSelector; selector && !j) {
        for (std::size_t i = 0; i < items.size(); ++i) {
            Json context = f.context;
            context["Map"] = {{"Item", {{"Index", i}, {"Value", items[i]}}}};
            auto shaped =
                selector->evaluate({effectiveInput(f), context, f.variables, &m_intrinsicRandom});
            if (!shaped.ok()) return stateError(f, shaped.error());
            items[i] = std::move(shaped.value());
        }
    }
    // A number given as "...Path" (JSONPath) or as a "{% %}" value (JSONata); `out` keeps the
    // literal when neither is there. False when it failed the state.
    const auto number = [&](const std::optional<model::eval::CompiledPath>& path,
                            const char* pathName, const JsonataPlan::Field JsonataPlan::*field,
                            const char* name, std::optional<double>& out) {
        if (j) return jsonataNumber(f, j->*field, name, out);
        double value = 0;
        if (!path) return true;
        if (!pathNumber(f, *path, pathName, value)) return false;
        out = value;
        return true;
    };
    f.mapRun = static_cast<int>(m_mapRuns.size());
    MapRun& m = m_mapRuns.emplace_back();
    m.totalItems = items.size();
    m.toleratedCount = d.toleratedCount;
    m.toleratedPercentage = d.toleratedPercentage;
    if (!number(d.toleratedCountPath, "ToleratedFailureCountPath", &JsonataPlan::toleratedCount,
                "ToleratedFailureCount", m.toleratedCount) ||
        !number(d.toleratedPercentagePath, "ToleratedFailurePercentagePath",
                &JsonataPlan::toleratedPercentage, "ToleratedFailurePercentage",
                m.toleratedPercentage))
        return;
    const auto concurrency = raw(f).find("MaxConcurrency");
    f.maxConcurrency = concurrency != raw(f).end() && concurrency->is_number_unsigned()
                           ? concurrency->get<std::size_t>()
                           : 0;
    std::optional<double> limit = static_cast<double>(f.maxConcurrency);
    if (!number(plan(f).maxConcurrencyPath, "MaxConcurrencyPath", &JsonataPlan::maxConcurrency,
                "MaxConcurrency", limit))
        return;
    f.maxConcurrency = static_cast<std::size_t>(*limit);
    if (f.maxConcurrency == 0) f.maxConcurrency = kDefaultChildConcurrency;
    if (d.batched) {
        std::optional<double> maxItems = static_cast<double>(d.maxItemsPerBatch);
        std::optional<double> maxBytes = static_cast<double>(d.maxBytesPerBatch);
        if (!number(d.maxItemsPerBatchPath, "MaxItemsPerBatchPath", &JsonataPlan::maxItemsPerBatch,
                    "MaxItemsPerBatch", maxItems) ||
            !number(d.maxBytesPerBatchPath, "MaxInputBytesPerBatchPath",
                    &JsonataPlan::maxBytesPerBatch, "MaxInputBytesPerBatch", maxBytes))
            return;
        std::optional<Json> batchInput;
        if (j && j->batchInput) {
            auto evaluated = evaluateJsonata(*j->batchInput, jsonataBindings(f));
            if (!evaluated.ok()) return stateError(f, evaluated.error());
            batchInput = std::move(evaluated.value());
        } else if (!j && d.batchInput) {
            auto evaluated = d.batchInput->evaluate(inputScope());
            if (!evaluated.ok()) return stateError(f, evaluated.error());
            batchInput = std::move(evaluated.value());
        }
        auto batches = model::eval::batchItems(
            std::move(items), static_cast<std::size_t>(*maxItems),
            static_cast<std::size_t>(*maxBytes), batchInput ? &*batchInput : nullptr);
        if (!batches.ok()) return failScope(f, batches.error().error, batches.error().cause);
        items = std::move(batches.value());
        for (const Json& batch : items)
            m.childItems.push_back(batch["Items"].size());
    }
    const std::string runId = m_options.name + "-" + std::to_string(f.mapRun);
    m.arn = kAccount + std::string("mapRun:") + m_options.stateMachineName + "/" + d.label + ":" +
            runId;
    if (d.writesResults) {
        auto parameters = j ? evaluateJsonata(*j->writerArguments, jsonataBindings(f))
                            : d.writerParameters->evaluate(inputScope());
        if (!parameters.ok()) return stateError(f, parameters.error());
        const Json& p = parameters.value();
        const std::string prefix = p.value("Prefix", std::string());
        m.writerDetails = {
            {"Bucket", p.value("Bucket", std::string())},
            {"Key", (prefix.empty() ? "" : prefix + "/") + runId + "/manifest.json"}};
    }
    f.items = std::move(items);
    f.results = Json::array();
    if (!d.writesResults)
        for (std::size_t i = 0; i < f.items.size(); ++i)
            f.results.push_back(nullptr);
    f.children.clear();
    f.nextItem = 0;
    f.running = 0;
    if (!emitEvent(f, "MapRunStarted", [&] { return Json{{"mapRunArn", m.arn}}; })) return;
    if (f.items.empty()) return completeMapRun(f);
    startRuns(f);
}

bool Execution::startRuns(Frame& f) {
    const DistributedPlan& d = *plan(f).distributed;
    const MapRun& m = m_mapRuns[static_cast<std::size_t>(f.mapRun)];
    while (f.nextItem < f.items.size() && f.running < f.maxConcurrency) {
        const std::size_t i = f.nextItem++;
        const int runIndex = static_cast<int>(m_runs.size());
        ChildRun& run = m_runs.emplace_back();
        run.express = d.express;
        run.started = m_kernel.now();
        run.items = m.childItems.empty() ? 1 : m.childItems[i];
        run.name = m_options.name + "-" + std::to_string(f.mapRun) + "-" + std::to_string(i);
        run.events = 1; // its ExecutionStarted
        // AWS: "you're charged one state transition for each child workflow execution that the
        // Distributed Map state starts" (Standard and Express children alike).
        ++m_transitions;
        Json input = std::move(f.items[i]);
        run.input = input;
        Frame& child = m_frames.emplace_back();
        child.index = m_frames.size() - 1;
        child.parent = static_cast<int>(f.index);
        child.slot = i;
        child.run = runIndex;
        // AWS: a Distributed Map's child workflows cannot read the variables around the Map.
        if (f.variables) child.variables = newVariableScope(nullptr);
        run.root = child.index;
        f.children.push_back(child.index);
        ++f.running;
        if (run.express)
            schedule(SimTime::fromSeconds(kExpressLimitSeconds), child, kRunTimeout, run.timeout);
        goTo(child, m_program.startOf(f.state->branches.front()), std::move(input), false);
    }
    return true;
}

void Execution::runEnded(ChildRun& run, RunEnd how, Json&& output, const std::string& error,
                         const std::string& cause) {
    if (run.ended) return;
    run.ended = true;
    m_kernel.cancel(run.timeout);
    ++run.events; // its ExecutionSucceeded, ExecutionFailed or ExecutionAborted
    if (run.express) {
        // Express: billed per execution, its own duration rounded up.
        ++m_expressChildren;
        m_expressChildSeconds += expressBilledSeconds(m_kernel.now() - run.started);
    }
    run.input = Json(); // read only by the child's own states
    Frame& root = m_frames[run.root];
    stopFrame(root);
    if (how == RunEnd::Stopped || !running()) return;
    Frame& p = m_frames[static_cast<std::size_t>(root.parent)];
    MapRun& m = m_mapRuns[static_cast<std::size_t>(p.mapRun)];
    const bool keepResults = !plan(p).distributed->writesResults;
    --p.running;
    if (how == RunEnd::Succeeded) {
        if (keepResults) p.results[root.slot] = std::move(output);
    } else {
        m.failedItems += run.items;
        if (keepResults) p.results[root.slot] = Json{{"Error", error}, {"Cause", cause}};
        const double failed = static_cast<double>(m.failedItems);
        const bool exceeded =
            (!m.toleratedCount && !m.toleratedPercentage)
                ? failed > 0
                : (m.toleratedCount && failed > *m.toleratedCount) ||
                      (m.toleratedPercentage &&
                       failed * 100 / static_cast<double>(m.totalItems) > *m.toleratedPercentage);
        if (exceeded) {
            const std::string why = "The Map Run of state '" + p.state->name +
                                    "' failed: " + std::to_string(m.failedItems) + " of " +
                                    std::to_string(m.totalItems) +
                                    " items failed, over its tolerated threshold (last: " + error +
                                    ": " + cause + ")";
            if (!emitEvent(p, "MapRunFailed", [&] {
                    return Json{{"error", "States.ExceedToleratedFailureThreshold"},
                                {"cause", why}};
                }))
                return;
            return branchesFailed(p, "States.ExceedToleratedFailureThreshold", why);
        }
    }
    if (!startRuns(p)) return;
    if (p.running == 0 && p.nextItem >= p.items.size()) completeMapRun(p);
}

// COMPACT (the default without a ResultWriter): the children's outputs in item order, a failed
// child's as {"Error", "Cause"}; FLATTEN splices arrays; to S3: where the results went.
void Execution::completeMapRun(Frame& f) {
    const DistributedPlan& d = *plan(f).distributed;
    const MapRun& m = m_mapRuns[static_cast<std::size_t>(f.mapRun)];
    if (!emitEvent(f, "MapRunSucceeded", [&] { return Json{{"mapRunArn", m.arn}}; })) return;
    if (d.writesResults) {
        f.results = Json{{"MapRunArn", m.arn}, {"ResultWriterDetails", m.writerDetails}};
    } else if (d.flatten) {
        Json flat = Json::array();
        for (Json& result : f.results) {
            if (!result.is_array()) {
                flat.push_back(std::move(result));
                continue;
            }
            for (Json& element : result)
                flat.push_back(std::move(element));
        }
        f.results = std::move(flat);
    }
    completeBranches(f);
}

bool Execution::countRunEvent(Frame& f, std::string_view type) {
    ChildRun& run = m_runs[static_cast<std::size_t>(f.run)];
    if (run.ended || !running()) return false;
    // AWS's 25,000-event quota holds per Standard child execution, its last event the failure
    // (the same rule as the parent's: the event that would be number 25,000 is the failure).
    if (!run.express && run.events + 1 >= m_options.maxHistoryEvents) {
        runEnded(run, RunEnd::Failed, {}, "States.Runtime",
                 "The child execution reached the maximum number of history events (" +
                     std::to_string(m_options.maxHistoryEvents) + ").");
        return false;
    }
    ++run.events;
    if (type == "StateEntered") addTransition(f);
    return true;
}

} // namespace flowcast::sim
