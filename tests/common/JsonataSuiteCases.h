#pragma once
// Reads the cases of the jsonata-js reference suite (../shared/jsonata-suite, see its README.md):
// the case ids from INDEX.tsv, and for one id its expression, input, bindings and limits.
// Shared by TestJsonataSuite and BenchJsonataSuite; Qt-free so the bench needs no Qt.
#include "model/asl/Json.h"

#include <cctype>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace jsonata_suite {

using flowcast::model::Json;

inline std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// U+10FFFF stands in for a lone surrogate escape, which nlohmann's parser rejects; it is put
// back into the expression as the surrogate's 3-byte (WTF-8) form, as the lexer would keep it.
inline const std::string kSurrogateStandIn = "\xF4\x8F\xBF\xBF";

inline bool isHex(char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

// "\uD800" not followed by a low surrogate escape.
inline bool loneHighSurrogateAt(const std::string& text, std::size_t at) {
    if (at + 6 > text.size() || text.compare(at, 2, "\\u") != 0) return false;
    const char d = static_cast<char>(std::toupper(static_cast<unsigned char>(text[at + 2])));
    const char h = static_cast<char>(std::toupper(static_cast<unsigned char>(text[at + 3])));
    if (d != 'D' || !(h >= '8' && h <= 'B') || !isHex(text[at + 4]) || !isHex(text[at + 5]))
        return false;
    const bool lowFollows = at + 12 <= text.size() && text.compare(at + 6, 2, "\\u") == 0 &&
                            std::toupper(static_cast<unsigned char>(text[at + 8])) == 'D' &&
                            std::string("CDEFcdef").find(text[at + 9]) != std::string::npos;
    return !lowFollows;
}

/// The JSON file at `path`, discarded (is_discarded()) when it cannot be read.
inline Json readJson(const std::string& path) {
    std::string text = readText(path);
    for (std::size_t at = 0; at + 1 < text.size(); ++at) {
        if (text[at] != '\\') continue;
        if (loneHighSurrogateAt(text, at)) text.replace(at, 6, "\\uDBFF\\uDFFF");
        ++at; // skip the escaped character
    }
    return Json::parse(text, nullptr, false);
}

inline std::string restoreSurrogates(std::string text) {
    for (auto at = text.find(kSurrogateStandIn); at != std::string::npos;
         at = text.find(kSurrogateStandIn, at))
        text.replace(at, kSurrogateStandIn.size(), "\xED\xA0\x80");
    return text;
}

/// Every case id of INDEX.tsv ("groups/<group>/<file>.json" or "...json#<n>"), in its order.
inline std::vector<std::string> caseIds(const std::string& root) {
    std::vector<std::string> ids;
    std::istringstream index(readText(root + "/INDEX.tsv"));
    std::string line;
    std::getline(index, line); // header
    while (std::getline(index, line)) {
        if (!line.empty()) ids.push_back(line.substr(0, line.find('\t')));
    }
    return ids;
}

/// One case as read from its file; `spec` points into the reader's cache.
struct Case {
    const Json* spec = nullptr;
    std::string expression;
    std::optional<Json> input; ///< nullopt: no input at all (jsonata-js undefined)
    Json bindings = Json::object();
    bool limited = false; ///< has both `timelimit` and `depth`
    long timeLimitMs = 0;
    int depth = 0;
    bool expectsError() const { return spec->contains("code") || spec->contains("error"); }
};

/// Reads cases, caching every file (case files and datasets) it has opened.
class CaseReader {
public:
    explicit CaseReader(std::string root) : m_root(std::move(root)) {}

    /// The case `id`, or nullopt when its file cannot be read.
    std::optional<Case> read(const std::string& id) {
        const std::string file = id.substr(0, id.find('#'));
        const Json& document = load(file);
        if (document.is_discarded()) return std::nullopt;
        Case out;
        out.spec = id.find('#') == std::string::npos
                       ? &document
                       : &document.at(std::stoul(id.substr(id.find('#') + 1)));
        const Json& spec = *out.spec;
        if (spec.contains("expr-file")) {
            const std::string dir = file.substr(0, file.rfind('/'));
            out.expression =
                readText(m_root + "/" + dir + "/" + spec["expr-file"].get<std::string>());
        } else {
            out.expression = restoreSurrogates(spec.value("expr", ""));
        }
        if (spec.contains("data")) {
            out.input = spec["data"];
        } else if (spec.contains("dataset") && spec["dataset"].is_string()) {
            out.input = load("datasets/" + spec["dataset"].get<std::string>() + ".json");
        }
        out.bindings = spec.value("bindings", Json::object());
        if (spec.contains("timelimit") && spec.contains("depth")) {
            out.limited = true;
            out.timeLimitMs = spec["timelimit"].get<long>();
            out.depth = spec["depth"].get<int>();
        }
        return out;
    }

private:
    const Json& load(const std::string& relative) {
        auto found = m_files.find(relative);
        if (found == m_files.end())
            found = m_files.emplace(relative, readJson(m_root + "/" + relative)).first;
        return found->second;
    }

    std::string m_root;
    std::map<std::string, Json> m_files;
};

} // namespace jsonata_suite
