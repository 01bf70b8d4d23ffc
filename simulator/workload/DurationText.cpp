#include "simulator/workload/DurationText.h"

#include "model/scenario/ScenarioError.h"
#include "simulator/core/CsvReader.h"
#include "simulator/core/SpecObject.h"

namespace flowcast::sim {

namespace {

struct Unit {
    std::string_view suffix;
    double seconds;
};

// Longest suffixes first, so "ms" is not read as "m" followed by junk.
constexpr Unit kUnits[] = {{"ms", 0.001}, {"s", 1}, {"m", 60}, {"h", 3600}, {"d", 86400}};

[[noreturn]] void badDuration(std::string_view text, const std::string& pointer) {
    throw model::ScenarioError(pointer, "duration: expected seconds or a number with a unit "
                                        "(250ms, 30s, 5m, 2h, 30d), got '" +
                                            std::string(text) + "'");
}

SimTime checked(double seconds, std::string_view text, const std::string& pointer) {
    if (seconds < 0)
        throw model::ScenarioError(pointer,
                                   "duration: '" + std::string(text) + "' must not be negative");
    // About 292,000 years of microseconds fit in SimTime; stay far below.
    if (seconds > 1e12) badDuration(text, pointer);
    return SimTime::fromSeconds(seconds);
}

} // namespace

SimTime parseDuration(std::string_view text, const std::string& pointer) {
    const std::string_view body = trimmed(text);
    if (auto plain = parseNumber(body)) return checked(*plain, text, pointer);
    for (const Unit& unit : kUnits) {
        if (body.size() <= unit.suffix.size() || !body.ends_with(unit.suffix)) continue;
        const std::string_view number = body.substr(0, body.size() - unit.suffix.size());
        if (auto value = parseNumber(number)) return checked(*value * unit.seconds, text, pointer);
        break;
    }
    badDuration(text, pointer);
}

SimTime parseDuration(const model::Json& value, const std::string& pointer) {
    if (value.is_number()) {
        const double seconds = value.get<double>();
        return checked(seconds, formatNumber(seconds), pointer);
    }
    if (value.is_string())
        return parseDuration(std::string_view(value.get_ref<const std::string&>()), pointer);
    throw model::ScenarioError(pointer, std::string("duration: expected a number of seconds or "
                                                    "a string like '2h', got ") +
                                            model::jsonTypeName(value));
}

} // namespace flowcast::sim
