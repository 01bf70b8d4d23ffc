// Number pictures: $formatNumber (XPath fn:format-number), $formatInteger and $parseInteger
// (fn:format-integer), as jsonata-js implements them (src/functions.js, src/datetime.js).
#include "model/jsonata/Functions.h"
#include "model/jsonata/IntegerPicture.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>

namespace flowcast::model::jsonata {
namespace {

using Args = std::vector<Value>;
using Text = std::u32string;

const Value& arg(const Args& args, std::size_t index) {
    static const Value undefined;
    return index < args.size() ? args[index] : undefined;
}

// The decimal-format properties, defaults overridden by the options object.
struct Symbols {
    char32_t decimal = U'.';
    char32_t grouping = U',';
    char32_t exponent = U'e';
    Text minus = U"-";
    char32_t percent = U'%';
    char32_t perMille = U'\u2030';
    char32_t zero = U'0';
    char32_t digit = U'#';
    char32_t pattern = U';';

    bool isDigit(char32_t c) const { return c >= zero && c < zero + 10; }
    bool isActive(char32_t c) const {
        return isDigit(c) || c == decimal || c == exponent || c == grouping || c == digit ||
               c == pattern;
    }
};

Symbols symbolsFrom(const Value& options) {
    Symbols symbols;
    if (!options.isObject()) return symbols;
    const auto first = [&](const char* key, char32_t& target) {
        const Value value = options.object().get(key);
        if (value.isString() && !value.string().empty()) target = toCodePoints(value.string())[0];
    };
    first("decimal-separator", symbols.decimal);
    first("grouping-separator", symbols.grouping);
    first("exponent-separator", symbols.exponent);
    first("percent", symbols.percent);
    first("per-mille", symbols.perMille);
    first("zero-digit", symbols.zero);
    first("digit", symbols.digit);
    first("pattern-separator", symbols.pattern);
    const Value minus = options.object().get("minus-sign");
    if (minus.isString()) symbols.minus = toCodePoints(minus.string());
    return symbols;
}

std::size_t count(const Text& text, char32_t c) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), c));
}

struct SubPicture {
    Text prefix, suffix, active, mantissa, integer, fraction, picture;
    std::optional<Text> exponent;
};

SubPicture split(const Text& picture, const Symbols& s) {
    SubPicture parts;
    parts.picture = picture;
    std::size_t start = picture.size();
    for (std::size_t i = 0; i < picture.size(); ++i) {
        if (s.isActive(picture[i]) && picture[i] != s.exponent) {
            start = i;
            break;
        }
    }
    std::size_t end = 0;
    bool foundEnd = false;
    for (std::size_t i = picture.size(); i-- > 0;) {
        if (s.isActive(picture[i]) && picture[i] != s.exponent) {
            end = i + 1;
            foundEnd = true;
            break;
        }
    }
    parts.prefix = picture.substr(0, start);
    parts.suffix = foundEnd ? picture.substr(end) : Text();
    const std::size_t activeEnd = picture.size() - parts.suffix.size();
    parts.active = activeEnd > parts.prefix.size()
                       ? picture.substr(parts.prefix.size(), activeEnd - parts.prefix.size())
                       : Text();
    const auto exponentAt = picture.find(s.exponent, parts.prefix.size());
    if (exponentAt == Text::npos || exponentAt > activeEnd) {
        parts.mantissa = parts.active;
    } else {
        // jsonata-js slices the active part at the exponent's index in the whole picture.
        parts.mantissa = parts.active.substr(0, std::min(exponentAt, parts.active.size()));
        parts.exponent =
            exponentAt + 1 <= parts.active.size() ? parts.active.substr(exponentAt + 1) : Text();
    }
    const auto decimalAt = parts.mantissa.find(s.decimal);
    if (decimalAt == Text::npos) {
        parts.integer = parts.mantissa;
        parts.fraction = parts.suffix;
    } else {
        parts.integer = parts.mantissa.substr(0, decimalAt);
        parts.fraction = parts.mantissa.substr(decimalAt + 1);
    }
    return parts;
}

