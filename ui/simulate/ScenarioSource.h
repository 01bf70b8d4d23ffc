#pragma once
// The scenario the app simulates: the project's "scenario" section (for a bare definition, the
// `<name>.scenario.json` beside it, which DefinitionSession reads into the project). The state
// machine run is always the editor's, whatever file the scenario names; the project's type
// (Express) applies when the scenario does not say.
#include "model/asl/Json.h"
#include "model/scenario/Scenario.h"

#include <QString>

#include <optional>

namespace flowcast::ui {

class DefinitionSession;

struct ProjectScenario {
    std::optional<model::Scenario> scenario;
    QString error; ///< why there is none, or its first mistake ("/workload/rate: ...")
};

ProjectScenario scenarioOf(const DefinitionSession& session);
/// The same for a project's sections (Document::project()) saved at `projectPath` (relative
/// files are found beside it; empty: the current folder).
ProjectScenario scenarioOfProject(const model::Json& project, const QString& projectPath);

} // namespace flowcast::ui
