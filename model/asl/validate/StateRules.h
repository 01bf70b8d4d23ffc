#pragma once
// Field-level rules of one state: which fields each state type allows in each query language,
// their value checks, and the exactly-one / at-most-one groups.
#include "model/asl/validate/Context.h"

namespace flowcast::model::validate {

/// What a field check may need to know about the state that holds the field.
struct StateInfo {
    StateType type;
    QueryLanguage language;
    const Json& object;
};

using FieldChecker = void (*)(Context&, const Json& value, const std::string& pointer,
                              const StateInfo&);

/// Checks the fields of the state object at `pointer` (the graph is checked elsewhere).
/// `topLevelLanguage` is the language of the whole definition: AWS forbids JSONPath states
/// under a JSONata definition.
void checkStateFields(Context& ctx, const Json& state, const std::string& pointer,
                      QueryLanguage inherited, QueryLanguage topLevelLanguage);

} // namespace flowcast::model::validate
