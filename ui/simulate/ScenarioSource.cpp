#include "ui/simulate/ScenarioSource.h"

#include "model/document/ProjectEdits.h"
#include "model/scenario/ScenarioError.h"
#include "ui/session/DefinitionSession.h"

#include <QDir>
#include <QFileInfo>

namespace flowcast::ui {

ProjectScenario scenarioOf(const DefinitionSession& session) {
    if (!session.document().project().contains("scenario") && !session.scenarioProblem().isEmpty())
        return {std::nullopt, session.scenarioProblem()};
    return scenarioOfProject(session.document().project(), session.path());
}

ProjectScenario scenarioOfProject(const model::Json& project, const QString& projectPath) {
    const auto it = project.find("scenario");
    if (it == project.end())
        return {std::nullopt, QObject::tr("this project has no scenario: open a definition with "
                                          "a .scenario.json beside it, or a project with one")};
    model::Json document = *it;
    // Relative files in the scenario (arrival traces) are found beside the project.
    const QString where = projectPath.isEmpty()
                              ? QDir::current().filePath(QStringLiteral("untitled.flowcast.json"))
                              : QFileInfo(projectPath).absoluteFilePath();
    if (document.is_object() && !document.contains("definition"))
        document["definition"] = QFileInfo(where).fileName().toStdString();
    // In the JSON, not only the parsed flag: every deployment is rebuilt from the JSON.
    const auto type = project.find(model::edits::kProjectType);
    if (document.is_object() && !document.contains("express") && type != project.end() &&
        *type == "EXPRESS")
        document["express"] = true;
    try {
        return {model::Scenario::fromJson(std::move(document), where.toStdString()), {}};
    } catch (const model::ScenarioError& e) {
        const QString pointer = QString::fromStdString("/scenario" + e.pointer());
        return {std::nullopt, pointer + QStringLiteral(": ") + QString::fromUtf8(e.what())};
    }
}

} // namespace flowcast::ui
