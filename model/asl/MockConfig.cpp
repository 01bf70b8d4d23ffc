#include "model/asl/MockConfig.h"

#include "model/asl/AslReader.h"
#include "model/asl/JsonPointer.h"

#include <algorithm>
#include <charconv>
#include <set>

namespace flowcast::model {
namespace {

constexpr const char* kInvalid = "MOCK_CONFIG_INVALID";

struct Range {
    int first = 0;
    int last = 0;
};

std::string inQuotes(std::string_view text) {
    return "\"" + std::string(text) + "\"";
}

std::optional<int> parseIndex(std::string_view text) {
    if (text.empty() ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// "Specify the invocation number using individual integer strings, such as "0" ... or an
// inclusive range of integers, such as "0-1"" (AWS, Mock configuration field reference).
std::optional<Range> parseRange(std::string_view key) {
    const auto dash = key.find('-');
    if (dash == std::string_view::npos) {
        const auto index = parseIndex(key);
        if (!index) return std::nullopt;
        return Range{*index, *index};
    }
    const auto first = parseIndex(key.substr(0, dash));
    const auto last = parseIndex(key.substr(dash + 1));
    if (!first || !last) return std::nullopt;
    return Range{*first, *last};
}

std::string rangeText(int first, int last) {
    return first == last ? std::to_string(first)
                         : std::to_string(first) + "-" + std::to_string(last);
}

std::string joinNames(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names)
        out += (out.empty() ? "" : ", ") + inQuotes(name);
    return out.empty() ? "none" : out;
}

bool endsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// "Orders.asl.json" names the machine "Orders", like the Step Functions Local examples where the
// definition file and the machine share a name.
std::string definitionStem(const std::filesystem::path& file) {
    std::string name = file.filename().string();
    for (std::string_view suffix :
         {".asl.json", ".asl.yaml", ".asl.yml", ".json", ".yaml", ".yml"}) {
        if (endsWith(name, suffix) && name.size() > suffix.size())
            return name.substr(0, name.size() - suffix.size());
    }
    return name;
}

} // namespace

// Walks the document once; keeps what is valid and reports the rest.
class MockConfigParser {
public:
    MockConfigParser(MockConfig& config, Diagnostics& diagnostics)
        : m_config(config), m_diagnostics(diagnostics) {}

    void parse(const Json& document) {
        if (!expectObject(document, "")) return;
        for (const auto& [key, value] : document.items()) {
            if (key != "StateMachines" && key != "MockedResponses")
                warn(pointerChild("", key), "unknown field " + inQuotes(key) + " (ignored)");
        }
        const Json* machines = requireObjectField(document, "", "StateMachines");
        const Json* responses = requireObjectField(document, "", "MockedResponses");
        if (machines) parseMachines(*machines);
        if (responses) parseResponses(*responses);
        checkReferences(responses);
    }

private:
    struct Reference {
        std::string pointer;
        std::string response;
    };

    void error(std::string pointer, std::string message) {
        m_diagnostics.push_back(
            {kInvalid, Severity::Error, std::move(pointer), std::move(message)});
    }
    void warn(std::string pointer, std::string message) {
        m_diagnostics.push_back(
            {kInvalid, Severity::Warning, std::move(pointer), std::move(message)});
    }

    bool expectObject(const Json& value, const std::string& pointer) {
        if (value.is_object()) return true;
        error(pointer, std::string("must be an object, not ") + jsonTypeName(value));
        return false;
    }

    const Json* requireObjectField(const Json& parent, const std::string& pointer,
                                   const char* name) {
        const auto it = parent.find(name);
        if (it == parent.end()) {
            error(pointer, "missing required field " + inQuotes(name));
            return nullptr;
        }
        return expectObject(*it, pointerChild(pointer, name)) ? &*it : nullptr;
    }

    // "The value is an object containing a single field named TestCases" (AWS).
    void parseMachines(const Json& machines) {
        for (const auto& [name, machine] : machines.items()) {
            const std::string pointer = pointerChild("/StateMachines", name);
            auto& parsed = m_config.m_machines.emplace_back(name, MockConfig::Machine{}).second;
            if (!expectObject(machine, pointer)) continue;
            for (const auto& [key, unused] : machine.items()) {
                if (key != "TestCases")
                    warn(pointerChild(pointer, key),
                         "unknown field " + inQuotes(key) + " (ignored)");
            }
            const Json* testCases = requireObjectField(machine, pointer, "TestCases");
            if (!testCases) continue;
            for (const auto& [caseName, testCase] : testCases->items())
                parsed.emplace_back(
                    caseName,
                    parseTestCase(testCase,
                                  pointerChild(pointerChild(pointer, "TestCases"), caseName)));
        }
    }

