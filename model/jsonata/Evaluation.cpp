#include "model/jsonata/Evaluation.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace flowcast::model::jsonata {
namespace {

const std::string kFocus = "@";
constexpr const char* kStackOverflow = "Stack overflow error: Check for non-terminating recursive "
                                       "function.  Consider rewriting as tail-recursive.";
constexpr const char* kTimeout = "Expression evaluation timeout: Check for infinite loop";

bool isArrayOfNumbers(const Value& value) {
    if (!value.isArray()) return false;
    for (const Value& item : value.array().items) {
        if (!item.isNumber()) return false;
    }
    return true;
}

} // namespace

// jsonata-js counts every evaluate() entry; its test runner throws U1001 past the `depth` of a
// case. The same counter keeps runaway recursion off the end of the C stack.
class Evaluation::DepthGuard {
public:
    // Inline and two comparisons on the common path (m_depthLimit is the lower of the two
    // depth limits); the rare checks are out of line.
    explicit DepthGuard(Evaluation& evaluation) : m_evaluation(evaluation) {
        if (++evaluation.m_depth > evaluation.m_depthLimit || (++evaluation.m_ticks & 0xff) == 0)
            checkLimits(evaluation);
    }
    ~DepthGuard() { --m_evaluation.m_depth; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

private:
    // Throws when a limit is passed, first undoing the constructor's count (a constructor that
    // throws has no destructor run).
    [[gnu::noinline]] static void checkLimits(Evaluation& evaluation) {
        if (evaluation.m_depth > evaluation.m_depthLimit) {
            --evaluation.m_depth;
            if (evaluation.m_depth + 1 > evaluation.m_options.maxDepth)
                throw EvaluationError("U1001").with("message", kStackOverflow);
            throw NeedsLargerStack{};
        }
        if (evaluation.m_options.timeLimit.count() > 0 &&
            std::chrono::steady_clock::now() > evaluation.m_deadline) {
            --evaluation.m_depth;
            throw EvaluationError("U1001").with("message", kTimeout);
        }
    }

    Evaluation& m_evaluation;
};

Evaluation::Evaluation(const FunctionLibrary& library, const EvaluateOptions& options,
                       int stackDepth)
    : m_library(library), m_options(options), m_stackDepth(stackDepth),
      m_depthLimit(std::min(options.maxDepth, stackDepth)) {
    m_deadline = std::chrono::steady_clock::now() + options.timeLimit;
    m_now = options.now.value_or(std::chrono::system_clock::now());
}

double Evaluation::random() {
    // Seeded on first use: most evaluations draw no random number.
    if (!m_random) m_random.emplace(m_options.seed ? *m_options.seed : freshSeed());
    return std::uniform_real_distribution<double>(0.0, 1.0)(*m_random);
}

Evaluation::Env Evaluation::newFrame(const Frame* parent) {
    m_frames.emplace_back();
    m_frames.back().parent = parent;
    return &m_frames.back();
}

Value Evaluation::lookup(const Frame* env, std::string_view name) const {
    for (const Frame* frame = env; frame; frame = frame->parent) {
        if (const Value* found = frame->lookup(name)) return *found;
    }
    if (const Value* native = m_library.findValue(name)) return *native;
    return {};
}

Value Evaluation::run(const Node& root, const Value& input, const Json& bindings) {
    Env top = newFrame(nullptr);
    if (bindings.is_object()) {
        for (const auto& [name, value] : bindings.items())
            top->bind(name, fromJson(value));
    }
    top->bind("$", input);
    Value context = input;
    if (input.isArray() && !input.isSequence()) {
        auto wrapper = makeSequence();
        wrapper->items.push_back(input);
        wrapper->outerWrapper = true;
        context = Value(wrapper);
    }
    return eval(root, context, top);
}

Value Evaluation::eval(const Node& node, const Value& input, Env env) {
    DepthGuard guard(*this);
    Value result = dispatch(node, input, env);
    for (const Stage& stage : node.step.predicate)
        result = evalFilter(*stage.expression, result, env);
    if (node.kind != NodeKind::Path && node.step.group)
        result = evalGroup(node.step.group->pairs, node.step.group->position, result, env);
    if (result.isSequence() && !result.array().tupleStream) {
        Array& sequence = result.array();
        if (node.step.keepArray) sequence.keepSingleton = true;
        if (sequence.empty()) return {};
        if (sequence.size() == 1 && !sequence.keepSingleton) return sequence.items[0];
    }
    return result;
}

Value Evaluation::evalPath(const Node& node, const Value& input, Env env) {
    const auto& path = node.as<PathExpr>();
    const auto& steps = path.steps;
    if (path.singleName && !input.isArray()) {
        // A lone field name read from one value (`text`), the commonest path: the result the
        // general walk below gives, without the sequences it builds and then unwraps. The guard
        // stands for the step's own eval(), so that depth limits count as before.
        const DepthGuard guard(*this);
        Value found =
            input.isObject() ? input.object().get(steps[0]->as<Identifier>().name) : Value();
        if (!found.isSequence()) return found;
    }
    Value inputSequence =
        input.isArray() && steps.front()->kind != NodeKind::Variable ? input : sequenceOf(input);
    Value resultSequence;
    Value tuples;
    bool isTupleStream = false;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const Node& step = *steps[i];
        if (step.step.tuple) isTupleStream = true;
        if (i == 0 && step.step.consArray) {
            resultSequence = eval(step, inputSequence, env);
        } else if (isTupleStream) {
            tuples = evalTupleStep(step, inputSequence, tuples, env);
        } else {
            resultSequence = evalStep(step, inputSequence, env, i == steps.size() - 1);
        }
        if (!isTupleStream && (resultSequence.isUndefined() ||
                               (resultSequence.isArray() && resultSequence.array().empty()))) {
            break;
        }
        if (!step.step.focus) inputSequence = resultSequence;
    }
    if (isTupleStream) {
        if (node.step.tuple) {
            resultSequence = tuples;
        } else {
            auto values = makeSequence();
            if (tuples.isArray()) {
                for (const Value& tuple : tuples.array().items)
                    values->items.push_back(tuple.object().get(kFocus));
            }
            resultSequence = Value(values);
        }
    }
    if (path.keepSingletonArray) {
        if (resultSequence.isArray() && resultSequence.array().cons &&
            !resultSequence.array().sequence) {
            resultSequence = sequenceOf(resultSequence);
        }
        if (resultSequence.isArray()) resultSequence.array().keepSingleton = true;
    }
    if (node.step.group) {
        resultSequence = evalGroup(node.step.group->pairs, node.step.group->position,
                                   isTupleStream ? tuples : resultSequence, env);
    }
    return resultSequence;
}

