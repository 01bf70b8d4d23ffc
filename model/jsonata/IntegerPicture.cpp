#include "model/jsonata/IntegerPicture.h"

#include "model/jsonata/EvaluationError.h"
#include "model/jsonata/Functions.h"
#include "model/jsonata/Lexer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numeric>
#include <regex>

namespace flowcast::model::jsonata {
namespace {

constexpr std::array<const char*, 20> kFew = {
    "Zero",     "One",     "Two",     "Three",     "Four",     "Five",    "Six",
    "Seven",    "Eight",   "Nine",    "Ten",       "Eleven",   "Twelve",  "Thirteen",
    "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"};
constexpr std::array<const char*, 20> kOrdinals = {
    "Zeroth",     "First",     "Second",    "Third",       "Fourth",     "Fifth",     "Sixth",
    "Seventh",    "Eighth",    "Ninth",     "Tenth",       "Eleventh",   "Twelfth",   "Thirteenth",
    "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth"};
constexpr std::array<const char*, 9> kDecades = {"Twenty",  "Thirty", "Forty",  "Fifty",  "Sixty",
                                                 "Seventy", "Eighty", "Ninety", "Hundred"};
constexpr std::array<const char*, 4> kMagnitudes = {"Thousand", "Million", "Billion", "Trillion"};

// The Unicode decimal digit families (their zero code points) jsonata-js recognises.
constexpr std::array<char32_t, 37> kDecimalGroups = {
    0x30,   0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6,
    0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0,
    0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620,
    0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10};

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

std::string words(double num, bool previous, bool ordinal) {
    std::string out;
    if (num <= 19) {
        const auto n = static_cast<std::size_t>(num);
        out = std::string(previous ? " and " : "") + (ordinal ? kOrdinals[n] : kFew[n]);
    } else if (num < 100) {
        const auto tens = static_cast<std::size_t>(num / 10);
        const double remainder = std::fmod(num, 10);
        out = std::string(previous ? " and " : "") + kDecades[tens - 2];
        if (remainder > 0)
            out += "-" + words(remainder, false, ordinal);
        else if (ordinal)
            out = out.substr(0, out.size() - 1) + "ieth";
    } else if (num < 1000) {
        const auto hundreds = static_cast<std::size_t>(num / 100);
        const double remainder = std::fmod(num, 100);
        out = std::string(previous ? ", " : "") + kFew[hundreds] + " Hundred";
        if (remainder > 0)
            out += words(remainder, true, ordinal);
        else if (ordinal)
            out += "th";
    } else {
        auto magnitude = static_cast<std::size_t>(std::floor(std::log10(num) / 3));
        magnitude = std::min(magnitude, kMagnitudes.size());
        const double factor = std::pow(10, static_cast<double>(magnitude * 3));
        const double mantissa = std::floor(num / factor);
        const double remainder = num - mantissa * factor;
        out = std::string(previous ? ", " : "") + words(mantissa, false, false) + " " +
              kMagnitudes[magnitude - 1];
        if (remainder > 0)
            out += words(remainder, true, ordinal);
        else if (ordinal)
            out += "th";
    }
    return out;
}

// Word -> value, in jsonata-js's insertion order (which its parsing regex alternates in).
const std::vector<std::pair<std::string, double>>& wordValues() {
    static const auto table = [] {
        std::vector<std::pair<std::string, double>> values;
        const auto add = [&](const std::string& word, double value) {
            for (auto& entry : values) {
                if (entry.first == word) {
                    entry.second = value;
                    return;
                }
            }
            values.emplace_back(word, value);
        };
        for (std::size_t i = 0; i < kFew.size(); ++i)
            add(lower(kFew[i]), static_cast<double>(i));
        for (std::size_t i = 0; i < kOrdinals.size(); ++i)
            add(lower(kOrdinals[i]), static_cast<double>(i));
        for (std::size_t i = 0; i < kDecades.size(); ++i) {
            const std::string word = lower(kDecades[i]);
            const auto value = static_cast<double>((i + 2) * 10);
            add(word, value);
            add(word.substr(0, word.size() - 1) + "ieth", value);
        }
        add("hundredth", 100);
        for (std::size_t i = 0; i < kMagnitudes.size(); ++i) {
            const std::string word = lower(kMagnitudes[i]);
            const double value = std::pow(10, static_cast<double>((i + 1) * 3));
            add(word, value);
            add(word + "th", value);
        }
        return values;
    }();
    return table;
}

double wordsToNumber(const std::string& text) {
    static const std::regex separators(",\\s|\\sand\\s|[\\s\\\\-]");
    std::vector<double> segments{0};
    for (std::sregex_token_iterator it(text.begin(), text.end(), separators, -1), end; it != end;
         ++it) {
        double value = NAN;
        for (const auto& [word, v] : wordValues()) {
            if (word == it->str()) value = v;
        }
        if (value < 100) {
            double top = segments.back();
            segments.pop_back();
            if (top >= 1000) {
                segments.push_back(top);
                top = 0;
            }
            segments.push_back(top + value);
        } else {
            const double top = segments.back();
            segments.back() = top * value;
        }
    }
    return std::accumulate(segments.begin(), segments.end(), 0.0);
}

std::string toRoman(double value) {
    static const std::pair<int, const char*> numerals[] = {
        {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
        {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
    std::string out;
    for (const auto& [amount, text] : numerals) {
        while (value >= amount) {
            out += text;
            value -= amount;
        }
    }
    return out;
}

double fromRoman(const std::string& roman) {
    const auto valueOf = [](char c) {
        switch (c) {
        case 'M':
            return 1000;
        case 'D':
            return 500;
        case 'C':
            return 100;
        case 'L':
            return 50;
        case 'X':
            return 10;
        case 'V':
            return 5;
        case 'I':
            return 1;
        default:
            return 0;
        }
    };
    double decimal = 0;
    int max = 1;
    for (auto it = roman.rbegin(); it != roman.rend(); ++it) {
        const int value = valueOf(*it);
        if (value < max) {
            decimal -= value;
        } else {
            max = value;
            decimal += value;
        }
    }
    return decimal;
}

std::string toLetters(double value, char a) {
    std::string letters;
    while (value > 0) {
        letters.insert(letters.begin(),
                       static_cast<char>(a + static_cast<int>(std::fmod(value - 1, 26))));
        value = std::floor((value - 1) / 26);
    }
    return letters;
}

double fromLetters(const std::string& letters, char a) {
    double decimal = 0;
    for (std::size_t i = 0; i < letters.size(); ++i)
        decimal += (letters[letters.size() - i - 1] - a + 1) * std::pow(26, static_cast<double>(i));
    return decimal;
}

} // namespace

std::string numberToWords(double value, bool ordinal) {
    return words(value, false, ordinal);
}

IntegerFormat analyseIntegerPicture(const std::string& picture) {
    IntegerFormat format;
    std::string primary = picture;
    if (const auto semicolon = picture.rfind(';'); semicolon != std::string::npos) {
        primary = picture.substr(0, semicolon);
        format.ordinal = picture.compare(semicolon + 1, 1, "o") == 0;
    }
    if (primary == "A" || primary == "a") {
        format.primary = IntegerFormat::Primary::Letters;
        if (primary == "A") format.letterCase = IntegerFormat::Case::Upper;
        return format;
    }
    if (primary == "I" || primary == "i") {
        format.primary = IntegerFormat::Primary::Roman;
        if (primary == "I") format.letterCase = IntegerFormat::Case::Upper;
        return format;
    }
    if (primary == "W" || primary == "Ww" || primary == "w") {
        format.primary = IntegerFormat::Primary::Words;
        format.letterCase = primary == "W"    ? IntegerFormat::Case::Upper
                            : primary == "Ww" ? IntegerFormat::Case::Title
                                              : IntegerFormat::Case::Lower;
        return format;
    }
    std::optional<char32_t> zero;
    int position = 0;
    std::u32string codePoints = toCodePoints(primary);
    std::reverse(codePoints.begin(), codePoints.end());
    for (const char32_t c : codePoints) {
        const auto group = std::find_if(kDecimalGroups.begin(), kDecimalGroups.end(),
                                        [&](char32_t z) { return c >= z && c <= z + 9; });
        if (group != kDecimalGroups.end()) {
            ++format.mandatoryDigits;
            ++position;
            if (!zero)
                zero = *group;
            else if (*zero != *group)
                throw EvaluationError("D3131");
        } else if (c == U'#') {
            ++position;
            ++format.optionalDigits;
        } else {
            format.separators.emplace_back(position, c);
        }
    }
    if (format.mandatoryDigits == 0) {
        format.primary = IntegerFormat::Primary::Sequence;
        format.token = primary;
        return format;
    }
    format.zeroCode = *zero;
    // Regular grouping: one character, at multiples of one interval.
    const auto& seps = format.separators;
    if (!seps.empty() && std::all_of(seps.begin(), seps.end(),
                                     [&](const auto& s) { return s.second == seps[0].second; })) {
        int factor = 0;
        for (const auto& s : seps)
            factor = std::gcd(factor, s.first);
        bool regular = factor > 0;
        for (std::size_t i = 1; i <= seps.size() && regular; ++i) {
            regular = std::any_of(seps.begin(), seps.end(), [&](const auto& s) {
                return s.first == static_cast<int>(i) * factor;
            });
        }
        if (regular) {
            format.regular = true;
            format.groupInterval = factor;
            format.groupCharacter = seps[0].second;
        }
    }
    return format;
}

std::string formatIntegerWith(double value, const IntegerFormat& format) {
    const bool negative = value < 0;
    value = std::fabs(value);
    std::string out;
    switch (format.primary) {
    case IntegerFormat::Primary::Letters:
        out = toLetters(value, format.letterCase == IntegerFormat::Case::Upper ? 'A' : 'a');
        break;
    case IntegerFormat::Primary::Roman:
        out = toRoman(value);
        if (format.letterCase == IntegerFormat::Case::Upper) out = upper(out);
        break;
    case IntegerFormat::Primary::Words:
        out = numberToWords(value, format.ordinal);
        if (format.letterCase == IntegerFormat::Case::Upper) out = upper(out);
        if (format.letterCase == IntegerFormat::Case::Lower) out = lower(out);
        break;
    case IntegerFormat::Primary::Sequence:
        throw EvaluationError("D3130").with("value", format.token);
    case IntegerFormat::Primary::Decimal: {
        std::u32string digits = toCodePoints(formatJsNumber(value));
        if (static_cast<int>(digits.size()) < format.mandatoryDigits)
            digits.insert(0, static_cast<std::size_t>(format.mandatoryDigits) - digits.size(),
                          U'0');
        if (format.zeroCode != U'0') {
            for (char32_t& c : digits)
                c = c + format.zeroCode - U'0';
        }
        if (format.regular) {
            const std::size_t n =
                (digits.size() - 1) / static_cast<std::size_t>(format.groupInterval);
            for (std::size_t i = n; i > 0; --i)
                digits.insert(digits.size() - i * static_cast<std::size_t>(format.groupInterval), 1,
                              format.groupCharacter);
        } else {
            for (auto it = format.separators.rbegin(); it != format.separators.rend(); ++it) {
                const auto at = static_cast<long>(digits.size()) - it->first;
                if (at >= 0) digits.insert(static_cast<std::size_t>(at), 1, it->second);
            }
        }
        if (format.ordinal) {
            const char32_t last = digits.empty() ? U'0' : digits.back();
            const bool teen = digits.size() > 1 && digits[digits.size() - 2] == U'1';
            const char* suffix = teen          ? "th"
                                 : last == '1' ? "st"
                                 : last == '2' ? "nd"
                                 : last == '3' ? "rd"
                                               : "th";
            digits += toCodePoints(suffix);
        }
        out = fromCodePoints(digits);
        break;
    }
    }
    return negative ? "-" + out : out;
}

double parseIntegerWith(const std::string& text, const IntegerFormat& format) {
    switch (format.primary) {
    case IntegerFormat::Primary::Letters:
        return fromLetters(text, format.letterCase == IntegerFormat::Case::Upper ? 'A' : 'a');
    case IntegerFormat::Primary::Roman:
        return fromRoman(format.letterCase == IntegerFormat::Case::Upper ? text : upper(text));
    case IntegerFormat::Primary::Words:
        return wordsToNumber(lower(text));
    case IntegerFormat::Primary::Sequence:
        throw EvaluationError("D3130").with("value", format.token);
    case IntegerFormat::Primary::Decimal:
        break;
    }
    std::u32string digits = toCodePoints(text);
    if (format.ordinal && digits.size() >= 2) digits.resize(digits.size() - 2);
    // jsonata-js strips ',' for any regular grouping, whatever the separator character.
    const auto strip = [&](char32_t c) {
        digits.erase(std::remove(digits.begin(), digits.end(), c), digits.end());
    };
    if (format.regular) {
        strip(U',');
    } else {
        for (const auto& separator : format.separators)
            strip(separator.second);
    }
    if (format.zeroCode != U'0') {
        for (char32_t& c : digits)
            c = c - format.zeroCode + U'0';
    }
    double value = 0;
    std::size_t i = 0;
    const bool negative = !digits.empty() && digits[0] == U'-';
    if (negative || (!digits.empty() && digits[0] == U'+')) ++i;
    const std::size_t first = i;
    for (; i < digits.size() && digits[i] >= U'0' && digits[i] <= U'9'; ++i)
        value = value * 10 + (digits[i] - U'0');
    if (i == first) return NAN;
    return negative ? -value : value;
}

std::string integerRegex(const IntegerFormat& format, int occurrences) {
    const bool isUpper = format.letterCase == IntegerFormat::Case::Upper;
    switch (format.primary) {
    case IntegerFormat::Primary::Letters:
        return isUpper ? "[A-Z]+" : "[a-z]+";
    case IntegerFormat::Primary::Roman:
        return isUpper ? "[MDCLXVI]+" : "[mdclxvi]+";
    case IntegerFormat::Primary::Words: {
        std::string regex = "(?:";
        for (const auto& entry : wordValues())
            regex += entry.first + "|";
        return regex + "and|[\\-, ])+";
    }
    case IntegerFormat::Primary::Sequence:
        throw EvaluationError("D3130").with("value", format.token);
    case IntegerFormat::Primary::Decimal:
        break;
    }
    std::string count = "+";
    if (occurrences > 0) {
        count = format.optionalDigits == 0
                    ? "{" + std::to_string(occurrences) + "}"
                    : "{" + std::to_string(occurrences - format.optionalDigits) + "," +
                          std::to_string(occurrences) + "}";
    }
    std::string regex = "[0-9]" + count;
    if (format.ordinal) regex += "(?:th|st|nd|rd)";
    return regex;
}

} // namespace flowcast::model::jsonata
