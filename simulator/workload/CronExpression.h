#pragma once
// An EventBridge cron expression: six fields, Minutes Hours Day-of-month Month Day-of-week
// Year, evaluated in UTC on the virtual calendar (t = 0 is 2026-01-01T00:00:00Z). Wildcards as
// AWS documents them (EventBridge user guide, "Cron expressions reference"):
//   Minutes 0-59 , - * /        Month 1-12 or JAN-DEC , - * /
//   Hours 0-23 , - * /          Day-of-week 1-7 or SUN-SAT , - * ? L #
//   Day-of-month 1-31 , - * ? / L W       Year 1970-2199 , - * /
// Exactly one of Day-of-month and Day-of-week is '?'. Immutable once parsed.
#include "simulator/core/SimTime.h"

#include <bitset>
#include <optional>
#include <string>
#include <string_view>

namespace flowcast::sim {

class CronExpression {
public:
    /// Parses the text between "cron(" and ")". Throws model::ScenarioError(pointer,
    /// "cron: <field>: <reason>") when a field is malformed.
    static CronExpression parse(std::string_view fields, const std::string& pointer);

    /// The first firing at or after `t` (whole minutes), or nullopt when none is left before
    /// the end of 2199.
    std::optional<SimTime> nextAtOrAfter(SimTime t) const;

    /// Day-of-month forms: a set of days, "L", "LW", "15W", "?".
    enum class MonthDay { Set, Last, LastWeekday, NearestWeekday, Any };
    /// Day-of-week forms: a set of days (a lone "L" is Saturday), "6L", "2#1", "?".
    enum class WeekDay { Set, LastOfMonth, NthOfMonth, Any };

private:
    bool dayMatches(std::int64_t year, unsigned month, unsigned day, unsigned weekday) const;
    std::optional<int> firstMinuteFrom(int minuteOfDay) const;

    std::bitset<60> m_minutes;
    std::bitset<24> m_hours;
    std::bitset<32> m_days; ///< bit d = day d of the month
    std::bitset<13> m_months;
    std::bitset<8> m_weekdays; ///< bit 1 = Sunday ... 7 = Saturday
    std::bitset<230> m_years;  ///< bit i = year 1970 + i
    MonthDay m_monthDay = MonthDay::Set;
    WeekDay m_weekDay = WeekDay::Set;
    unsigned m_nearestTo = 0; ///< NearestWeekday: the day "15W" names
    unsigned m_weekdayOf = 0; ///< LastOfMonth / NthOfMonth: the weekday (1-7)
    unsigned m_nth = 0;       ///< NthOfMonth: which one (1-5)
};

} // namespace flowcast::sim
