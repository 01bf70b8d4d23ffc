#include "simulator/exec/Program.h"

namespace flowcast::sim {

using model::Json;

namespace {

// "$$" anywhere in a string of the state's own fields (nested branches excluded: their states
// are scanned on their own). Intrinsic arguments and reference paths both spell the context
// object "$$", so a textual scan finds every use; a false positive only costs time.
bool mentionsContext(const Json& value, bool top) {
    if (value.is_string())
        return value.get_ref<const std::string&>().find("$$") != std::string::npos;
    if (value.is_array()) {
        for (const Json& item : value)
            if (mentionsContext(item, false)) return true;
        return false;
    }
    if (!value.is_object()) return false;
    for (auto it = value.begin(); it != value.end(); ++it) {
        if (top &&
            (it.key() == "Branches" || it.key() == "ItemProcessor" || it.key() == "Iterator"))
            continue;
        if (mentionsContext(it.value(), false)) return true;
    }
    return false;
}

} // namespace

Program::Program(const Json& definition)
    : m_definition(definition), m_machine(model::StateMachine::fromJson(definition)) {
    add(m_machine);
    if (auto it = definition.find("TimeoutSeconds"); it != definition.end() && it->is_number())
        m_timeoutSeconds = it->get<double>();
}

void Program::add(const model::StateMachine& machine) {
    for (const model::State& state : machine.states()) {
        m_index.emplace(&state, static_cast<std::uint32_t>(m_states.size()));
        m_states.push_back(&state);
        m_names.push_back(state.name);
        // A Map state builds $$.Map.Item for its items whether or not the selector reads it.
        m_usesContext.push_back(state.type == model::StateType::Map ||
                                (state.raw && mentionsContext(*state.raw, true)));
        for (const model::StateMachine& branch : state.branches)
            add(branch);
    }
}

} // namespace flowcast::sim
