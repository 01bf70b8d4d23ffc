#include "simulator/exec/Program.h"

#include <cctype>

#include <algorithm>

namespace flowcast::sim {

using model::Json;
using model::eval::CompiledPath;

namespace {

// Does some "$$" in the text need $$.Execution.Input? Only "$$.State...", "$$.StateMachine...",
// "$$.Map...", "$$.Task..." and "$$.Execution.<not Input>" are known not to; anything else
// ("$$", "$$.Execution", "$$['Execution']", "$$.Execution.Input") is taken to need it.
bool textNeedsInput(const std::string& text) {
    for (std::size_t at = text.find("$$"); at != std::string::npos; at = text.find("$$", at + 2)) {
        const std::string_view rest = std::string_view(text).substr(at + 2);
        const auto token = [&](std::string_view prefix) {
            if (!rest.starts_with(prefix)) return false;
            const std::size_t end = prefix.size();
            return end == rest.size() ||
                   !(std::isalnum(static_cast<unsigned char>(rest[end])) || rest[end] == '_');
        };
        if (token(".StateMachine") || token(".State") || token(".Map") || token(".Task")) continue;
        if (rest.starts_with(".Execution.") && !token(".Execution.Input")) continue;
        return true;
    }
    // JSONata: $states.context may reach Execution.Input in ways a scan cannot tell.
    return text.find("$states.context") != std::string::npos;
}

bool textMentionsContext(const std::string& text) {
    return text.find("$$") != std::string::npos ||
           text.find("$states.context") != std::string::npos;
}

// True when `test` holds for some string in the state's own fields (nested branches excluded:
// their states are scanned on their own). Intrinsic arguments and reference paths both spell the
// context object "$$", so a textual scan finds every use; a false positive only costs time.
bool anyString(const Json& value, bool (*test)(const std::string&), bool top = true) {
    if (value.is_string()) return test(value.get_ref<const std::string&>());
    if (value.is_array()) {
        for (const Json& item : value)
            if (anyString(item, test, false)) return true;
        return false;
    }
    if (!value.is_object()) return false;
    for (auto it = value.begin(); it != value.end(); ++it) {
        if (top &&
            (it.key() == "Branches" || it.key() == "ItemProcessor" || it.key() == "Iterator"))
            continue;
        if (anyString(it.value(), test, false)) return true;
    }
    return false;
}

std::string stringField(const Json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<CompiledPath> pathField(const Json& object, const std::string& key) {
    auto it = object.find(key);
    if (it == object.end() || !it->is_string()) return std::nullopt;
    return CompiledPath(it->get_ref<const std::string&>());
}

// An "Assign" object, prepared; anything else (the validator reports it) assigns nothing.
std::optional<model::eval::PayloadTemplate> assignOf(const Json& object) {
    auto it = object.find("Assign");
    if (it == object.end() || !it->is_object()) return std::nullopt;
    return model::eval::PayloadTemplate(*it);
}

const Json& emptyArray() {
    static const Json kEmpty = Json::array();
    return kEmpty;
}

std::optional<double> numberField(const Json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end() || !it->is_number()) return std::nullopt;
    return it->get<double>();
}

const Json& objectField(const Json& object, const char* key) {
    static const Json kNone;
    auto it = object.find(key);
    return it != object.end() && it->is_object() ? *it : kNone;
}

std::shared_ptr<const JsonataPlan> jsonataPlanOf(const model::State& state, const Json& raw) {
    auto j = std::make_shared<JsonataPlan>();
    const auto field = [&](const Json& object, const char* key, const std::string& where) {
        JsonataPlan::Field f;
        if (auto it = object.find(key); it != object.end()) f.emplace(*it, where);
        return f;
    };
    j->arguments = field(raw, "Arguments", "Arguments");
    j->output = field(raw, "Output", "Output");
    j->assign = field(raw, "Assign", "Assign");
    j->items = field(raw, "Items", "Items");
    j->itemSelector = field(raw, "ItemSelector", "ItemSelector");
    j->maxConcurrency = field(raw, "MaxConcurrency", "MaxConcurrency");
    j->toleratedCount = field(raw, "ToleratedFailureCount", "ToleratedFailureCount");
    j->toleratedPercentage = field(raw, "ToleratedFailurePercentage", "ToleratedFailurePercentage");
    const Json& reader = objectField(raw, "ItemReader");
    j->readerArguments = field(reader, "Arguments", "ItemReader.Arguments");
    j->readerConfig = field(reader, "ReaderConfig", "ItemReader.ReaderConfig");
    j->writerArguments =
        field(objectField(raw, "ResultWriter"), "Arguments", "ResultWriter.Arguments");
    const Json& batcher = objectField(raw, "ItemBatcher");
    j->maxItemsPerBatch = field(batcher, "MaxItemsPerBatch", "ItemBatcher.MaxItemsPerBatch");
    j->maxBytesPerBatch =
        field(batcher, "MaxInputBytesPerBatch", "ItemBatcher.MaxInputBytesPerBatch");
    j->batchInput = field(batcher, "BatchInput", "ItemBatcher.BatchInput");
    j->timeoutSeconds = field(raw, "TimeoutSeconds", "TimeoutSeconds");
    j->heartbeatSeconds = field(raw, "HeartbeatSeconds", "HeartbeatSeconds");
    j->seconds = field(raw, "Seconds", "Seconds");
    j->timestamp = field(raw, "Timestamp", "Timestamp");
    j->error = field(raw, "Error", "Error");
    j->cause = field(raw, "Cause", "Cause");
    const auto rulesOf = [&](const char* key, std::vector<JsonataPlan::Rule>& out) {
        auto list = raw.find(key);
        if (list == raw.end() || !list->is_array()) return;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const Json& rule = (*list)[i];
            const std::string where = std::string(key) + "[" + std::to_string(i) + "].";
            JsonataPlan::Rule r;
            if (rule.is_object()) {
                r.condition = field(rule, "Condition", where + "Condition");
                r.output = field(rule, "Output", where + "Output");
                r.assign = field(rule, "Assign", where + "Assign");
            }
            out.push_back(std::move(r));
        }
    };
    rulesOf("Choices", j->rules);
    rulesOf("Catch", j->catchers);
    (void)state;
    return j;
}

std::shared_ptr<const DistributedPlan> distributedPlanOf(const model::State& state,
                                                         const Json& raw) {
    auto d = std::make_shared<DistributedPlan>();
    const Json& processor = objectField(raw, "ItemProcessor");
    d->express =
        stringField(objectField(processor, "ProcessorConfig"), "ExecutionType") == "EXPRESS";
    d->label = stringField(raw, "Label");
    if (d->label.empty()) d->label = state.name;
    if (const Json& reader = objectField(raw, "ItemReader"); reader.is_object()) {
        d->readsItems = true;
        d->readerResource = stringField(reader, "Resource");
        if (const Json& parameters = objectField(reader, "Parameters"); parameters.is_object())
            d->readerParameters.emplace(parameters);
        d->readerConfig = objectField(reader, "ReaderConfig");
        if (d->readerConfig.is_object())
            d->maxItemsPath = pathField(d->readerConfig, "MaxItemsPath");
    }
    if (const Json& batcher = objectField(raw, "ItemBatcher"); batcher.is_object()) {
        d->batched = true;
        d->maxItemsPerBatch =
            static_cast<std::size_t>(numberField(batcher, "MaxItemsPerBatch").value_or(0));
        d->maxItemsPerBatchPath = pathField(batcher, "MaxItemsPerBatchPath");
        d->maxBytesPerBatch =
            static_cast<std::size_t>(numberField(batcher, "MaxInputBytesPerBatch").value_or(0));
        d->maxBytesPerBatchPath = pathField(batcher, "MaxInputBytesPerBatchPath");
        if (auto it = batcher.find("BatchInput"); it != batcher.end()) d->batchInput.emplace(*it);
    }
    d->toleratedPercentage = numberField(raw, "ToleratedFailurePercentage");
    d->toleratedPercentagePath = pathField(raw, "ToleratedFailurePercentagePath");
    d->toleratedCount = numberField(raw, "ToleratedFailureCount");
    d->toleratedCountPath = pathField(raw, "ToleratedFailureCountPath");
    if (const Json& writer = objectField(raw, "ResultWriter"); writer.is_object()) {
        // JSONata: Arguments in place of Parameters, evaluated from the state's JsonataPlan.
        const bool jsonata = state.queryLanguage == model::QueryLanguage::Jsonata;
        const Json& parameters = objectField(writer, jsonata ? "Arguments" : "Parameters");
        d->writesResults = parameters.is_object();
        if (d->writesResults && !jsonata) d->writerParameters.emplace(parameters);
        d->flatten =
            stringField(objectField(writer, "WriterConfig"), "Transformation") == "FLATTEN";
    }
    return d;
}

} // namespace

