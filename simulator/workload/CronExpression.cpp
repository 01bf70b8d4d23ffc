#include "simulator/workload/CronExpression.h"

#include "model/scenario/ScenarioError.h"
#include "simulator/exec/VirtualClock.h"
#include "simulator/workload/CivilCalendar.h"

#include <cctype>
#include <vector>

namespace flowcast::sim {

namespace {

using namespace calendar;

struct Field {
    const char* name;
    int min, max;
    const char* wildcards; ///< the special characters AWS lists for the field
    const char* const* names = nullptr;
};

const char* const kMonthNames[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                   "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
const char* const kDayNames[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

const Field kFields[6] = {
    {"Minutes", 0, 59, ",-*/"},
    {"Hours", 0, 23, ",-*/"},
    {"Day-of-month", 1, 31, ",-*?/LW"},
    {"Month", 1, 12, ",-*/", kMonthNames},
    {"Day-of-week", 1, 7, ",-*?L#", kDayNames},
    {"Year", 1970, 2199, ",-*/"},
};

class FieldParser {
public:
    FieldParser(const Field& field, const std::string& pointer)
        : m_field(field), m_pointer(pointer) {}

    [[noreturn]] void fail(const std::string& reason) const {
        throw model::ScenarioError(m_pointer, "cron: " + std::string(m_field.name) + ": " + reason);
    }

    void checkWildcards(std::string_view text) const {
        // L and W are also letters of names (JUL, WED): only fields without names check them.
        for (char c : std::string_view(m_field.names ? "?#/" : "?LW#/")) {
            const bool listed = std::string_view(m_field.wildcards).find(c) != std::string::npos;
            if (!listed && text.find(c) != std::string_view::npos)
                fail(std::string("'") + c + "' is not allowed in this field");
        }
    }

    /// A number or, where the field has them, a three-letter name (any case).
    int value(std::string_view token) const {
        if (token.empty()) fail("a value is missing");
        if (std::isdigit(static_cast<unsigned char>(token[0]))) {
            int v = 0;
            for (char c : token) {
                if (!std::isdigit(static_cast<unsigned char>(c)) || v > 10000)
                    fail("'" + std::string(token) + "' is not a number");
                v = v * 10 + (c - '0');
            }
            if (v < m_field.min || v > m_field.max)
                fail(std::to_string(v) + " is out of range " + std::to_string(m_field.min) + "-" +
                     std::to_string(m_field.max));
            return v;
        }
        std::string upper(token);
        for (char& c : upper)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        for (int i = 0; m_field.names && i <= m_field.max - m_field.min; ++i)
            if (upper == m_field.names[i]) return m_field.min + i;
        fail("unknown value '" + std::string(token) + "'");
    }

    /// A list of items "*", "a", "a-b", each optionally followed by "/step", as a set of values
    /// (index = value). Ranges may wrap ("FRI-MON", "22-2"), as Quartz, whose syntax AWS
    /// follows, allows.
    std::vector<bool> list(std::string_view text) const {
        std::vector<bool> set(static_cast<std::size_t>(m_field.max) + 1, false);
        std::size_t start = 0;
        for (;;) {
            const std::size_t comma = text.find(',', start);
            item(text.substr(start, comma == std::string_view::npos ? comma : comma - start), set);
            if (comma == std::string_view::npos) return set;
            start = comma + 1;
        }
    }

private:
    void item(std::string_view text, std::vector<bool>& set) const {
        if (text.empty()) fail("empty item in a list");
        int step = 1;
        const std::size_t slash = text.find('/');
        if (slash != std::string_view::npos) {
            const std::string_view stepText = text.substr(slash + 1);
            if (stepText.empty() || !std::isdigit(static_cast<unsigned char>(stepText[0])))
                fail("'/' needs a step, as in 0/15");
            step = 0;
            for (char c : stepText) {
                if (!std::isdigit(static_cast<unsigned char>(c)) || step > 10000)
                    fail("step '" + std::string(stepText) + "' is not a number");
                step = step * 10 + (c - '0');
            }
            if (step == 0) fail("the step after '/' must be at least 1");
            text = text.substr(0, slash);
        }
        int from = m_field.min, to = m_field.max;
        if (text != "*") {
            const std::size_t dash = text.find('-');
            from = value(text.substr(0, dash));
            // "a/step" runs to the end of the field; a lone "a" is just a.
            to = dash != std::string_view::npos    ? value(text.substr(dash + 1))
                 : slash != std::string_view::npos ? m_field.max
                                                   : from;
        }
        const int span = m_field.max - m_field.min + 1;
        if (to < from && m_field.min == 1970)
            fail("range " + std::string(text) + " runs backwards");
        const int count = (to >= from ? to - from : to - from + span) + 1;
        for (int k = 0; k < count; k += step)
            set[static_cast<std::size_t>((from - m_field.min + k) % span + m_field.min)] = true;
    }

    const Field& m_field;
    const std::string& m_pointer;
};

template <std::size_t N> void fill(std::bitset<N>& bits, const std::vector<bool>& set) {
    for (std::size_t i = 0; i < set.size() && i < N; ++i)
        bits[i] = set[i];
}

struct DayForm {
    int kind = 0; ///< a CronExpression::MonthDay or WeekDay value
    unsigned day = 0, nth = 0;
    std::vector<bool> set;
};

DayForm form(int kind, unsigned day = 0, unsigned nth = 0, std::vector<bool> set = {}) {
    return {kind, day, nth, std::move(set)};
}

// Quartz, on which AWS's syntax is modelled, lets L and W stand only alone in their field.
DayForm monthDayForm(const FieldParser& p, std::string_view f) {
    using Kind = CronExpression::MonthDay;
    if (f == "?") return form(int(Kind::Any));
    if (f == "L") return form(int(Kind::Last));
    if (f == "LW") return form(int(Kind::LastWeekday));
    const bool special = f.find_first_of("LW") != std::string_view::npos;
    if (special && f.find_first_of(",-/*?") != std::string_view::npos)
        p.fail("'" + std::string(f) + "': L and W must stand alone (as in L, LW or 15W)");
    if (f.ends_with('W'))
        return form(int(Kind::NearestWeekday), unsigned(p.value(f.substr(0, f.size() - 1))));
    if (special) p.fail("'" + std::string(f) + "' is not a day (L, LW, 15W or 1-31)");
    if (f.find('?') != std::string_view::npos) p.fail("'?' must stand alone");
    return form(int(Kind::Set), 0, 0, p.list(f));
}

DayForm weekDayForm(const FieldParser& p, std::string_view f) {
    using Kind = CronExpression::WeekDay;
    if (f == "?") return form(int(Kind::Any));
    if (f.find('#') != std::string_view::npos) {
        // AWS: "If you use a '#' character, you can define only one expression in the
        // day-of-week field. For example, "3#1,6#3" is not valid".
        if (f.find_first_of(",-/*L") != std::string_view::npos)
            p.fail("'" + std::string(f) + "': '#' allows only one expression, as in 2#1");
        const std::size_t hash = f.find('#');
        const std::string_view nth = f.substr(hash + 1);
        if (nth.size() != 1 || nth[0] < '1' || nth[0] > '5')
            p.fail("'" + std::string(f) + "': the number after '#' must be 1 to 5");
        return form(int(Kind::NthOfMonth), unsigned(p.value(f.substr(0, hash))),
                    unsigned(nth[0] - '0'));
    }
    if (f == "L")
        return form(int(Kind::Set), 0, 0,
                    std::vector<bool>{false, false, false, false, false, false, false, true});
    if (f.find('L') != std::string_view::npos) {
        if (!f.ends_with('L') || f.find_first_of(",-/*") != std::string_view::npos)
            p.fail("'" + std::string(f) + "': L must stand alone or follow one day, as in 6L");
        return form(int(Kind::LastOfMonth), unsigned(p.value(f.substr(0, f.size() - 1))));
    }
    if (f.find('?') != std::string_view::npos) p.fail("'?' must stand alone");
    return form(int(Kind::Set), 0, 0, p.list(f));
}

unsigned weekdayOf(std::int64_t y, unsigned m, unsigned d) {
    return cronWeekday(daysFromCivil(y, m, d));
}

} // namespace

CronExpression CronExpression::parse(std::string_view text, const std::string& pointer) {
    std::vector<std::string_view> parts;
    for (std::size_t i = 0; i < text.size();) {
        if (std::isspace(static_cast<unsigned char>(text[i]))) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])))
            ++end;
        parts.push_back(text.substr(i, end - i));
        i = end;
    }
    if (parts.size() != 6)
        throw model::ScenarioError(pointer, "cron: expected 6 fields (Minutes Hours Day-of-month "
                                            "Month Day-of-week Year), got " +
                                                std::to_string(parts.size()));
    CronExpression cron;
    for (int i = 0; i < 6; ++i) {
        const FieldParser p(kFields[i], pointer);
        const std::string_view f = parts[static_cast<std::size_t>(i)];
        p.checkWildcards(f);
        if (i == 2) {
            const DayForm parsed = monthDayForm(p, f);
            cron.m_monthDay = MonthDay(parsed.kind);
            cron.m_nearestTo = parsed.day;
            fill(cron.m_days, parsed.set);
            continue;
        }
        if (i == 4) {
            const DayForm parsed = weekDayForm(p, f);
            cron.m_weekDay = WeekDay(parsed.kind);
            cron.m_weekdayOf = parsed.day;
            cron.m_nth = parsed.nth;
            fill(cron.m_weekdays, parsed.set);
            continue;
        }
        const std::vector<bool> set = p.list(f);
        if (i == 0) fill(cron.m_minutes, set);
        if (i == 1) fill(cron.m_hours, set);
        if (i == 3) fill(cron.m_months, set);
        if (i == 5)
            for (int y = 1970; y <= 2199; ++y)
                cron.m_years[static_cast<std::size_t>(y - 1970)] = set[y];
    }
    // AWS: "If you specify a value or a * (asterisk) in one of the fields, you must use a ?
    // (question mark) in the other."
    const bool monthDayAny = cron.m_monthDay == MonthDay::Any;
    const bool weekDayAny = cron.m_weekDay == WeekDay::Any;
    if (monthDayAny == weekDayAny)
        throw model::ScenarioError(
            pointer, monthDayAny ? "cron: Day-of-month and Day-of-week cannot both be '?'"
                                 : "cron: one of Day-of-month and Day-of-week must "
                                   "be '?'");
    return cron;
}