Value Evaluation::evalStep(const Node& step, const Value& input, Env env, bool lastStep) {
    if (step.kind == NodeKind::Sort) {
        Value sorted = evalSort(step, input, env);
        return evalStages(step.step.stages, sorted, env);
    }
    std::vector<Value> results;
    const auto visit = [&](const Value& item) {
        Value result = eval(step, item, env);
        for (const Stage& stage : step.step.stages)
            result = evalFilter(*stage.expression, result, env);
        if (result.isDefined()) results.push_back(std::move(result));
    };
    // The items are read in place (no evaluation changes an array it did not just make).
    if (input.isArray()) {
        for (const Value& item : input.array().items)
            visit(item);
    } else if (input.isDefined()) {
        visit(input);
    }
    if (lastStep && results.size() == 1 && results[0].isArray() && !results[0].isSequence())
        return results[0];
    auto sequence = makeSequence();
    const bool flat = std::none_of(results.begin(), results.end(), [](const Value& result) {
        return result.isArray() && !result.array().cons;
    });
    if (flat) {
        // Nothing to splice: the results are the sequence (the commonest case, one value each).
        sequence->items = std::move(results);
        return Value(sequence);
    }
    for (Value& result : results) {
        if (!result.isArray() || result.array().cons) {
            sequence->items.push_back(std::move(result));
        } else {
            const auto& items = result.array().items;
            sequence->items.insert(sequence->items.end(), items.begin(), items.end());
        }
    }
    return Value(sequence);
}

Evaluation::Env Evaluation::frameFromTuple(Env parent, const Value& tuple) {
    Env frame = newFrame(parent);
    if (tuple.isObject()) {
        for (const auto& [key, value] : tuple.object().entries())
            frame->bind(key, value);
    }
    return frame;
}

