#include "model/asl/StateMachine.h"

#include "model/asl/JsonPointer.h"

#include <array>
#include <utility>

namespace flowcast::model {
namespace {

constexpr std::array<std::pair<StateType, std::string_view>, 8> kTypeNames{{
    {StateType::Task, "Task"},
    {StateType::Pass, "Pass"},
    {StateType::Choice, "Choice"},
    {StateType::Wait, "Wait"},
    {StateType::Succeed, "Succeed"},
    {StateType::Fail, "Fail"},
    {StateType::Parallel, "Parallel"},
    {StateType::Map, "Map"},
}};

std::string stringField(const Json& obj, const char* key) {
    auto it = obj.find(key);
    return (it != obj.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

QueryLanguage languageOf(const Json& obj, QueryLanguage inherited) {
    const std::string ql = stringField(obj, "QueryLanguage");
    if (ql == "JSONata") return QueryLanguage::Jsonata;
    if (ql == "JSONPath") return QueryLanguage::JsonPath;
    return inherited;
}

std::string errorList(const Json& catcher) {
    std::string out;
    auto it = catcher.find("ErrorEquals");
    if (it == catcher.end() || !it->is_array()) return out;
    for (const auto& e : *it) {
        if (!e.is_string()) continue;
        if (!out.empty()) out += ", ";
        out += e.get<std::string>();
    }
    return out;
}

void readTransitions(State& s, const Json& obj) {
    if (auto it = obj.find("Next"); it != obj.end() && it->is_string()) {
        s.transitions.push_back(
            {TransitionKind::Next, it->get<std::string>(), pointerChild(s.pointer, "Next"), ""});
    }
    if (auto it = obj.find("Choices"); it != obj.end() && it->is_array()) {
        for (std::size_t i = 0; i < it->size(); ++i) {
            const Json& rule = (*it)[i];
            if (!rule.is_object()) continue;
            const std::string p = pointerChild(pointerChild(s.pointer, "Choices"), i);
            s.transitions.push_back({TransitionKind::ChoiceRule, stringField(rule, "Next"),
                                     pointerChild(p, "Next"), "rule " + std::to_string(i + 1)});
        }
    }
    if (auto it = obj.find("Default"); it != obj.end() && it->is_string()) {
        s.transitions.push_back({TransitionKind::Default, it->get<std::string>(),
                                 pointerChild(s.pointer, "Default"), "Default"});
    }
    if (auto it = obj.find("Catch"); it != obj.end() && it->is_array()) {
        for (std::size_t i = 0; i < it->size(); ++i) {
            const Json& c = (*it)[i];
            if (!c.is_object()) continue;
            const std::string p = pointerChild(pointerChild(s.pointer, "Catch"), i);
            s.transitions.push_back({TransitionKind::Catch, stringField(c, "Next"),
                                     pointerChild(p, "Next"), errorList(c)});
        }
    }
}

void readRetry(State& s, const Json& obj) {
    auto it = obj.find("Retry");
    if (it == obj.end() || !it->is_array()) return;
    for (const auto& r : *it) {
        if (!r.is_object()) continue;
        Retrier retrier;
        if (auto e = r.find("ErrorEquals"); e != r.end() && e->is_array()) {
            for (const auto& name : *e)
                if (name.is_string()) retrier.errorEquals.push_back(name.get<std::string>());
        }
        if (auto v = r.find("IntervalSeconds"); v != r.end() && v->is_number())
            retrier.intervalSeconds = v->get<double>();
        if (auto v = r.find("MaxAttempts"); v != r.end() && v->is_number_integer())
            retrier.maxAttempts = v->get<std::int64_t>();
        if (auto v = r.find("BackoffRate"); v != r.end() && v->is_number())
            retrier.backoffRate = v->get<double>();
        if (auto v = r.find("MaxDelaySeconds"); v != r.end() && v->is_number_integer())
            retrier.maxDelaySeconds = v->get<std::int64_t>();
        retrier.fullJitter = stringField(r, "JitterStrategy") == "FULL";
        s.retry.push_back(std::move(retrier));
    }
}

void readChildren(State& s, const Json& obj) {
    if (s.type == StateType::Parallel) {
        auto it = obj.find("Branches");
        if (it == obj.end() || !it->is_array()) return;
        for (std::size_t i = 0; i < it->size(); ++i) {
            s.branches.push_back(StateMachine::fromJson(
                (*it)[i], pointerChild(pointerChild(s.pointer, "Branches"), i), s.queryLanguage));
        }
    } else if (s.type == StateType::Map) {
        for (const char* key : {"ItemProcessor", "Iterator"}) {
            auto it = obj.find(key);
            if (it == obj.end()) continue;
            s.branches.push_back(
                StateMachine::fromJson(*it, pointerChild(s.pointer, key), s.queryLanguage));
            if (it->is_object()) {
                auto cfg = it->find("ProcessorConfig");
                s.isDistributedMap = cfg != it->end() && cfg->is_object() &&
                                     stringField(*cfg, "Mode") == "DISTRIBUTED";
            }
            break;
        }
    }
}

} // namespace

std::string_view stateTypeName(StateType type) {
    for (const auto& [t, name] : kTypeNames)
        if (t == type) return name;
    return "Unknown";
}

StateType stateTypeFromName(std::string_view name) {
    for (const auto& [t, n] : kTypeNames)
        if (n == name) return t;
    return StateType::Unknown;
}

StateMachine StateMachine::fromJson(const Json& definition, std::string pointer,
                                    QueryLanguage inherited) {
    StateMachine sm;
    sm.m_pointer = std::move(pointer);
    if (!definition.is_object()) return sm;
    sm.m_startAt = stringField(definition, "StartAt");
    sm.m_comment = stringField(definition, "Comment");
    sm.m_queryLanguage = languageOf(definition, inherited);
    auto states = definition.find("States");
    if (states == definition.end() || !states->is_object()) return sm;
    const std::string statesPointer = pointerChild(sm.m_pointer, "States");
    for (const auto& [name, obj] : states->items()) {
        State s;
        s.name = name;
        s.pointer = pointerChild(statesPointer, name);
        s.raw = &obj;
        if (obj.is_object()) {
            s.type = stateTypeFromName(stringField(obj, "Type"));
            s.queryLanguage = languageOf(obj, sm.m_queryLanguage);
            auto end = obj.find("End");
            s.end = end != obj.end() && end->is_boolean() && end->get<bool>();
            s.resource = stringField(obj, "Resource");
            s.comment = stringField(obj, "Comment");
            readTransitions(s, obj);
            readRetry(s, obj);
            readChildren(s, obj);
        }
        sm.m_states.push_back(std::move(s));
    }
    return sm;
}

const State* StateMachine::find(std::string_view name) const {
    for (const auto& s : m_states)
        if (s.name == name) return &s;
    return nullptr;
}

std::size_t StateMachine::totalStateCount() const {
    std::size_t n = m_states.size();
    for (const auto& s : m_states)
        for (const auto& b : s.branches)
            n += b.totalStateCount();
    return n;
}

} // namespace flowcast::model
