#pragma once
// The mock configuration file of AWS Step Functions Local (MockConfigFile.json): per state machine,
// test cases that map Task state names to mocked responses, each response a list of Return / Throw
// outcomes keyed by invocation ("0", "1-2"). Read once, immutable afterwards; never throws: every
// problem of the file becomes a MOCK_CONFIG_INVALID diagnostic with its JSON Pointer.
#include "model/asl/Diagnostic.h"
#include "model/asl/Json.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowcast::model {

/// One mocked answer of a Task: its result (Return) or its error (Throw).
struct MockOutcome {
    bool isThrow = false;
    Json value;        ///< the Return value; null for a Throw
    std::string error; ///< Throw.Error
    std::string cause; ///< Throw.Cause ("" when the file leaves it out)
};

class MockConfig {
public:
    /// Reads and checks a mock file; problems become Diagnostics (code MOCK_CONFIG_INVALID, the
    /// JSON Pointer, a message). What is valid is kept, so a caller may still look things up.
    static MockConfig fromJson(const Json& document, Diagnostics& diagnostics);
    /// Reads the file with AslReader (JSON, or YAML for .yaml / .yml), then fromJson.
    static MockConfig readFile(const std::filesystem::path& path, Diagnostics& diagnostics);

    /// In the order of the file.
    std::vector<std::string> stateMachineNames() const;
    std::vector<std::string> testCaseNames(std::string_view machine) const;

    /// Picks the machine: `requested` if not empty (MOCK_STATE_MACHINE_UNKNOWN when absent); else
    /// the one named like the definition file stem (without .asl.json, .json, .asl.yaml, .yaml,
    /// ...); else the only one; else nullopt with MOCK_STATE_MACHINE_AMBIGUOUS listing the names.
    std::optional<std::string> chooseStateMachine(std::string_view requested,
                                                  const std::filesystem::path& definitionFile,
                                                  Diagnostics& diagnostics) const;
    bool hasTestCase(std::string_view machine, std::string_view testCase) const;
    /// True when the test case maps `state` to a mocked response that exists.
    bool isMocked(std::string_view machine, std::string_view testCase,
                  std::string_view state) const;

    /// The mocked outcome of the `invocation`-th call (0-based, retries count) of `state`, or
    /// nullopt when the state is not mocked or no entry covers that invocation. AWS: "When you
    /// mock a Task, you must specify a mocked response for every invocation ... If you do not
    /// specify a mocked response, the state machine execution will fail": the last entry is NOT
    /// repeated; a caller that finds isMocked() true and no outcome must fail the execution.
    std::optional<MockOutcome> outcome(std::string_view machine, std::string_view testCase,
                                       std::string_view state, int invocation) const;

private:
    struct Entry {
        int first = 0; ///< inclusive
        int last = 0;  ///< inclusive
        MockOutcome outcome;
    };
    using TestCase = std::vector<std::pair<std::string, std::string>>; // state -> response
    using Machine = std::vector<std::pair<std::string, TestCase>>;     // test case -> states

    const TestCase* findTestCase(std::string_view machine, std::string_view testCase) const;
    const std::vector<Entry>* findResponse(const TestCase& testCase, std::string_view state) const;

    std::vector<std::pair<std::string, Machine>> m_machines;
    std::map<std::string, std::vector<Entry>, std::less<>> m_responses; ///< entries sorted by first

    friend class MockConfigParser;
};

} // namespace flowcast::model
