#include "model/asl/Validator.h"

#include "model/asl/validate/Context.h"
#include "model/asl/validate/GraphRules.h"
#include "model/asl/validate/StateRules.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace flowcast::model {
namespace {

using validate::Context;

constexpr std::size_t kMaxStateNameLength = 80; // AWS: state names have at most 80 characters

std::size_t codePoints(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

QueryLanguage parseLanguage(Context& ctx, const Json& obj, const std::string& pointer,
                            QueryLanguage fallback) {
    const auto it = obj.find("QueryLanguage");
    if (it == obj.end()) return fallback;
    if (*it == "JSONata") return QueryLanguage::Jsonata;
    if (*it == "JSONPath") return QueryLanguage::JsonPath;
    ctx.schema(pointerChild(pointer, "QueryLanguage"),
               "QueryLanguage must be \"JSONPath\" or \"JSONata\"");
    return fallback;
}

class ScopeWalker {
public:
    ScopeWalker(Context& ctx, QueryLanguage topLanguage) : m_ctx(ctx), m_top(topLanguage) {}

    // One state machine body: the top level, a Parallel branch or a Map processor.
    void walk(const Json& scope, const std::string& pointer, QueryLanguage language,
              std::initializer_list<std::string_view> allowedFields) {
        for (const auto& [key, value] : scope.items()) {
            if (std::find(allowedFields.begin(), allowedFields.end(), key) == allowedFields.end())
                m_ctx.schema(pointerChild(pointer, key),
                             "field \"" + key + "\" is not allowed here");
        }
        const auto startAt = scope.find("StartAt");
        if (startAt == scope.end())
            m_ctx.schema(pointer, "StartAt is required");
        else if (!startAt->is_string())
            m_ctx.schema(pointerChild(pointer, "StartAt"), "must be a string");
        const auto states = scope.find("States");
        if (states == scope.end()) return m_ctx.schema(pointer, "States is required");
        const std::string statesPointer = pointerChild(pointer, "States");
        if (!states->is_object()) return m_ctx.schema(statesPointer, "must be an object of states");
        if (states->empty()) return m_ctx.schema(statesPointer, "must hold at least one state");

        for (const auto& [name, state] : states->items()) {
            const std::string sp = pointerChild(statesPointer, name);
            checkName(name, sp);
            validate::checkStateFields(m_ctx, state, sp, language, m_top);
            if (state.is_object()) walkChildren(state, sp, stateLanguage(state, language));
        }
        validate::checkScopeGraph(m_ctx, scope, pointer, m_allNames);
    }

    void collectNames(const Json& scope) {
        const auto states = scope.find("States");
        if (states == scope.end() || !states->is_object()) return;
        for (const auto& [name, state] : states->items()) {
            m_allNames.emplace(name, 0).first->second++;
            if (!state.is_object()) continue;
            if (auto b = state.find("Branches"); b != state.end() && b->is_array())
                for (const auto& branch : *b)
                    if (branch.is_object()) collectNames(branch);
            for (const char* key : {"ItemProcessor", "Iterator"})
                if (auto p = state.find(key); p != state.end() && p->is_object()) collectNames(*p);
        }
    }

private:
    QueryLanguage stateLanguage(const Json& state, QueryLanguage inherited) {
        const auto it = state.find("QueryLanguage");
        if (it == state.end()) return inherited;
        return *it == "JSONata"    ? QueryLanguage::Jsonata
               : *it == "JSONPath" ? QueryLanguage::JsonPath
                                   : inherited;
    }

    void walkChildren(const Json& state, const std::string& pointer, QueryLanguage language) {
        if (auto b = state.find("Branches"); b != state.end() && b->is_array()) {
            for (std::size_t i = 0; i < b->size(); ++i) {
                if ((*b)[i].is_object())
                    walk((*b)[i], pointerChild(pointerChild(pointer, "Branches"), i), language,
                         {"StartAt", "States", "Comment"});
            }
        }
        if (auto p = state.find("ItemProcessor"); p != state.end() && p->is_object())
            walk(*p, pointerChild(pointer, "ItemProcessor"), language,
                 {"StartAt", "States", "Comment", "ProcessorConfig"});
        if (auto p = state.find("Iterator"); p != state.end() && p->is_object())
            walk(*p, pointerChild(pointer, "Iterator"), language, {"StartAt", "States", "Comment"});
    }

    void checkName(const std::string& name, const std::string& pointer) {
        if (name.empty())
            m_ctx.error("INVALID_STATE_NAME", pointer, "a state name cannot be empty");
        if (codePoints(name) > kMaxStateNameLength)
            m_ctx.error("INVALID_STATE_NAME", pointer,
                        "a state name has at most 80 characters; this one has " +
                            std::to_string(codePoints(name)));
        // "State names must be unique within the scope of the whole state machine" (ASL spec).
        if (!m_seen.insert(name).second)
            m_ctx.error("DUPLICATE_STATE_NAME", pointer,
                        "another state is already named \"" + name + "\"");
    }

    Context& m_ctx;
    QueryLanguage m_top;
    std::unordered_map<std::string, int> m_allNames;
    std::unordered_set<std::string> m_seen;
};

void checkTopLevelFields(Context& ctx, const Json& def) {
    if (auto it = def.find("Comment"); it != def.end() && !it->is_string())
        ctx.schema("/Comment", "must be a string");
    if (auto it = def.find("Version"); it != def.end() && !it->is_string())
        ctx.schema("/Version", "must be a string such as \"1.0\"");
    if (auto it = def.find("TimeoutSeconds"); it != def.end())
        validate::checkInteger(ctx, *it, "/TimeoutSeconds", 1, 99999999, QueryLanguage::JsonPath);
}

} // namespace

Diagnostics Validator::validate(const Json& definition) const {
    Diagnostics out;
    Context ctx{out, m_options};
    if (!definition.is_object()) {
        ctx.schema("", "a state machine definition is a JSON object, not " +
                           validate::typeName(definition));
        return out;
    }
    const QueryLanguage top = parseLanguage(ctx, definition, "", QueryLanguage::JsonPath);
    checkTopLevelFields(ctx, definition);
    ScopeWalker walker(ctx, top);
    walker.collectNames(definition);
    walker.walk(definition, "", top,
                {"StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage"});
    validate::checkPlaceholders(ctx, definition);
    return out;
}

} // namespace flowcast::model
