#pragma once
// Rules about the state graph of one scope (top level, Parallel branch, Map processor): every
// target exists in the same scope, every state is reachable from StartAt, and a terminal state is
// reachable. Also the definition-wide placeholder notes.
#include "model/asl/validate/Context.h"

#include <unordered_map>

namespace flowcast::model::validate {

/// `allNames` counts every state name in the whole definition, to tell a target that does not
/// exist from one that lives in another scope.
void checkScopeGraph(Context& ctx, const Json& scope, const std::string& pointer,
                     const std::unordered_map<std::string, int>& allNames);

/// A WARNING for each string holding a template placeholder (${Name}) outside Resource fields.
void checkPlaceholders(Context& ctx, const Json& definition);

} // namespace flowcast::model::validate
