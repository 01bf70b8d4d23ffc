// Higher-order functions: $map, $filter, $single, $reduce, $sift, $each, $sort, and $eval
// (jsonata-js src/functions.js). A callback gets as many of (value, index, array) as it
// declares parameters.
#include "model/jsonata/Functions.h"

#include <algorithm>

namespace flowcast::model::jsonata {
namespace {

using Args = std::vector<Value>;

const Value& arg(const Args& args, std::size_t index) {
    static const Value undefined;
    return index < args.size() ? args[index] : undefined;
}

std::vector<Value> callbackArgs(const Value& function, const Value& a, const Value& b,
                                const Value& c) {
    const int arity = function.function().arity();
    std::vector<Value> out{a};
    if (arity >= 2) out.push_back(b);
    if (arity >= 3) out.push_back(c);
    return out;
}

Value map(CallContext& context, Args& args) {
    const Value& values = arg(args, 0);
    if (values.isUndefined()) return {};
    auto result = makeSequence();
    const auto items = values.array().items;
    for (std::size_t i = 0; i < items.size(); ++i) {
        Value mapped = context.apply(args[1], callbackArgs(args[1], items[i], Value(i), values));
        if (mapped.isDefined()) result->items.push_back(std::move(mapped));
    }
    return Value(result);
}

Value filter(CallContext& context, Args& args) {
    const Value& values = arg(args, 0);
    if (values.isUndefined()) return {};
    auto result = makeSequence();
    const auto items = values.array().items;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Value keep =
            context.apply(args[1], callbackArgs(args[1], items[i], Value(i), values));
        if (toBoolean(keep).value_or(false)) result->items.push_back(items[i]);
    }
    return Value(result);
}

Value single(CallContext& context, Args& args) {
    const Value& values = arg(args, 0);
    if (values.isUndefined()) return {};
    Value result;
    bool found = false;
    const auto items = values.array().items;
    for (std::size_t i = 0; i < items.size(); ++i) {
        bool positive = true;
        if (arg(args, 1).isDefined()) {
            positive =
                toBoolean(context.apply(args[1], callbackArgs(args[1], items[i], Value(i), values)))
                    .value_or(false);
        }
        if (!positive) continue;
        if (found) throw EvaluationError("D3138").with("index", static_cast<double>(i));
        result = items[i];
        found = true;
    }
    if (!found) throw EvaluationError("D3139");
    return result;
}

Value reduce(CallContext& context, Args& args) {
    const Value& values = arg(args, 0);
    if (values.isUndefined()) return {};
    const int arity = args[1].function().arity();
    if (arity < 2) throw EvaluationError("D3050").with("index", 1);
    const auto items = values.array().items;
    Value result;
    std::size_t index = 0;
    if (arg(args, 2).isUndefined() && !items.empty()) {
        result = items[0];
        index = 1;
    } else {
        result = arg(args, 2);
    }
    for (; index < items.size(); ++index) {
        std::vector<Value> callArgs{result, items[index]};
        if (arity >= 3) callArgs.emplace_back(index);
        if (arity >= 4) callArgs.push_back(values);
        result = context.apply(args[1], std::move(callArgs));
    }
    return result;
}

Value sift(CallContext& context, Args& args) {
    const Value& object = arg(args, 0);
    if (!object.isObject()) return {};
    auto result = makeObject();
    for (const auto& [key, value] : object.object().entries()) {
        const Value keep = context.apply(args[1], callbackArgs(args[1], value, Value(key), object));
        if (toBoolean(keep).value_or(false)) result->set(key, value);
    }
    if (result->empty()) return {};
    return Value(result);
}

Value each(CallContext& context, Args& args) {
    const Value& object = arg(args, 0);
    auto result = makeSequence();
    if (!object.isObject()) return Value(result);
    for (const auto& [key, value] : object.object().entries()) {
        Value mapped = context.apply(args[1], callbackArgs(args[1], value, Value(key), object));
        if (mapped.isDefined()) result->items.push_back(std::move(mapped));
    }
    return Value(result);
}

// JS truthiness, which $sort's merge applies to a comparator's result.
bool jsTruthy(const Value& value) {
    switch (value.type()) {
    case ValueType::Undefined:
    case ValueType::Null:
        return false;
    case ValueType::Boolean:
        return value.boolean();
    case ValueType::Number:
        return value.number() != 0 && value.number() == value.number();
    case ValueType::String:
        return !value.string().empty();
    default:
        return true;
    }
}

Value sort(CallContext& context, Args& args) {
    const Value& values = arg(args, 0);
    if (values.isUndefined()) return {};
    if (values.array().size() <= 1) return values;
    std::vector<Value> items = values.array().items;
    const Value& comparator = arg(args, 1);
    if (comparator.isUndefined()) {
        const bool numbers =
            std::all_of(items.begin(), items.end(), [](const Value& v) { return v.isNumber(); });
        const bool strings =
            std::all_of(items.begin(), items.end(), [](const Value& v) { return v.isString(); });
        if (!numbers && !strings) throw EvaluationError("D3070").with("index", 1);
    }
    const auto after = [&](const Value& a, const Value& b) {
        if (comparator.isDefined()) return jsTruthy(context.apply(comparator, {a, b}));
        if (a.isNumber()) return a.number() > b.number();
        return a.string() > b.string();
    };
    std::vector<Value> buffer(items.size());
    for (std::size_t width = 1; width < items.size(); width *= 2) {
        for (std::size_t lo = 0; lo < items.size(); lo += 2 * width) {
            const std::size_t mid = std::min(lo + width, items.size());
            const std::size_t hi = std::min(lo + 2 * width, items.size());
            std::size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                buffer[k++] = after(items[i], items[j]) ? items[j++] : items[i++];
            while (i < mid)
                buffer[k++] = items[i++];
            while (j < hi)
                buffer[k++] = items[j++];
        }
        std::swap(items, buffer);
    }
    auto result = makeArray();
    result->items = std::move(items);
    return Value(result);
}

} // namespace

void addHigherOrderFunctions(FunctionLibrary& library) {
    library.add("map", "<af>", 2, map);
    library.add("filter", "<af>", 2, filter);
    library.add("single", "<af?>", 2, single);
    library.add("reduce", "<afj?:j>", 3, reduce);
    library.add("sift", "<o-f?:o>", 2, sift);
    library.add("each", "<o-f:a>", 2, each);
    library.add("sort", "<af?:a>", 2, sort);
    library.add("eval", "<sx?:x>", 2, [](CallContext& context, Args& args) -> Value {
        if (arg(args, 0).isUndefined()) return {};
        return context.evaluateText(arg(args, 0).string(), arg(args, 1));
    });
}

} // namespace flowcast::model::jsonata
