#pragma once
// The date picture strings of jsonata-js's src/datetime.js, shared by formatting
// (DateTimeFormat.cpp) and parsing (DateTimeParse.cpp): the calendar arithmetic of JS's Date in
// UTC, the components of an instant, and a picture analysed into literals and markers.
// Internal to model/jsonata.
#include "model/jsonata/IntegerPicture.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace flowcast::model::jsonata::datetime {

inline constexpr double kDayMs = 86400000.0;
inline constexpr std::array<const char*, 8> kDays = {"",         "Monday", "Tuesday",  "Wednesday",
                                                     "Thursday", "Friday", "Saturday", "Sunday"};
inline constexpr std::array<const char*, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1-12).
long long daysFromCivil(long long y, long long m, long long d);
/// JS's Date.UTC: month 0-11, and values beyond their range carry over.
double dateUtc(double year, double month, double day = 1, double h = 0, double m = 0, double s = 0,
               double ms = 0);

/// A UTC instant broken into JS Date's getUTC* fields.
struct Instant {
    double millis;
    long long year;
    int month; // 0-11
    int day;
    int weekday; // 0 = Sunday
    int hours;
    int minutes;
    int seconds;
    int milliseconds;
};
Instant instantOf(double millis);

/// A component's value: a number, or text for P (am/pm), C and E.
struct Fragment {
    double number = 0;
    std::string text;
};
/// jsonata-js's getDateTimeFragment: Y M D d F W w X x H h P m s f C E.
Fragment fragment(const Instant& date, char component);

/// A literal or a variable marker ("[M01]", "[FNn,3-3]") of a picture string.
struct Marker {
    bool literal = false;
    std::string text; // literal text
    char component = 0;
    std::optional<int> minWidth;
    std::optional<int> maxWidth;
    std::string presentation1;
    std::string presentation2;
    enum class Names { None, Lower, Upper, Title } names = Names::None;
    std::optional<IntegerFormat> integer;
    int n = -1; // digits kept of Y, M and D
};

/// Splits a picture into markers. Throws EvaluationError D3132 (unknown component) or D3135.
std::vector<Marker> analysePicture(const std::string& picture);
std::string applyCase(std::string text, Marker::Names names);

} // namespace flowcast::model::jsonata::datetime
