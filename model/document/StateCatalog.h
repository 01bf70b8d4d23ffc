#pragma once
// What the palette offers: Flow states, service Actions and multi-state Patterns, each building a
// well-formed fragment of ASL for a query language. The catalogue is immutable and built once
// (StateCatalog::builtIn()); the editor copies what an entry builds into the document.
// Rules kept: every fragment, alone in a definition of its query language, validates with no
// error; fields are written in the order AWS's documentation writes them (Type first, Retry,
// Catch, Next/End last); a fragment never writes QueryLanguage (it inherits its scope's).
#include "model/asl/Json.h"
#include "model/asl/StateMachine.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace flowcast::model {

enum class CatalogGroup { Flow, Actions, Patterns };

/// "Flow", "Actions", "Patterns".
std::string_view catalogGroupName(CatalogGroup group);

struct CatalogState {
    std::string name;
    Json state;
};

/// The states an entry adds to one scope, in the order they are written. Inside, they point at
/// each other by name; the only ways out are the "End": true of the exit states, which an insert
/// on an arrow turns into a Next to the arrow's old target.
struct CatalogFragment {
    std::vector<CatalogState> states;
    std::string entry;              ///< the state an incoming arrow points at
    std::vector<std::string> exits; ///< states whose "End": true leaves the fragment

    const Json* find(std::string_view name) const;
    /// Every state name the fragment introduces, those of nested branches and processors too
    /// (state names are unique across a whole state machine).
    std::vector<std::string> allStateNames() const;
    /// Renames every state whose name `isTaken` (or that another renamed state took) to
    /// "name 2", "name 3", ..., and every reference to it: StartAt, Next, Default, Choice rules,
    /// Catch, entry and exits.
    void makeNamesUnique(const std::function<bool(const std::string&)>& isTaken);
};

struct CatalogEntry {
    std::string id; ///< stable: "lambda-invoke", "pattern-poll-until-done"
    CatalogGroup group = CatalogGroup::Flow;
    std::string name;    ///< "Lambda Invoke"; also the name of the state it adds
    std::string service; ///< "AWS Lambda"; "Step Functions" for Flow states
    std::vector<std::string> keywords;
    std::string description; ///< one line
    std::function<CatalogFragment(QueryLanguage)> build;

    /// The Type of the fragment's entry state (Task for every Action).
    StateType stateType() const;
};

class StateCatalog {
public:
    explicit StateCatalog(std::vector<CatalogEntry> entries) : m_entries(std::move(entries)) {}

    /// Flow, then Actions, then Patterns.
    static const StateCatalog& builtIn();

    const std::vector<CatalogEntry>& entries() const { return m_entries; }
    const CatalogEntry* find(std::string_view id) const;
    /// Entries whose name, service or keywords contain every word of `text`, ignoring case, in
    /// catalogue order; all of them for a blank text.
    std::vector<const CatalogEntry*> search(std::string_view text) const;

private:
    std::vector<CatalogEntry> m_entries;
};

/// The Retry Workflow Studio gives a Lambda Invoke state: the Lambda service errors, 1 s,
/// 3 attempts, backoff 2, full jitter.
Json defaultLambdaRetry();

} // namespace flowcast::model