    MockConfig::TestCase parseTestCase(const Json& testCase, const std::string& pointer) {
        MockConfig::TestCase parsed;
        if (!expectObject(testCase, pointer)) return parsed;
        for (const auto& [state, response] : testCase.items()) {
            const std::string statePointer = pointerChild(pointer, state);
            if (!response.is_string()) {
                error(statePointer,
                      std::string("must be the name of a mocked response (a string), not ") +
                          jsonTypeName(response));
                continue;
            }
            parsed.emplace_back(state, response.get<std::string>());
            m_references.push_back({statePointer, response.get<std::string>()});
        }
        return parsed;
    }

    void parseResponses(const Json& responses) {
        for (const auto& [name, response] : responses.items()) {
            const std::string pointer = pointerChild("/MockedResponses", name);
            if (!expectObject(response, pointer)) continue;
            if (response.empty()) error(pointer, "defines no invocation");
            m_config.m_responses[name] = parseEntries(response, pointer);
        }
    }

    std::vector<MockConfig::Entry> parseEntries(const Json& response, const std::string& pointer) {
        std::vector<std::pair<MockConfig::Entry, std::string>> entries; // with the key's pointer
        for (const auto& [key, value] : response.items()) {
            const std::string keyPointer = pointerChild(pointer, key);
            const auto range = parseRange(key);
            if (!range) {
                error(keyPointer,
                      inQuotes(key) +
                          " is not an invocation number (\"0\") or an inclusive range (\"1-2\")");
                continue;
            }
            if (range->last < range->first) {
                error(keyPointer, "range " + inQuotes(key) + " ends before it starts");
                continue;
            }
            auto outcome = parseOutcome(value, keyPointer);
            if (outcome)
                entries.push_back({{range->first, range->last, std::move(*outcome)}, keyPointer});
        }
        std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
            return a.first.first < b.first.first;
        });
        return checkSequence(entries);
    }

    // "When you mock a Task, you must specify a mocked response for every invocation" (AWS): the
    // entries cover 0, 1, 2, ... without gaps, and no invocation has two (LocalStack checks the
    // same).
    std::vector<MockConfig::Entry>
    checkSequence(std::vector<std::pair<MockConfig::Entry, std::string>>& entries) {
        std::vector<MockConfig::Entry> kept;
        int next = 0; // the first invocation not yet covered
        for (auto& [entry, pointer] : entries) {
            if (entry.first < next) {
                const auto& previous = kept.back();
                error(pointer, inQuotes(rangeText(entry.first, entry.last)) + " overlaps " +
                                   inQuotes(rangeText(previous.first, previous.last)) +
                                   ": invocation " + std::to_string(entry.first) +
                                   " has two responses");
                continue;
            }
            if (entry.first > next) {
                error(pointer,
                      "invocation " + rangeText(next, entry.first - 1) +
                          " has no response: entries must cover 0, 1, 2, ... without gaps");
            }
            next = entry.last + 1;
            kept.push_back(std::move(entry));
        }
        return kept;
    }

    // "A response must contain a single field named Return or Throw" (AWS).
    std::optional<MockOutcome> parseOutcome(const Json& value, const std::string& pointer) {
        if (!expectObject(value, pointer)) return std::nullopt;
        const bool hasReturn = value.contains("Return");
        const bool hasThrow = value.contains("Throw");
        for (const auto& [key, unused] : value.items()) {
            if (key != "Return" && key != "Throw")
                warn(pointerChild(pointer, key), "unknown field " + inQuotes(key) + " (ignored)");
        }
        if (hasReturn && hasThrow) {
            error(pointer, "has both Return and Throw; an entry has exactly one");
            return std::nullopt;
        }
        if (!hasReturn && !hasThrow) {
            error(pointer, "has neither Return nor Throw; an entry has exactly one");
            return std::nullopt;
        }
        if (hasReturn) return MockOutcome{false, value.at("Return"), {}, {}};
        return parseThrow(value.at("Throw"), pointerChild(pointer, "Throw"));
    }

    // "The value of Throw must be an object containing an Error and Cause fields with string
    // values" (AWS). Cause is accepted missing (an empty cause), as States.TaskFailed allows.
    std::optional<MockOutcome> parseThrow(const Json& value, const std::string& pointer) {
        if (!expectObject(value, pointer)) return std::nullopt;
        MockOutcome outcome{true, Json(), {}, {}};
        bool ok = true;
        for (const auto& [key, field] : value.items()) {
            const std::string fieldPointer = pointerChild(pointer, key);
            if (key != "Error" && key != "Cause") {
                warn(fieldPointer, "unknown field " + inQuotes(key) + " (ignored)");
            } else if (!field.is_string()) {
                error(fieldPointer, std::string("must be a string, not ") + jsonTypeName(field));
                ok = false;
            } else {
                (key == "Error" ? outcome.error : outcome.cause) = field.get<std::string>();
            }
        }
        if (!value.contains("Error")) {
            error(pointer, "missing required field \"Error\"");
            ok = false;
        }
        if (!ok) return std::nullopt;
        return outcome;
    }

