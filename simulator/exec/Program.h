#pragma once
// A state machine prepared once for many executions: the typed view of the definition, every
// state (top level, Parallel branches, Map processors) numbered in one flat list, and what each
// state needs at run time (its transitions resolved to indexes, its paths, templates and Choice
// rules parsed, whether it reads the context object $$). Immutable after construction, so one
// Program serves every execution of a simulation, on any thread. Keeps the definition by
// reference: it must outlive the Program.
#include "model/asl/Json.h"
#include "model/asl/StateMachine.h"
#include "model/asl/eval/ChoiceEvaluator.h"
#include "model/asl/eval/DataFlow.h"
#include "model/asl/eval/JsonPath.h"
#include "model/asl/eval/JsonataTemplate.h"
#include "model/asl/eval/PayloadTemplate.h"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace flowcast::sim {

/// Where a transition goes: a state's index in its Program, or kNone when no state of the scope
/// has that name (entering it fails the execution, naming it).
struct Target {
    static constexpr std::uint32_t kNone = ~std::uint32_t{0};
    std::uint32_t index = kNone;
    std::string name;
};

/// A Map state in Distributed mode: its processor runs as child workflow executions.
struct DistributedPlan {
    bool express = false; ///< ProcessorConfig.ExecutionType EXPRESS (else STANDARD)
    std::string label;    ///< Label, else the state's name
    // ItemReader: read through the task backend (Resource, Parameters), parsed by ReaderConfig.
    bool readsItems = false;
    std::string readerResource;
    std::optional<model::eval::PayloadTemplate> readerParameters;
    model::Json readerConfig;
    std::optional<model::eval::CompiledPath> maxItemsPath;
    // ItemBatcher
    bool batched = false;
    std::size_t maxItemsPerBatch = 0; ///< 0: no limit
    std::optional<model::eval::CompiledPath> maxItemsPerBatchPath;
    std::size_t maxBytesPerBatch = 0; ///< 0: the 256 KiB quota
    std::optional<model::eval::CompiledPath> maxBytesPerBatchPath;
    std::optional<model::eval::PayloadTemplate> batchInput;
    // Tolerated failures: absent both, any failure fails the Map Run.
    std::optional<double> toleratedPercentage;
    std::optional<model::eval::CompiledPath> toleratedPercentagePath;
    std::optional<double> toleratedCount;
    std::optional<model::eval::CompiledPath> toleratedCountPath;
    // ResultWriter: results go to S3 and the state's result describes where.
    bool writesResults = false;
    std::optional<model::eval::PayloadTemplate> writerParameters;
    bool flatten = false; ///< WriterConfig.Transformation FLATTEN
};

/// The "{% %}" fields of a JSONata state, prepared once (absent fields stay empty).
struct JsonataPlan {
    using Field = std::optional<model::eval::JsonataTemplate>;
    Field arguments, output, assign;
    Field items, itemSelector, maxConcurrency; // Map
    // Distributed Map: its number fields, ItemReader / ResultWriter Arguments, ItemBatcher.
    Field toleratedCount, toleratedPercentage, readerArguments, readerConfig, writerArguments;
    Field maxItemsPerBatch, maxBytesPerBatch, batchInput;
    Field timeoutSeconds, heartbeatSeconds; // Task
    Field seconds, timestamp;               // Wait
    Field error, cause;                     // Fail
    struct Rule {
        Field condition, output, assign; ///< a Choice rule, or a Catcher (no condition)
    };
    std::vector<Rule> rules;    ///< Choices, in order
    std::vector<Rule> catchers; ///< Catch, in order
};

/// What the interpreter reads of one state on every visit, prepared from its JSON.
struct StatePlan {
    struct Catcher {
        const model::Json* errorEquals = nullptr; ///< nullptr: not an array, never matches
        std::vector<std::string> errors;          ///< its names, when they are all strings
        bool errorsAreStrings = false;
        bool placesError = true; ///< ResultPath absent ("$") or a path; else the input passes on
        model::eval::CompiledPath resultPath;
        std::optional<model::eval::PayloadTemplate> assign; ///< over the error output
        Target next;
    };
    /// Wait: Seconds / SecondsPath, then Timestamp / TimestampPath.
    struct WaitField {
        const model::Json* literal = nullptr;
        std::optional<model::eval::CompiledPath> path;
    };

