#pragma once
// A typed, read-only view of an ASL definition: scopes (the top level, each Parallel branch, each
// Map processor), their states in file order, and every transition with its JSON Pointer. Built
// from the Json that Document owns; building never fails (malformed parts are skipped, and the
// Validator reports them), so the UI can show a definition while it is being fixed.
#include "model/asl/Json.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowcast::model {

enum class StateType { Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map, Unknown };
enum class QueryLanguage { JsonPath, Jsonata };
enum class TransitionKind { Next, ChoiceRule, Default, Catch };

std::string_view stateTypeName(StateType type);
StateType stateTypeFromName(std::string_view name);

struct Transition {
    TransitionKind kind = TransitionKind::Next;
    std::string target;
    std::string pointer; ///< where the target name is written
    std::string label;   ///< "Default", the errors of a Catch, "rule 2" ...
};

struct Retrier {
    std::vector<std::string> errorEquals;
    double intervalSeconds = 1; // ASL defaults: 1 s, 3 attempts, backoff 2.0
    std::int64_t maxAttempts = 3;
    double backoffRate = 2.0;
    std::optional<std::int64_t> maxDelaySeconds;
    bool fullJitter = false;
};

class StateMachine;

struct State {
    std::string name;
    StateType type = StateType::Unknown;
    std::string pointer; ///< "/States/<name>" below the scope's pointer
    QueryLanguage queryLanguage = QueryLanguage::JsonPath;
    bool end = false;
    std::string resource;
    std::string comment;
    std::vector<Transition> transitions; ///< Next, Choice rules, Default, Catch, in file order
    std::vector<Retrier> retry;
    std::vector<StateMachine> branches; ///< Parallel branches, or the one Map processor
    bool isDistributedMap = false;
    const Json* raw = nullptr; ///< the state's object inside the Json it was built from

    bool isTerminal() const { return end || type == StateType::Succeed || type == StateType::Fail; }
};

class StateMachine {
public:
    /// Builds the view of `definition` (kept by reference: it must outlive the view).
    static StateMachine fromJson(const Json& definition, std::string pointer = "",
                                 QueryLanguage inherited = QueryLanguage::JsonPath);

    const std::string& startAt() const { return m_startAt; }
    const std::string& comment() const { return m_comment; }
    const std::string& pointer() const { return m_pointer; }
    QueryLanguage queryLanguage() const { return m_queryLanguage; }
    const std::vector<State>& states() const { return m_states; }
    const State* find(std::string_view name) const;
    /// Number of states here and in every nested branch and processor.
    std::size_t totalStateCount() const;

private:
    std::string m_startAt;
    std::string m_comment;
    std::string m_pointer;
    QueryLanguage m_queryLanguage = QueryLanguage::JsonPath;
    std::vector<State> m_states;
};

} // namespace flowcast::model
