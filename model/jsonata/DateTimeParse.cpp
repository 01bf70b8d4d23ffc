// Reading timestamps: $toMillis with a picture string (jsonata-js's parseDateTime: a regex
// built from the picture, then the rules for which components determine a date and a time),
// and without one (ISO 8601, as JS's Date.parse reads it, in UTC).
#include "model/jsonata/DateTimeFormat.h"
#include "model/jsonata/DateTimePicture.h"
#include "model/jsonata/EvaluationError.h"
#include "model/jsonata/Functions.h"

#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <regex>
#include <unordered_map>

namespace flowcast::model::jsonata {

using namespace datetime;

namespace {

std::string escapeRegex(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (std::string(".*+?^${}()|[]\\").find(c) != std::string::npos) out += '\\';
        out += c;
    }
    return out;
}

// One capture of the parsing regex and how to read its text.
struct Reader {
    std::string regex;
    char component = 0;
    std::function<std::optional<double>(const std::string&)> parse;
};

Reader readerFor(const Marker& part) {
    Reader reader;
    reader.component = part.component;
    if (part.literal) {
        reader.regex = escapeRegex(part.text);
        return reader;
    }
    if (part.component == 'Z' || part.component == 'z') {
        const IntegerFormat format = *part.integer;
        const bool hasSeparator = format.regular;
        const std::string separator =
            hasSeparator ? fromCodePoints(std::u32string(1, format.groupCharacter)) : "";
        reader.regex = std::string(part.component == 'z' ? "GMT" : "") + "[-+][0-9]+";
        if (hasSeparator) reader.regex += escapeRegex(separator) + "[0-9]+";
        const bool gmt = part.component == 'z';
        reader.parse = [gmt, separator](const std::string& text) -> std::optional<double> {
            const std::string value = gmt ? text.substr(3) : text;
            double hours = 0;
            double minutes = 0;
            if (!separator.empty()) {
                const auto at = value.find(separator);
                hours = std::atoi(value.substr(0, at).c_str());
                minutes = std::atoi(value.substr(at + separator.size()).c_str());
            } else if (value.size() - 1 <= 2) {
                hours = std::atoi(value.c_str());
            } else {
                hours = std::atoi(value.substr(0, 3).c_str());
                minutes = std::atoi(value.substr(3).c_str());
            }
            return hours * 60 + minutes;
        };
        return reader;
    }
    if (part.integer) {
        const IntegerFormat format = *part.integer;
        reader.regex = integerRegex(format, part.n);
        reader.parse = [format](const std::string& text) -> std::optional<double> {
            return parseIntegerWith(text, format);
        };
        return reader;
    }
    reader.regex = "[a-zA-Z]+";
    std::map<std::string, double> lookup;
    const auto cut = [&](const std::string& name) {
        return part.maxWidth ? name.substr(0, static_cast<std::size_t>(*part.maxWidth)) : name;
    };
    if (part.component == 'M' || part.component == 'x') {
        for (std::size_t i = 0; i < kMonths.size(); ++i)
            lookup[cut(kMonths[i])] = static_cast<double>(i + 1);
    } else if (part.component == 'F') {
        for (std::size_t i = 1; i < kDays.size(); ++i)
            lookup[cut(kDays[i])] = static_cast<double>(i);
    } else if (part.component == 'P') {
        lookup = {{"am", 0}, {"AM", 0}, {"pm", 1}, {"PM", 1}};
    } else {
        throw EvaluationError("D3133").with("value", std::string(1, part.component));
    }
    reader.parse = [lookup](const std::string& text) -> std::optional<double> {
        const auto found = lookup.find(text);
        if (found == lookup.end()) return std::nullopt;
        return found->second;
    };
    return reader;
}

bool truthy(const std::map<char, std::optional<double>>& components, char c) {
    const auto found = components.find(c);
    return found != components.end() && found->second && *found->second != 0 &&
           !std::isnan(*found->second);
}

// The matcher of a picture's pattern, compiled once per thread: compiling a std::regex costs
// far more than matching with it, and a program uses few pictures. The cache is bounded, so a
// program that makes up pictures cannot grow it without end.
const std::regex& matcherFor(const std::string& pattern) {
    thread_local std::unordered_map<std::string, std::regex> cache;
    if (const auto found = cache.find(pattern); found != cache.end()) return found->second;
    if (cache.size() >= 64) cache.clear();
    return cache.emplace(pattern, std::regex(pattern, std::regex::ECMAScript | std::regex::icase))
        .first->second;
}

} // namespace

