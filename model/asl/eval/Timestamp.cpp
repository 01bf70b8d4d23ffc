#include "model/asl/eval/Timestamp.h"

namespace flowcast::model::eval {
namespace {

// Reads `count` digits at `pos`; -1 when one of them is not a digit or the text is too short.
int digits(std::string_view text, std::size_t pos, std::size_t count) {
    if (pos + count > text.size()) return -1;
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

bool isLeapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

// Days from 1970-01-01 to the given proleptic Gregorian date (H. Hinnant, "chrono-Compatible
// Low-Level Date Algorithms", days_from_civil).
std::int64_t daysFromCivil(int year, int month, int day) {
    year -= month <= 2;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const int yearOfEra = year - static_cast<int>(era * 400);
    const int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

// "Z" or "+hh:mm" / "-hh:mm" from `pos` to the end; the offset east of UTC in seconds.
std::optional<std::int64_t> parseOffset(std::string_view text, std::size_t pos) {
    if (pos + 1 == text.size() && text[pos] == 'Z') return 0;
    if (pos + 6 != text.size() || (text[pos] != '+' && text[pos] != '-') || text[pos + 3] != ':')
        return std::nullopt;
    const int hours = digits(text, pos + 1, 2);
    const int minutes = digits(text, pos + 4, 2);
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return std::nullopt;
    const std::int64_t seconds = hours * 3600 + minutes * 60;
    return text[pos] == '-' ? -seconds : seconds;
}

} // namespace

// RFC 3339 section 5.6 with the Step Functions restrictions (AWS developer guide, Choice state:
// "an uppercase T must separate the date and time portions; an uppercase Z must denote that a
// numeric time zone offset isn't present").
std::optional<Timestamp> parseTimestamp(std::string_view text) {
    if (text.size() < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
        text[13] != ':' || text[16] != ':')
        return std::nullopt;
    const int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
    const int hour = digits(text, 11, 2), minute = digits(text, 14, 2),
              second = digits(text, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) ||
        hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60)
        return std::nullopt;

    Timestamp result;
    std::size_t pos = 19;
    if (text[pos] == '.') {
        const std::size_t start = ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
            ++pos;
        if (pos == start) return std::nullopt;
        result.fraction = std::string(text.substr(start, pos - start));
        while (!result.fraction.empty() && result.fraction.back() == '0')
            result.fraction.pop_back();
    }
    const auto offset = parseOffset(text, pos);
    if (!offset) return std::nullopt;
    result.epochSeconds =
        daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - *offset;
    return result;
}

} // namespace flowcast::model::eval