StatePlan::StatePlan(const Json& state) : dataFlow(state) {}

Program::Program(const Json& definition)
    : m_definition(definition), m_machine(model::StateMachine::fromJson(definition)) {
    add(m_machine);
    prepare(m_machine); // after add(): transitions need every state's index
    if (auto it = definition.find("TimeoutSeconds"); it != definition.end() && it->is_number())
        m_timeoutSeconds = it->get<double>();
}

void Program::add(const model::StateMachine& machine) {
    for (const model::State& state : machine.states()) {
        m_index.emplace(&state, static_cast<std::uint32_t>(m_states.size()));
        m_states.push_back(&state);
        m_names.push_back(state.name);
        // A Map state builds $$.Map.Item for its items whether or not the selector reads it.
        m_usesContext.push_back(state.type == model::StateType::Map ||
                                (state.raw && anyString(*state.raw, textMentionsContext)));
        m_needsExecutionInput.push_back(state.raw && anyString(*state.raw, textNeedsInput));
        for (const model::StateMachine& branch : state.branches)
            add(branch);
    }
}

// In the order of add(), so that plans and states share their indexes.
void Program::prepare(const model::StateMachine& machine) {
    m_starts.emplace(&machine, target(machine, machine.startAt()));
    for (const model::State& state : machine.states()) {
        m_plans.push_back(planOf(machine, state));
        for (const model::StateMachine& branch : state.branches)
            prepare(branch);
    }
}

