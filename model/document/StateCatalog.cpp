// The catalogue itself (lookup, search, renaming a fragment into a definition) and its Flow
// entries; Actions and Patterns are in StateCatalogActions.cpp and StateCatalogPatterns.cpp.
#include "model/document/StateCatalog.h"

#include "model/document/StateCatalogParts.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>

namespace flowcast::model {
namespace {

using Renames = std::unordered_map<std::string, std::string>;

void collectScopeNames(const Json& scope, std::vector<std::string>& names);

// The scopes nested in a state: Parallel branches, a Map's ItemProcessor (or older Iterator).
template <typename StateJson, typename Visit>
void forEachNestedScope(StateJson& state, Visit visit) {
    if (!state.is_object()) return;
    if (auto it = state.find("Branches"); it != state.end() && it->is_array())
        for (auto& branch : *it)
            if (branch.is_object()) visit(branch);
    for (const char* key : {"ItemProcessor", "Iterator"})
        if (auto it = state.find(key); it != state.end() && it->is_object()) visit(*it);
}

void collectNestedNames(const Json& state, std::vector<std::string>& names) {
    forEachNestedScope(state, [&](const Json& scope) { collectScopeNames(scope, names); });
}

void collectScopeNames(const Json& scope, std::vector<std::string>& names) {
    const auto states = scope.find("States");
    if (states == scope.end() || !states->is_object()) return;
    for (const auto& [name, state] : states->items()) {
        names.push_back(name);
        collectNestedNames(state, names);
    }
}

void renameTarget(Json& holder, const char* key, const Renames& renames) {
    auto it = holder.find(key);
    if (it == holder.end() || !it->is_string()) return;
    if (auto r = renames.find(it->get<std::string>()); r != renames.end()) *it = r->second;
}

void renameScope(Json& scope, const Renames& renames);

// Every place ASL names a state: Next, Default, each Choice rule's and catcher's Next.
void renameInState(Json& state, const Renames& renames) {
    if (!state.is_object()) return;
    renameTarget(state, "Next", renames);
    renameTarget(state, "Default", renames);
    for (const char* list : {"Choices", "Catch"}) {
        if (auto it = state.find(list); it != state.end() && it->is_array())
            for (Json& item : *it)
                if (item.is_object()) renameTarget(item, "Next", renames);
    }
    forEachNestedScope(state, [&](Json& scope) { renameScope(scope, renames); });
}

void renameScope(Json& scope, const Renames& renames) {
    renameTarget(scope, "StartAt", renames);
    auto states = scope.find("States");
    if (states == scope.end() || !states->is_object()) return;
    Json renamed = Json::object(); // rebuilt to keep the states in their order
    for (auto& [name, state] : states->items()) {
        renameInState(state, renames);
        const auto r = renames.find(name);
        renamed[r == renames.end() ? name : r->second] = std::move(state);
    }
    *states = std::move(renamed);
}

void renameName(std::string& name, const Renames& renames) {
    if (auto r = renames.find(name); r != renames.end()) name = r->second;
}

std::string lowered(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    std::string word;
    for (char c : text) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (!word.empty()) out.push_back(lowered(word));
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) out.push_back(lowered(word));
    return out;
}

bool matchesWord(const CatalogEntry& entry, const std::string& word) {
    auto contains = [&](std::string_view text) {
        return lowered(text).find(word) != std::string::npos;
    };
    return contains(entry.name) || contains(entry.service) ||
           std::any_of(entry.keywords.begin(), entry.keywords.end(), contains);
}

} // namespace

std::string_view catalogGroupName(CatalogGroup group) {
    switch (group) {
    case CatalogGroup::Flow:
        return "Flow";
    case CatalogGroup::Actions:
        return "Actions";
    case CatalogGroup::Patterns:
        return "Patterns";
    }
    return "Flow";
}

const Json* CatalogFragment::find(std::string_view name) const {
    for (const CatalogState& s : states)
        if (s.name == name) return &s.state;
    return nullptr;
}

std::vector<std::string> CatalogFragment::allStateNames() const {
    std::vector<std::string> names;
    for (const CatalogState& s : states) {
        names.push_back(s.name);
        collectNestedNames(s.state, names);
    }
    return names;
}

void CatalogFragment::makeNamesUnique(const std::function<bool(const std::string&)>& isTaken) {
    // The same "base 2", "base 3" scheme as edits::uniqueStateName, so names read alike.
    Renames renames;
    std::set<std::string> used;
    for (const std::string& name : allStateNames()) {
        std::string candidate = name;
        for (int n = 2; isTaken(candidate) || used.count(candidate); ++n)
            candidate = name + " " + std::to_string(n);
        used.insert(candidate);
        if (candidate != name) renames.emplace(name, candidate);
    }
    if (renames.empty()) return;
    for (CatalogState& s : states) {
        renameName(s.name, renames);
        renameInState(s.state, renames);
    }
    renameName(entry, renames);
    for (std::string& exit : exits)
        renameName(exit, renames);
}

