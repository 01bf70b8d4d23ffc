// String functions: $string, $substring, $pad, $match, $replace, $split, $join, base64 and URL
// encoding (jsonata-js src/functions.js). Lengths and offsets count code points, as jsonata-js's
// stringToArray does; $match's index counts UTF-16 units, as JS strings do.
#include "model/jsonata/Functions.h"

#include <cctype>
#include <cmath>
#include <cstring>

namespace flowcast::model::jsonata {
namespace {

using Args = std::vector<Value>;

Json jsonOf(const Value& value) {
    return toJson(value).value_or(Json());
}

const Value& arg(const Args& args, std::size_t index) {
    static const Value undefined;
    return index < args.size() ? args[index] : undefined;
}

char32_t foldCase(char32_t c, bool upper) {
    if (upper) {
        if (c >= 'a' && c <= 'z') return c - 32;
        if ((c >= 0xE0 && c <= 0xFE && c != 0xF7) || (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) ||
            (c >= 0x430 && c <= 0x44F))
            return c - 32;
        if (c >= 0x450 && c <= 0x45F) return c - 80;
        return c;
    }
    if (c >= 'A' && c <= 'Z') return c + 32;
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3A9) ||
        (c >= 0x410 && c <= 0x42F))
        return c + 32;
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    return c;
}

Value changeCase(const Args& args, bool upper) {
    if (arg(args, 0).isUndefined()) return {};
    std::u32string text = toCodePoints(arg(args, 0).string());
    for (char32_t& c : text)
        c = foldCase(c, upper);
    return Value(fromCodePoints(text));
}

// JS's slice index: truncated, negative from the end, clamped.
std::size_t sliceIndex(double index, std::size_t length) {
    if (std::isnan(index)) return 0;
    index = std::trunc(index);
    if (index < 0) index = std::max(0.0, static_cast<double>(length) + index);
    return static_cast<std::size_t>(std::min(index, static_cast<double>(length)));
}

Value substring(CallContext&, Args& args) {
    if (arg(args, 0).isUndefined()) return {};
    const std::u32string text = toCodePoints(arg(args, 0).string());
    const double length = static_cast<double>(text.size());
    double start = arg(args, 1).number();
    if (length + start < 0) start = 0;
    const std::size_t from = sliceIndex(start, text.size());
    if (arg(args, 2).isUndefined())
        return Value(fromCodePoints(std::u32string_view(text).substr(from)));
    const double count = arg(args, 2).number();
    if (count <= 0) return Value(std::string());
    const double end = start >= 0 ? start + count : length + start + count;
    const std::size_t to = sliceIndex(end, text.size());
    if (to <= from) return Value(std::string());
    return Value(fromCodePoints(std::u32string_view(text).substr(from, to - from)));
}

Value pad(CallContext&, Args& args) {
    if (arg(args, 0).isUndefined()) return {};
    const std::string& text = arg(args, 0).string();
    std::u32string fill = U" ";
    if (arg(args, 2).isString() && !arg(args, 2).string().empty())
        fill = toCodePoints(arg(args, 2).string());
    const double width = arg(args, 1).number();
    const double size = std::floor(std::fabs(width));
    const double missing = size - static_cast<double>(toCodePoints(text).size());
    if (!(missing > 0)) return Value(text);
    std::u32string padding;
    while (padding.size() < static_cast<std::size_t>(missing))
        padding += fill;
    padding.resize(static_cast<std::size_t>(missing));
    return Value(width < 0 ? fromCodePoints(padding) + text : text + fromCodePoints(padding));
}

Value trim(CallContext&, Args& args) {
    if (arg(args, 0).isUndefined()) return {};
    std::string out;
    bool inSpace = false;
    for (const char c : arg(args, 0).string()) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!inSpace) out += ' ';
            inSpace = true;
        } else {
            out += c;
            inSpace = false;
        }
    }
    if (!out.empty() && out.front() == ' ') out.erase(0, 1);
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return Value(out);
}

