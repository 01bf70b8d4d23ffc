#include "simulator/workload/Schedule.h"

#include "model/scenario/ScenarioError.h"
#include "simulator/core/CsvReader.h"

#include <cctype>

namespace flowcast::sim {

namespace {

[[noreturn]] void fail(const std::string& pointer, const std::string& message) {
    throw model::ScenarioError(pointer, message);
}

// "rate(value unit)": AWS, "Rate expressions reference": value is a positive number; "If the
// value is equal to 1, then the unit must be singular. If the value is greater than 1, the
// unit must be plural."
SimTime parseRate(std::string_view body, const std::string& pointer) {
    body = trimmed(body);
    const std::size_t space = body.find_first_of(" \t");
    if (space == std::string_view::npos)
        fail(pointer, "rate: expected rate(value unit), as in rate(5 minutes)");
    const std::string_view valueText = body.substr(0, space);
    const std::string_view unit = trimmed(body.substr(space));
    std::int64_t value = 0;
    for (char c : valueText) {
        if (!std::isdigit(static_cast<unsigned char>(c)) || value > 1'000'000'000)
            fail(pointer, "rate: value must be a positive whole number, got '" +
                              std::string(valueText) + "'");
        value = value * 10 + (c - '0');
    }
    if (value == 0) fail(pointer, "rate: value must be a positive whole number, got '0'");
    struct Unit {
        std::string_view singular, plural;
        std::int64_t seconds;
    };
    constexpr Unit kUnits[] = {
        {"minute", "minutes", 60}, {"hour", "hours", 3600}, {"day", "days", 86400}};
    for (const Unit& u : kUnits) {
        if (unit != u.singular && unit != u.plural) continue;
        if (value == 1 && unit == u.plural)
            fail(pointer, "rate: the value 1 takes the singular unit: rate(1 " +
                              std::string(u.singular) + ")");
        if (value > 1 && unit == u.singular)
            fail(pointer, "rate: a value above 1 takes the plural unit: rate(" +
                              std::to_string(value) + " " + std::string(u.plural) + ")");
        return SimTime{value * u.seconds * 1'000'000};
    }
    fail(pointer, "rate: unknown unit '" + std::string(unit) +
                      "' (expected minute, minutes, hour, hours, day or days)");
}

} // namespace

Schedule Schedule::parse(std::string_view expression, const std::string& pointer) {
    Schedule schedule;
    schedule.m_expression = std::string(expression);
    const bool closed = expression.ends_with(')');
    if (expression.starts_with("rate(") && closed) {
        schedule.m_interval = parseRate(expression.substr(5, expression.size() - 6), pointer);
    } else if (expression.starts_with("cron(") && closed) {
        schedule.m_cron =
            CronExpression::parse(expression.substr(5, expression.size() - 6), pointer);
    } else {
        fail(pointer, "schedule: expected rate(value unit) or cron(fields), got '" +
                          std::string(expression) + "'");
    }
    return schedule;
}

std::optional<SimTime> Schedule::nextAtOrAfter(SimTime t, SimTime anchor) const {
    if (m_cron) return m_cron->nextAtOrAfter(t);
    if (t <= anchor) return anchor;
    const std::int64_t periods = (t.us - anchor.us + m_interval.us - 1) / m_interval.us;
    return SimTime{anchor.us + periods * m_interval.us};
}

} // namespace flowcast::sim