// Transitions stay inside their scope: a branch cannot go to a state of the machine around it.
Target Program::target(const model::StateMachine& scope, std::string name) const {
    const model::State* state = scope.find(name);
    if (!state || !state->raw) return {Target::kNone, std::move(name)};
    return {m_index.at(state), std::move(name)};
}

StatePlan Program::planOf(const model::StateMachine& scope, const model::State& state) {
    static const Json kNoState;
    const Json& raw = state.raw ? *state.raw : kNoState;
    StatePlan p(raw);
    const bool jsonata = state.queryLanguage == model::QueryLanguage::Jsonata;
    if (jsonata) {
        p.jsonata = jsonataPlanOf(state, raw);
        bool assigns = p.jsonata->assign.has_value();
        for (const auto* rules : {&p.jsonata->rules, &p.jsonata->catchers})
            for (const JsonataPlan::Rule& r : *rules)
                assigns = assigns || r.assign.has_value();
        m_usesVariables = m_usesVariables || assigns;
    }
    p.next = target(scope, stringField(raw, "Next"));
    if (auto end = raw.find("End"); end != raw.end()) {
        p.endMalformed = !end->is_boolean();
        p.end = end->is_boolean() && end->get<bool>();
    }
    if (auto catchers = raw.find("Catch"); catchers != raw.end() && catchers->is_array()) {
        for (const Json& catcher : *catchers) {
            StatePlan::Catcher c;
            if (auto names = catcher.find("ErrorEquals");
                names != catcher.end() && names->is_array()) {
                c.errorEquals = &*names;
                c.errorsAreStrings = std::all_of(names->begin(), names->end(),
                                                 [](const Json& n) { return n.is_string(); });
                if (c.errorsAreStrings) c.errors = names->get<std::vector<std::string>>();
            }
            // Catch: the error output goes to ResultPath, "$" when absent; null keeps the input.
            const auto resultPath = catcher.find("ResultPath");
            c.placesError = resultPath == catcher.end() || resultPath->is_string();
            if (c.placesError)
                c.resultPath =
                    CompiledPath(resultPath == catcher.end() ? std::string("$")
                                                             : resultPath->get<std::string>());
            c.next = target(scope, stringField(catcher, "Next"));
            if (!jsonata) c.assign = assignOf(catcher);
            m_usesVariables = m_usesVariables || c.assign.has_value();
            p.catchers.push_back(std::move(c));
        }
    }
    if (!jsonata) p.assign = assignOf(raw);
    m_usesVariables = m_usesVariables || p.assign.has_value();
    switch (state.type) {
    case model::StateType::Choice: {
        const auto choices = raw.find("Choices");
        if (!jsonata) p.choices.emplace(choices != raw.end() ? *choices : emptyArray());
        if (choices != raw.end() && choices->is_array())
            for (const Json& rule : *choices) {
                p.choiceNext.push_back(target(scope, stringField(rule, "Next")));
                p.choiceAssign.push_back(rule.is_object() && !jsonata ? assignOf(rule)
                                                                      : std::nullopt);
                m_usesVariables = m_usesVariables || p.choiceAssign.back().has_value();
            }
        p.defaultNext = target(scope, stringField(raw, "Default"));
        break;
    }
    case model::StateType::Task:
        if (auto it = raw.find("TimeoutSeconds"); it != raw.end() && it->is_number())
            p.timeoutSeconds = it->get<double>();
        p.timeoutSecondsPath = pathField(raw, "TimeoutSecondsPath");
        if (auto it = raw.find("HeartbeatSeconds"); it != raw.end() && it->is_number())
            p.heartbeatSeconds = it->get<double>();
        p.heartbeatSecondsPath = pathField(raw, "HeartbeatSecondsPath");
        break;
    case model::StateType::Wait: {
        const std::array<std::string, 2> keys{"Seconds", "Timestamp"};
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (auto it = raw.find(keys[i]); it != raw.end()) p.wait[i].literal = &*it;
            p.wait[i].path = pathField(raw, keys[i] + "Path");
        }
        break;
    }
    case model::StateType::Fail:
        p.failTexts = {stringField(raw, "Error"), stringField(raw, "Cause")};
        p.failPaths = {pathField(raw, "ErrorPath"), pathField(raw, "CausePath")};
        break;
    case model::StateType::Map: {
        auto selector = raw.find("ItemSelector");
        if (selector == raw.end()) selector = raw.find("Parameters");
        if (selector != raw.end()) p.itemSelector.emplace(*selector);
        p.maxConcurrencyPath = pathField(raw, "MaxConcurrencyPath");
        if (state.isDistributedMap) p.distributed = distributedPlanOf(state, raw);
        break;
    }
    default:
        break;
    }
    return p;
}

} // namespace flowcast::sim
