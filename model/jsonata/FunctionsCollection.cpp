// Boolean, array and object functions: $count, $exists, $keys, $lookup, $append, $spread,
// $merge, $reverse, $distinct, $shuffle, $zip, $type, $error, $assert, $clone, $boolean,
// $not (jsonata-js src/functions.js).
#include "model/jsonata/Functions.h"

#include <algorithm>
#include <random>

namespace flowcast::model::jsonata {
namespace {

using Args = std::vector<Value>;

const Value& arg(const Args& args, std::size_t index) {
    static const Value undefined;
    return index < args.size() ? args[index] : undefined;
}

void collectKeys(const Value& value, std::vector<std::string>& keys) {
    const NestingGuard guard;
    if (value.isArray()) {
        for (const Value& item : value.array().items)
            collectKeys(item, keys);
    } else if (value.isObject()) {
        for (const auto& entry : value.object().entries()) {
            if (std::find(keys.begin(), keys.end(), entry.first) == keys.end())
                keys.push_back(entry.first);
        }
    }
}

Value keys(CallContext&, Args& args) {
    std::vector<std::string> names;
    collectKeys(arg(args, 0), names);
    auto result = makeSequence();
    for (std::string& name : names)
        result->items.emplace_back(std::move(name));
    return Value(result);
}

Value lookupIn(const Value& input, const std::string& key) {
    const NestingGuard guard;
    if (input.isObject()) return input.object().get(key);
    if (!input.isArray()) return {};
    auto result = makeSequence();
    for (const Value& item : input.array().items) {
        const Value found = lookupIn(item, key);
        if (found.isArray()) {
            for (const Value& v : found.array().items)
                result->items.push_back(v);
        } else if (found.isDefined()) {
            result->items.push_back(found);
        }
    }
    return Value(result);
}

Value spread(const Value& value) {
    const NestingGuard guard;
    if (value.isArray()) {
        Value result(makeSequence());
        for (const Value& item : value.array().items)
            result = appendValues(result, spread(item));
        return result;
    }
    if (value.isObject()) {
        auto result = makeSequence();
        for (const auto& [key, item] : value.object().entries()) {
            auto single = makeObject();
            single->set(key, item);
            result->items.emplace_back(single);
        }
        return Value(result);
    }
    return value;
}

Value merge(CallContext&, Args& args) {
    if (arg(args, 0).isUndefined()) return {};
    auto result = makeObject();
    for (const Value& item : arg(args, 0).array().items) {
        if (!item.isObject()) continue;
        for (const auto& [key, value] : item.object().entries())
            result->set(key, value);
    }
    return Value(result);
}

Value distinct(CallContext&, Args& args) {
    const Value& values = arg(args, 0);
    if (values.isUndefined()) return {};
    if (!values.isArray() || values.array().size() <= 1) return values;
    auto result = values.isSequence() ? makeSequence() : makeArray();
    for (const Value& item : values.array().items) {
        const bool seen = std::any_of(result->items.begin(), result->items.end(),
                                      [&](const Value& kept) { return deepEqual(kept, item); });
        if (!seen) result->items.push_back(item);
    }
    return Value(result);
}

Value zip(CallContext&, Args& args) {
    auto result = makeArray();
    if (args.empty()) return Value(result);
    std::size_t length = static_cast<std::size_t>(-1);
    for (const Value& a : args)
        length = std::min(length, a.isArray() ? a.array().size() : std::size_t{0});
    for (std::size_t i = 0; i < length; ++i) {
        auto tuple = makeArray();
        for (const Value& a : args)
            tuple->items.push_back(a.array().items[i]);
        result->items.emplace_back(tuple);
    }
    return Value(result);
}

Value typeOf(CallContext&, Args& args) {
    const Value& value = arg(args, 0);
    switch (value.type()) {
    case ValueType::Undefined:
        return {};
    case ValueType::Null:
        return Value("null");
    case ValueType::Number:
        return Value("number");
    case ValueType::String:
        return Value("string");
    case ValueType::Boolean:
        return Value("boolean");
    case ValueType::Array:
        return Value("array");
    case ValueType::Function:
        return Value("function");
    default:
        return Value("object");
    }
}

} // namespace

void addCollectionFunctions(FunctionLibrary& library) {
    library.add("count", "<a:n>", 1, [](CallContext&, Args& args) {
        return Value(arg(args, 0).isUndefined() ? 0.0
                                                : static_cast<double>(arg(args, 0).array().size()));
    });
    library.add("boolean", "<x-:b>", 1, [](CallContext&, Args& args) -> Value {
        const auto result = toBoolean(arg(args, 0));
        return result ? Value(*result) : Value();
    });
    library.add("not", "<x-:b>", 1, [](CallContext&, Args& args) -> Value {
        const auto result = toBoolean(arg(args, 0));
        return result ? Value(!*result) : Value();
    });
    library.add("exists", "<x:b>", 1,
                [](CallContext&, Args& args) { return Value(arg(args, 0).isDefined()); });
    library.add("keys", "<x-:a<s>>", 1, keys);
    library.add("lookup", "<x-s:x>", 2, [](CallContext&, Args& args) {
        return lookupIn(arg(args, 0), arg(args, 1).isString() ? arg(args, 1).string() : "");
    });
    library.add("append", "<xx:a>", 2,
                [](CallContext&, Args& args) { return appendValues(arg(args, 0), arg(args, 1)); });
    library.add("spread", "<x-:a<o>>", 1,
                [](CallContext&, Args& args) { return spread(arg(args, 0)); });
    library.add("merge", "<a<o>:o>", 1, merge);
    library.add("reverse", "<a:a>", 1, [](CallContext&, Args& args) -> Value {
        const Value& values = arg(args, 0);
        if (values.isUndefined()) return {};
        if (values.array().size() <= 1) return values;
        auto result = makeArray();
        result->items.assign(values.array().items.rbegin(), values.array().items.rend());
        return Value(result);
    });
    library.add("distinct", "<x:x>", 1, distinct);
    library.add("shuffle", "<a:a>", 1, [](CallContext& context, Args& args) -> Value {
        const Value& values = arg(args, 0);
        if (values.isUndefined()) return {};
        if (values.array().size() <= 1) return values;
        auto result = makeArray();
        result->items = values.array().items;
        // Fisher-Yates with the evaluation's random stream, as jsonata-js uses Math.random.
        for (std::size_t i = result->items.size() - 1; i > 0; --i) {
            const auto j = static_cast<std::size_t>(context.random() * static_cast<double>(i + 1));
            std::swap(result->items[i], result->items[std::min(j, i)]);
        }
        return Value(result);
    });
    library.add("zip", "<a+>", 0, zip);
    library.add("type", "<x:s>", 1, typeOf);
    library.add("error", "<s?:x>", 1, [](CallContext&, Args& args) -> Value {
        const Value& message = arg(args, 0);
        throw EvaluationError("D3137").with(
            "message", message.isString() ? message.string() : "$error() function evaluated");
    });
    library.add("assert", "<bs?:x>", 2, [](CallContext&, Args& args) -> Value {
        if (!arg(args, 0).boolean()) {
            const Value& message = arg(args, 1);
            throw EvaluationError("D3141").with(
                "message", message.isString() ? message.string() : "$assert() statement failed");
        }
        return {};
    });
    library.add("clone", "<(oa)-:o>", 1, [](CallContext&, Args& args) -> Value {
        if (arg(args, 0).isUndefined()) return {};
        return deepClone(arg(args, 0));
    });
}

} // namespace flowcast::model::jsonata
