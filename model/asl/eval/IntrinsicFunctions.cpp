#include "model/asl/eval/IntrinsicFunctions.h"

#include "model/asl/eval/IntrinsicEncoding.h"
#include "model/asl/eval/IntrinsicValueText.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <unordered_set>

// Rules from the AWS developer guide, "Intrinsic functions for JSONPath states", and the ASL
// specification, Appendix B. Causes start with AWS's own wording ("Invalid arguments in
// States.MathAdd") and add what was wrong.
namespace flowcast::model::eval {
namespace {

using Kind = IntrinsicArgument::Kind;

// AWS: Base64Encode, Base64Decode and Hash take "up to 10,000 characters".
constexpr std::size_t kMaxEncodedCharacters = 10000;
// AWS: "The newly generated array can't contain more than 1000 items."
constexpr std::int64_t kMaxRangeItems = 1000;
constexpr std::string_view kInt32Range = "an integer from -2147483648 to 2147483647";

EvalError invalid(std::string_view function, const std::string& detail) {
    return {"States.IntrinsicFailure",
            "Invalid arguments in " + std::string(function) + ": " + detail};
}

std::string ordinal(std::size_t index) {
    return "argument " + std::to_string(index + 1);
}

EvalError typeError(std::string_view function, std::size_t index, std::string_view expected,
                    const Json& got) {
    return invalid(function, ordinal(index) + " must be " + std::string(expected) + ", not " +
                                 jsonTypeName(got));
}

// AWS: non-integer numbers are "round[ed] off to the nearest integer" and MathAdd takes
// "integer values in the range of -2147483648 and 2147483647". Halves round up, as Java's
// Math.round does (AWS: MathAdd(-1.5, -1.51) is -3).
Result<std::int64_t> roundedInt32(std::string_view function, const IntrinsicValues& args,
                                  std::size_t index) {
    const Json& v = args[index].value;
    if (!v.is_number()) return typeError(function, index, "a number", v);
    const double rounded = std::floor(v.get<double>() + 0.5);
    if (rounded < INT32_MIN || rounded > INT32_MAX) {
        return invalid(function, ordinal(index) + " must be " + std::string(kInt32Range) +
                                     ", not " + compactJson(v));
    }
    return static_cast<std::int64_t>(rounded);
}

// The template is checked whole (and its placeholders counted) before any value is written,
// so a malformed template is reported before a value of the wrong type.
Result<Json> format(const IntrinsicValues& args, RandomSource*) {
    constexpr std::string_view fn = "States.Format";
    const IntrinsicValue& tmpl = args[0];
    if (!tmpl.value.is_string()) return typeError(fn, 0, "a string", tmpl.value);
    // A literal template keeps its escapes, so \{ is a brace and {} a placeholder.
    const std::string_view text =
        tmpl.kind == Kind::Literal ? tmpl.literalText : tmpl.value.get_ref<const std::string&>();
    std::size_t placeholders = 0;
    const auto ignore = [](std::string_view) {};
    if (auto failure = scanFormatTemplate(text, ignore, [&] { return ++placeholders > 0; }))
        return invalid(fn, failure->cause);
    if (placeholders != args.size() - 1) {
        return invalid(fn, "the template has " + std::to_string(placeholders) +
                               " placeholder(s) but " + std::to_string(args.size() - 1) +
                               " value(s) follow it");
    }
    std::string out;
    out.reserve(text.size() + 16 * placeholders);
    std::size_t next = 1;
    std::optional<EvalError> refused;
    scanFormatTemplate(
        text, [&](std::string_view run) { out += run; },
        [&] {
            const Json& v = args[next].value;
            // ASL: the value "MUST NOT be a JSON array or object".
            if (v.is_structured()) {
                refused = typeError(fn, next, "a string, number, boolean or null", v);
                return false;
            }
            out += v.is_string() ? v.get_ref<const std::string&>() : compactJson(v);
            ++next;
            return true;
        });
    if (refused) return *refused;
    return Json(std::move(out));
}

Result<Json> stringToJson(const IntrinsicValues& args, RandomSource*) {
    const Json& v = args[0].value;
    if (!v.is_string()) return typeError("States.StringToJson", 0, "a string", v);
    Json parsed = Json::parse(v.get_ref<const std::string&>(), nullptr, false);
    if (parsed.is_discarded())
        return invalid("States.StringToJson", "the string is not valid JSON: " + compactJson(v));
    return parsed;
}

// ASL: "This Intrinsic Function takes a single argument which MUST be a Path."
Result<Json> jsonToString(const IntrinsicValues& args, RandomSource*) {
    if (args[0].kind == Kind::Literal)
        return invalid("States.JsonToString", "the argument must be a path, not a literal");
    return Json(compactJson(args[0].value));
}

Result<Json> array(const IntrinsicValues& args, RandomSource*) {
    Json out = Json::array();
    for (const auto& arg : args)
        out.push_back(arg.value);
    return out;
}

Result<Json> arrayPartition(const IntrinsicValues& args, RandomSource*) {
    constexpr std::string_view fn = "States.ArrayPartition";
    const Json& items = args[0].value;
    if (!items.is_array()) return typeError(fn, 0, "an array", items);
    const auto size = roundedInt32(fn, args, 1);
    if (!size.ok()) return size.error();
    if (size.value() < 1)
        return invalid(fn, "the chunk size must be a positive integer, not " +
                               compactJson(args[1].value));
    Json out = Json::array();
    for (std::size_t i = 0; i < items.size(); i += static_cast<std::size_t>(size.value())) {
        Json chunk = Json::array();
        for (std::size_t j = i; j < items.size() && j < i + std::size_t(size.value()); ++j)
            chunk.push_back(items[j]);
        out.push_back(std::move(chunk));
    }
    return out;
}

Result<Json> arrayContains(const IntrinsicValues& args, RandomSource*) {
    const Json& items = args[0].value;
    if (!items.is_array()) return typeError("States.ArrayContains", 0, "an array", items);
    const std::string wanted = canonicalJson(args[1].value);
    for (const Json& item : items)
        if (canonicalJson(item) == wanted) return Json(true);
    return Json(false);
}

Result<Json> arrayRange(const IntrinsicValues& args, RandomSource*) {
    constexpr std::string_view fn = "States.ArrayRange";
    std::array<std::int64_t, 3> v{};
    for (std::size_t i = 0; i < 3; ++i) {
        const auto n = roundedInt32(fn, args, i);
        if (!n.ok()) return n.error();
        v[i] = n.value();
    }
    const auto [start, end, step] = v;
    if (step == 0) return invalid(fn, "the step must not be zero");
    const bool empty = step > 0 ? start > end : start < end;
    const std::int64_t count = empty ? 0 : (end - start) / step + 1;
    if (count > kMaxRangeItems) {
        return invalid(fn, "the range has " + std::to_string(count) + " items; at most " +
                               std::to_string(kMaxRangeItems) + " are allowed");
    }
    Json out = Json::array();
    for (std::int64_t i = 0; i < count; ++i)
        out.push_back(start + i * step);
    return out;
}

Result<Json> arrayGetItem(const IntrinsicValues& args, RandomSource*) {
    constexpr std::string_view fn = "States.ArrayGetItem";
    const Json& items = args[0].value;
    if (!items.is_array()) return typeError(fn, 0, "an array", items);
    const Json& index = args[1].value;
    if (!index.is_number()) return typeError(fn, 1, "a number", index);
    const double i = index.get<double>();
    if (i != std::floor(i))
        return invalid(fn, "argument 2 must be an integer, not " + compactJson(index));
    if (i < 0 || i >= static_cast<double>(items.size())) {
        return invalid(fn, "index " + compactJson(index) + " is out of bounds for an array of " +
                               std::to_string(items.size()) + " item(s)");
    }
    return items[static_cast<std::size_t>(i)];
}

Result<Json> arrayLength(const IntrinsicValues& args, RandomSource*) {
    const Json& items = args[0].value;
    if (!items.is_array()) return typeError("States.ArrayLength", 0, "an array", items);
    return Json(items.size());
}

// Keeps the first of equal items, in order.
Result<Json> arrayUnique(const IntrinsicValues& args, RandomSource*) {
    const Json& items = args[0].value;
    if (!items.is_array()) return typeError("States.ArrayUnique", 0, "an array", items);
    std::unordered_set<std::string> seen;
    Json out = Json::array();
    for (const Json& item : items)
        if (seen.insert(canonicalJson(item)).second) out.push_back(item);
    return out;
}

// A string argument of at most 10,000 characters.
Result<std::string> boundedString(std::string_view fn, const IntrinsicValues& args,
                                  std::size_t index) {
    const Json& v = args[index].value;
    if (!v.is_string()) return typeError(fn, index, "a string", v);
    const auto& text = v.get_ref<const std::string&>();
    if (const std::size_t length = utf16Length(text); length > kMaxEncodedCharacters) {
        return invalid(fn, ordinal(index) + " has " + std::to_string(length) +
                               " characters; at most 10000 are allowed");
    }
    return text;
}

Result<Json> base64EncodeFn(const IntrinsicValues& args, RandomSource*) {
    const auto text = boundedString("States.Base64Encode", args, 0);
    if (!text.ok()) return text.error();
    return Json(base64Encode(text.value()));
}

Result<Json> base64DecodeFn(const IntrinsicValues& args, RandomSource*) {
    const auto text = boundedString("States.Base64Decode", args, 0);
    if (!text.ok()) return text.error();
    const auto bytes = base64Decode(text.value());
    if (!bytes) return invalid("States.Base64Decode", "the string is not valid Base64");
    return Json(toValidUtf8(*bytes));
}

Result<Json> hash(const IntrinsicValues& args, RandomSource*) {
    constexpr std::string_view fn = "States.Hash";
    const auto data = boundedString(fn, args, 0);
    if (!data.ok()) return data.error();
    const Json& algorithm = args[1].value;
    if (!algorithm.is_string()) return typeError(fn, 1, "a string", algorithm);
    auto digest = hashHex(data.value(), algorithm.get_ref<const std::string&>());
    if (!digest) {
        return invalid(fn, "the algorithm " + compactJson(algorithm) +
                               " is not one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
    }
    return Json(std::move(*digest));
}

// AWS: "Step Functions only supports the shallow merging mode; therefore, you must specify the
// boolean value as false." Keys of the second object replace those of the first in place.
Result<Json> jsonMerge(const IntrinsicValues& args, RandomSource*) {
    constexpr std::string_view fn = "States.JsonMerge";
    for (std::size_t i = 0; i < 2; ++i)
        if (!args[i].value.is_object()) return typeError(fn, i, "an object", args[i].value);
    const Json& deep = args[2].value;
    if (!deep.is_boolean()) return typeError(fn, 2, "the boolean false", deep);
    if (deep.get<bool>())
        return invalid(fn, "deep merging is not supported: argument 3 must be false");
    Json out = args[0].value;
    for (const auto& [key, value] : args[1].value.items())
        out[key] = value;
    return out;
}

// The high 64 bits of bits * span: 64 random bits mapped onto [0, span) without a rejection
// loop (Lemire's multiply-shift; the bias is below span / 2^64).
std::uint64_t scaleToRange(std::uint64_t bits, std::uint64_t span) {
    const std::uint64_t aLo = bits & 0xFFFFFFFFu, aHi = bits >> 32;
    const std::uint64_t bLo = span & 0xFFFFFFFFu, bHi = span >> 32;
    const std::uint64_t loLo = aLo * bLo, hiLo = aHi * bLo, loHi = aLo * bHi;
    const std::uint64_t cross = (loLo >> 32) + (hiLo & 0xFFFFFFFFu) + loHi;
    return aHi * bHi + (hiLo >> 32) + (cross >> 32);
}

// AWS: start inclusive, end exclusive; "If you use this function with the same seed value, it
// returns an identical number." Seeded calls use java.util.Random's algorithm; unseeded ones
// draw from the scope's stream so simulator runs stay reproducible.
Result<Json> mathRandom(const IntrinsicValues& args, RandomSource* random) {
    constexpr std::string_view fn = "States.MathRandom";
    const auto start = roundedInt32(fn, args, 0);
    if (!start.ok()) return start.error();
    const auto end = roundedInt32(fn, args, 1);
    if (!end.ok()) return end.error();
    if (start.value() >= end.value()) {
        return invalid(fn, "the start (" + std::to_string(start.value()) +
                               ") must be less than the end (" + std::to_string(end.value()) + ")");
    }
    const std::int64_t span = end.value() - start.value();
    if (span > INT32_MAX) return invalid(fn, "the range from start to end exceeds 2147483647");
    if (args.size() == 3) {
        const Json& seed = args[2].value;
        if (!seed.is_number()) return typeError(fn, 2, "a number", seed);
        const double rounded = std::floor(seed.get<double>() + 0.5);
        if (!(rounded >= -9.2e18 && rounded <= 9.2e18))
            return invalid(fn, "the seed " + compactJson(seed) + " is out of range");
        JavaRandom generator(static_cast<std::int64_t>(rounded));
        return Json(start.value() + generator.nextInt(static_cast<std::int32_t>(span)));
    }
    if (!random) {
        return EvalError{"States.IntrinsicFailure",
                         "States.MathRandom without a seed needs a random source, and the scope "
                         "has none"};
    }
    const auto draw = static_cast<std::int64_t>(scaleToRange(random->next(), std::uint64_t(span)));
    return Json(start.value() + draw);
}

Result<Json> mathAdd(const IntrinsicValues& args, RandomSource*) {
    const auto a = roundedInt32("States.MathAdd", args, 0);
    if (!a.ok()) return a.error();
    const auto b = roundedInt32("States.MathAdd", args, 1);
    if (!b.ok()) return b.error();
    return Json(a.value() + b.value());
}

// AWS: each character of the second argument is a delimiter ("This.is+a,test=string" split on
// ".+,=" gives five words), and empty pieces are dropped (AWS: ",,,," gives []), as Java's
// StringTokenizer does.
Result<Json> stringSplit(const IntrinsicValues& args, RandomSource*) {
    constexpr std::string_view fn = "States.StringSplit";
    for (std::size_t i = 0; i < 2; ++i)
        if (!args[i].value.is_string()) return typeError(fn, i, "a string", args[i].value);
    const std::string_view text = args[0].value.get_ref<const std::string&>();
    const std::string_view delimiters = args[1].value.get_ref<const std::string&>();
    std::vector<std::string_view> delimiterChars;
    for (std::size_t i = 0; i < delimiters.size();) {
        const std::size_t n = utf8SequenceLength(delimiters, i);
        delimiterChars.push_back(delimiters.substr(i, n));
        i += n;
    }
    Json out = Json::array();
    std::string piece;
    for (std::size_t i = 0; i < text.size();) {
        const std::string_view ch = text.substr(i, utf8SequenceLength(text, i));
        i += ch.size();
        if (std::find(delimiterChars.begin(), delimiterChars.end(), ch) == delimiterChars.end()) {
            piece += ch;
        } else if (!piece.empty()) {
            out.push_back(std::move(piece));
            piece.clear();
        }
    }
    if (!piece.empty()) out.push_back(std::move(piece));
    return out;
}

// RFC 4122 version 4: 122 random bits, version nibble 4, variant bits 10.
Result<Json> uuid(const IntrinsicValues&, RandomSource* random) {
    if (!random) {
        return EvalError{"States.IntrinsicFailure",
                         "States.UUID needs a random source, and the scope has none"};
    }
    std::array<std::uint8_t, 16> bytes{};
    for (std::size_t half = 0; half < 2; ++half) {
        const std::uint64_t bits = random->next();
        for (std::size_t i = 0; i < 8; ++i)
            bytes[half * 8 + i] = std::uint8_t(bits >> (56 - 8 * i));
    }
    bytes[6] = std::uint8_t((bytes[6] & 0x0F) | 0x40);
    bytes[8] = std::uint8_t((bytes[8] & 0x3F) | 0x80);
    constexpr std::string_view hex = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += hex[bytes[i] >> 4];
        out += hex[bytes[i] & 0x0F];
    }
    return Json(std::move(out));
}

// Argument counts as AWS documents them (and PathSyntax's validator checks).
constexpr std::array<IntrinsicFunction, 18> kFunctions{{
    {"States.Format", 1, -1, format},
    {"States.StringToJson", 1, 1, stringToJson},
    {"States.JsonToString", 1, 1, jsonToString},
    {"States.Array", 0, -1, array},
    {"States.ArrayPartition", 2, 2, arrayPartition},
    {"States.ArrayContains", 2, 2, arrayContains},
    {"States.ArrayRange", 3, 3, arrayRange},
    {"States.ArrayGetItem", 2, 2, arrayGetItem},
    {"States.ArrayLength", 1, 1, arrayLength},
    {"States.ArrayUnique", 1, 1, arrayUnique},
    {"States.Base64Encode", 1, 1, base64EncodeFn},
    {"States.Base64Decode", 1, 1, base64DecodeFn},
    {"States.Hash", 2, 2, hash},
    {"States.JsonMerge", 3, 3, jsonMerge},
    {"States.MathRandom", 2, 3, mathRandom},
    {"States.MathAdd", 2, 2, mathAdd},
    {"States.StringSplit", 2, 2, stringSplit},
    {"States.UUID", 0, 0, uuid},
}};

} // namespace

const IntrinsicFunction* findIntrinsicFunction(std::string_view name) {
    for (const auto& f : kFunctions)
        if (f.name == name) return &f;
    return nullptr;
}

std::string checkIntrinsicArity(const IntrinsicFunction& function, std::size_t count) {
    const auto n = static_cast<int>(count);
    if (n >= function.minArguments && (function.maxArguments < 0 || n <= function.maxArguments))
        return {};
    const std::string expected = function.maxArguments < 0
                                     ? "at least " + std::to_string(function.minArguments)
                                 : function.minArguments == function.maxArguments
                                     ? std::to_string(function.minArguments)
                                     : std::to_string(function.minArguments) + " or " +
                                           std::to_string(function.maxArguments);
    return "Invalid arguments in " + std::string(function.name) + ": it takes " + expected +
           " argument(s), not " + std::to_string(count);
}

} // namespace flowcast::model::eval