// A match found by a regex or by a custom matcher function.
struct Found {
    std::size_t start = 0;
    std::size_t end = 0;
    std::string match;
    std::vector<Value> groups;
};

std::vector<Found> findAll(CallContext& context, const Value& matcher, const std::string& text,
                           std::size_t limit) {
    std::vector<Found> found;
    if (matcher.function().kind == Function::Kind::Regex) {
        for (auto& m : regexMatches(*matcher.function().regex, text, limit))
            found.push_back({m.start, m.end, std::move(m.match), std::move(m.groups)});
        return found;
    }
    // jsonata-js's matcher protocol: {match, start, end, groups, next()}.
    Value result = context.apply(matcher, {Value(text)});
    while (found.size() < limit && result.isDefined()) {
        if (!result.isObject() || !result.object().get("match").isString() ||
            !result.object().get("start").isNumber() || !result.object().get("end").isNumber()) {
            throw EvaluationError("T1010");
        }
        const Object& object = result.object();
        found.push_back({static_cast<std::size_t>(object.get("start").number()),
                         static_cast<std::size_t>(object.get("end").number()),
                         object.get("match").string(), itemsOf(object.get("groups"))});
        const Value next = object.get("next");
        if (!next.isFunction()) break;
        result = context.apply(next, {});
    }
    return found;
}

std::size_t limitOf(const Value& limit) {
    if (limit.isUndefined()) return static_cast<std::size_t>(-1);
    return static_cast<std::size_t>(std::max(0.0, std::ceil(limit.number())));
}

Value matchObject(const Found& found, const std::string& text) {
    auto object = makeObject();
    object->set("match", Value(found.match));
    object->set("index", Value(static_cast<double>(
                             utf16Length(std::string_view(text).substr(0, found.start)))));
    auto groups = makeArray();
    groups->items = found.groups;
    object->set("groups", Value(groups));
    return Value(object);
}

Value match(CallContext& context, Args& args) {
    if (arg(args, 0).isUndefined()) return {};
    if (arg(args, 2).isNumber() && arg(args, 2).number() < 0)
        throw EvaluationError("D3040").with("value", arg(args, 2).number());
    auto result = makeSequence();
    const std::string& text = arg(args, 0).string();
    for (const Found& found : findAll(context, arg(args, 1), text, limitOf(arg(args, 2))))
        result->items.push_back(matchObject(found, text));
    return Value(result);
}

Value contains(CallContext& context, Args& args) {
    if (arg(args, 0).isUndefined()) return {};
    const std::string& text = arg(args, 0).string();
    if (arg(args, 1).isString())
        return Value(text.find(arg(args, 1).string()) != std::string::npos);
    return Value(!findAll(context, arg(args, 1), text, 1).empty());
}

// The replacement text for one match: $0, $1... and $$ as jsonata-js expands them.
std::string expand(const std::string& replacement, const Found& found) {
    std::string out;
    std::size_t position = 0;
    std::size_t dollar = replacement.find('$');
    while (dollar != std::string::npos && position < replacement.size()) {
        out += replacement.substr(position, dollar - position);
        position = dollar + 1;
        const char next = position < replacement.size() ? replacement[position] : '\0';
        if (next == '$') {
            out += '$';
            ++position;
        } else if (next == '0') {
            out += found.match;
            ++position;
        } else {
            const std::size_t groupCount = found.groups.size();
            const int maxDigits =
                groupCount == 0 ? 1 : static_cast<int>(std::floor(std::log10(groupCount))) + 1;
            std::size_t digits = 0;
            while (digits < static_cast<std::size_t>(maxDigits) &&
                   position + digits < replacement.size() &&
                   std::isdigit(static_cast<unsigned char>(replacement[position + digits])))
                ++digits;
            if (digits == 0) {
                out += '$';
            } else {
                std::size_t index = std::stoul(replacement.substr(position, digits));
                if (maxDigits > 1 && index > groupCount && digits > 1) {
                    --digits;
                    index = std::stoul(replacement.substr(position, digits));
                }
                if (groupCount > 0 && index >= 1 && index <= groupCount &&
                    found.groups[index - 1].isString()) {
                    out += found.groups[index - 1].string();
                }
                position += std::to_string(index).size();
            }
        }
        dollar = replacement.find('$', position);
    }
    out += replacement.substr(std::min(position, replacement.size()));
    return out;
}

