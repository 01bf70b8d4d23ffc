#pragma once
// One run of an Expression: owns the frames, the depth and time guard, the clock and the random
// stream of that run. Internal to model/jsonata; Expression::evaluate creates one per call, so
// concurrent evaluations share nothing mutable.
#include "model/jsonata/Evaluator.h"
#include "model/jsonata/Runtime.h"

#include <chrono>
#include <deque>
#include <random>
#include <unordered_map>

namespace flowcast::model::jsonata {

/// A seed that differs from call to call, without the cost of std::random_device each time.
std::uint64_t freshSeed();

/// Thrown when an evaluation nests deeper than the stack it runs on allows; Expression then
/// runs it again on a thread with a large stack. Not an EvaluationError: nothing catches it.
struct NeedsLargerStack {};

class Evaluation final : public CallContext {
public:
    /// `stackDepth` caps the nesting this thread's stack can take (NeedsLargerStack beyond).
    Evaluation(const FunctionLibrary& library, const EvaluateOptions& options, int stackDepth);

    Value run(const Node& root, const Value& input, const Json& bindings);

    Value apply(const Value& function, std::vector<Value> arguments) override;
    const Value& input() const override { return m_callInput; }
    Frame* environment() const override { return m_callEnv; }
    std::chrono::system_clock::time_point now() const override { return m_now; }
    double random() override;
    Value evaluateText(const std::string& expression, const Value& input) override;

private:
    class DepthGuard;
    using Env = Frame*;

    Env newFrame(const Frame* parent);
    Value lookup(const Frame* env, std::string_view name) const;

    using Handler = Value (Evaluation::*)(const Node&, const Value&, Env);

    Value eval(const Node& node, const Value& input, Env env);
    Value dispatch(const Node& node, const Value& input, Env env);
    // One handler per node kind (EvaluationNodes.cpp has the table).
    Value evalName(const Node& node, const Value& input, Env env);
    Value evalLiteral(const Node& node, const Value& input, Env env);
    Value evalWildcard(const Node& node, const Value& input, Env env);
    Value evalDescendants(const Node& node, const Value& input, Env env);
    Value evalParent(const Node& node, const Value& input, Env env);
    Value evalNegate(const Node& node, const Value& input, Env env);
    Value evalObject(const Node& node, const Value& input, Env env);
    Value evalCondition(const Node& node, const Value& input, Env env);
    Value evalBlock(const Node& node, const Value& input, Env env);
    Value evalBind(const Node& node, const Value& input, Env env);
    Value evalCall(const Node& node, const Value& input, Env env);
    Value evalTransform(const Node& node, const Value& input, Env env);
    Value evalPlaceholder(const Node& node, const Value& input, Env env);
    Value evalPath(const Node& node, const Value& input, Env env);
    Value evalStep(const Node& step, const Value& input, Env env, bool lastStep);
    Value evalTupleStep(const Node& step, const Value& input, const Value& tuples, Env env);
    Value evalStages(const std::vector<Stage>& stages, Value input, Env env);
    Value evalFilter(const Node& predicate, const Value& input, Env env);
    Value evalBinary(const Node& node, const Value& input, Env env);
    Value evalArray(const Node& node, const Value& input, Env env);
    Value evalGroup(const std::vector<KeyValue>& pairs, std::size_t position, const Value& input,
                    Env env);
    Value evalVariable(const Node& node, const Value& input, Env env);
    Value evalFunction(const Node& node, const Value& input, Env env, const Value* contextArgument);
    Value evalPartial(const Node& node, const Value& input, Env env);
    Value evalApplyChain(const Node& node, const Value& input, Env env);
    Value evalSort(const Node& node, const Value& input, Env env);
    Value evalRegex(const Node& node, const Value& input, Env env);
    Value evalLambda(const Node& node, const Value& input, Env env);

    Value applyAt(const Value& procedure, std::vector<Value> arguments, const Value& input, Env env,
                  std::optional<std::size_t> position, std::string_view token);
    Value applyInner(const Value& procedure, std::vector<Value> arguments, const Value& input,
                     Env env);
    Value applyLambda(const Function& lambda, std::vector<Value> arguments);
    Value applyTransform(const Function& transform, const Value& argument);
    Value callRegex(const Function& regex, const Value& text);
    Env frameFromTuple(Env parent, const Value& tuple);

    const FunctionLibrary& m_library;
    EvaluateOptions m_options;
    std::deque<Frame> m_frames;
    int m_depth = 0;
    int m_stackDepth = 0;
    int m_depthLimit = 0; ///< min(maxDepth, m_stackDepth)
    std::uint32_t m_ticks = 0;
    std::chrono::steady_clock::time_point m_deadline;
    std::chrono::system_clock::time_point m_now;
    std::optional<std::mt19937_64> m_random;
    Value m_callInput;
    Frame* m_callEnv = nullptr;
    std::vector<NodePtr> m_evalTrees; // parsed by $eval; their lambdas may outlive the call
};

} // namespace flowcast::model::jsonata
