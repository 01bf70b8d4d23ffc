#include "model/scenario/Deployment.h"

#include "model/scenario/ScenarioError.h"

#include <array>
#include <set>
#include <string_view>

namespace flowcast::model {

namespace {

constexpr std::array<std::string_view, 7> kKeys{"name",   "description", "express", "services",
                                                "states", "outages",     "storage"};

void checkKeys(const Json& deployment, const std::string& pointer) {
    for (auto it = deployment.begin(); it != deployment.end(); ++it) {
        bool known = false;
        for (std::string_view key : kKeys)
            known = known || key == it.key();
        if (!known)
            throw ScenarioError(pointer + "/" + it.key(),
                                "unknown deployment field \"" + it.key() +
                                    "\" (name, description, express, services, states, outages, "
                                    "storage; "
                                    "the workload is the scenario's, the same for every "
                                    "deployment)");
    }
}

std::string text(const Json& deployment, const char* key, const std::string& pointer,
                 bool required) {
    auto it = deployment.find(key);
    if (it == deployment.end()) {
        if (required)
            throw ScenarioError(pointer, std::string("a deployment needs a \"") + key + "\"");
        return {};
    }
    if (!it->is_string() || it->get_ref<const std::string&>().empty())
        throw ScenarioError(pointer + "/" + key,
                            std::string("\"") + key + "\" must be a non-empty string");
    return it->get<std::string>();
}

} // namespace

std::vector<Deployment> deploymentsOf(const Scenario& scenario) {
    const Json& list = scenario.section("deployments");
    if (list.is_null()) return {{"as written", "", "", scenario}};
    if (!list.is_array() || list.empty())
        throw ScenarioError("/deployments", "\"deployments\" must be a non-empty array");
    std::vector<Deployment> out;
    std::set<std::string> names;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string pointer = "/deployments/" + std::to_string(i);
        const Json& d = list[i];
        if (!d.is_object()) throw ScenarioError(pointer, "a deployment must be an object");
        checkKeys(d, pointer);
        Deployment deployment;
        deployment.pointer = pointer;
        deployment.name = text(d, "name", pointer, true);
        if (!names.insert(deployment.name).second)
            throw ScenarioError(pointer + "/name",
                                "another deployment is already named \"" + deployment.name + "\"");
        deployment.description = text(d, "description", pointer, false);
        Json merged = scenario.document;
        merged.erase("deployments");
        for (const char* key : {"express", "services", "states", "outages", "storage"}) {
            auto it = d.find(key);
            if (it == d.end()) continue;
            Json patch = Json::object();
            patch[key] = *it;
            merged.merge_patch(patch);
        }
        try {
            deployment.scenario = Scenario::fromJson(std::move(merged), scenario.file);
        } catch (const ScenarioError& e) {
            throw ScenarioError(pointer + e.pointer(), e.what());
        }
        deployment.scenario.name = scenario.name;
        out.push_back(std::move(deployment));
    }
    return out;
}

} // namespace flowcast::model