std::optional<double> parseDateTime(const std::string& text, const std::string& picture,
                                    double nowMillis) {
    std::vector<Reader> readers;
    std::string full = "^";
    for (const Marker& part : analysePicture(picture)) {
        readers.push_back(readerFor(part));
        full += "(" + readers.back().regex + ")";
    }
    full += "$";
    std::smatch match;
    if (!std::regex_match(text, match, matcherFor(full))) return std::nullopt;
    std::map<char, std::optional<double>> components;
    for (std::size_t i = 0; i < readers.size(); ++i) {
        if (readers[i].parse) components[readers[i].component] = readers[i].parse(match.str(i + 1));
    }
    if (components.empty()) return std::nullopt;
    const auto maskOf = [&](const char* letters) {
        int mask = 0;
        for (const char* c = letters; *c; ++c)
            mask = (mask << 1) + (truthy(components, *c) ? 1 : 0);
        return mask;
    };
    const auto isType = [](int type, int mask) {
        return (~type & mask) == 0 && (type & mask) != 0;
    };
    int mask = maskOf("YXMxWwdD");
    const bool dateA = isType(161, mask);
    const bool dateB = !dateA && isType(130, mask);
    const bool dateC = isType(84, mask);
    const bool dateD = !dateC && isType(72, mask);
    mask = maskOf("PHhmsf");
    const bool timeA = isType(23, mask);
    const bool timeB = !timeA && isType(47, mask);
    const std::string order = std::string(dateB   ? "YD"
                                          : dateC ? "XxwF"
                                          : dateD ? "XWF"
                                                  : "YMD") +
                              (timeB ? "Phmsf" : "Hmsf");
    const Instant now = instantOf(nowMillis);
    bool startSpecified = false;
    bool endSpecified = false;
    for (const char part : order) {
        const auto found = components.find(part);
        if (found == components.end()) {
            if (startSpecified) {
                components[part] = std::string("MDd").find(part) != std::string::npos ? 1.0 : 0.0;
                endSpecified = true;
            } else {
                const Fragment value = fragment(now, part);
                components[part] = part == 'P' ? (value.text == "pm" ? 1.0 : 0.0) : value.number;
            }
        } else {
            startSpecified = true;
            if (endSpecified) throw EvaluationError("D3136");
        }
    }
    const auto get = [&](char c) { return components[c].value_or(NAN); };
    double month = get('M') > 0 ? get('M') - 1 : 0;
    double day = get('D');
    if (dateB) {
        const Instant derived = instantOf(dateUtc(get('Y'), 0) + (get('d') - 1) * kDayMs);
        month = derived.month;
        day = derived.day;
    }
    if (dateC || dateD) throw EvaluationError("D3136");
    double hours = get('H');
    if (timeB) {
        hours = get('h') == 12 ? 0 : get('h');
        if (get('P') == 1) hours += 12;
    }
    double millis = dateUtc(get('Y'), month, day, hours, get('m'), get('s'), get('f'));
    const double zone = truthy(components, 'Z') ? get('Z') : truthy(components, 'z') ? get('z') : 0;
    millis -= zone * 60000;
    if (std::isnan(millis)) return std::nullopt;
    return millis;
}

std::optional<double> parseIso8601(const std::string& text) {
    double year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, fraction = 0;
    std::size_t pos = 0;
    const auto number = [&](std::size_t digits) {
        double value = 0;
        for (std::size_t i = 0; i < digits && pos < text.size(); ++i, ++pos)
            value = value * 10 + (text[pos] - '0');
        return value;
    };
    year = number(4);
    if (pos < text.size() && text[pos] == '-') {
        ++pos;
        month = number(2);
    }
    if (pos < text.size() && text[pos] == '-') {
        ++pos;
        day = number(2);
    }
    if (pos < text.size() && text[pos] == 'T') {
        ++pos;
        hour = number(2);
        ++pos;
        minute = number(2);
        ++pos;
        second = number(2);
    }
    if (pos < text.size() && text[pos] == '.') {
        const std::size_t start = pos;
        ++pos;
        while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])))
            ++pos;
        fraction = std::strtod(text.substr(start, pos - start).c_str(), nullptr);
    }
    double offsetMinutes = 0;
    if (pos < text.size() && text[pos] == 'Z') {
        ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const double sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        const double hours = number(2);
        if (pos < text.size() && text[pos] == ':') ++pos;
        offsetMinutes = sign * (hours * 60 + number(2));
    }
    if (pos != text.size() || month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 ||
        minute > 59 || second > 59)
        return std::nullopt;
    const auto days = daysFromCivil(static_cast<long long>(year), static_cast<long long>(month),
                                    static_cast<long long>(day));
    return static_cast<double>(days) * kDayMs + hour * 3600000.0 + minute * 60000.0 +
           second * 1000.0 + std::floor(fraction * 1000) - offsetMinutes * 60000.0;
}

} // namespace flowcast::model::jsonata
