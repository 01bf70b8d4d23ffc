#include "model/asl/validate/GraphRules.h"

#include <deque>
#include <unordered_map>
#include <unordered_set>

namespace flowcast::model::validate {
namespace {

struct Edge {
    std::string target;
    std::string pointer;
};

// Next, Choices[i].Next, Default and Catch[i].Next of one state, in file order.
std::vector<Edge> edgesOf(const Json& state, const std::string& sp) {
    std::vector<Edge> edges;
    auto add = [&](const Json& holder, const std::string& holderPointer, const char* key) {
        auto it = holder.find(key);
        if (it != holder.end() && it->is_string())
            edges.push_back({it->get<std::string>(), pointerChild(holderPointer, key)});
    };
    add(state, sp, "Next");
    for (const char* list : {"Choices", "Catch"}) {
        auto it = state.find(list);
        if (it == state.end() || !it->is_array()) continue;
        for (std::size_t i = 0; i < it->size(); ++i) {
            if ((*it)[i].is_object())
                add((*it)[i], pointerChild(pointerChild(sp, list), i), "Next");
        }
    }
    add(state, sp, "Default");
    return edges;
}

bool isTerminal(const Json& state) {
    if (!state.is_object()) return false;
    const auto type = state.find("Type");
    if (type != state.end() && (*type == "Succeed" || *type == "Fail")) return true;
    auto end = state.find("End");
    return end != state.end() && end->is_boolean() && end->get<bool>();
}

} // namespace

void checkScopeGraph(Context& ctx, const Json& scope, const std::string& pointer,
                     const std::unordered_map<std::string, int>& allNames) {
    const auto states = scope.find("States");
    if (states == scope.end() || !states->is_object() || states->empty()) return;
    const std::string statesPointer = pointerChild(pointer, "States");
    const bool nested = !pointer.empty();

    auto reportMissing = [&](const std::string& target, const std::string& where) {
        if (nested && allNames.count(target))
            ctx.error("MISSING_TRANSITION_TARGET", where,
                      "\"" + target +
                          "\" is outside this Parallel branch or Map processor; a transition "
                          "cannot leave it");
        else
            ctx.error("MISSING_TRANSITION_TARGET", where,
                      "no state named \"" + target + "\" in this scope");
    };

    // ordered_json finds keys by linear search; index the scope once (20,000 states stay fast).
    std::unordered_map<std::string, const Json*> byName;
    byName.reserve(states->size());
    for (const auto& [name, state] : states->items())
        byName.emplace(name, &state);

    std::deque<const std::string*> queue;
    std::unordered_set<std::string> reached;
    if (auto start = scope.find("StartAt"); start != scope.end() && start->is_string()) {
        const std::string& s = start->get_ref<const std::string&>();
        if (!byName.count(s))
            reportMissing(s, pointerChild(pointer, "StartAt"));
        else if (reached.insert(s).second)
            queue.push_back(&s);
    }
    for (const auto& [name, state] : states->items()) {
        if (!state.is_object()) continue;
        for (const auto& e : edgesOf(state, pointerChild(statesPointer, name)))
            if (!byName.count(e.target)) reportMissing(e.target, e.pointer);
    }
    if (queue.empty()) return; // StartAt is missing or wrong: already reported
    bool terminalReached = false;
    while (!queue.empty()) {
        const Json& state = *byName.at(*queue.front());
        queue.pop_front();
        terminalReached = terminalReached || isTerminal(state);
        if (!state.is_object()) continue;
        for (const auto& e : edgesOf(state, "")) {
            auto it = byName.find(e.target);
            if (it != byName.end() && reached.insert(e.target).second) queue.push_back(&it->first);
        }
    }
    for (const auto& [name, state] : states->items()) {
        if (!reached.count(name))
            // AWS reports this as MISSING_TRANSITION_TARGET: "State \"X\" is not reachable."
            ctx.error("MISSING_TRANSITION_TARGET", pointerChild(statesPointer, name),
                      "state \"" + name + "\" is not reachable from StartAt");
    }
    if (!terminalReached)
        ctx.error("MISSING_END_STATE", statesPointer,
                  "no Succeed, Fail or \"End\": true state can be reached from StartAt");
}

namespace {

// Walks every value with a stack of reference tokens and builds a pointer only for a hit, since
// almost no string holds a placeholder.
void findPlaceholders(Context& ctx, const Json& value, std::vector<std::string>& tokens,
                      bool inResource) {
    if (value.is_string()) {
        if (inResource || !hasPlaceholder(value.get_ref<const std::string&>())) return;
        std::string pointer;
        for (const auto& t : tokens)
            pointer = pointerChild(pointer, t);
        ctx.warning("UNRESOLVED_PLACEHOLDER", pointer,
                    "\"" + value.get<std::string>() +
                        "\" holds a template placeholder, substituted at deployment");
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            tokens.push_back(std::to_string(i));
            findPlaceholders(ctx, value[i], tokens, false);
            tokens.pop_back();
        }
    } else if (value.is_object()) {
        for (const auto& [key, v] : value.items()) {
            tokens.push_back(key);
            findPlaceholders(ctx, v, tokens, key == "Resource"); // Resource has its own note
            tokens.pop_back();
        }
    }
}

} // namespace

void checkPlaceholders(Context& ctx, const Json& definition) {
    std::vector<std::string> tokens;
    findPlaceholders(ctx, definition, tokens, false);
}

} // namespace flowcast::model::validate
