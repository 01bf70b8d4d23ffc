#pragma once
// The workflow variables (Assign) of one scope of an execution: the top-level states share one;
// each Parallel branch and inline Map iteration has its own, which reads the scopes around it
// ("Variable scope" in the Step Functions developer guide). Owned by the Execution; a scope
// outlives the scopes inside it.
#include "model/asl/Json.h"
#include "model/asl/eval/EvalTypes.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace flowcast::sim {

class VariableScope final : public model::eval::Variables {
public:
    explicit VariableScope(const VariableScope* outer = nullptr) : m_outer(outer) {}

    /// This scope's own value, else the nearest outer scope's.
    const model::Json* find(std::string_view name) const override {
        for (const VariableScope* scope = this; scope; scope = scope->m_outer)
            for (const auto& [key, value] : scope->m_values)
                if (key == name) return &value;
        return nullptr;
    }
    /// Every variable visible here, as an object (an inner value hides an outer one): what a
    /// JSONata expression sees as its variables.
    void collect(model::Json& into) const {
        if (m_outer) m_outer->collect(into);
        for (const auto& [key, value] : m_values)
            into[key] = value;
    }
    /// Assigns in this scope (an inner scope's value hides an outer one of the same name).
    void set(std::string name, model::Json value) {
        for (auto& [key, current] : m_values)
            if (key == name) {
                current = std::move(value);
                return;
            }
        m_values.emplace_back(std::move(name), std::move(value));
    }

private:
    const VariableScope* m_outer;
    // Few variables per scope: a linear search beats hashing, and keeps assignment order.
    std::vector<std::pair<std::string, model::Json>> m_values;
};

} // namespace flowcast::sim
