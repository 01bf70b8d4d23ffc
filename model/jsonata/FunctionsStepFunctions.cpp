// The functions AWS Step Functions adds to JSONata ("JSONata functions provided by Step
// Functions"): $partition, $range, $hash, $random with an optional seed, $uuid and $parse.
// Their failures use Flowcast's code F0410 with a message; Step Functions reports them as
// States.QueryEvaluationError.
#include "model/jsonata/Functions.h"
#include "model/asl/eval/IntrinsicEncoding.h"

#include <array>
#include <cmath>

namespace flowcast::model::jsonata {
namespace {

using Args = std::vector<Value>;

const Value& arg(const Args& args, std::size_t index) {
    static const Value undefined;
    return index < args.size() ? args[index] : undefined;
}

[[noreturn]] void fail(const std::string& message) {
    throw EvaluationError("F0410").with("message", message);
}

bool isInteger(double value) {
    return std::isfinite(value) && std::floor(value) == value;
}

// $partition([1,2,3,4,5], 2) = [[1,2],[3,4],[5]] (States.ArrayPartition's replacement).
Value partition(CallContext&, Args& args) {
    if (arg(args, 0).isUndefined()) return {};
    const double size = arg(args, 1).number();
    if (!isInteger(size) || size < 1)
        fail("The chunk size of $partition must be a positive integer");
    const auto& items = arg(args, 0).array().items;
    auto result = makeArray();
    const auto chunk = static_cast<std::size_t>(size);
    for (std::size_t i = 0; i < items.size(); i += chunk) {
        auto part = makeArray();
        for (std::size_t j = i; j < items.size() && j < i + chunk; ++j)
            part->items.push_back(items[j]);
        result->items.emplace_back(part);
    }
    return Value(result);
}

// $range(0, 10, 2) = [0,2,4,6,8,10]: the end is included; a negative step counts down.
Value range(CallContext&, Args& args) {
    const double start = arg(args, 0).number();
    const double end = arg(args, 1).number();
    const double step = arg(args, 2).isNumber() ? arg(args, 2).number() : 1;
    if (!isInteger(start) || !isInteger(end) || !isInteger(step))
        fail("The arguments of $range must be integers");
    if (step == 0) fail("The step of $range must not be zero");
    auto result = makeArray();
    const double count = std::floor((end - start) / step) + 1;
    if (count > 1e7) fail("$range would create more than 10000000 items");
    for (double i = 0; i < count; ++i)
        result->items.emplace_back(start + i * step);
    return Value(result);
}

Value hash(CallContext&, Args& args) {
    if (arg(args, 0).isUndefined()) return {};
    const std::string algorithm = arg(args, 1).isString() ? arg(args, 1).string() : "";
    const auto digest = eval::hashHex(arg(args, 0).string(), algorithm);
    if (!digest) {
        fail("The hash algorithm of $hash must be MD5, SHA-1, SHA-256, SHA-384 or SHA-512, not \"" +
             algorithm + "\"");
    }
    return Value(*digest);
}

// java.util.Random's nextDouble(), so that one seed always gives one number.
double seededRandom(double seed) {
    constexpr std::uint64_t kMultiplier = 0x5DEECE66DULL;
    constexpr std::uint64_t kMask = (1ULL << 48) - 1;
    std::uint64_t state =
        (static_cast<std::uint64_t>(static_cast<std::int64_t>(std::floor(seed))) ^ kMultiplier) &
        kMask;
    const auto next = [&](int bits) {
        state = (state * kMultiplier + 0xB) & kMask;
        return static_cast<std::uint64_t>(state >> (48 - bits));
    };
    const std::uint64_t high = next(26);
    const std::uint64_t low = next(27);
    return static_cast<double>((high << 27) + low) * 0x1.0p-53;
}

Value random(CallContext& context, Args& args) {
    if (arg(args, 0).isNumber()) {
        if (!std::isfinite(arg(args, 0).number())) fail("The seed of $random must be finite");
        return Value(seededRandom(arg(args, 0).number()));
    }
    return Value(context.random());
}

// RFC 4122 version 4 from the evaluation's random stream.
Value uuid(CallContext& context, Args&) {
    std::array<unsigned, 16> bytes{};
    for (unsigned& byte : bytes)
        byte = static_cast<unsigned>(context.random() * 256) & 0xFF;
    bytes[6] = (bytes[6] & 0x0F) | 0x40;
    bytes[8] = (bytes[8] & 0x3F) | 0x80;
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += hex[bytes[i] >> 4];
        out += hex[bytes[i] & 0x0F];
    }
    return Value(out);
}

Value parseJson(CallContext&, Args& args) {
    if (arg(args, 0).isUndefined()) return {};
    const Json parsed = Json::parse(arg(args, 0).string(), nullptr, false);
    if (parsed.is_discarded()) fail("The argument of $parse is not valid JSON");
    return fromJson(parsed);
}

} // namespace

void addStepFunctionsFunctions(FunctionLibrary& library) {
    library.add("partition", "<an:a>", 2, partition);
    library.add("range", "<nnn?:a>", 3, range);
    library.add("hash", "<s-s:s>", 2, hash);
    library.add("random", "<n?:n>", 1, random);
    library.add("uuid", "<:s>", 0, uuid);
    library.add("parse", "<s-:x>", 1, parseJson);
}

} // namespace flowcast::model::jsonata
