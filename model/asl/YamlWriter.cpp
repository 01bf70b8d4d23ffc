#include "model/asl/YamlWriter.h"

#include "model/asl/YamlToJson.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace flowcast::model {

namespace {

// YAML 1.1 booleans and nulls, and the special floats, that one reader or another takes for
// something other than a string (PyYAML, some CloudFormation tooling): always quoted.
bool isYaml11Word(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static constexpr std::array<std::string_view, 15> kWords = {
        "y",    "n", "yes", "no",   "on",    "off",   "true", "false",
        "null", "~", "=",   ".inf", "+.inf", "-.inf", ".nan"};
    return std::find(kWords.begin(), kWords.end(), text) != kWords.end();
}

void writeScalar(const Json& value, std::string& out) {
    if (value.is_string()) {
        const std::string& s = value.get_ref<const std::string&>();
        out += isPlainSafe(s) ? s : Json(s).dump(-1, ' ', false, Json::error_handler_t::replace);
    } else {
        out += value.dump(); // numbers as stored (2.0 stays a float), true, false, null
    }
}

void writeKey(const std::string& key, std::string& out) {
    out += isPlainSafe(key) ? key : Json(key).dump(-1, ' ', false, Json::error_handler_t::replace);
    out += ':';
}

bool isEmptyContainer(const Json& v) {
    return (v.is_object() || v.is_array()) && v.empty();
}

void write(const Json& value, int indent, std::string& out);

// The value after "key:" or "- ": scalars and empty containers on the same line, the rest on
// the next lines, mappings under a key indented by two, sequences at the key's own indent.
void writeChild(const Json& child, int indent, bool underKey, std::string& out) {
    if (!child.is_structured() || isEmptyContainer(child)) {
        out += ' ';
        if (isEmptyContainer(child))
            out += child.is_object() ? "{}" : "[]";
        else
            writeScalar(child, out);
        out += '\n';
        return;
    }
    out += '\n';
    write(child, child.is_array() && underKey ? indent : indent + 2, out);
}

void write(const Json& value, int indent, std::string& out) {
    const std::string pad(static_cast<std::size_t>(indent), ' ');
    if (value.is_object()) {
        for (const auto& [key, child] : value.items()) {
            out += pad;
            writeKey(key, out);
            writeChild(child, indent, true, out);
        }
    } else if (value.is_array()) {
        for (const Json& child : value) {
            out += pad;
            out += '-';
            if (child.is_object() && !child.empty()) {
                // "- key: value" with the mapping's other keys aligned under the first.
                std::string nested;
                write(child, indent + 2, nested);
                out += ' ';
                out += nested.substr(static_cast<std::size_t>(indent) + 2);
            } else {
                writeChild(child, indent, false, out);
            }
        }
    } else {
        out += pad;
        writeScalar(value, out);
        out += '\n';
    }
}

} // namespace

bool isPlainSafe(const std::string& text) {
    if (text.empty() || text.front() == ' ' || text.back() == ' ') return false;
    // Indicators that start something else: a sequence entry, a mapping key, flow collections,
    // comments, anchors, aliases, tags, block scalars, quotes, directives, reserved characters.
    static constexpr std::string_view kLeading = "-?:,[]{}#&*!|>'\"%@`";
    if (kLeading.find(text.front()) != std::string_view::npos) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7f) return false; // control characters, newlines, tabs
        if (c == ':' && (i + 1 == text.size() || text[i + 1] == ' ')) return false;
        if (c == '#' && i > 0 && text[i - 1] == ' ') return false;
    }
    if (isYaml11Word(text)) return false;
    // Anything YAML 1.2's core schema reads as another type (numbers, .inf, 0x1F...).
    if (resolvePlainScalar(text) != Json(text)) return false;
    // Digits, dots and signs alone may be numbers or dates to YAML 1.1 readers (1_000, 1:20,
    // 2026-01-01): quoted.
    return !std::all_of(text.begin(), text.end(), [](unsigned char c) {
        return std::isdigit(c) || c == '.' || c == '-' || c == '+' || c == '_' || c == ':' ||
               c == 'e' || c == 'E';
    });
}

std::string toYaml(const Json& value) {
    std::string out;
    if (isEmptyContainer(value) || !value.is_structured()) {
        writeChild(value, 0, false, out);
        return out.substr(1); // no leading space at the top level
    }
    write(value, 0, out);
    return out;
}

} // namespace flowcast::model