Value Evaluation::evalTupleStep(const Node& step, const Value& input, const Value& tuples,
                                Env env) {
    if (step.kind == NodeKind::Sort) {
        Value result;
        if (tuples.isDefined()) {
            result = evalSort(step, tuples, env);
        } else {
            Value sorted = evalSort(step, input, env);
            auto stream = makeSequence();
            stream->tupleStream = true;
            const auto items = itemsOf(sorted);
            for (std::size_t i = 0; i < items.size(); ++i) {
                auto tuple = makeObject();
                tuple->set(kFocus, items[i]);
                if (step.step.index) tuple->set(*step.step.index, Value(i));
                stream->items.push_back(Value(tuple));
            }
            result = Value(stream);
        }
        return evalStages(step.step.stages, result, env);
    }
    auto stream = makeSequence();
    stream->tupleStream = true;
    std::vector<Value> bindings;
    if (tuples.isUndefined()) {
        for (const Value& item : itemsOf(input)) {
            auto tuple = makeObject();
            tuple->set(kFocus, item);
            bindings.emplace_back(tuple);
        }
    } else {
        bindings = tuples.array().items;
    }
    for (const Value& binding : bindings) {
        Env stepEnv = frameFromTuple(env, binding);
        const Value focus = binding.object().get(kFocus);
        Value result = eval(step, focus, stepEnv);
        if (result.isUndefined()) continue;
        const bool resultIsStream = result.isArray() && result.array().tupleStream;
        const std::vector<Value> items =
            result.isArray() ? result.array().items : std::vector<Value>{result};
        for (std::size_t i = 0; i < items.size(); ++i) {
            auto tuple = std::make_shared<Object>(binding.object());
            if (resultIsStream) {
                for (const auto& [key, value] : items[i].object().entries())
                    tuple->set(key, value);
            } else {
                if (step.step.focus) {
                    tuple->set(*step.step.focus, items[i]);
                    tuple->set(kFocus, focus);
                } else {
                    tuple->set(kFocus, items[i]);
                }
                if (step.step.index) tuple->set(*step.step.index, Value(i));
                if (step.step.ancestor) tuple->set(*step.step.ancestor, focus);
            }
            stream->items.emplace_back(tuple);
        }
    }
    return evalStages(step.step.stages, Value(stream), env);
}

Value Evaluation::evalStages(const std::vector<Stage>& stages, Value input, Env env) {
    for (const Stage& stage : stages) {
        if (stage.kind == Stage::Kind::Filter) {
            input = evalFilter(*stage.expression, input, env);
        } else if (input.isArray()) {
            const auto& items = input.array().items;
            for (std::size_t i = 0; i < items.size(); ++i)
                items[i].object().set(stage.variable, Value(i));
        }
    }
    return input;
}

Value Evaluation::evalFilter(const Node& predicate, const Value& input, Env env) {
    auto results = makeSequence();
    const bool tupleStream = input.isArray() && input.array().tupleStream;
    results->tupleStream = tupleStream;
    const Value source = input.isArray() ? input : sequenceOf(input);
    const auto& items = source.array().items;
    const auto count = static_cast<double>(items.size());
    if (predicate.kind == NodeKind::Number) {
        double index = std::floor(predicate.as<Literal>().value.get<double>());
        if (index < 0) index += count;
        if (index >= 0 && index < count) {
            const Value& item = items[static_cast<std::size_t>(index)];
            if (item.isArray()) return item;
            if (item.isDefined()) results->items.push_back(item);
        }
        return Value(results);
    }
    // A variable (`[$i]`, not `[$]`) means the same for every item, and looking it up has no
    // effect: it is evaluated once, not once per item. A tuple stream binds variables per item.
    const bool sameForAll = !tupleStream && predicate.kind == NodeKind::Variable &&
                            !predicate.as<Identifier>().name.empty() &&
                            predicate.step.predicate.empty() && !predicate.step.group;
    Value once;
    if (sameForAll && !items.empty()) once = eval(predicate, items[0], env);
    for (std::size_t index = 0; index < items.size(); ++index) {
        const Value& item = items[index];
        Value evaluated;
        if (!sameForAll) {
            const Value* context = &item;
            Value focus;
            Env itemEnv = env;
            if (tupleStream) {
                focus = item.object().get(kFocus);
                context = &focus;
                itemEnv = frameFromTuple(env, item);
            }
            evaluated = eval(predicate, *context, itemEnv);
        }
        const Value& result = sameForAll ? once : evaluated;
        if (result.isNumber()) {
            // One index, as jsonata-js's array of one number, without making that array.
            double wanted = std::floor(result.number());
            if (wanted < 0) wanted += count;
            if (wanted == static_cast<double>(index)) results->items.push_back(item);
        } else if (isArrayOfNumbers(result)) {
            for (const Value& position : result.array().items) {
                double wanted = std::floor(position.number());
                if (wanted < 0) wanted += count;
                if (wanted == static_cast<double>(index)) results->items.push_back(item);
            }
        } else if (toBoolean(result).value_or(false)) {
            results->items.push_back(item);
        }
    }
    return Value(results);
}

