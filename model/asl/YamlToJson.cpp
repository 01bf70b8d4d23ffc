#include "model/asl/YamlToJson.h"

#include "model/asl/JsonPointer.h"

#include <libfyaml.h>

#include <charconv>
#include <memory>
#include <regex>
#include <string>
#include <vector>

namespace flowcast::model {
namespace {

// Aliases can make a small file expand exponentially ("billion laughs"); aliases are resolved
// here, one node at a time, so this bound holds before any memory is spent.
constexpr std::size_t kMaxNodes = 5'000'000;
// Values reached through aliases: real definitions use few, a bomb uses nothing else.
constexpr std::size_t kMaxAliasedNodes = 500'000;

std::string_view scalarOf(fy_node* node) {
    std::size_t len = 0;
    const char* text = fy_node_get_scalar(node, &len);
    return text ? std::string_view(text, len) : std::string_view();
}

std::string tagOf(fy_node* node) {
    std::size_t len = 0;
    const char* tag = fy_node_get_tag(node, &len);
    return tag ? std::string(tag, len) : std::string();
}

class Converter {
public:
    struct Stop {
        std::string code;
        std::string pointer;
        std::string message;
    };

    explicit Converter(int maxDepth) : m_maxDepth(maxDepth) {}

    Json convert(fy_node* node, const std::string& pointer, int depth) {
        if (m_aliasDepth > 0 && ++m_aliasedNodes > kMaxAliasedNodes)
            throw Stop{"YAML_TOO_LARGE", pointer, "aliases expand to more than 500,000 values"};
        if (++m_nodes > kMaxNodes)
            throw Stop{"YAML_TOO_LARGE", pointer,
                       "the document expands to too many values (aliases?)"};
        if (depth > m_maxDepth)
            throw Stop{"NESTING_TOO_DEEP", pointer,
                       "objects and arrays nest more than " + std::to_string(m_maxDepth) +
                           " levels deep"};
        if (node && fy_node_is_alias(node)) {
            fy_node* target = fy_node_resolve_alias(node);
            if (!target)
                throw Stop{"INVALID_YAML", pointer,
                           "alias *" + std::string(scalarOf(node)) + " names no anchor"};
            ++m_aliasDepth;
            Json value = convert(target, pointer, depth + 1);
            --m_aliasDepth;
            return value;
        }
        return applyTag(tagOf(node), convertUntagged(node, pointer, depth));
    }

    Diagnostics diagnostics;

private:
    Json convertUntagged(fy_node* node, const std::string& pointer, int depth) {
        if (!node) return nullptr;
        switch (fy_node_get_type(node)) {
        case FYNT_SCALAR: {
            const std::string text(scalarOf(node));
            return fy_node_get_style(node) == FYNS_PLAIN && tagOf(node).empty()
                       ? resolvePlainScalar(text)
                       : Json(text);
        }
        case FYNT_SEQUENCE: {
            Json arr = Json::array();
            void* iter = nullptr;
            std::size_t i = 0;
            while (fy_node* item = fy_node_sequence_iterate(node, &iter))
                arr.push_back(convert(item, pointerChild(pointer, i++), depth + 1));
            return arr;
        }
        case FYNT_MAPPING: {
            Json obj = Json::object();
            void* iter = nullptr;
            while (fy_node_pair* pair = fy_node_mapping_iterate(node, &iter)) {
                fy_node* keyNode = fy_node_pair_key(pair);
                std::string key;
                if (keyNode && fy_node_is_scalar(keyNode)) {
                    key = std::string(scalarOf(keyNode));
                } else if (keyNode) {
                    char* text = fy_emit_node_to_string(keyNode, FYECF_MODE_FLOW_ONELINE);
                    key = text ? text : "";
                    std::free(text);
                }
                const std::string child = pointerChild(pointer, key);
                if (obj.contains(key)) {
                    diagnostics.push_back(
                        {"DUPLICATE_KEY", Severity::Error, child,
                         "key \"" + key + "\" appears more than once in this mapping", 0, 0});
                    obj.erase(key);
                }
                obj[key] = convert(fy_node_pair_value(pair), child, depth + 1);
            }
            return obj;
        }
        }
        return nullptr;
    }