bool CronExpression::dayMatches(std::int64_t y, unsigned m, unsigned d, unsigned weekday) const {
    const unsigned last = daysInMonth(y, m);
    switch (m_monthDay) {
    case MonthDay::Set:
        return m_days[d];
    case MonthDay::Last:
        return d == last;
    case MonthDay::LastWeekday: {
        const unsigned w = weekdayOf(y, m, last); // 1 = Sunday, 7 = Saturday
        return d == (w == 7 ? last - 1 : w == 1 ? last - 2 : last);
    }
    case MonthDay::NearestWeekday: {
        // Quartz's W: the weekday nearest the given day without leaving the month; a month
        // too short for the day has no firing.
        const unsigned n = m_nearestTo;
        if (n > last) return false;
        const unsigned w = weekdayOf(y, m, n);
        const unsigned target = w == 7   ? (n == 1 ? 3 : n - 1)
                                : w == 1 ? (n == last ? n - 2 : n + 1)
                                         : n;
        return d == target;
    }
    case MonthDay::Any:
        break;
    }
    switch (m_weekDay) {
    case WeekDay::Set:
        return m_weekdays[weekday];
    case WeekDay::LastOfMonth:
        return weekday == m_weekdayOf && d + 7 > last;
    case WeekDay::NthOfMonth:
        return weekday == m_weekdayOf && (d - 1) / 7 + 1 == m_nth;
    case WeekDay::Any:
        break;
    }
    return false;
}