    explicit StatePlan(const model::Json& state);

    model::eval::StateDataFlow dataFlow;
    Target next;
    bool end = false;
    bool endMalformed = false; ///< End is not a boolean: reading it throws, as json::value does
    std::vector<Catcher> catchers;
    /// Assign (JSONPath form): ".$" fields over the result (Task, Parallel, Map after
    /// ResultSelector; Pass) or the effective input (Choice, Wait).
    std::optional<model::eval::PayloadTemplate> assign;
    // Choice: the rules, where each leads, and Default ("" when absent).
    std::optional<model::eval::ChoiceRules> choices;
    std::vector<Target> choiceNext;
    std::vector<std::optional<model::eval::PayloadTemplate>> choiceAssign; ///< per rule
    Target defaultNext;
    // Task
    std::optional<double> timeoutSeconds;
    std::optional<model::eval::CompiledPath> timeoutSecondsPath;
    std::optional<double> heartbeatSeconds;
    std::optional<model::eval::CompiledPath> heartbeatSecondsPath;
    std::array<WaitField, 2> wait;
    // Fail: Error and Cause, and ErrorPath / CausePath.
    std::array<std::string, 2> failTexts;
    std::array<std::optional<model::eval::CompiledPath>, 2> failPaths;
    // Map: ItemSelector, or the legacy Parameters, shaping each item.
    std::optional<model::eval::PayloadTemplate> itemSelector;
    std::optional<model::eval::CompiledPath> maxConcurrencyPath;
    std::shared_ptr<const DistributedPlan> distributed; ///< a Map in Distributed mode
    std::shared_ptr<const JsonataPlan> jsonata;         ///< a JSONata state
};

class Program {
public:
    explicit Program(const model::Json& definition);
    Program(const Program&) = delete;
    Program& operator=(const Program&) = delete;

    const model::Json& definition() const { return m_definition; }
    const model::StateMachine& machine() const { return m_machine; }

    std::uint32_t stateCount() const { return static_cast<std::uint32_t>(m_states.size()); }
    std::uint32_t indexOf(const model::State& state) const { return m_index.at(&state); }
    const model::State& state(std::uint32_t index) const { return *m_states[index]; }
    const StatePlan& plan(std::uint32_t index) const { return m_plans[index]; }
    /// The StartAt of the machine, a Parallel branch or a Map processor of this Program.
    const Target& startOf(const model::StateMachine& machine) const {
        return m_starts.at(&machine);
    }
    /// State names in index order (AWS requires them unique in the whole machine).
    const std::vector<std::string>& stateNames() const { return m_names; }
    /// True when some field of the state may read the context object ($$): it is then built
    /// for every visit; otherwise never.
    bool usesContext(std::uint32_t index) const { return m_usesContext[index]; }
    /// True when the state may read $$.Execution.Input (a copy of the execution's input, which
    /// for a Map over a large batch would otherwise be copied into every iteration's context).
    bool needsExecutionInput(std::uint32_t index) const { return m_needsExecutionInput[index]; }
    /// True when some state, Catcher or Choice rule assigns variables.
    bool usesVariables() const { return m_usesVariables; }
    /// The machine's TimeoutSeconds, when it has one.
    std::optional<double> timeoutSeconds() const { return m_timeoutSeconds; }

private:
    void add(const model::StateMachine& machine);
    void prepare(const model::StateMachine& machine);
    Target target(const model::StateMachine& scope, std::string name) const;
    StatePlan planOf(const model::StateMachine& scope, const model::State& state);

    const model::Json& m_definition;
    model::StateMachine m_machine;
    std::vector<const model::State*> m_states;
    std::vector<std::string> m_names;
    std::vector<bool> m_usesContext;
    std::vector<bool> m_needsExecutionInput;
    std::vector<StatePlan> m_plans;
    std::unordered_map<const model::State*, std::uint32_t> m_index;
    std::unordered_map<const model::StateMachine*, Target> m_starts;
    std::optional<double> m_timeoutSeconds;
    bool m_usesVariables = false;
};

} // namespace flowcast::sim
