#include "app/cli/CliCommon.h"

#include "model/asl/DefinitionFile.h"
#include "model/asl/StateMachine.h"

#include <map>

#include <algorithm>
#include <iostream>

namespace flowcast::cli {

const char* const kValidateHelp =
    R"(Usage: flowcast-cli validate [--json] [--summary] [--express] [--no-arn-check] FILE...

Checks Amazon States Language definitions (.asl.json, .asl.yaml, or CloudFormation / SAM
templates that hold them) the way AWS's ValidateStateMachineDefinition does.

Prints one line per finding:  file:/json/pointer: SEVERITY CODE: message
(file:line:column: when the text itself cannot be parsed).

Options:
  --json           print [{"file", "valid", "diagnostics": [{"code", "severity", "location",
                   "message", "line", "column"}]}] instead (line and column, 1-based, when
                   the place is known)
  --summary        after the findings, one line per file: verdict, states by type, counts
  --express        check as an Express workflow (no .sync, .waitForTaskToken or activities)
  --no-arn-check   do not check the form of Task Resource ARNs
  -h, --help       show this help

Exit status: 0 every file is valid (warnings allowed), 1 some file has an ERROR,
2 usage error.
)";

namespace {

model::Json reportToJson(const model::FileReport& report) {
    model::Json diags = model::Json::array();
    for (const auto& d : report.diagnostics) {
        model::Json j = {{"code", d.code},
                         {"severity", std::string(model::severityName(d.severity))},
                         {"location", d.location},
                         {"message", d.message}};
        if (d.line > 0) {
            j["line"] = d.line;
            j["column"] = d.column;
        }
        diags.push_back(std::move(j));
    }
    return {{"file", report.file}, {"valid", report.valid()}, {"diagnostics", std::move(diags)}};
}

// The human line names the pointer whenever there is one (file:/pointer: ...); the line and
// column found for it go to --json. Only text that could not be parsed is named by line:column.
void countStates(const model::StateMachine& machine, std::map<std::string, int>& byType) {
    for (const auto& state : machine.states()) {
        ++byType[std::string(model::stateTypeName(state.type))];
        for (const auto& child : state.branches)
            countStates(child, byType);
    }
}

// "file: VALID - 19 states (12 Task, 3 Choice, ...), 0 errors, 1 warning"
std::string summaryLine(const model::FileReport& report) {
    std::map<std::string, int> byType;
    if (report.json) {
        model::Diagnostics ignored;
        for (const auto& e : model::DefinitionFile::find(*report.json, ignored))
            countStates(model::StateMachine::fromJson(e.json()), byType);
    }
    int states = 0;
    std::string types;
    for (const auto& [type, n] : byType) {
        states += n;
        types += (types.empty() ? "" : ", ") + std::to_string(n) + " " + type;
    }
    const auto errors = std::count_if(report.diagnostics.begin(), report.diagnostics.end(),
                                      [](const model::Diagnostic& d) { return d.isError(); });
    const auto warnings = static_cast<long>(report.diagnostics.size()) - errors;
    return report.file + ": " + (report.valid() ? "VALID" : "INVALID") + " - " +
           std::to_string(states) + " states" + (types.empty() ? "" : " (" + types + ")") + ", " +
           std::to_string(errors) + (errors == 1 ? " error, " : " errors, ") +
           std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings");
}

} // namespace

int runValidate(const std::vector<std::string>& args) {
    bool json = false;
    bool summary = false;
    model::ValidatorOptions options;
    std::vector<std::string> files;
    for (const auto& a : args) {
        if (isHelpFlag(a)) {
            std::cout << kValidateHelp;
            return kOk;
        }
        if (a == "--json")
            json = true;
        else if (a == "--summary")
            summary = true;
        else if (a == "--no-arn-check")
            options.checkResourceArns = false;
        else if (a == "--express")
            options.express = true;
        else if (a.size() > 1 && a[0] == '-')
            return usageError("validate", "unknown option '" + a + "'");
        else
            files.push_back(a);
    }
    if (files.empty()) return usageError("validate", "no FILE given");

    bool anyError = false;
    model::Json out = model::Json::array();
    std::vector<std::string> summaries;
    for (const auto& f : files) {
        const model::FileReport report = model::DefinitionFile::check(f, options);
        anyError = anyError || !report.valid();
        if (json) {
            out.push_back(reportToJson(report));
            continue;
        }
        for (const auto& d : report.diagnostics)
            std::cout << model::formatDiagnostic(f, d) << "\n";
        if (summary) summaries.push_back(summaryLine(report));
    }
    for (const auto& line : summaries)
        std::cout << line << "\n";
    if (json) {
        // Messages quote the user's text; replace (never throw on) any byte that is not UTF-8.
        std::cout << out.dump(2, ' ', false, model::Json::error_handler_t::replace) << "\n";
    } else if (!anyError && !summary) {
        std::cerr << files.size() << (files.size() == 1 ? " file" : " files") << " valid\n";
    }
    return anyError ? kFailed : kOk;
}

} // namespace flowcast::cli
