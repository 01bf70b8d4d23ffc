// Numeric and aggregation functions: $number, $round (half to even), $power, $formatBase,
// $sum, $max, $min, $average, $random (jsonata-js src/functions.js).
#include "model/jsonata/Functions.h"
#include "model/jsonata/Lexer.h"

#include <cmath>
#include <cstdlib>
#include <regex>

namespace flowcast::model::jsonata {
namespace {

using Args = std::vector<Value>;

const Value& arg(const Args& args, std::size_t index) {
    static const Value undefined;
    return index < args.size() ? args[index] : undefined;
}

Json jsonOf(const Value& value) {
    return toJson(value).value_or(Json());
}

Value toNumber(CallContext&, Args& args) {
    const Value& value = arg(args, 0);
    if (value.isUndefined()) return {};
    if (value.isNumber()) return value;
    if (value.isBool()) return Value(value.boolean() ? 1.0 : 0.0);
    if (value.isString()) {
        static const std::regex decimal("^-?[0-9]+(\\.[0-9]+)?([Ee][-+]?[0-9]+)?$");
        static const std::regex prefixed("^(0[xX][0-9A-Fa-f]+)|(0[oO][0-7]+)|(0[bB][0-1]+)$");
        const std::string& text = value.string();
        if (std::regex_match(text, decimal)) {
            const double number = std::strtod(text.c_str(), nullptr);
            if (std::isfinite(number)) return Value(number);
        } else if (std::regex_search(text, prefixed) && text.size() > 2) {
            const int base = std::tolower(text[1]) == 'x'   ? 16
                             : std::tolower(text[1]) == 'o' ? 8
                                                            : 2;
            double number = 0;
            bool ok = true;
            for (std::size_t i = 2; i < text.size(); ++i) {
                const int digit = std::isdigit(static_cast<unsigned char>(text[i]))
                                      ? text[i] - '0'
                                      : std::tolower(text[i]) - 'a' + 10;
                ok = ok && digit >= 0 && digit < base;
                number = number * base + digit;
            }
            if (ok) return Value(number);
        }
    }
    throw EvaluationError("D3030").with("value", jsonOf(value)).with("index", 1);
}

Value round(CallContext&, Args& args) {
    if (arg(args, 0).isUndefined()) return {};
    const int precision = arg(args, 1).isNumber() ? static_cast<int>(arg(args, 1).number()) : 0;
    return Value(roundHalfEven(arg(args, 0).number(), precision));
}

Value formatBase(CallContext&, Args& args) {
    if (arg(args, 0).isUndefined()) return {};
    double value = roundHalfEven(arg(args, 0).number(), 0);
    const double radix = arg(args, 1).isUndefined() ? 10 : roundHalfEven(arg(args, 1).number(), 0);
    if (radix < 2 || radix > 36) throw EvaluationError("D3100").with("value", radix);
    const bool negative = value < 0;
    value = std::fabs(value);
    std::string digits;
    const int base = static_cast<int>(radix);
    do {
        const int digit = static_cast<int>(std::fmod(value, base));
        digits.insert(digits.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[digit]);
        value = std::floor(value / base);
    } while (value > 0);
    return Value((negative ? "-" : "") + digits);
}

template <class Combine> Value aggregate(const Args& args, bool emptyIsUndefined, Combine combine) {
    const Value& values = arg(args, 0);
    if (values.isUndefined()) return {};
    const auto& items = values.array().items;
    if (items.empty() && emptyIsUndefined) return {};
    return combine(items);
}

} // namespace

// Scales by 10^shift the way jsonata-js does it: through the decimal text, so that
// 2.675 rounds as written rather than as the nearest double.
static double shiftDecimal(double value, int shift) {
    const std::string text = formatJsNumber(value);
    const auto e = text.find('e');
    const std::string mantissa = text.substr(0, e);
    const int exponent = e == std::string::npos ? 0 : std::atoi(text.c_str() + e + 1);
    const std::string shifted = mantissa + "e" + std::to_string(exponent + shift);
    return std::strtod(shifted.c_str(), nullptr);
}

double roundHalfEven(double value, int precision) {
    if (precision != 0) value = shiftDecimal(value, precision);
    double result = std::floor(value + 0.5); // JS Math.round
    const double diff = result - value;
    if (std::fabs(diff) == 0.5 && std::fabs(std::fmod(result, 2)) == 1) result -= 1;
    if (precision != 0) result = shiftDecimal(result, -precision);
    return result == 0 ? 0.0 : result;
}

void addNumericFunctions(FunctionLibrary& library) {
    library.add("number", "<(nsb)-:n>", 1, toNumber);
    library.add("abs", "<n-:n>", 1, [](CallContext&, Args& args) -> Value {
        if (arg(args, 0).isUndefined()) return {};
        return Value(std::fabs(arg(args, 0).number()));
    });
    library.add("floor", "<n-:n>", 1, [](CallContext&, Args& args) -> Value {
        if (arg(args, 0).isUndefined()) return {};
        return Value(std::floor(arg(args, 0).number()));
    });
    library.add("ceil", "<n-:n>", 1, [](CallContext&, Args& args) -> Value {
        if (arg(args, 0).isUndefined()) return {};
        return Value(std::ceil(arg(args, 0).number()));
    });
    library.add("round", "<n-n?:n>", 2, round);
    library.add("sqrt", "<n-:n>", 1, [](CallContext&, Args& args) -> Value {
        if (arg(args, 0).isUndefined()) return {};
        const double value = arg(args, 0).number();
        if (value < 0) throw EvaluationError("D3060").with("value", value).with("index", 1);
        return Value(std::sqrt(value));
    });
    library.add("power", "<n-n:n>", 2, [](CallContext&, Args& args) -> Value {
        if (arg(args, 0).isUndefined()) return {};
        const double result = std::pow(arg(args, 0).number(), arg(args, 1).number());
        if (!std::isfinite(result)) {
            throw EvaluationError("D3061")
                .with("value", arg(args, 0).number())
                .with("exp", arg(args, 1).number());
        }
        return Value(result);
    });
    library.add("random", "<:n>", 0,
                [](CallContext& context, Args&) { return Value(context.random()); });
    library.add("formatBase", "<n-n?:s>", 2, formatBase);
    library.add("sum", "<a<n>:n>", 1, [](CallContext&, Args& args) {
        return aggregate(args, false, [](const std::vector<Value>& items) {
            double total = 0;
            for (const Value& item : items)
                total += item.number();
            return Value(total);
        });
    });
    library.add("max", "<a<n>:n>", 1, [](CallContext&, Args& args) {
        return aggregate(args, true, [](const std::vector<Value>& items) {
            double best = -INFINITY;
            for (const Value& item : items)
                best = std::max(best, item.number());
            return Value(best);
        });
    });
    library.add("min", "<a<n>:n>", 1, [](CallContext&, Args& args) {
        return aggregate(args, true, [](const std::vector<Value>& items) {
            double best = INFINITY;
            for (const Value& item : items)
                best = std::min(best, item.number());
            return Value(best);
        });
    });
    library.add("average", "<a<n>:n>", 1, [](CallContext&, Args& args) {
        return aggregate(args, true, [](const std::vector<Value>& items) {
            double total = 0;
            for (const Value& item : items)
                total += item.number();
            return Value(total / static_cast<double>(items.size()));
        });
    });
}

} // namespace flowcast::model::jsonata
