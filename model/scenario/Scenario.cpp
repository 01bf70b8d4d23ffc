#include "model/scenario/Scenario.h"

#include "model/asl/AslReader.h"
#include "model/scenario/ScenarioError.h"

#include <array>
#include <string_view>

namespace flowcast::model {

namespace {

constexpr std::array<std::string_view, 18> kKeys{
    "name",    "description", "definition",   "stateMachineName", "express",  "seed",
    "horizon", "executions",  "replications", "workload",         "services", "states",
    "outages", "sources",     "deployments",  "slaSeconds",       "storage",  "sizing"};

const Json kNull;

std::string stringAt(const Json& doc, const char* key, bool required) {
    auto it = doc.find(key);
    if (it == doc.end()) {
        if (required) throw ScenarioError("", std::string("missing \"") + key + "\"");
        return {};
    }
    if (!it->is_string() || it->get_ref<const std::string&>().empty())
        throw ScenarioError(std::string("/") + key,
                            std::string("\"") + key + "\" must be a non-empty string");
    return it->get<std::string>();
}

std::optional<std::uint64_t> countAt(const Json& doc, const char* key, std::uint64_t min) {
    auto it = doc.find(key);
    if (it == doc.end()) return std::nullopt;
    if (!it->is_number_integer() || it->get<std::int64_t>() < static_cast<std::int64_t>(min))
        throw ScenarioError(std::string("/") + key,
                            std::string("\"") + key +
                                "\" must be an integer >= " + std::to_string(min));
    return it->get<std::uint64_t>();
}

} // namespace

const Json& Scenario::section(const char* key) const {
    auto it = document.find(key);
    return it == document.end() ? kNull : *it;
}

Scenario Scenario::read(const std::filesystem::path& file) {
    const ReadResult read = AslReader::readFile(file);
    for (const Diagnostic& d : read.diagnostics) {
        if (!d.isError()) continue;
        std::string where = d.line > 0 ? "line " + std::to_string(d.line) + ", column " +
                                             std::to_string(d.column) + ": "
                                       : std::string();
        throw ScenarioError(d.location, where + d.message);
    }
    if (!read.json) throw ScenarioError("", "the file could not be read");
    return fromJson(*read.json, file);
}

Scenario Scenario::fromJson(Json document, const std::filesystem::path& file) {
    if (!document.is_object()) throw ScenarioError("", "a scenario must be a JSON object");
    for (auto it = document.begin(); it != document.end(); ++it) {
        bool known = false;
        for (std::string_view key : kKeys)
            known = known || key == it.key();
        if (!known) throw ScenarioError("/" + it.key(), "unknown field \"" + it.key() + "\"");
    }
    Scenario s;
    s.file = file;
    s.name = stringAt(document, "name", false);
    if (s.name.empty()) s.name = file.stem().stem().string();
    const std::string definition = stringAt(document, "definition", true);
    s.definition = std::filesystem::path(definition).is_absolute()
                       ? std::filesystem::path(definition)
                       : file.parent_path() / definition;
    s.stateMachineName = stringAt(document, "stateMachineName", false);
    if (s.stateMachineName.empty()) {
        std::string stem = s.definition.filename().string();
        for (std::string_view suffix : {".asl.json", ".asl.yaml", ".json", ".yaml"})
            if (stem.ends_with(suffix)) {
                stem.resize(stem.size() - suffix.size());
                break;
            }
        s.stateMachineName = stem;
    }
    if (auto it = document.find("express"); it != document.end()) {
        if (!it->is_boolean()) throw ScenarioError("/express", "\"express\" must be true or false");
        s.express = it->get<bool>();
    }
    if (auto seed = countAt(document, "seed", 0)) s.seed = *seed;
    s.executions = countAt(document, "executions", 1);
    if (auto r = countAt(document, "replications", 1)) {
        if (*r > 1000) throw ScenarioError("/replications", "\"replications\" must be <= 1000");
        s.replications = static_cast<int>(*r);
    }
    if (auto it = document.find("horizon"); it != document.end()) {
        if (!it->is_string() && !(it->is_number() && it->get<double>() > 0))
            throw ScenarioError("/horizon", "\"horizon\" must be a duration such as \"30d\" or "
                                            "a positive number of seconds");
        s.horizon = *it;
    }
    if (auto it = document.find("slaSeconds"); it != document.end()) {
        if (!it->is_number() || it->get<double>() <= 0 || it->get<double>() > 1e8)
            throw ScenarioError("/slaSeconds", "\"slaSeconds\" must be a positive number of "
                                               "seconds, at most 100,000,000");
        s.slaSeconds = it->get<double>();
    }
    for (const char* key : {"workload", "services", "states"}) {
        auto it = document.find(key);
        if (it != document.end() && !it->is_object())
            throw ScenarioError(std::string("/") + key,
                                std::string("\"") + key + "\" must be an object");
    }
    if (auto it = document.find("outages"); it != document.end() && !it->is_array())
        throw ScenarioError("/outages", "\"outages\" must be an array");
    if (!document.contains("workload"))
        throw ScenarioError("", "missing \"workload\" (how executions arrive)");
    s.document = std::move(document);
    return s;
}

} // namespace flowcast::model