    void checkReferences(const Json* responses) {
        if (!responses) return; // already reported as missing or not an object
        for (const auto& reference : m_references) {
            if (!responses->contains(reference.response))
                error(reference.pointer, "names mocked response " + inQuotes(reference.response) +
                                             ", which MockedResponses does not define");
        }
    }

    MockConfig& m_config;
    Diagnostics& m_diagnostics;
    std::vector<Reference> m_references;
};

MockConfig MockConfig::fromJson(const Json& document, Diagnostics& diagnostics) {
    MockConfig config;
    MockConfigParser(config, diagnostics).parse(document);
    return config;
}

MockConfig MockConfig::readFile(const std::filesystem::path& path, Diagnostics& diagnostics) {
    ReadResult read = AslReader::readFile(path);
    diagnostics.insert(diagnostics.end(), read.diagnostics.begin(), read.diagnostics.end());
    if (!read.ok()) return {};
    return fromJson(*read.json, diagnostics);
}

std::vector<std::string> MockConfig::stateMachineNames() const {
    std::vector<std::string> names;
    for (const auto& [name, unused] : m_machines)
        names.push_back(name);
    return names;
}

std::vector<std::string> MockConfig::testCaseNames(std::string_view machine) const {
    std::vector<std::string> names;
    for (const auto& [name, testCases] : m_machines) {
        if (name != machine) continue;
        for (const auto& [caseName, unused] : testCases)
            names.push_back(caseName);
    }
    return names;
}

std::optional<std::string>
MockConfig::chooseStateMachine(std::string_view requested,
                               const std::filesystem::path& definitionFile,
                               Diagnostics& diagnostics) const {
    const auto names = stateMachineNames();
    const auto has = [&](std::string_view name) {
        return std::find(names.begin(), names.end(), name) != names.end();
    };
    if (!requested.empty()) {
        if (has(requested)) return std::string(requested);
        diagnostics.push_back({"MOCK_STATE_MACHINE_UNKNOWN", Severity::Error, "/StateMachines",
                               "no state machine " + inQuotes(requested) +
                                   " in the mock file; it has " + joinNames(names)});
        return std::nullopt;
    }
    const std::string stem = definitionStem(definitionFile);
    if (has(stem)) return stem;
    if (names.size() == 1) return names.front();
    diagnostics.push_back({"MOCK_STATE_MACHINE_AMBIGUOUS", Severity::Error, "/StateMachines",
                           "cannot tell which state machine of the mock file " + inQuotes(stem) +
                               " is (name it with --state-machine-name): it has " +
                               joinNames(names)});
    return std::nullopt;
}

const MockConfig::TestCase* MockConfig::findTestCase(std::string_view machine,
                                                     std::string_view testCase) const {
    for (const auto& [name, testCases] : m_machines) {
        if (name != machine) continue;
        for (const auto& [caseName, states] : testCases) {
            if (caseName == testCase) return &states;
        }
    }
    return nullptr;
}

const std::vector<MockConfig::Entry>* MockConfig::findResponse(const TestCase& testCase,
                                                               std::string_view state) const {
    for (const auto& [stateName, response] : testCase) {
        if (stateName != state) continue;
        const auto it = m_responses.find(response);
        return it == m_responses.end() ? nullptr : &it->second;
    }
    return nullptr;
}

bool MockConfig::hasTestCase(std::string_view machine, std::string_view testCase) const {
    return findTestCase(machine, testCase) != nullptr;
}

bool MockConfig::isMocked(std::string_view machine, std::string_view testCase,
                          std::string_view state) const {
    const TestCase* found = findTestCase(machine, testCase);
    return found && findResponse(*found, state);
}

std::optional<MockOutcome> MockConfig::outcome(std::string_view machine, std::string_view testCase,
                                               std::string_view state, int invocation) const {
    const TestCase* found = findTestCase(machine, testCase);
    const std::vector<Entry>* entries = found ? findResponse(*found, state) : nullptr;
    if (!entries || invocation < 0) return std::nullopt;
    for (const auto& entry : *entries) {
        if (invocation >= entry.first && invocation <= entry.last) return entry.outcome;
    }
    return std::nullopt;
}

} // namespace flowcast::model
