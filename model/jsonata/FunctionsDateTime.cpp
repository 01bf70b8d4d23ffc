// Date and time functions: $now, $millis, $fromMillis, $toMillis (jsonata-js src/datetime.js).
// Without a picture string timestamps are ISO 8601 in UTC, as JS's toISOString writes them.
#include "model/jsonata/DateTimeFormat.h"
#include "model/jsonata/Functions.h"

#include <cmath>
#include <regex>

namespace flowcast::model::jsonata {
namespace {

using Args = std::vector<Value>;

const Value& arg(const Args& args, std::size_t index) {
    static const Value undefined;
    return index < args.size() ? args[index] : undefined;
}

double nowMillis(const CallContext& context) {
    return static_cast<double>(
        std::chrono::duration_cast<std::chrono::milliseconds>(context.now().time_since_epoch())
            .count());
}

Value fromMillis(const Value& millis, const Value& picture, const Value& timezone) {
    if (millis.isUndefined()) return {};
    return Value(formatDateTime(millis.number(), picture.isString() ? &picture.string() : nullptr,
                                timezone.isString() ? &timezone.string() : nullptr));
}

Value toMillis(CallContext& context, Args& args) {
    const Value& timestamp = arg(args, 0);
    if (timestamp.isUndefined()) return {};
    if (arg(args, 1).isString()) {
        const auto millis =
            parseDateTime(timestamp.string(), arg(args, 1).string(), nowMillis(context));
        return millis ? Value(*millis) : Value();
    }
    static const std::regex iso(
        "^\\d{4}(-[01]\\d)*(-[0-3]\\d)*(T[0-2]\\d:[0-5]\\d:[0-5]\\d)*(\\.\\d+)?([+-][0-2]\\d:?[0-5]"
        "\\d|Z)?$");
    if (!std::regex_match(timestamp.string(), iso))
        throw EvaluationError("D3110").with("value", timestamp.string());
    const auto millis = parseIso8601(timestamp.string());
    return millis ? Value(*millis) : Value();
}

} // namespace

void addDateTimeFunctions(FunctionLibrary& library) {
    library.add("now", "<s?s?:s>", 2, [](CallContext& context, Args& args) {
        return fromMillis(Value(nowMillis(context)), arg(args, 0), arg(args, 1));
    });
    library.add("millis", "<:n>", 0,
                [](CallContext& context, Args&) { return Value(nowMillis(context)); });
    library.add("fromMillis", "<n-s?s?:s>", 3, [](CallContext&, Args& args) {
        return fromMillis(arg(args, 0), arg(args, 1), arg(args, 2));
    });
    library.add("toMillis", "<s-s?:n>", 2, toMillis);
}

} // namespace flowcast::model::jsonata
