#include "model/document/StateEdits.h"

#include "model/asl/JsonPointer.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string_view>

namespace flowcast::model::edits {

namespace {

constexpr DocumentPart kDef = DocumentPart::Definition;
constexpr DocumentPart kLayout = DocumentPart::Layout;
// AWS: "The name of the state ... must be unique within the scope ... less than or equal to 80
// Unicode characters".
constexpr std::size_t kMaxStateNameLength = 80;

// Where AWS's documentation writes each field, so a field added in the inspector lands where a
// reader expects it (Type first, transitions last).
constexpr std::array<std::string_view, 45> kStateOrder = {"Type",
                                                          "Comment",
                                                          "QueryLanguage",
                                                          "Resource",
                                                          "Credentials",
                                                          "Arguments",
                                                          "Parameters",
                                                          "InputPath",
                                                          "ItemsPath",
                                                          "Items",
                                                          "ItemReader",
                                                          "ItemSelector",
                                                          "ItemBatcher",
                                                          "MaxConcurrency",
                                                          "MaxConcurrencyPath",
                                                          "ItemProcessor",
                                                          "Iterator",
                                                          "Branches",
                                                          "Choices",
                                                          "Default",
                                                          "Seconds",
                                                          "SecondsPath",
                                                          "Timestamp",
                                                          "TimestampPath",
                                                          "Result",
                                                          "ResultWriter",
                                                          "ToleratedFailurePercentage",
                                                          "ToleratedFailurePercentagePath",
                                                          "ToleratedFailureCount",
                                                          "ToleratedFailureCountPath",
                                                          "Label",
                                                          "ResultSelector",
                                                          "ResultPath",
                                                          "OutputPath",
                                                          "Output",
                                                          "Assign",
                                                          "TimeoutSeconds",
                                                          "TimeoutSecondsPath",
                                                          "HeartbeatSeconds",
                                                          "HeartbeatSecondsPath",
                                                          "Error",
                                                          "ErrorPath",
                                                          "Cause",
                                                          "CausePath",
                                                          "Retry"};
constexpr std::array<std::string_view, 3> kStateTail = {"Catch", "Next", "End"};
constexpr std::array<std::string_view, 8> kScopeOrder = {
    "Comment", "QueryLanguage",  "ProcessorConfig", "StartAt",
    "States",  "TimeoutSeconds", "Version",         "ExecutionType"};

const Json* find(const Json& root, const std::string& pointer) {
    return findPointer(root, pointer);
}

const Json& require(const Json& root, const std::string& pointer, const char* what) {
    const Json* value = find(root, pointer);
    if (!value)
        throw EditError(std::string("no ") + what + " at " + (pointer.empty() ? "/" : pointer));
    return *value;
}

// A Retry or Catch row's fields in the order of AWS's examples ("Error handling in Step
// Functions"); a Catch's Next comes last.
constexpr std::array<std::string_view, 6> kRetrierOrder = {"ErrorEquals",     "IntervalSeconds",
                                                           "MaxAttempts",     "BackoffRate",
                                                           "MaxDelaySeconds", "JitterStrategy"};
constexpr std::array<std::string_view, 4> kCatcherOrder = {"ErrorEquals", "ResultPath", "Output",
                                                           "Assign"};

enum class FieldSet { Scope, State, Retrier, Catcher };

template <std::size_t N>
std::optional<std::size_t> rankAmong(const std::array<std::string_view, N>& order,
                                     std::string_view key) {
    const auto it = std::find(order.begin(), order.end(), key);
    if (it == order.end()) return std::nullopt;
    return static_cast<std::size_t>(it - order.begin());
}

std::size_t rankIn(std::string_view key, FieldSet set) {
    switch (set) {
    case FieldSet::Scope:
        return rankAmong(kScopeOrder, key).value_or(kScopeOrder.size());
    case FieldSet::Retrier:
        return rankAmong(kRetrierOrder, key).value_or(99);
    case FieldSet::Catcher:
        if (key == "Next") return 100;
        return rankAmong(kCatcherOrder, key).value_or(99);
    case FieldSet::State:
        break;
    }
    if (auto rank = rankAmong(kStateOrder, key)) return *rank;
    if (auto rank = rankAmong(kStateTail, key)) return 100 + *rank;
    return 99; // unknown fields: after the known ones, before Catch / Next / End
}

/// True when `pointer` is a state ("…/States/<name>").
bool isStatePointer(const std::string& pointer) {
    const auto [parent, ignored] = splitPointer(pointer);
    return !parent.empty() && splitPointer(parent).second == "States";
}

/// Which ordered set of fields the object at `parent` holds, if any.
std::optional<FieldSet> fieldSetOf(const std::string& parent) {
    if (isStatePointer(parent)) return FieldSet::State;
    if (parent.empty() || splitPointer(parent).second == "ItemProcessor" ||
        splitPointer(splitPointer(parent).first).second == "Branches")
        return FieldSet::Scope;
    // "<state>/Retry/<i>" or "<state>/Catch/<i>"
    const auto [list, ignored] = splitPointer(parent);
    const auto [state, listName] = splitPointer(list);
    if (!isStatePointer(state)) return std::nullopt;
    if (listName == "Retry") return FieldSet::Retrier;
    if (listName == "Catch") return FieldSet::Catcher;
    return std::nullopt;
}

/// The position a new `key` takes among the keys of the object at `parent`.
std::optional<std::size_t> insertPosition(const Json& object, const std::string& parent,
                                          const std::string& key) {
    const std::optional<FieldSet> set = fieldSetOf(parent);
    if (!set) return std::nullopt;
    const std::size_t rank = rankIn(key, *set);
    std::size_t position = 0;
    for (auto it = object.begin(); it != object.end(); ++it, ++position) {
        if (rankIn(it.key(), *set) > rank) return position;
    }
    return std::nullopt;
}

struct Reference {
    enum class Kind { StartAt, Next, Default, Rule, Catch };
    Kind kind;
    std::string pointer; ///< where the target name is written
    std::string owner;   ///< the state holding it ("" for StartAt)
    std::string target;
};

std::vector<Reference> referencesIn(const Json& definition, const std::string& scope) {
    std::vector<Reference> out;
    const Json* scopeJson = find(definition, scope);
    if (!scopeJson || !scopeJson->is_object()) return out;
    auto add = [&out](Reference::Kind kind, std::string pointer, std::string owner,
                      const Json& value) {
        if (value.is_string())
            out.push_back({kind, std::move(pointer), std::move(owner), value.get<std::string>()});
    };
    if (auto it = scopeJson->find("StartAt"); it != scopeJson->end())
        add(Reference::Kind::StartAt, scope + "/StartAt", "", *it);
    auto states = scopeJson->find("States");
    if (states == scopeJson->end() || !states->is_object()) return out;
    for (auto it = states->begin(); it != states->end(); ++it) {
        const std::string owner = pointerChild(scope + "/States", it.key());
        const Json& state = it.value();
        if (!state.is_object()) continue;
        if (auto next = state.find("Next"); next != state.end())
            add(Reference::Kind::Next, owner + "/Next", owner, *next);
        if (auto def = state.find("Default"); def != state.end())
            add(Reference::Kind::Default, owner + "/Default", owner, *def);
        for (const char* list : {"Choices", "Catch"}) {
            auto array = state.find(list);
            if (array == state.end() || !array->is_array()) continue;
            for (std::size_t i = 0; i < array->size(); ++i) {
                const Json& entry = (*array)[i];
                if (entry.is_object() && entry.contains("Next"))
                    add(list[1] == 'h' ? Reference::Kind::Rule : Reference::Kind::Catch,
                        pointerChild(pointerChild(owner + "/" + list, i), "Next"), owner,
                        entry["Next"]);
            }
        }
    }
    return out;
}

/// Ops that rewrite layout keys at or below `from` to sit below `to` (or drop them when `to` is
/// empty): positions follow a renamed state and its nested states.
void layoutFollows(Json& layout, const std::string& from, const std::string& to,
                   std::vector<JsonOp>& ops) {
    auto within = [](const std::string& key, const std::string& root) {
        return key == root || key.rfind(root + "/", 0) == 0;
    };
    // Ops are worked out on `layout` and applied to it at once, so several calls (the states of
    // one delete) see each other's removals and array indexes stay right.
    auto emit = [&](JsonOp op) {
        applyJsonOp(layout, op);
        ops.push_back(std::move(op));
    };
    std::vector<std::string> keys;
    if (const Json* positions = find(layout, "/positions"); positions && positions->is_object())
        for (auto it = positions->begin(); it != positions->end(); ++it)
            keys.push_back(it.key());
    for (const std::string& key : keys) {
        if (!to.empty() && within(key, to) && !within(key, from))
            emit(JsonOp::remove(kLayout, pointerChild("/positions", key))); // stale: made free
    }
    for (const std::string& key : keys) {
        if (!within(key, from)) continue;
        const std::string pointer = pointerChild("/positions", key);
        if (to.empty())
            emit(JsonOp::remove(kLayout, pointer));
        else
            emit(JsonOp::renameKey(kLayout, pointer, to + key.substr(from.size())));
    }
    const Json* collapsed = find(layout, "/collapsed");
    if (!collapsed || !collapsed->is_array()) return;
    for (std::size_t i = collapsed->size(); i-- > 0;) {
        const Json& key = (*find(layout, "/collapsed"))[i];
        if (!key.is_string() || !within(key.get<std::string>(), from)) continue;
        const std::string pointer = pointerChild("/collapsed", i);
        if (to.empty())
            emit(JsonOp::remove(kLayout, pointer));
        else
            emit(
                JsonOp::replace(kLayout, pointer, to + key.get<std::string>().substr(from.size())));
    }
}

void checkNewName(const Document& document, const std::string& scope, const std::string& name) {
    if (name.empty()) throw EditError("a state needs a name");
    if (name.size() > kMaxStateNameLength * 4 || name.find_first_of("\n\r\t") != std::string::npos)
        throw EditError("\"" + name + "\" is not a state name AWS accepts");
    if (find(document.definition(), statePointer(scope, name)))
        throw EditError("a state named \"" + name + "\" exists already in this scope");
}

Json pointJson(CanvasPoint at) {
    return Json{{"x", at.x}, {"y", at.y}};
}

/// Sets a layout value in `layout` and records the op, creating the containing object when the
/// layout has none.
void setLayout(Json& layout, const std::string& container, const std::string& key, Json value,
               std::vector<JsonOp>& ops) {
    std::vector<JsonOp> mine;
    if (!find(layout, container))
        mine.push_back(JsonOp::insert(kLayout, container, Json::object()));
    const std::string pointer = pointerChild(container, key);
    mine.push_back(find(layout, pointer) ? JsonOp::replace(kLayout, pointer, std::move(value))
                                         : JsonOp::insert(kLayout, pointer, std::move(value)));
    for (JsonOp& op : mine) {
        applyJsonOp(layout, op);
        ops.push_back(std::move(op));
    }
}

} // namespace

std::string statePointer(const std::string& scopePointer, const std::string& name) {
    return pointerChild(scopePointer + "/States", name);
}

std::pair<std::string, std::string> splitStatePointer(const std::string& pointer) {
    if (!isStatePointer(pointer)) throw EditError(pointer + " is not the place of a state");
    const auto [states, name] = splitPointer(pointer);
    return {splitPointer(states).first, name};
}

std::string uniqueStateName(const Document& document, const std::string& scopePointer,
                            const std::string& base) {
    if (!find(document.definition(), statePointer(scopePointer, base))) return base;
    for (int n = 2;; ++n) {
        const std::string candidate = base + " " + std::to_string(n);
        if (!find(document.definition(), statePointer(scopePointer, candidate))) return candidate;
    }
}

Edit addState(const Document& document, const std::string& scopePointer, const std::string& name,
              Json state, std::optional<CanvasPoint> at, const std::string& onTransition) {
    const Json& scope = require(document.definition(), scopePointer, "scope");
    // A scope is the top level, a Parallel branch or a Map processor: nothing else holds states.
    const auto [owner, last] = splitPointer(scopePointer);
    const bool scopeShape = scopePointer.empty() || last == "ItemProcessor" || last == "Iterator" ||
                            splitPointer(owner).second == "Branches";
    if (!scope.is_object() || !scopeShape)
        throw EditError((scopePointer.empty() ? std::string("/") : scopePointer) +
                        " is not a scope of states");
    checkNewName(document, scopePointer, name);
    if (!state.is_object() || !state.contains("Type"))
        throw EditError("a new state needs an object with a Type");
    Edit edit{"Add state " + name, {}, {}};
    if (!onTransition.empty()) {
        const Json& old = require(document.definition(), onTransition, "transition");
        const std::string type = state.value("Type", "");
        if (type != "Choice" && type != "Succeed" && type != "Fail" && old.is_string()) {
            state.erase("End");
            state["Next"] = old;
        }
        edit.ops.push_back(JsonOp::replace(kDef, onTransition, name));
    }
    const Json* states = find(scope, "/States");
    if (!states || !states->is_object())
        edit.ops.push_back(states ? JsonOp::replace(kDef, scopePointer + "/States", Json::object())
                                  : JsonOp::insert(kDef, scopePointer + "/States", Json::object(),
                                                   insertPosition(scope, scopePointer, "States")));
    const bool firstState = !states || !states->is_object() || states->empty();
    const Json* startAt = find(scope, "/StartAt");
    if (firstState || !startAt || !startAt->is_string() || startAt->get<std::string>().empty())
        edit.ops.push_back(startAt
                               ? JsonOp::replace(kDef, scopePointer + "/StartAt", name)
                               : JsonOp::insert(kDef, scopePointer + "/StartAt", name,
                                                insertPosition(scope, scopePointer, "StartAt")));
    const std::string pointer = statePointer(scopePointer, name);
    edit.ops.push_back(JsonOp::insert(kDef, pointer, std::move(state)));
    if (at) {
        Json layout = document.layout();
        setLayout(layout, "/positions", pointer, pointJson(*at), edit.ops);
    }
    return edit;
}

Edit removeStates(const Document& document, const std::vector<std::string>& statePointers) {
    const Json& definition = document.definition();
    Json layout = document.layout();
    std::map<std::string, std::set<std::string>> removedByScope;
    for (const std::string& pointer : statePointers) {
        require(definition, pointer, "state");
        const bool inside =
            std::any_of(statePointers.begin(), statePointers.end(), [&](const std::string& outer) {
                return pointer.rfind(outer + "/", 0) == 0;
            });
        if (inside) continue; // it goes with the removed state that holds it
        const auto [scope, name] = splitStatePointer(pointer);
        removedByScope[scope].insert(name);
    }
    Edit edit{statePointers.size() == 1
                  ? "Delete " + splitStatePointer(statePointers[0]).second
                  : "Delete " + std::to_string(statePointers.size()) + " states",
              {},
              {}};
    // Named, not a structured binding: clang 14 (the fuzz preset) cannot capture those in a lambda.
    for (const auto& entry : removedByScope) {
        const std::string& scope = entry.first;
        const auto& removed = entry.second;
        const std::vector<Reference> refs = referencesIn(definition, scope);
        // What a reference to a removed state points at instead: the first state along its Next
        // chain that stays (none when the chain ends or loops among removed states).
        auto successor = [&](std::string name) -> std::string {
            for (std::size_t hops = 0; removed.count(name) && hops <= removed.size(); ++hops) {
                const Json* next = find(definition, statePointer(scope, name) + "/Next");
                if (!next || !next->is_string()) return {};
                name = next->get<std::string>();
            }
            return removed.count(name) ? std::string() : name;
        };
        std::vector<std::string> dropped; // rules and catchers to remove, by pointer
        for (const Reference& ref : refs) {
            if (!removed.count(ref.target) ||
                (!ref.owner.empty() && removed.count(splitStatePointer(ref.owner).second)))
                continue;
            const std::string to = successor(ref.target);
            if (!to.empty() || ref.kind == Reference::Kind::StartAt) {
                std::string fallback = to;
                if (fallback.empty()) { // the first state that stays, or none
                    const Json& states = require(definition, scope + "/States", "states");
                    for (auto it = states.begin(); it != states.end() && fallback.empty(); ++it)
                        if (!removed.count(it.key())) fallback = it.key();
                }
                edit.ops.push_back(JsonOp::replace(kDef, ref.pointer, fallback));
            } else if (ref.kind == Reference::Kind::Next) {
                edit.ops.push_back(JsonOp::remove(kDef, ref.pointer));
                edit.ops.push_back(JsonOp::insert(kDef, ref.owner + "/End", true));
            } else if (ref.kind == Reference::Kind::Default) {
                edit.ops.push_back(JsonOp::remove(kDef, ref.pointer));
            } else {
                dropped.push_back(splitPointer(ref.pointer).first);
            }
        }
        // Array elements from the last to the first, so the earlier indexes stay right.
        std::sort(dropped.begin(), dropped.end(), [](const std::string& a, const std::string& b) {
            const auto [pa, ia] = splitPointer(a);
            const auto [pb, ib] = splitPointer(b);
            return pa != pb ? pa < pb : std::stoul(ia) > std::stoul(ib);
        });
        std::map<std::string, std::size_t> droppedPerArray;
        for (const std::string& pointer : dropped)
            ++droppedPerArray[splitPointer(pointer).first];
        std::set<std::string> removedArrays;
        for (const std::string& pointer : dropped) {
            const std::string array = splitPointer(pointer).first;
            // A Catch left with no catcher goes altogether (AWS wants a non-empty array); an
            // emptied Choices stays for the validator to flag, the state being a Choice.
            const bool whole = splitPointer(array).second == "Catch" &&
                               droppedPerArray[array] == require(definition, array, "array").size();
            if (!whole)
                edit.ops.push_back(JsonOp::remove(kDef, pointer));
            else if (removedArrays.insert(array).second)
                edit.ops.push_back(JsonOp::remove(kDef, array));
        }
        for (const std::string& name : removed) {
            const std::string pointer = statePointer(scope, name);
            edit.ops.push_back(JsonOp::remove(kDef, pointer));
            layoutFollows(layout, pointer, {}, edit.ops);
        }
    }
    return edit;
}

Edit renameState(const Document& document, const std::string& pointer, const std::string& newName) {
    require(document.definition(), pointer, "state");
    const auto [scope, oldName] = splitStatePointer(pointer);
    if (newName == oldName) return {};
    checkNewName(document, scope, newName);
    Edit edit{"Rename " + oldName + " to " + newName, {}, {}};
    for (const Reference& ref : referencesIn(document.definition(), scope)) {
        if (ref.target == oldName) edit.ops.push_back(JsonOp::replace(kDef, ref.pointer, newName));
    }
    edit.ops.push_back(JsonOp::renameKey(kDef, pointer, newName));
    Json layout = document.layout();
    layoutFollows(layout, pointer, statePointer(scope, newName), edit.ops);
    return edit;
}

Edit setTarget(const Document& document, const std::string& transitionPointer,
               const std::string& target) {
    const Json& old = require(document.definition(), transitionPointer, "transition");
    if (old == Json(target)) return {};
    return {"Point " + splitPointer(transitionPointer).second + " at " + target,
            {JsonOp::replace(kDef, transitionPointer, target)},
            {}};
}

Edit connect(const Document& document, const std::string& fromPointer, const std::string& target) {
    const Json& state = require(document.definition(), fromPointer, "state");
    const auto [scope, from] = splitStatePointer(fromPointer);
    if (!find(document.definition(), statePointer(scope, target)))
        throw EditError("no state named \"" + target + "\" in the scope of " + from);
    const std::string type = state.value("Type", "");
    if (type == "Succeed" || type == "Fail")
        throw EditError("a " + type + " state ends the execution: it cannot have a next state");
    Edit edit{"Connect " + from + " to " + target, {}, {}};
    if (type == "Choice") {
        if (!state.contains("Default")) {
            edit.ops.push_back(JsonOp::insert(kDef, fromPointer + "/Default", target,
                                              insertPosition(state, fromPointer, "Default")));
            return edit;
        }
        // A new rule to be completed in the inspector (the validator flags it until then).
        const bool jsonata =
            state.value("QueryLanguage", document.definition().value("QueryLanguage", "")) ==
            "JSONata";
        Json rule = jsonata ? Json{{"Condition", "{% true %}"}, {"Next", target}}
                            : Json{{"Variable", "$"}, {"IsPresent", true}, {"Next", target}};
        if (!state.contains("Choices"))
            edit.ops.push_back(JsonOp::insert(kDef, fromPointer + "/Choices", Json::array({rule}),
                                              insertPosition(state, fromPointer, "Choices")));
        else
            edit.ops.push_back(JsonOp::insert(kDef, fromPointer + "/Choices/-", rule));
        return edit;
    }
    if (state.contains("Next")) {
        edit.ops.push_back(JsonOp::replace(kDef, fromPointer + "/Next", target));
        return edit;
    }
    if (state.contains("End")) edit.ops.push_back(JsonOp::remove(kDef, fromPointer + "/End"));
    Json without = state;
    without.erase("End");
    edit.ops.push_back(JsonOp::insert(kDef, fromPointer + "/Next", target,
                                      insertPosition(without, fromPointer, "Next")));
    return edit;
}

Edit setValue(const Document& document, const std::string& pointer, Json value, std::string label) {
    if (label.empty())
        label =
            "Set " + (pointer.empty() ? std::string("definition") : splitPointer(pointer).second);
    if (const Json* old = find(document.definition(), pointer)) {
        if (*old == value) return {};
        return {std::move(label), {JsonOp::replace(kDef, pointer, std::move(value))}, {}};
    }
    // Walk down to the deepest existing parent; the missing objects between come with the value.
    std::string parent = splitPointer(pointer).first;
    std::vector<std::string> missing{splitPointer(pointer).second};
    while (!find(document.definition(), parent)) {
        if (parent.empty()) throw EditError("no definition to set " + pointer + " in");
        missing.push_back(splitPointer(parent).second);
        parent = splitPointer(parent).first;
    }
    const Json& container = *find(document.definition(), parent);
    if (!container.is_object())
        throw EditError((parent.empty() ? std::string("/") : parent) + " is " +
                        jsonTypeName(container) + ", not an object");
    for (std::size_t i = 0; i + 1 < missing.size(); ++i)
        value = Json{{missing[i], std::move(value)}};
    const std::string& key = missing.back();
    return {std::move(label),
            {JsonOp::insert(kDef, pointerChild(parent, key), std::move(value),
                            insertPosition(container, parent, key))},
            {}};
}

Edit removeValue(const Document& document, const std::string& pointer, std::string label) {
    if (!find(document.definition(), pointer)) return {};
    if (label.empty()) label = "Remove " + splitPointer(pointer).second;
    return {std::move(label), {JsonOp::remove(kDef, pointer)}, {}};
}

Edit replaceDefinition(const Document& document, Json definition) {
    if (document.definition() == definition) return {};
    return {"Edit the definition text", {JsonOp::replace(kDef, "", std::move(definition))}, {}};
}

Edit moveStates(const Document& document,
                const std::vector<std::pair<std::string, CanvasPoint>>& positions) {
    Edit edit{positions.size() == 1 ? "Move " + splitPointer(positions[0].first).second
                                    : "Move " + std::to_string(positions.size()) + " states",
              {},
              "move"};
    Json layout = document.layout(); // later moves see the container the first one created
    for (const auto& [pointer, at] : positions) {
        edit.mergeKey += "|" + pointer;
        setLayout(layout, "/positions", pointer, pointJson(at), edit.ops);
    }
    return edit;
}

Edit setCollapsed(const Document& document, const std::string& pointer, bool collapsed) {
    if (isCollapsed(document, pointer) == collapsed) return {};
    Edit edit{(collapsed ? "Collapse " : "Expand ") + splitPointer(pointer).second, {}, {}};
    const Json* list = find(document.layout(), "/collapsed");
    if (!collapsed) {
        for (std::size_t i = 0; i < list->size(); ++i)
            if ((*list)[i] == Json(pointer))
                edit.ops.push_back(JsonOp::remove(kLayout, pointerChild("/collapsed", i)));
        return edit;
    }
    if (!list || !list->is_array())
        edit.ops.push_back(list ? JsonOp::replace(kLayout, "/collapsed", Json::array())
                                : JsonOp::insert(kLayout, "/collapsed", Json::array()));
    edit.ops.push_back(JsonOp::insert(kLayout, "/collapsed/-", pointer));
    return edit;
}

std::optional<CanvasPoint> storedPosition(const Document& document, const std::string& pointer) {
    const Json* at = find(document.layout(), pointerChild("/positions", pointer));
    if (!at || !at->is_object() || !at->value("x", Json()).is_number() ||
        !at->value("y", Json()).is_number())
        return std::nullopt;
    return CanvasPoint{(*at)["x"].get<double>(), (*at)["y"].get<double>()};
}

bool isCollapsed(const Document& document, const std::string& pointer) {
    const Json* list = find(document.layout(), "/collapsed");
    return list && list->is_array() &&
           std::find(list->begin(), list->end(), Json(pointer)) != list->end();
}

} // namespace flowcast::model::edits
