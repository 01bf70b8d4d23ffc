#pragma once
// Checks an ASL definition the way AWS's ValidateStateMachineDefinition does: schema (fields,
// types, ranges, exclusive fields), graph (targets, scopes, reachability, terminal states), paths
// and intrinsic functions, JSONata delimiters and syntax, error names. AWS's documented rules are
// the reference, not any peer tool's; where the two differ, tests/model/TestCorpusConformance
// names the AWS sentence behind each difference.
#include "model/asl/Diagnostic.h"
#include "model/asl/Json.h"

namespace flowcast::model {

struct ValidatorOptions {
    /// Check Task Resource ARNs (off for definitions written against a private endpoint).
    bool checkResourceArns = true;
    /// Check as an Express workflow: no .sync or .waitForTaskToken integrations, no activities.
    bool express = false;
};

class Validator {
public:
    explicit Validator(ValidatorOptions options = {}) : m_options(options) {}

    /// Diagnostics in document order, errors and warnings mixed. Never throws.
    Diagnostics validate(const Json& definition) const;

private:
    ValidatorOptions m_options;
};

} // namespace flowcast::model