Value replace(CallContext& context, Args& args) {
    if (arg(args, 0).isUndefined()) return {};
    const std::string& text = arg(args, 0).string();
    const Value& pattern = arg(args, 1);
    const Value& replacement = arg(args, 2);
    if (pattern.isString() && pattern.string().empty())
        throw EvaluationError("D3010").with("index", 2);
    if (arg(args, 3).isNumber() && arg(args, 3).number() < 0)
        throw EvaluationError("D3011").with("index", 4);
    const std::size_t limit = limitOf(arg(args, 3));
    std::string out;
    std::size_t position = 0;
    if (pattern.isString()) {
        const std::string& needle = pattern.string();
        const std::string with = replacement.isString() ? replacement.string() : std::string();
        std::size_t count = 0;
        for (std::size_t at = text.find(needle); at != std::string::npos && count < limit;
             at = text.find(needle, position), ++count) {
            out += text.substr(position, at - position) + with;
            position = at + needle.size();
        }
        return Value(out + text.substr(position));
    }
    const auto matches = findAll(context, pattern, text, limit);
    if (matches.empty()) return Value(text);
    for (const Found& found : matches) {
        out += text.substr(position, found.start - position);
        if (replacement.isString()) {
            out += expand(replacement.string(), found);
        } else {
            auto object = makeObject();
            object->set("match", Value(found.match));
            object->set("start", Value(static_cast<double>(found.start)));
            object->set("end", Value(static_cast<double>(found.end)));
            auto groups = makeArray();
            groups->items = found.groups;
            object->set("groups", Value(groups));
            const Value replaced = context.apply(replacement, {Value(object)});
            if (!replaced.isString())
                throw EvaluationError("D3012").with("value", jsonOf(replaced));
            out += replaced.string();
        }
        position = found.start + found.match.size();
    }
    return Value(out + text.substr(position));
}

Value split(CallContext& context, Args& args) {
    if (arg(args, 0).isUndefined()) return {};
    if (arg(args, 2).isNumber() && arg(args, 2).number() < 0)
        throw EvaluationError("D3020").with("index", 3);
    const std::string& text = arg(args, 0).string();
    const std::size_t limit = limitOf(arg(args, 2));
    auto result = makeArray();
    auto& parts = result->items;
    if (limit == 0) return Value(result);
    if (arg(args, 1).isString()) {
        // String.prototype.split's limit is ToUint32, so 2.5 allows two parts.
        const std::size_t stringLimit =
            arg(args, 2).isUndefined() ? limit : static_cast<std::size_t>(arg(args, 2).number());
        const std::string& separator = arg(args, 1).string();
        if (separator.empty()) {
            for (const char32_t c : toCodePoints(text)) {
                if (parts.size() >= stringLimit) break;
                parts.emplace_back(fromCodePoints(std::u32string(1, c)));
            }
            return Value(result);
        }
        std::size_t position = 0;
        for (std::size_t at = text.find(separator);
             at != std::string::npos && parts.size() < stringLimit;
             at = text.find(separator, position)) {
            parts.emplace_back(text.substr(position, at - position));
            position = at + separator.size();
        }
        if (parts.size() < stringLimit) parts.emplace_back(text.substr(position));
        return Value(result);
    }
    const auto matches = findAll(context, arg(args, 1), text, limit);
    std::size_t position = 0;
    for (const Found& found : matches) {
        parts.emplace_back(text.substr(position, found.start - position));
        position = found.end;
    }
    if (matches.size() < limit) parts.emplace_back(text.substr(position));
    return Value(result);
}

