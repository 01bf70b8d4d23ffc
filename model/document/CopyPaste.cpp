#include "model/document/CopyPaste.h"

#include "model/asl/JsonPointer.h"

#include <functional>
#include <map>
#include <set>

namespace flowcast::model::edits {

namespace {

const Json* find(const Json& root, const std::string& pointer) {
    try {
        const Json::json_pointer parsed(pointer);
        return root.contains(parsed) ? &root.at(parsed) : nullptr;
    } catch (const nlohmann::json::exception&) {
        return nullptr;
    }
}

/// Points the state's arrows at the renamed states; arrows to names neither renamed nor present
/// in the target scope go (a Next becomes End).
void retarget(Json& state, const std::map<std::string, std::string>& renamed,
              const std::set<std::string>& present) {
    auto resolve = [&](const Json& target) -> std::optional<std::string> {
        if (!target.is_string()) return std::nullopt;
        const std::string name = target.get<std::string>();
        if (auto it = renamed.find(name); it != renamed.end()) return it->second;
        if (present.count(name)) return name;
        return std::nullopt;
    };
    if (state.contains("Next")) {
        if (auto to = resolve(state["Next"])) {
            state["Next"] = *to;
        } else {
            state.erase("Next");
            state["End"] = true;
        }
    }
    if (state.contains("Default")) {
        if (auto to = resolve(state["Default"]))
            state["Default"] = *to;
        else
            state.erase("Default");
    }
    for (const char* list : {"Choices", "Catch"}) {
        if (!state.contains(list) || !state[list].is_array()) continue;
        Json kept = Json::array();
        for (Json entry : state[list]) {
            if (!entry.is_object() || !entry.contains("Next")) {
                kept.push_back(std::move(entry));
            } else if (auto to = resolve(entry["Next"])) {
                entry["Next"] = *to;
                kept.push_back(std::move(entry));
            }
        }
        if (kept.empty() && std::string(list) == "Catch")
            state.erase(list);
        else
            state[list] = std::move(kept);
    }
}

} // namespace

Json copyStates(const Document& document, const std::vector<std::string>& statePointers) {
    Json clip{{"flowcastClip", 1}, {"states", Json::object()}, {"positions", Json::object()}};
    for (const std::string& pointer : statePointers) {
        const Json* state = find(document.definition(), pointer);
        if (!state) throw EditError("no state at " + pointer);
        const std::string name = splitStatePointer(pointer).second;
        if (clip["states"].contains(name))
            throw EditError("two copied states are named \"" + name + "\"");
        clip["states"][name] = *state;
        if (const auto at = storedPosition(document, pointer))
            clip["positions"][name] = Json{{"x", at->x}, {"y", at->y}};
    }
    return clip;
}

bool isClip(const Json& json) {
    return json.is_object() && json.value("flowcastClip", Json()) == Json(1) &&
           json.contains("states") && json["states"].is_object();
}

Edit pasteStates(const Document& document, const std::string& scopePointer, const Json& clip,
                 CanvasPoint offset, std::vector<std::string>* pasted) {
    if (!isClip(clip)) throw EditError("the clipboard holds no Flowcast states");
    const Json* scope = find(document.definition(), scopePointer);
    if (!scope || !scope->is_object())
        throw EditError("no scope of states at " + (scopePointer.empty() ? "/" : scopePointer));
    std::set<std::string> present;
    if (auto states = scope->find("States"); states != scope->end() && states->is_object())
        for (auto it = states->begin(); it != states->end(); ++it)
            present.insert(it.key());
    // New names first, so the arrows between pasted states can follow them.
    std::map<std::string, std::string> renamed;
    std::set<std::string> taken = allStateNames(document.definition());
    for (auto it = clip["states"].begin(); it != clip["states"].end(); ++it) {
        std::string name = it.key();
        for (int n = 2; taken.count(name); ++n)
            name = it.key() + " " + std::to_string(n);
        taken.insert(name);
        renamed[it.key()] = name;
    }
    Edit edit{clip["states"].size() == 1
                  ? "Paste " + renamed.begin()->second
                  : "Paste " + std::to_string(clip["states"].size()) + " states",
              {},
              {}};
    Document scratch(document.definition(), document.layout());
    for (auto it = clip["states"].begin(); it != clip["states"].end(); ++it) {
        Json state = it.value();
        if (!state.is_object())
            throw EditError("the clip's state \"" + it.key() + "\" is not an object");
        retarget(state, renamed, present);
        std::optional<CanvasPoint> at;
        const Json& positions = clip.value("positions", Json::object());
        if (positions.contains(it.key()) && positions[it.key()].is_object())
            at = CanvasPoint{positions[it.key()].value("x", 0.0) + offset.x,
                             positions[it.key()].value("y", 0.0) + offset.y};
        const std::string& name = renamed[it.key()];
        Edit one = addState(scratch, scopePointer, name, std::move(state), at);
        scratch.apply(one);
        edit.ops.insert(edit.ops.end(), one.ops.begin(), one.ops.end());
        if (pasted) pasted->push_back(statePointer(scopePointer, name));
    }
    return edit;
}

std::set<std::string> allStateNames(const Json& definition) {
    std::set<std::string> names;
    // Scopes hold "States"; states hold branches ("Branches") and processors.
    std::function<void(const Json&)> scope = [&](const Json& machine) {
        if (!machine.is_object() || !machine.contains("States") || !machine["States"].is_object())
            return;
        for (auto it = machine["States"].begin(); it != machine["States"].end(); ++it) {
            names.insert(it.key());
            const Json& state = it.value();
            if (!state.is_object()) continue;
            if (auto branches = state.find("Branches");
                branches != state.end() && branches->is_array())
                for (const Json& branch : *branches)
                    scope(branch);
            for (const char* processor : {"ItemProcessor", "Iterator"})
                if (state.contains(processor)) scope(state[processor]);
        }
    };
    scope(definition);
    return names;
}

Edit insertStates(const Document& document, const std::string& scopePointer, const Json& states,
                  const std::string& entry, const std::vector<std::string>& exits,
                  const std::string& onTransition, std::string label,
                  std::vector<std::string>* added) {
    if (!states.is_object() || !states.contains(entry))
        throw EditError("the states to add do not hold their entry \"" + entry + "\"");
    Json clip{{"flowcastClip", 1}, {"states", states}};
    if (!onTransition.empty()) {
        const Json* old = find(document.definition(), onTransition);
        if (!old || !old->is_string()) throw EditError("no arrow at " + onTransition);
        for (const std::string& exit : exits) {
            Json& state = clip["states"][exit];
            state.erase("End");
            state["Next"] = *old; // in the scope: kept by the paste
        }
    }
    std::vector<std::string> pasted;
    Edit edit = pasteStates(document, scopePointer, clip, {0, 0}, &pasted);
    edit.label = std::move(label);
    if (!onTransition.empty()) {
        std::size_t index = 0;
        for (auto it = states.begin(); it != states.end() && it.key() != entry; ++it)
            ++index;
        edit.ops.push_back(JsonOp::replace(DocumentPart::Definition, onTransition,
                                           splitStatePointer(pasted[index]).second));
    }
    if (added) *added = std::move(pasted);
    return edit;
}

} // namespace flowcast::model::edits
