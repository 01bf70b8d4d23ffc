#pragma once
// A state machine prepared once for many executions: the typed view of the definition, every
// state (top level, Parallel branches, Map processors) numbered in one flat list, and what each
// state needs at run time (does it read the context object $$?). Immutable after construction,
// so one Program serves every execution of a simulation, on any thread. Keeps the definition by
// reference: it must outlive the Program.
#include "model/asl/Json.h"
#include "model/asl/StateMachine.h"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace flowcast::sim {

class Program {
public:
    explicit Program(const model::Json& definition);
    Program(const Program&) = delete;
    Program& operator=(const Program&) = delete;

    const model::Json& definition() const { return m_definition; }
    const model::StateMachine& machine() const { return m_machine; }

    std::uint32_t stateCount() const { return static_cast<std::uint32_t>(m_states.size()); }
    std::uint32_t indexOf(const model::State& state) const { return m_index.at(&state); }
    const model::State& state(std::uint32_t index) const { return *m_states[index]; }
    /// State names in index order (AWS requires them unique in the whole machine).
    const std::vector<std::string>& stateNames() const { return m_names; }
    /// True when some field of the state may read the context object ($$): it is then built
    /// for every visit; otherwise never.
    bool usesContext(std::uint32_t index) const { return m_usesContext[index]; }
    /// The machine's TimeoutSeconds, when it has one.
    std::optional<double> timeoutSeconds() const { return m_timeoutSeconds; }

private:
    void add(const model::StateMachine& machine);

    const model::Json& m_definition;
    model::StateMachine m_machine;
    std::vector<const model::State*> m_states;
    std::vector<std::string> m_names;
    std::vector<bool> m_usesContext;
    std::unordered_map<const model::State*, std::uint32_t> m_index;
    std::optional<double> m_timeoutSeconds;
};

} // namespace flowcast::sim