void validate(const SubPicture& parts, const Symbols& s) {
    const Text& picture = parts.picture;
    const char* error = nullptr;
    if (count(picture, s.decimal) > 1) error = "D3081";
    if (count(picture, s.percent) > 1) error = "D3082";
    if (count(picture, s.perMille) > 1) error = "D3083";
    if (count(picture, s.percent) > 0 && count(picture, s.perMille) > 0) error = "D3084";
    if (!std::any_of(parts.mantissa.begin(), parts.mantissa.end(),
                     [&](char32_t c) { return s.isDigit(c) || c == s.digit; }))
        error = "D3085";
    if (std::any_of(parts.active.begin(), parts.active.end(),
                    [&](char32_t c) { return !s.isActive(c); }))
        error = "D3086";
    const auto decimalAt = picture.find(s.decimal);
    if (decimalAt != Text::npos) {
        if ((decimalAt > 0 && picture[decimalAt - 1] == s.grouping) ||
            (decimalAt + 1 < picture.size() && picture[decimalAt + 1] == s.grouping))
            error = "D3087";
    } else if (!parts.integer.empty() && parts.integer.back() == s.grouping) {
        error = "D3088";
    }
    if (picture.find(Text{s.grouping, s.grouping}) != Text::npos) error = "D3089";
    if (const auto at = parts.integer.find(s.digit); at != Text::npos) {
        if (std::any_of(parts.integer.begin(), parts.integer.begin() + static_cast<long>(at),
                        [&](char32_t c) { return s.isDigit(c); }))
            error = "D3090";
    }
    if (const auto at = parts.fraction.rfind(s.digit); at != Text::npos) {
        if (std::any_of(parts.fraction.begin() + static_cast<long>(at), parts.fraction.end(),
                        [&](char32_t c) { return s.isDigit(c); }))
            error = "D3091";
    }
    if (parts.exponent && !parts.exponent->empty() &&
        (count(picture, s.percent) > 0 || count(picture, s.perMille) > 0))
        error = "D3092";
    if (parts.exponent &&
        (parts.exponent->empty() || std::any_of(parts.exponent->begin(), parts.exponent->end(),
                                                [&](char32_t c) { return !s.isDigit(c); })))
        error = "D3093";
    if (error) throw EvaluationError(error);
}

struct Analysis {
    std::vector<int> integerGroups;
    int regularGrouping = 0;
    int minimumInteger = 0;
    int scalingFactor = 0;
    std::vector<int> fractionGroups;
    int minimumFraction = 0;
    int maximumFraction = 0;
    int minimumExponent = 0;
    Text prefix, suffix, picture;
};

Analysis analyse(const SubPicture& parts, const Symbols& s) {
    Analysis a;
    const auto digitOrOptional = [&](char32_t c) { return s.isDigit(c) || c == s.digit; };
    // jsonata-js searches the integer part for the next separator even for the fraction.
    const auto groups = [&](const Text& part, bool toLeft) {
        std::vector<int> positions;
        auto at = part.find(s.grouping);
        while (at != Text::npos) {
            const Text side = toLeft ? part.substr(0, at) : part.substr(at);
            positions.push_back(
                static_cast<int>(std::count_if(side.begin(), side.end(), digitOrOptional)));
            at = parts.integer.find(s.grouping, at + 1);
        }
        return positions;
    };
    a.integerGroups = groups(parts.integer, false);
    if (!a.integerGroups.empty()) {
        int factor = 0;
        for (const int p : a.integerGroups)
            factor = std::gcd(factor, p);
        bool regular = true;
        for (std::size_t i = 1; i <= a.integerGroups.size(); ++i) {
            regular = regular && std::find(a.integerGroups.begin(), a.integerGroups.end(),
                                           static_cast<int>(i) * factor) != a.integerGroups.end();
        }
        a.regularGrouping = regular ? factor : 0;
    }
    a.fractionGroups = groups(parts.fraction, true);
    const auto countIf = [](const Text& t, auto pred) {
        return static_cast<int>(std::count_if(t.begin(), t.end(), pred));
    };
    a.minimumInteger = countIf(parts.integer, [&](char32_t c) { return s.isDigit(c); });
    a.scalingFactor = a.minimumInteger;
    a.minimumFraction = countIf(parts.fraction, [&](char32_t c) { return s.isDigit(c); });
    a.maximumFraction = countIf(parts.fraction, digitOrOptional);
    const bool exponent = parts.exponent.has_value();
    if (a.minimumInteger == 0 && a.maximumFraction == 0) {
        if (exponent) {
            a.minimumFraction = 1;
            a.maximumFraction = 1;
        } else {
            a.minimumInteger = 1;
        }
    }
    if (exponent && a.minimumInteger == 0 && parts.integer.find(s.digit) != Text::npos)
        a.minimumInteger = 1;
    if (a.minimumInteger == 0 && a.minimumFraction == 0) a.minimumFraction = 1;
    if (exponent)
        a.minimumExponent = countIf(*parts.exponent, [&](char32_t c) { return s.isDigit(c); });
    a.prefix = parts.prefix;
    a.suffix = parts.suffix;
    a.picture = parts.picture;
    return a;
}

Text fixed(double value, int places, const Symbols& s) {
    char buffer[400];
    std::snprintf(buffer, sizeof buffer, "%.*f", places, std::fabs(value));
    Text out = toCodePoints(buffer);
    for (char32_t& c : out) {
        if (c >= U'0' && c <= U'9') c = c - U'0' + s.zero;
    }
    return out;
}