Value join(CallContext&, Args& args) {
    if (arg(args, 0).isUndefined()) return {};
    const std::string separator = arg(args, 1).isString() ? arg(args, 1).string() : "";
    std::string out;
    bool first = true;
    for (const Value& item : arg(args, 0).array().items) {
        if (!first) out += separator;
        first = false;
        out += item.string();
    }
    return Value(out);
}

const char* kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Node's Buffer 'binary' encoding: each character is one byte.
Value base64encode(CallContext&, Args& args) {
    if (arg(args, 0).isUndefined()) return {};
    std::string bytes;
    for (const char32_t c : toCodePoints(arg(args, 0).string()))
        bytes += static_cast<char>(c & 0xFF);
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t chunk = 0;
        for (std::size_t k = 0; k < 3; ++k)
            chunk = (chunk << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0U);
        for (std::size_t k = 0; k < 4; ++k)
            out += k <= n ? kBase64[(chunk >> (18 - 6 * k)) & 0x3F] : '=';
    }
    return Value(out);
}

Value base64decode(CallContext&, Args& args) {
    if (arg(args, 0).isUndefined()) return {};
    std::u32string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : arg(args, 0).string()) {
        const char* at = std::strchr(kBase64, c);
        if (c == '=' || !at || c == '\0') continue;
        buffer = (buffer << 6) | static_cast<std::uint32_t>(at - kBase64);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char32_t>((buffer >> bits) & 0xFF);
        }
    }
    return Value(fromCodePoints(out));
}

[[noreturn]] void malformedUrl(const char* function, const std::string& text) {
    throw EvaluationError("D3140").with("functionName", function).with("value", text);
}

Value encodeUrl(const Args& args, const char* function, std::string_view keep) {
    if (arg(args, 0).isUndefined()) return {};
    const std::string& text = arg(args, 0).string();
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        // A lone surrogate (kept by the lexer as its 3-byte form) is not valid in a URI.
        if (c == 0xED && i + 1 < text.size() &&
            (static_cast<unsigned char>(text[i + 1]) & 0xE0) == 0xA0)
            malformedUrl(function, text);
        if (std::isalnum(c) ||
            std::string_view("-_.!~*'()").find(static_cast<char>(c)) != std::string_view::npos ||
            keep.find(static_cast<char>(c)) != std::string_view::npos) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
    return Value(out);
}

bool validUtf8(const std::string& bytes) {
    for (std::size_t i = 0; i < bytes.size();) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        const std::size_t n = c < 0x80         ? 1
                              : (c >> 5) == 6  ? 2
                              : (c >> 4) == 14 ? 3
                              : (c >> 3) == 30 ? 4
                                               : 0;
        if (n == 0 || i + n > bytes.size()) return false;
        for (std::size_t k = 1; k < n; ++k) {
            if ((static_cast<unsigned char>(bytes[i + k]) & 0xC0) != 0x80) return false;
        }
        i += n;
    }
    return true;
}

Value decodeUrl(const Args& args, const char* function, std::string_view reserved) {
    if (arg(args, 0).isUndefined()) return {};
    const std::string& text = arg(args, 0).string();
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        if (i + 2 >= text.size() + 0 || !std::isxdigit(static_cast<unsigned char>(text[i + 1])) ||
            !std::isxdigit(static_cast<unsigned char>(text[i + 2])))
            malformedUrl(function, text);
        const char decoded = static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
        if (reserved.find(decoded) != std::string_view::npos && decoded != '\0')
            out += text.substr(i, 3);
        else
            out += decoded;
        i += 2;
    }
    if (!validUtf8(out)) malformedUrl(function, text);
    return Value(out);
}

} // namespace