std::optional<int> CronExpression::firstMinuteFrom(int minuteOfDay) const {
    for (int h = minuteOfDay / 60; h < 24; ++h) {
        if (!m_hours[static_cast<std::size_t>(h)]) continue;
        for (int mi = h == minuteOfDay / 60 ? minuteOfDay % 60 : 0; mi < 60; ++mi)
            if (m_minutes[static_cast<std::size_t>(mi)]) return h * 60 + mi;
    }
    return std::nullopt;
}

std::optional<SimTime> CronExpression::nextAtOrAfter(SimTime t) const {
    constexpr std::int64_t kMinuteUs = 60'000'000;
    constexpr std::int64_t kEpochMinutes = kVirtualEpochSeconds / 60;
    // Firings fall on whole minutes: round t up to one.
    const std::int64_t minute = -floorDiv(-t.us, kMinuteUs) + kEpochMinutes;
    std::int64_t day = floorDiv(minute, 1440);
    int minuteOfDay = static_cast<int>(minute - day * 1440);
    for (;;) {
        const CivilDate c = civilFromDays(day);
        if (c.year > 2199) return std::nullopt;
        if (c.year < 1970 || !m_years[static_cast<std::size_t>(c.year - 1970)]) {
            day = daysFromCivil(c.year + 1, 1, 1);
            minuteOfDay = 0;
            continue;
        }
        if (!m_months[c.month]) {
            day = c.month == 12 ? daysFromCivil(c.year + 1, 1, 1)
                                : daysFromCivil(c.year, c.month + 1, 1);
            minuteOfDay = 0;
            continue;
        }
        if (dayMatches(c.year, c.month, c.day, cronWeekday(day)))
            if (const auto m = firstMinuteFrom(minuteOfDay))
                return SimTime{(day * 1440 + *m - kEpochMinutes) * kMinuteUs};
        ++day;
        minuteOfDay = 0;
    }
}

} // namespace flowcast::sim