    // CloudFormation's YAML short forms: !Ref X -> {"Ref": X}, !GetAtt a.b -> {"Fn::GetAtt":
    // ["a", "b"]}, any other !Name v -> {"Fn::Name": v}. Standard tags (!!str ...) keep the value.
    static Json applyTag(const std::string& tag, Json value) {
        if (tag.size() < 2 || tag[0] != '!' || tag[1] == '!' ||
            tag.rfind("tag:yaml.org,2002:", 0) == 0)
            return value;
        const std::string name = tag.substr(1);
        if (name == "Ref" || name == "Condition") return Json::object({{name, std::move(value)}});
        if (name == "GetAtt" && value.is_string()) {
            const std::string s = value.get<std::string>();
            const auto dot = s.find('.');
            Json parts = Json::array({s.substr(0, dot)});
            if (dot != std::string::npos) parts.push_back(s.substr(dot + 1));
            return Json::object({{"Fn::GetAtt", std::move(parts)}});
        }
        return Json::object({{"Fn::" + name, std::move(value)}});
    }

    int m_maxDepth;
    std::size_t m_nodes = 0;
    std::size_t m_aliasedNodes = 0;
    int m_aliasDepth = 0;
};

bool matches(const std::string& s, const std::regex& pattern) {
    return std::regex_match(s, pattern);
}

Json resolvePlainScalarOrThrow(const std::string& s) {
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
    const char first = s[0];
    const bool numeric =
        (first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.';
    if (!numeric || s.size() > 64)
        return s; // long runs of digits stay text (and regex stays cheap)
    static const std::regex kInt("[-+]?[0-9]+"), kOct("0o[0-7]+"), kHex("0x[0-9a-fA-F]+"),
        kFloat("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    if (matches(s, kInt)) {
        const char* b = s.data() + (first == '+' ? 1 : 0);
        std::int64_t i = 0;
        if (auto [p, ec] = std::from_chars(b, s.data() + s.size(), i);
            ec == std::errc() && p == s.data() + s.size())
            return i;
        std::uint64_t u = 0;
        if (auto [p, ec] = std::from_chars(b, s.data() + s.size(), u);
            ec == std::errc() && p == s.data() + s.size())
            return u;
        return std::stod(s);
    }
    if (matches(s, kOct)) return static_cast<std::int64_t>(std::stoll(s.substr(2), nullptr, 8));
    if (matches(s, kHex)) return static_cast<std::int64_t>(std::stoll(s.substr(2), nullptr, 16));
    if (matches(s, kFloat)) return std::stod(s);
    return s; // includes .inf and .nan: JSON has neither, so the text is kept
}

std::size_t indentOf(std::string_view line) {
    const std::size_t n = line.find_first_not_of(' ');
    return n == std::string_view::npos ? line.size() : n;
}

bool blankOrComment(std::string_view line) {
    const std::size_t n = line.find_first_not_of(" \t\r");
    return n == std::string_view::npos || line[n] == '#';
}

// The column of the last key opened by `line` ("  - Key:" opens Key at column 4), or npos when
// the line does not end with a key awaiting its value.
std::size_t keyColumnOf(std::string_view line) {
    std::size_t end = line.find_last_not_of(" \t\r");
    if (end == std::string_view::npos || line[end] != ':') return std::string_view::npos;
    std::size_t column = indentOf(line);
    while (line.compare(column, 2, "- ") == 0)
        column = line.find_first_not_of(' ', column + 1);
    return column;
}

// libfyaml 0.7.12 (Debian 12) rejects a block scalar whose tag or anchor stands alone on the line
// under its key:
//     Policy:
//       !Sub |
//       { "Rules": ... }
// YAML 1.2 allows it (the content only has to be deeper than the key; PyYAML and the `yaml` npm
// package read it, and CloudFormation templates are written so). When a document fails to parse,
// it is read again with such headers given the explicit indentation indicator that YAML's own
// detection implies (content column minus key column: "!Sub |2"), which changes no line and no
// column before the header's end. Returns an empty string when there is nothing to rewrite.
std::string withIndentationIndicators(std::string_view text) {
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start <= text.size();) {
        const std::size_t end = text.find('\n', start);
        lines.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    std::string out;
    bool changed = false;
    std::size_t keyColumn = std::string_view::npos;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string_view line = lines[i];
        std::string rewritten(line);
        const std::size_t indent = indentOf(line);
        const std::size_t last = line.find_last_not_of(" \t\r");
        if (keyColumn != std::string_view::npos && last != std::string_view::npos &&
            (line[indent] == '!' || line[indent] == '&') &&
            (line[last] == '|' || line[last] == '>' ||
             ((line[last] == '-' || line[last] == '+') && last > 0 &&
              (line[last - 1] == '|' || line[last - 1] == '>')))) {
            std::size_t next = i + 1;
            while (next < lines.size() && blankOrComment(lines[next]))
                ++next;
            const std::size_t content = next < lines.size() ? indentOf(lines[next]) : 0;
            if (indent > keyColumn && content > keyColumn && content - keyColumn <= 9) {
                rewritten.insert(last + 1, 1, static_cast<char>('0' + (content - keyColumn)));
                changed = true;
            }
        }
        if (!blankOrComment(line)) keyColumn = keyColumnOf(line);
        out += rewritten;
        if (i + 1 < lines.size()) out += '\n';
    }
    return changed ? out : std::string();
}

struct ParsedYaml {
    std::unique_ptr<fy_document, decltype(&fy_document_destroy)> doc{nullptr, fy_document_destroy};
    Diagnostic error{"INVALID_YAML", Severity::Error, "", "not valid YAML", 0, 0};
};

ParsedYaml parseYaml(std::string_view text) {
    ParsedYaml parsed;
    // Errors are collected (with line and column) instead of printed.
    fy_diag_cfg diagCfg{};
    diagCfg.level = FYET_ERROR;
    std::unique_ptr<fy_diag, decltype(&fy_diag_destroy)> diag(fy_diag_create(&diagCfg),
                                                              fy_diag_destroy);
    if (diag) fy_diag_set_collect_errors(diag.get(), true);
    fy_parse_cfg cfg{};
    cfg.flags = static_cast<fy_parse_cfg_flags>(FYPCF_QUIET | FYPCF_ALLOW_DUPLICATE_KEYS);
    cfg.diag = diag.get();
    parsed.doc.reset(fy_document_build_from_string(&cfg, text.data(), text.size()));
    void* iter = nullptr;
    if (!parsed.doc && diag) {
        if (fy_diag_error* e = fy_diag_errors_iterate(diag.get(), &iter)) {
            parsed.error.message = e->msg ? e->msg : parsed.error.message;
            parsed.error.line = e->line; // libfyaml counts lines and columns from 1
            parsed.error.column = e->column;
        }
    }
    return parsed;
}

} // namespace

Json resolvePlainScalar(const std::string& s) {
    try {
        return resolvePlainScalarOrThrow(s);
    } catch (const std::exception&) { // out-of-range numbers: keep the text
        return s;
    }
}

YamlConversion yamlToJson(std::string_view text, int maxDepth) {
    YamlConversion out;
    std::string rewritten; // declared first, so it outlives the document that points into it
    ParsedYaml parsed = parseYaml(text);
    if (!parsed.doc) {
        rewritten = withIndentationIndicators(text);
        if (!rewritten.empty()) {
            ParsedYaml retried = parseYaml(rewritten);
            if (retried.doc) parsed.doc = std::move(retried.doc);
        }
    }
    if (!parsed.doc) {
        out.diagnostics.push_back(std::move(parsed.error));
        return out;
    }
    const std::unique_ptr<fy_document, decltype(&fy_document_destroy)> doc = std::move(parsed.doc);
    Converter converter(maxDepth);
    try {
        out.json = converter.convert(fy_document_root(doc.get()), "", 0);
        out.diagnostics = std::move(converter.diagnostics);
    } catch (const Converter::Stop& stop) {
        out.json.reset();
        out.diagnostics.push_back({stop.code, Severity::Error, stop.pointer, stop.message, 0, 0});
    }
    return out;
}

} // namespace flowcast::model
