#include "model/asl/YamlToJson.h"

#include "model/asl/JsonPointer.h"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <regex>

namespace flowcast::model {
namespace {

// Aliases can make a small file expand exponentially ("billion laughs"); stop well before that.
constexpr std::size_t kMaxNodes = 20'000'000;

class Converter {
public:
    explicit Converter(int maxDepth) : m_maxDepth(maxDepth) {}

    Json convert(const YAML::Node& node, const std::string& pointer, int depth) {
        if (++m_nodes > kMaxNodes) throw Stop{"YAML_TOO_LARGE", pointer,
                                              "the document expands to too many values (aliases?)"};
        if (depth > m_maxDepth) throw Stop{"NESTING_TOO_DEEP", pointer,
                                           "objects and arrays nest more than " +
                                               std::to_string(m_maxDepth) + " levels deep"};
        Json value = convertUntagged(node, pointer, depth);
        return applyTag(node.Tag(), std::move(value));
    }

    struct Stop {
        std::string code;
        std::string pointer;
        std::string message;
    };

    Diagnostics diagnostics;

private:
    Json convertUntagged(const YAML::Node& node, const std::string& pointer, int depth) {
        switch (node.Type()) {
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            return nullptr;
        case YAML::NodeType::Scalar:
            return node.Tag() == "?" ? resolvePlainScalar(node.Scalar()) : Json(node.Scalar());
        case YAML::NodeType::Sequence: {
            Json arr = Json::array();
            std::size_t i = 0;
            for (const auto& item : node) arr.push_back(convert(item, pointerChild(pointer, i++), depth + 1));
            return arr;
        }
        case YAML::NodeType::Map: {
            Json obj = Json::object();
            for (const auto& kv : node) {
                const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : YAML::Dump(kv.first);
                const std::string child = pointerChild(pointer, key);
                if (obj.contains(key)) {
                    diagnostics.push_back({"DUPLICATE_KEY", Severity::Error, child,
                                           "key \"" + key + "\" appears more than once in this mapping",
                                           kv.first.Mark().line + 1, kv.first.Mark().column + 1});
                    obj.erase(key);
                }
                obj[key] = convert(kv.second, child, depth + 1);
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
            tag.rfind("tag:yaml.org,2002:", 0) == 0) {
            return value;
        }
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
};

bool matches(const std::string& s, const std::regex& pattern) {
    return std::regex_match(s, pattern);
}

Json resolvePlainScalarOrThrow(const std::string& s) {
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
    const char first = s[0];
    const bool numeric = (first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.';
    if (!numeric || s.size() > 64) return s; // long runs of digits stay text (and regex stays cheap)
    static const std::regex kInt("[-+]?[0-9]+"), kOct("0o[0-7]+"), kHex("0x[0-9a-fA-F]+"),
        kFloat("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    if (matches(s, kInt)) {
        const char* b = s.data() + (first == '+' ? 1 : 0);
        std::int64_t i = 0;
        if (auto [p, ec] = std::from_chars(b, s.data() + s.size(), i); ec == std::errc() && p == s.data() + s.size()) return i;
        std::uint64_t u = 0;
        if (auto [p, ec] = std::from_chars(b, s.data() + s.size(), u); ec == std::errc() && p == s.data() + s.size()) return u;
        return std::stod(s);
    }
    if (matches(s, kOct)) return static_cast<std::int64_t>(std::stoll(s.substr(2), nullptr, 8));
    if (matches(s, kHex)) return static_cast<std::int64_t>(std::stoll(s.substr(2), nullptr, 16));
    if (matches(s, kFloat)) return std::stod(s);
    return s; // includes .inf and .nan: JSON has neither, so the text is kept
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
    Converter converter(maxDepth);
    try {
        const YAML::Node root = YAML::Load(std::string(text));
        out.json = converter.convert(root, "", 0);
        out.diagnostics = std::move(converter.diagnostics);
    } catch (const Converter::Stop& stop) {
        out.json.reset();
        out.diagnostics.push_back({stop.code, Severity::Error, stop.pointer, stop.message, 0, 0});
    } catch (const YAML::Exception& e) {
        out.json.reset();
        out.diagnostics.push_back({"INVALID_YAML", Severity::Error, "", e.msg,
                                   e.mark.is_null() ? 0 : e.mark.line + 1,
                                   e.mark.is_null() ? 0 : e.mark.column + 1});
    }
    return out;
}

} // namespace flowcast::model
