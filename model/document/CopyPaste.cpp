#include "model/document/CopyPaste.h"

#include "model/asl/JsonPointer.h"

#include <functional>
#include <map>
#include <set>

namespace flowcast::model::edits {

namespace {

const Json* find(const Json& root, const std::string& pointer) {
    return findPointer(root, pointer);
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

/// Points every arrow of the scope at the new names (StartAt, Next, Default, rules, catchers),
/// all at once so a chain of renames (X -> "X 2", "X 2" -> "X 2 2") cannot compose; nested
/// scopes are other scopes and keep their own names.
void retargetScope(Json& scope, const std::map<std::string, std::string>& renames) {
    auto follow = [&renames](Json& target) {
        if (!target.is_string()) return;
        if (auto it = renames.find(target.get<std::string>()); it != renames.end())
            target = it->second;
    };
    if (scope.contains("StartAt")) follow(scope["StartAt"]);
    for (auto& [name, state] : scope["States"].items()) {
        if (!state.is_object()) continue;
        for (const char* key : {"Next", "Default"})
            if (state.contains(key)) follow(state[key]);
        for (const char* list : {"Choices", "Catch"})
            if (state.contains(list) && state[list].is_array())
                for (Json& entry : state[list])
                    if (entry.is_object() && entry.contains("Next")) follow(entry["Next"]);
    }
}

/// State names are unique in the whole machine (AWS), nested ones included: the states inside a
/// pasted Parallel or Map that clash with `taken` get free names too, and their scope follows.
void uniquifyNested(Json& state, std::set<std::string>& taken) {
    if (!state.is_object()) return;
    std::vector<Json*> scopes;
    if (state.contains("Branches") && state["Branches"].is_array())
        for (Json& branch : state["Branches"])
            scopes.push_back(&branch);
    for (const char* processor : {"ItemProcessor", "Iterator"})
        if (state.contains(processor)) scopes.push_back(&state[processor]);
    for (Json* scope : scopes) {
        if (!scope->is_object() || !scope->contains("States") || !(*scope)["States"].is_object())
            continue;
        Json renamedStates = Json::object();
        std::map<std::string, std::string> renames;
        for (auto& [name, inner] : (*scope)["States"].items()) {
            std::string free = name;
            for (int n = 2; taken.count(free); ++n)
                free = name + " " + std::to_string(n);
            taken.insert(free);
            if (free != name) renames[name] = free;
            renamedStates[free] = std::move(inner);
        }
        (*scope)["States"] = std::move(renamedStates);
        retargetScope(*scope, renames);
        for (auto& [name, inner] : (*scope)["States"].items())
            uniquifyNested(inner, taken);
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
        uniquifyNested(state, taken);
        std::optional<CanvasPoint> at;
        const Json& positions = clip.value("positions", Json::object());
        const Json* point =
            positions.is_object() && positions.contains(it.key()) ? &positions[it.key()] : nullptr;
        if (point && point->is_object() && point->contains("x") && point->contains("y") &&
            (*point)["x"].is_number() && (*point)["y"].is_number())
            at = CanvasPoint{(*point)["x"].get<double>() + offset.x,
                             (*point)["y"].get<double>() + offset.y};
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
