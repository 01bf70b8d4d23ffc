#include "model/jsonata/DateTimeFormat.h"

#include "model/jsonata/DateTimePicture.h"
#include "model/jsonata/EvaluationError.h"
#include "model/jsonata/Functions.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace flowcast::model::jsonata {
namespace datetime {

// Howard Hinnant's civil-date algorithms (proleptic Gregorian).
long long daysFromCivil(long long y, long long m, long long d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const long long yoe = y - era * 400;
    const long long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct Civil {
    long long year;
    int month; // 1-12
    int day;
};

static Civil civilFromDays(long long z) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const long long doe = z - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153;
    const auto d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const auto m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return {yoe + era * 400 + (m <= 2), m, d};
}

// JS's Date.UTC: months beyond 0-11 and days beyond the month carry over.
double dateUtc(double year, double month, double day, double h, double m, double s, double ms) {
    if (year >= 0 && year <= 99) year += 1900;
    const double y = year + std::floor(month / 12);
    const double mo = std::fmod(std::fmod(month, 12) + 12, 12);
    const auto days = daysFromCivil(static_cast<long long>(y), static_cast<long long>(mo) + 1, 1);
    return (static_cast<double>(days) + day - 1) * kDayMs + h * 3600000 + m * 60000 + s * 1000 + ms;
}

Instant instantOf(double millis) {
    const double days = std::floor(millis / kDayMs);
    const double rest = millis - days * kDayMs;
    const Civil civil = civilFromDays(static_cast<long long>(days));
    const auto restMs = static_cast<long long>(rest);
    const int weekday = static_cast<int>(((static_cast<long long>(days) % 7) + 11) % 7);
    return {millis,
            civil.year,
            civil.month - 1,
            civil.day,
            weekday,
            static_cast<int>(restMs / 3600000),
            static_cast<int>(restMs / 60000 % 60),
            static_cast<int>(restMs / 1000 % 60),
            static_cast<int>(restMs % 1000)};
}

static int weekdayOf(double millis) {
    return instantOf(millis).weekday;
}

// ISO 8601: week 1 of a year (or month) holds its first Thursday; weeks start on Monday.
static double startOfFirstWeek(long long year, int month) {
    const double first = dateUtc(static_cast<double>(year), month);
    int day = weekdayOf(first);
    if (day == 0) day = 7;
    return day > 4 ? first + (8 - day) * kDayMs : first - (day - 1) * kDayMs;
}

static double deltaWeeks(double start, double end) {
    return (end - start) / (kDayMs * 7) + 1;
}

Fragment fragment(const Instant& date, char component) {
    const auto year = static_cast<double>(date.year);
    const double today = dateUtc(year, date.month, date.day);
    switch (component) {
    case 'Y':
        return {year, {}};
    case 'M':
        return {static_cast<double>(date.month + 1), {}};
    case 'D':
        return {static_cast<double>(date.day), {}};
    case 'd':
        return {(today - dateUtc(year, 0)) / kDayMs + 1, {}};
    case 'F':
        return {static_cast<double>(date.weekday == 0 ? 7 : date.weekday), {}};
    case 'W': {
        double week = deltaWeeks(startOfFirstWeek(date.year, 0), today);
        if (week > 52) {
            if (today >= startOfFirstWeek(date.year + 1, 0)) week = 1;
        } else if (week < 1) {
            week = deltaWeeks(startOfFirstWeek(date.year - 1, 0), today);
        }
        return {std::floor(week), {}};
    }
    case 'w': {
        double week = deltaWeeks(startOfFirstWeek(date.year, date.month), today);
        if (week > 4) {
            const long long nextYear = date.month == 11 ? date.year + 1 : date.year;
            const int nextMonth = date.month == 11 ? 0 : date.month + 1;
            if (today >= startOfFirstWeek(nextYear, nextMonth)) week = 1;
        } else if (week < 1) {
            const long long prevYear = date.month == 0 ? date.year - 1 : date.year;
            const int prevMonth = date.month == 0 ? 11 : date.month - 1;
            week = deltaWeeks(startOfFirstWeek(prevYear, prevMonth), today);
        }
        return {std::floor(week), {}};
    }
    case 'X': {
        if (date.millis < startOfFirstWeek(date.year, 0)) return {year - 1, {}};
        if (date.millis >= startOfFirstWeek(date.year + 1, 0)) return {year + 1, {}};
        return {year, {}};
    }
    case 'x': {
        const long long nextYear = date.month == 11 ? date.year + 1 : date.year;
        const int nextMonth = date.month == 11 ? 0 : date.month + 1;
        if (date.millis < startOfFirstWeek(date.year, date.month))
            return {static_cast<double>(date.month == 0 ? 12 : date.month), {}};
        if (date.millis >= startOfFirstWeek(nextYear, nextMonth))
            return {static_cast<double>(nextMonth + 1), {}};
        return {static_cast<double>(date.month + 1), {}};
    }
    case 'H':
        return {static_cast<double>(date.hours), {}};
    case 'h': {
        const int h = date.hours % 12;
        return {static_cast<double>(h == 0 ? 12 : h), {}};
    }
    case 'P':
        return {0, date.hours >= 12 ? "pm" : "am"};
    case 'm':
        return {static_cast<double>(date.minutes), {}};
    case 's':
        return {static_cast<double>(date.seconds), {}};
    case 'f':
        return {static_cast<double>(date.milliseconds), {}};
    case 'C':
    case 'E':
        return {0, "ISO"};
    default:
        return {};
    }
}

static std::string defaultPresentation(char component) {
    switch (component) {
    case 'F':
    case 'P':
    case 'C':
    case 'E':
        return "n";
    case 'm':
    case 's':
        return "01";
    case 'Z':
    case 'z':
        return "01:01";
    case 'Y':
    case 'M':
    case 'D':
    case 'd':
    case 'W':
    case 'w':
    case 'X':
    case 'x':
    case 'H':
    case 'h':
    case 'f':
        return "1";
    default:
        return {};
    }
}

static std::optional<int> widthOf(const std::string& text) {
    if (text.empty() || text == "*") return std::nullopt;
    return std::atoi(text.c_str());
}

static Marker analyseMarker(std::string marker) {
    marker.erase(std::remove_if(marker.begin(), marker.end(),
                                [](unsigned char c) { return std::isspace(c); }),
                 marker.end());
    Marker def;
    def.component = marker.empty() ? '\0' : marker[0];
    std::string presentation;
    if (const auto comma = marker.rfind(','); comma != std::string::npos) {
        const std::string width = marker.substr(comma + 1);
        const auto dash = width.find('-');
        def.minWidth = widthOf(width.substr(0, dash));
        if (dash != std::string::npos) def.maxWidth = widthOf(width.substr(dash + 1));
        presentation = marker.substr(1, comma - 1);
    } else {
        presentation = marker.size() > 1 ? marker.substr(1) : "";
    }
    if (presentation.size() == 1) {
        def.presentation1 = presentation;
    } else if (presentation.size() > 1) {
        const char last = presentation.back();
        if (std::string("atco").find(last) != std::string::npos) {
            def.presentation2 = std::string(1, last);
            def.presentation1 = presentation.substr(0, presentation.size() - 1);
        } else {
            def.presentation1 = presentation;
        }
    } else {
        def.presentation1 = defaultPresentation(def.component);
    }
    if (def.presentation1.empty())
        throw EvaluationError("D3132").with("value", std::string(1, def.component));
    if (def.presentation1[0] == 'n') {
        def.names = Marker::Names::Lower;
    } else if (def.presentation1[0] == 'N') {
        def.names = def.presentation1.size() > 1 && def.presentation1[1] == 'n'
                        ? Marker::Names::Title
                        : Marker::Names::Upper;
    } else if (std::string("YMDdFWwXxHhmsf").find(def.component) != std::string::npos) {
        std::string pattern = def.presentation1;
        if (!def.presentation2.empty()) pattern += ";" + def.presentation2;
        def.integer = analyseIntegerPicture(pattern);
        if (def.minWidth && def.integer->mandatoryDigits < *def.minWidth)
            def.integer->mandatoryDigits = *def.minWidth;
        if (def.component == 'Y' || def.component == 'M' || def.component == 'D') {
            if (def.maxWidth) {
                def.n = *def.maxWidth;
                def.integer->mandatoryDigits = def.n;
            } else {
                const int w = def.integer->mandatoryDigits + def.integer->optionalDigits;
                if (w >= 2) def.n = w;
            }
        }
    }
    if (def.component == 'Z' || def.component == 'z')
        def.integer = analyseIntegerPicture(def.presentation1);
    return def;
}

std::vector<Marker> analysePicture(const std::string& picture) {
    std::vector<Marker> parts;
    const auto addLiteral = [&](std::size_t start, std::size_t end) {
        if (end <= start) return;
        std::string literal = picture.substr(start, end - start);
        for (auto at = literal.find("]]"); at != std::string::npos; at = literal.find("]]", at + 1))
            literal.erase(at, 1);
        Marker marker;
        marker.literal = true;
        marker.text = literal;
        parts.push_back(marker);
    };
    std::size_t start = 0;
    std::size_t pos = 0;
    while (pos < picture.size()) {
        if (picture[pos] == '[') {
            if (pos + 1 < picture.size() && picture[pos + 1] == '[') {
                addLiteral(start, pos);
                Marker bracket;
                bracket.literal = true;
                bracket.text = "[";
                parts.push_back(bracket);
                pos += 2;
                start = pos;
                continue;
            }
            addLiteral(start, pos);
            start = pos;
            pos = picture.find(']', start);
            if (pos == std::string::npos) throw EvaluationError("D3135");
            parts.push_back(analyseMarker(picture.substr(start + 1, pos - start - 1)));
            start = pos + 1;
        }
        ++pos;
    }
    addLiteral(start, pos);
    return parts;
}

std::string applyCase(std::string text, Marker::Names names) {
    for (char& c : text) {
        if (names == Marker::Names::Upper)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (names == Marker::Names::Lower)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

} // namespace datetime

using namespace datetime;

namespace {

std::string formatMarker(const Marker& marker, const Instant& date, int offsetHours,
                         int offsetMinutes) {
    const char c = marker.component;
    if (std::string("YMDdFWwXxHhms").find(c) != std::string::npos) {
        double value = fragment(date, c).number;
        if (c == 'Y' && marker.n != -1) value = std::fmod(value, std::pow(10, marker.n));
        if (marker.names == Marker::Names::None) return formatIntegerWith(value, *marker.integer);
        std::string name;
        if (c == 'M' || c == 'x')
            name = kMonths[static_cast<std::size_t>(value) - 1];
        else if (c == 'F')
            name = kDays[static_cast<std::size_t>(value)];
        else
            throw EvaluationError("D3133").with("value", std::string(1, c));
        name = applyCase(name, marker.names);
        if (marker.maxWidth && static_cast<int>(name.size()) > *marker.maxWidth)
            name = name.substr(0, static_cast<std::size_t>(*marker.maxWidth));
        return name;
    }
    if (c == 'f') return formatIntegerWith(fragment(date, c).number, *marker.integer);
    if (c == 'Z' || c == 'z') {
        const int offset = offsetHours * 100 + offsetMinutes;
        std::string text;
        if (marker.integer->regular) {
            text = formatIntegerWith(offset, *marker.integer);
        } else {
            const int digits = marker.integer->mandatoryDigits;
            if (digits == 1 || digits == 2) {
                text = formatIntegerWith(offsetHours, *marker.integer);
                if (offsetMinutes != 0)
                    text += ":" + formatIntegerWith(offsetMinutes, analyseIntegerPicture("00"));
            } else if (digits == 3 || digits == 4) {
                text = formatIntegerWith(offset, *marker.integer);
            } else {
                throw EvaluationError("D3134").with("value", digits);
            }
        }
        if (offset >= 0) text = "+" + text;
        if (c == 'z') text = "GMT" + text;
        if (offset == 0 && marker.presentation2 == "t") text = "Z";
        return text;
    }
    if (c == 'P' && marker.names == Marker::Names::Upper)
        return applyCase(fragment(date, c).text, marker.names);
    return fragment(date, c).text;
}

} // namespace

std::string formatDateTime(double millis, const std::string* picture, const std::string* timezone) {
    int offsetHours = 0;
    int offsetMinutes = 0;
    if (timezone) {
        // jsonata-js: parseInt("±hhmm"), then floor(offset / 100) and offset % 100.
        const int offset = std::atoi(timezone->c_str());
        offsetHours = static_cast<int>(std::floor(offset / 100.0));
        offsetMinutes = offset % 100;
    }
    static const std::vector<Marker> iso =
        analysePicture("[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]");
    const std::vector<Marker> parts = picture ? analysePicture(*picture) : iso;
    const Instant date = instantOf(millis + (60.0 * offsetHours + offsetMinutes) * 60000.0);
    std::string out;
    for (const Marker& part : parts)
        out += part.literal ? part.text : formatMarker(part, date, offsetHours, offsetMinutes);
    return out;
}

} // namespace flowcast::model::jsonata