Value Evaluation::evalArray(const Node& node, const Value& input, Env env) {
    auto result = makeArray();
    for (const NodePtr& item : node.as<Sequence>().items) {
        Value value = eval(*item, input, env);
        if (value.isUndefined()) continue;
        if (item->kind == NodeKind::Array || !value.isArray()) {
            result->items.push_back(std::move(value));
        } else if (result->items.empty() && value.isUnique()) {
            // A range or other fresh array: take its items rather than copy ten million values.
            result->items = std::move(value.array().items);
        } else {
            const auto& items = value.array().items;
            result->items.insert(result->items.end(), items.begin(), items.end());
        }
    }
    result->cons = node.step.consArray;
    return Value(result);
}

Value Evaluation::evalGroup(const std::vector<KeyValue>& pairs, std::size_t position,
                            const Value& input, Env env) {
    struct Group {
        Value data;
        std::size_t pairIndex = 0;
    };
    const bool reduce = input.isArray() && input.array().tupleStream;
    std::vector<Value> items = input.isArray() ? input.array().items : std::vector<Value>{input};
    if (items.empty()) items.emplace_back();
    std::vector<std::pair<std::string, Group>> groups;
    std::unordered_map<std::string, std::size_t> groupIndex;
    for (const Value& item : items) {
        Env itemEnv = reduce ? frameFromTuple(env, item) : env;
        const Value context = reduce ? item.object().get(kFocus) : item;
        for (std::size_t p = 0; p < pairs.size(); ++p) {
            Value key = eval(*pairs[p].key, context, itemEnv);
            if (key.isUndefined()) continue;
            if (!key.isString()) {
                throw EvaluationError("T1003").withPosition(position).with(
                    "value", toJson(key).value_or(Json()));
            }
            const auto found = groupIndex.find(key.string());
            if (found == groupIndex.end()) {
                groupIndex.emplace(key.string(), groups.size());
                groups.push_back({key.string(), Group{item, p}});
                continue;
            }
            Group& group = groups[found->second].second;
            if (group.pairIndex != p) {
                throw EvaluationError("D1009").withPosition(position).with("value", key.string());
            }
            group.data = appendValues(group.data, item);
        }
    }
    auto result = makeObject();
    for (auto& [key, group] : groups) {
        Value context = group.data;
        Env groupEnv = env;
        if (reduce) {
            // reduceTupleStream: merge the tuples of the group, appending each binding.
            auto merged = makeObject();
            const std::vector<Value> tuples = group.data.isArray() && !group.data.isObject()
                                                  ? group.data.array().items
                                                  : std::vector<Value>{group.data};
            for (std::size_t t = 0; t < tuples.size(); ++t) {
                for (const auto& [name, value] : tuples[t].object().entries()) {
                    merged->set(name, t == 0 ? value : appendValues(merged->get(name), value));
                }
            }
            context = merged->get(kFocus);
            merged->erase(kFocus);
            groupEnv = frameFromTuple(env, Value(merged));
        }
        Value value = eval(*pairs[group.pairIndex].value, context, groupEnv);
        if (value.isDefined()) result->set(key, std::move(value));
    }
    return Value(result);
}

} // namespace flowcast::model::jsonata