std::u32string toCodePoints(const std::string& text) {
    std::u32string out;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t n = c < 0x80         ? 1
                        : (c >> 5) == 6  ? 2
                        : (c >> 4) == 14 ? 3
                        : (c >> 3) == 30 ? 4
                                         : 1;
        if (i + n > text.size()) n = 1;
        char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (std::size_t k = 1; k < n; ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        out += cp;
        i += n;
    }
    return out;
}

std::string fromCodePoints(std::u32string_view codePoints) {
    std::string out;
    for (const char32_t cp : codePoints) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    return out;
}

std::size_t utf16Length(std::string_view text) {
    std::size_t units = 0;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte & 0xC0) != 0x80) units += byte >= 0xF0 ? 2 : 1;
    }
    return units;
}

Value toJsString(const Value& value, bool pretty) {
    if (value.isUndefined()) return {};
    if (value.isString()) return value;
    if (value.isFunction()) return Value(std::string());
    if (value.isNumber() && !std::isfinite(value.number()))
        throw EvaluationError("D3001").with("value", jsonOf(value));
    return Value(stringify(value, pretty));
}

void addStringFunctions(FunctionLibrary& library) {
    // arity 1: JS's Function.length stops at prettify's default value.
    library.add("string", "<x-b?:s>", 1, [](CallContext&, Args& args) {
        return toJsString(arg(args, 0), arg(args, 1).isBool() && arg(args, 1).boolean());
    });
    library.add("substring", "<s-nn?:s>", 3, substring);
    library.add("substringBefore", "<s-s:s>", 2, [](CallContext&, Args& args) -> Value {
        if (arg(args, 0).isUndefined()) return {};
        const std::string& text = arg(args, 0).string();
        const auto at = text.find(arg(args, 1).string());
        return Value(at == std::string::npos ? text : text.substr(0, at));
    });
    library.add("substringAfter", "<s-s:s>", 2, [](CallContext&, Args& args) -> Value {
        if (arg(args, 0).isUndefined()) return {};
        const std::string& text = arg(args, 0).string();
        const auto at = text.find(arg(args, 1).string());
        return Value(at == std::string::npos ? text
                                             : text.substr(at + arg(args, 1).string().size()));
    });
    library.add("lowercase", "<s-:s>", 1,
                [](CallContext&, Args& args) { return changeCase(args, false); });
    library.add("uppercase", "<s-:s>", 1,
                [](CallContext&, Args& args) { return changeCase(args, true); });
    library.add("length", "<s-:n>", 1, [](CallContext&, Args& args) -> Value {
        if (arg(args, 0).isUndefined()) return {};
        return Value(static_cast<double>(toCodePoints(arg(args, 0).string()).size()));
    });
    library.add("trim", "<s-:s>", 1, trim);
    library.add("pad", "<s-ns?:s>", 3, pad);
    library.add("match", "<s-f<s:o>n?:a<o>>", 3, match);
    library.add("contains", "<s-(sf):b>", 2, contains);
    library.add("replace", "<s-(sf)(sf)n?:s>", 4, replace);
    library.add("split", "<s-(sf)n?:a<s>>", 3, split);
    library.add("join", "<a<s>s?:s>", 2, join);
    library.add("base64encode", "<s-:s>", 1, base64encode);
    library.add("base64decode", "<s-:s>", 1, base64decode);
    library.add("encodeUrlComponent", "<s-:s>", 1,
                [](CallContext&, Args& args) { return encodeUrl(args, "encodeUrlComponent", ""); });
    library.add("encodeUrl", "<s-:s>", 1, [](CallContext&, Args& args) {
        return encodeUrl(args, "encodeUrl", ";,/?:@&=+$#");
    });
    library.add("decodeUrlComponent", "<s-:s>", 1,
                [](CallContext&, Args& args) { return decodeUrl(args, "decodeUrlComponent", ""); });
    library.add("decodeUrl", "<s-:s>", 1, [](CallContext&, Args& args) {
        return decodeUrl(args, "decodeUrl", ";/?:@&=+$,#");
    });
}

} // namespace flowcast::model::jsonata