StateType CatalogEntry::stateType() const {
    const CatalogFragment fragment = build(QueryLanguage::JsonPath);
    const Json* state = fragment.find(fragment.entry);
    if (!state || !state->contains("Type") || !(*state)["Type"].is_string())
        return StateType::Unknown;
    return stateTypeFromName((*state)["Type"].get<std::string>());
}

const StateCatalog& StateCatalog::builtIn() {
    static const StateCatalog catalog = [] {
        std::vector<CatalogEntry> all = catalog::flowEntries();
        for (auto part : {catalog::actionEntries(), catalog::patternEntries()})
            std::move(part.begin(), part.end(), std::back_inserter(all));
        return StateCatalog(std::move(all));
    }();
    return catalog;
}

const CatalogEntry* StateCatalog::find(std::string_view id) const {
    for (const CatalogEntry& entry : m_entries)
        if (entry.id == id) return &entry;
    return nullptr;
}

std::vector<const CatalogEntry*> StateCatalog::search(std::string_view text) const {
    const std::vector<std::string> terms = words(text);
    std::vector<const CatalogEntry*> found;
    for (const CatalogEntry& entry : m_entries) {
        if (std::all_of(terms.begin(), terms.end(),
                        [&](const std::string& term) { return matchesWord(entry, term); }))
            found.push_back(&entry);
    }
    return found;
}

namespace catalog {
namespace {

using Builder = std::function<CatalogFragment(QueryLanguage)>;

CatalogEntry flowEntry(const char* id, const char* name, std::vector<std::string> keywords,
                       const char* description, Builder build) {
    return {id,          CatalogGroup::Flow, name, "Step Functions", std::move(keywords),
            description, std::move(build)};
}

// A state that reads no data by default, so it is the same in both query languages.
Builder sameInBoth(const char* name, const char* stateJson) {
    return [name = std::string(name), stateJson](QueryLanguage) {
        return singleState(name, Json::parse(stateJson));
    };
}

// A Choice cannot end a scope, so it comes with a Pass at the end of its rule and of its
// Default (the placeholders Workflow Studio draws), which are the fragment's exits.
CatalogFragment choiceFragment(QueryLanguage language) {
    CatalogFragment fragment;
    fragment.entry = "Choice";
    fragment.exits = {"Ready", "Not Ready"};
    const char* rule = language == QueryLanguage::Jsonata
                           ? R"({"Condition": "{% $states.input.ready = true %}", "Next": "Ready"})"
                           : R"({"Variable": "$.ready", "BooleanEquals": true, "Next": "Ready"})";
    Json choice = Json::object();
    choice["Type"] = "Choice";
    choice["Choices"] = Json::array({Json::parse(rule)});
    choice["Default"] = "Not Ready";
    fragment.states.push_back({"Choice", std::move(choice)});
    fragment.states.push_back({"Ready", Json::parse(R"({"Type": "Pass", "End": true})")});
    fragment.states.push_back({"Not Ready", Json::parse(R"({"Type": "Pass", "End": true})")});
    return fragment;
}

} // namespace

std::vector<CatalogEntry> flowEntries() {
    return {
        flowEntry("pass", "Pass", {"noop", "placeholder", "transform", "result"},
                  "Passes its input on, optionally reshaped; a placeholder while designing.",
                  sameInBoth("Pass", R"({"Type": "Pass", "End": true})")),
        flowEntry("choice", "Choice", {"if", "branch", "condition", "switch", "decision"},
                  "Goes to the Next of the first rule that matches, else to Default.",
                  choiceFragment),
        flowEntry("wait", "Wait", {"delay", "sleep", "timer", "pause", "seconds"},
                  "Pauses for a number of seconds or until a timestamp.",
                  sameInBoth("Wait", R"({"Type": "Wait", "Seconds": 5, "End": true})")),
        flowEntry("succeed", "Succeed", {"end", "done", "success", "stop"},
                  "Ends the execution, or its branch, successfully.",
                  sameInBoth("Succeed", R"({"Type": "Succeed"})")),
        flowEntry("fail", "Fail", {"error", "end", "abort", "stop"},
                  "Ends the execution with an error name and a cause.",
                  sameInBoth("Fail", R"({"Type": "Fail"})")),
        flowEntry("parallel", "Parallel", {"branch", "concurrent", "fork", "join"},
                  "Runs its branches at the same time and waits for all of them.",
                  sameInBoth("Parallel", R"({"Type": "Parallel", "Branches": [
                      {"StartAt": "Branch 1",
                       "States": {"Branch 1": {"Type": "Pass", "End": true}}}],
                      "End": true})")),
        flowEntry("map", "Map", {"loop", "iterate", "foreach", "array", "items", "inline"},
                  "Runs the same steps for each item of an array (inline).",
                  sameInBoth("Map", R"({"Type": "Map", "ItemProcessor": {
                      "ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Process Item",
                      "States": {"Process Item": {"Type": "Pass", "End": true}}},
                      "End": true})")),
    };
}

} // namespace catalog
} // namespace flowcast::model
