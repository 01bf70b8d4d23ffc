#pragma once
// A mistake in a scenario file: what is wrong and where (a JSON Pointer into the scenario).
// Parsers throw it; the simulation's entry points catch it and add the file name.
#include <stdexcept>
#include <string>

namespace flowcast::model {

class ScenarioError : public std::runtime_error {
public:
    ScenarioError(std::string pointer, const std::string& message)
        : std::runtime_error(message), m_pointer(std::move(pointer)) {}
    /// JSON Pointer of the offending value ("" = the whole document).
    const std::string& pointer() const { return m_pointer; }

private:
    std::string m_pointer;
};

} // namespace flowcast::model