Value formatNumber(CallContext&, Args& args) {
    if (arg(args, 0).isUndefined()) return {};
    const double value = arg(args, 0).number();
    const Symbols s = symbolsFrom(arg(args, 2));
    const Text picture = toCodePoints(arg(args, 1).string());
    std::vector<Text> subPictures{Text()};
    for (const char32_t c : picture) {
        if (c == s.pattern)
            subPictures.emplace_back();
        else
            subPictures.back() += c;
    }
    if (subPictures.size() > 2) throw EvaluationError("D3080");
    std::vector<Analysis> variants;
    for (const Text& sub : subPictures) {
        const SubPicture parts = split(sub, s);
        validate(parts, s);
        variants.push_back(analyse(parts, s));
    }
    if (variants.size() == 1) {
        variants.push_back(variants[0]);
        variants[1].prefix = s.minus + variants[1].prefix;
    }
    const Analysis& pic = value >= 0 ? variants[0] : variants[1];
    double adjusted = value;
    if (pic.picture.find(s.percent) != Text::npos)
        adjusted = value * 100;
    else if (pic.picture.find(s.perMille) != Text::npos)
        adjusted = value * 1000;
    double mantissa = adjusted;
    std::optional<int> exponent;
    if (pic.minimumExponent != 0) {
        const double maxMantissa = std::pow(10, pic.scalingFactor);
        const double minMantissa = std::pow(10, pic.scalingFactor - 1);
        exponent = 0;
        while (mantissa < minMantissa) {
            mantissa *= 10;
            --*exponent;
        }
        while (mantissa > maxMantissa) {
            mantissa /= 10;
            ++*exponent;
        }
    }
    const double rounded = roundHalfEven(mantissa, pic.maximumFraction);
    Text text = fixed(rounded, pic.maximumFraction, s);
    if (const auto dot = text.find(U'.'); dot == Text::npos)
        text += s.decimal;
    else
        text[dot] = s.decimal;
    while (!text.empty() && text.front() == s.zero)
        text.erase(0, 1);
    while (!text.empty() && text.back() == s.zero)
        text.pop_back();
    auto decimalAt = static_cast<int>(text.find(s.decimal));
    const int padLeft = pic.minimumInteger - decimalAt;
    const int padRight = pic.minimumFraction - (static_cast<int>(text.size()) - decimalAt - 1);
    if (padLeft > 0) text.insert(0, static_cast<std::size_t>(padLeft), s.zero);
    if (padRight > 0) text.append(static_cast<std::size_t>(padRight), s.zero);
    decimalAt = static_cast<int>(text.find(s.decimal));
    if (pic.regularGrouping > 0) {
        const int groups = (decimalAt - 1) / pic.regularGrouping;
        for (int g = 1; g <= groups; ++g)
            text.insert(static_cast<std::size_t>(decimalAt - g * pic.regularGrouping), 1,
                        s.grouping);
    } else {
        for (const int position : pic.integerGroups) {
            const int at = decimalAt - position;
            if (at >= 0) text.insert(static_cast<std::size_t>(at), 1, s.grouping);
            ++decimalAt;
        }
    }
    decimalAt = static_cast<int>(text.find(s.decimal));
    for (const int position : pic.fractionGroups) {
        const auto at = static_cast<std::size_t>(position + decimalAt + 1);
        if (at <= text.size()) text.insert(at, 1, s.grouping);
    }
    decimalAt = static_cast<int>(text.find(s.decimal));
    if (pic.picture.find(s.decimal) == Text::npos || decimalAt == static_cast<int>(text.size()) - 1)
        text.pop_back();
    if (exponent) {
        Text digits = fixed(*exponent, 0, s);
        if (static_cast<int>(digits.size()) < pic.minimumExponent)
            digits.insert(0, static_cast<std::size_t>(pic.minimumExponent) - digits.size(), s.zero);
        text += s.exponent;
        if (*exponent < 0) text += s.minus;
        text += digits;
    }
    return Value(fromCodePoints(pic.prefix + text + pic.suffix));
}

} // namespace

void addFormatFunctions(FunctionLibrary& library) {
    library.add("formatNumber", "<n-so?:s>", 3, formatNumber);
    library.add("formatInteger", "<n-s:s>", 2, [](CallContext&, Args& args) -> Value {
        if (arg(args, 0).isUndefined()) return {};
        const IntegerFormat format = analyseIntegerPicture(arg(args, 1).string());
        return Value(formatIntegerWith(std::floor(arg(args, 0).number()), format));
    });
    library.add("parseInteger", "<s-s:n>", 2, [](CallContext&, Args& args) -> Value {
        if (arg(args, 0).isUndefined()) return {};
        const IntegerFormat format = analyseIntegerPicture(arg(args, 1).string());
        return Value(parseIntegerWith(arg(args, 0).string(), format));
    });
}

} // namespace flowcast::model::jsonata
