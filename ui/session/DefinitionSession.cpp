#include "ui/session/DefinitionSession.h"

#include "model/asl/AslReader.h"
#include "model/asl/AslWriter.h"
#include "model/asl/YamlWriter.h"
#include "model/document/ProjectFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <exception>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace flowcast::ui {
namespace {

// "/Resources/Etl~1Flow/Properties/Definition" -> "Etl/Flow" (RFC 6901 unescaping).
QString resourceName(const std::string& pointer) {
    const std::string prefix = "/Resources/";
    if (pointer.rfind(prefix, 0) != 0) return QString::fromStdString(pointer);
    std::string token =
        pointer.substr(prefix.size(), pointer.find('/', prefix.size()) - prefix.size());
    std::string name;
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size()) {
            name += token[i + 1] == '1' ? '/' : '~';
            ++i;
        } else {
            name += token[i];
        }
    }
    return QString::fromStdString(name);
}

// The message loadFailed() carries: the file, where, and what ("x.asl.json:4:26: ... (CODE)").
QString failureMessage(const QString& fileName, const model::Diagnostics& diagnostics) {
    const auto first = std::find_if(diagnostics.begin(), diagnostics.end(),
                                    [](const model::Diagnostic& d) { return d.isError(); });
    if (first == diagnostics.end()) return fileName + QStringLiteral(": could not be read");
    QString where = fileName;
    if (first->line > 0) where += QStringLiteral(":%1:%2").arg(first->line).arg(first->column);
    return QStringLiteral("%1: %2 (%3)")
        .arg(where, QString::fromStdString(first->message), QString::fromStdString(first->code));
}

} // namespace

struct DefinitionSession::Loaded {
    model::FileReport report;
    std::vector<model::EmbeddedDefinition> embedded; // the Json a template's views refer to
    std::vector<DefinitionView> definitions;
    std::unordered_map<std::string, const model::State*> states;
    std::unordered_set<std::string> nodes; // states, branches, processors, template definitions

    void index(const model::StateMachine& machine) {
        for (const auto& state : machine.states()) {
            states.emplace(state.pointer, &state);
            nodes.insert(state.pointer);
            for (const auto& branch : state.branches) {
                nodes.insert(branch.pointer());
                index(branch);
            }
        }
    }

    // Views are built only after `embedded` is complete: StateMachine keeps references into it.
    void build() {
        if (!report.json) return;
        if (!model::DefinitionFile::isTemplate(*report.json)) {
            definitions.push_back({QString(), model::StateMachine::fromJson(*report.json)});
        } else {
            model::Diagnostics ignored; // check() has reported the template's problems already
            embedded = model::DefinitionFile::find(*report.json, ignored);
            for (const auto& e : embedded) {
                definitions.push_back(
                    {resourceName(e.pointer), model::StateMachine::fromJson(e.json(), e.pointer)});
                nodes.insert(e.pointer);
            }
        }
        for (const auto& d : definitions)
            index(d.machine);
    }
};

namespace {

// A bare definition's scenario, when one sits beside it as the samples have it:
// "etl.asl.json" -> "etl.scenario.json". Null when there is none; when it is not JSON, null and
// `problem` says where. Its trace file is made absolute, so that a project saved elsewhere
// still finds it.
model::Json siblingScenario(const QString& definitionPath, QString& problem) {
    const QFileInfo info(definitionPath);
    QString stem = info.fileName();
    for (const char* suffix : {".asl.json", ".asl.yaml", ".asl.yml", ".json", ".yaml", ".yml"}) {
        if (stem.endsWith(QLatin1String(suffix), Qt::CaseInsensitive)) {
            stem.chop(static_cast<int>(qstrlen(suffix)));
            break;
        }
    }
    QFile file(info.dir().filePath(stem + QStringLiteral(".scenario.json")));
    if (stem.isEmpty() || !file.open(QIODevice::ReadOnly)) return nullptr;
    const QByteArray bytes = file.readAll();
    model::Json scenario;
    try {
        scenario = model::Json::parse(bytes.constData(), bytes.constData() + bytes.size());
    } catch (const nlohmann::json::parse_error& e) {
        problem = QStringLiteral("%1: not JSON (%2)")
                      .arg(QFileInfo(file).fileName(), QString::fromUtf8(e.what()));
        return nullptr;
    }
    if (!scenario.is_object()) {
        problem = QFileInfo(file).fileName() + QStringLiteral(": a scenario is a JSON object");
        return nullptr;
    }
    const model::Json::json_pointer trace("/workload/trace/file");
    if (scenario.contains(trace) && scenario.at(trace).is_string()) {
        const QString name = QString::fromStdString(scenario.at(trace).get<std::string>());
        if (QFileInfo(name).isRelative())
            scenario[trace] = QDir::cleanPath(info.dir().absoluteFilePath(name)).toStdString();
    }
    return scenario;
}

} // namespace

DefinitionSession::DefinitionSession(QObject* parent)
    : QObject(parent), m_loaded(std::make_unique<Loaded>()) {
    m_document.addObserver(this);
}

DefinitionSession::~DefinitionSession() {
    m_document.removeObserver(this);
}

namespace {

// A JSON definition that failed on a syntax error, as text the code view can show: the user fixes
// it there instead of in another editor. Not for YAML (the code view edits JSON), nor for files
// that are not text (bad UTF-8, NUL bytes) or too large to have been read.
QString repairableText(const QString& path, const model::Diagnostics& diagnostics) {
    if (model::AslReader::formatFor(path.toStdString()) != model::TextFormat::Json) return {};
    const bool syntax = std::any_of(diagnostics.begin(), diagnostics.end(), [](const auto& d) {
        return d.code == "INVALID_JSON_DESCRIPTION" || d.code == "DUPLICATE_KEY";
    });
    QFile file(path);
    if (!syntax || file.size() > 16 * 1024 * 1024 || !file.open(QIODevice::ReadOnly)) return {};
    const QByteArray bytes = file.readAll();
    if (bytes.contains('\0')) return {};
    return QString::fromUtf8(bytes);
}

} // namespace

bool DefinitionSession::open(const QString& path) {
    auto loaded = std::make_unique<Loaded>();
    const std::string file = path.toStdString();
    const bool project = model::ProjectFile::isProjectPath(file);
    model::Json layout = model::Json::object();
    model::Json other = model::Json::object();
    QString scenarioProblem;
    try {
        if (project) {
            model::ProjectReadResult read = model::ProjectFile::read(file);
            if (read.project) {
                // Diagnostics then name lines of the definition as exported (the code view's text).
                loaded->report = model::DefinitionFile::checkText(
                    model::AslWriter::toText(read.project->definition), model::TextFormat::Json,
                    file);
                layout = std::move(read.project->layout);
                other = std::move(read.project->other);
            } else {
                loaded->report.file = file;
                loaded->report.diagnostics = std::move(read.diagnostics);
            }
        } else {
            loaded->report = model::DefinitionFile::check(file);
            // Its scenario joins the project, so that saving a project keeps it.
            if (model::Json scenario = siblingScenario(path, scenarioProblem); !scenario.is_null())
                other["scenario"] = std::move(scenario);
        }
        loaded->build();
    } catch (const std::exception& e) {
        // The reader reports bad input as diagnostics; this is for what it cannot (out of memory).
        loaded = std::make_unique<Loaded>();
        loaded->report.file = file;
        loaded->report.diagnostics.push_back(
            {"FILE_UNREADABLE", model::Severity::Error, "", e.what(), 0, 0});
    }
    m_loaded = std::move(loaded);
    m_path = path;
    m_selection.clear();
    m_scenarioProblem = scenarioProblem;
    m_document.reset(m_loaded->report.json ? *m_loaded->report.json
                                           : model::Document::emptyDefinition(),
                     std::move(layout), std::move(other));
    m_savedProject = m_document.project();
    m_unreadText = hasDocument() || project ? QString() : repairableText(path, diagnostics());
    finishLoad(hasDocument());
    return hasDocument();
}

bool DefinitionSession::adoptRepairedDefinition(model::Json definition) {
    if (hasDocument() || m_unreadText.isEmpty()) return false;
    // The file on disk is still the broken text: nothing of the document is saved.
    loadUnsaved(std::move(definition), model::Json::object(), m_document.project());
    return true;
}

void DefinitionSession::loadUnsaved(model::Json definition, model::Json layout, model::Json other) {
    m_unreadText.clear();
    m_selection.clear();
    m_scenarioProblem.clear();
    m_document.reset(std::move(definition), std::move(layout), std::move(other));
    m_savedProject = model::Json::object();
    m_document.markUnsaved();
    recheck();
    finishLoad(true);
    m_wasModified = true;
    emit modifiedChanged(true);
}

void DefinitionSession::newDocument() {
    m_path.clear();
    m_unreadText.clear();
    m_selection.clear();
    m_scenarioProblem.clear();
    m_document.reset(model::Document::emptyDefinition());
    m_savedProject = m_document.project();
    recheck();
    finishLoad(true);
}

bool DefinitionSession::openRecovered(const QString& recoveryFile, const QString& sourcePath) {
    model::ProjectReadResult read = model::ProjectFile::read(recoveryFile.toStdString());
    if (!read.project) {
        emit loadFailed(failureMessage(QFileInfo(recoveryFile).fileName(), read.diagnostics));
        return false;
    }
    read.project->other.erase("recovery");
    m_path = sourcePath;
    // Recovered: nothing of it is saved.
    loadUnsaved(std::move(read.project->definition), std::move(read.project->layout),
                std::move(read.project->other));
    return true;
}

void DefinitionSession::finishLoad(bool parsed) {
    m_wasModified = false;
    emit modifiedChanged(false);
    if (parsed) {
        emit documentLoaded();
        emit contentChanged();
        return;
    }
    emit loadFailed(failureMessage(fileName(), diagnostics()));
}

bool DefinitionSession::isEditable() const {
    return hasDocument() && !isTemplate();
}

bool DefinitionSession::apply(const model::Edit& edit) {
    if (!isEditable()) {
        emit editFailed(isTemplate() ? tr("%1 is a template: open the state machine's own "
                                          "definition to edit it")
                                           .arg(fileName())
                                     : tr("there is no definition to edit"));
        return false;
    }
    try {
        m_document.apply(edit);
        return true;
    } catch (const model::EditError& error) {
        emit editFailed(QString::fromUtf8(error.what()));
        return false;
    } catch (const nlohmann::json::exception& error) {
        emit editFailed(QString::fromUtf8(error.what()));
        return false;
    }
}

bool DefinitionSession::edit(const std::function<model::Edit(const model::Document&)>& build) {
    model::Edit built;
    try {
        built = build(m_document);
    } catch (const model::EditError& error) {
        emit editFailed(QString::fromUtf8(error.what()));
        return false;
    } catch (const nlohmann::json::exception& error) {
        // A field of an unexpected type (hand-written JSON): refused, never a crash.
        emit editFailed(QString::fromUtf8(error.what()));
        return false;
    }
    return apply(built);
}

void DefinitionSession::documentChanged(const model::DocumentChange& change) {
    if (change.cause == model::DocumentChange::Cause::Reset)
        return; // open() and newDocument() check and announce the new content themselves
    if (change.definitionChanged) {
        recheck();
        if (!m_selection.isEmpty() && ownerOf(m_selection).isEmpty()) select(QString());
        emit contentChanged();
    } else if (change.layoutChanged) {
        emit layoutChanged();
    }
    if (change.projectChanged) emit projectChanged();
    if (m_wasModified != m_document.isModified()) {
        m_wasModified = m_document.isModified();
        emit modifiedChanged(m_wasModified);
    }
}

void DefinitionSession::recheck() {
    auto loaded = std::make_unique<Loaded>();
    loaded->report =
        model::DefinitionFile::checkText(model::AslWriter::toText(m_document.definition()),
                                         model::TextFormat::Json, m_path.toStdString());
    loaded->build();
    m_loaded = std::move(loaded);
}

model::Project DefinitionSession::project() const {
    return {m_document.definition(), m_document.layout(), m_document.project()};
}

// The definition as the file's name asks: YAML for .yaml / .yml, JSON otherwise.
std::string DefinitionSession::definitionText(const std::string& file) const {
    return model::AslReader::formatFor(file) == model::TextFormat::Yaml
               ? model::toYaml(m_document.definition())
               : model::AslWriter::toText(m_document.definition());
}

bool DefinitionSession::save(const QString& path) {
    const QString target = path.isEmpty() ? m_path : path;
    if (target.isEmpty()) {
        emit saveFailed(tr("choose a file name first"));
        return false;
    }
    if (isTemplate()) {
        emit saveFailed(tr("%1 is a template: Flowcast does not write templates").arg(fileName()));
        return false;
    }
    const std::string file = target.toStdString();
    const bool asProject = model::ProjectFile::isProjectPath(file);
    const std::string error =
        asProject ? model::ProjectFile::write(file, project())
                  : model::AslWriter::writeFileAtomically(file, definitionText(file));
    if (!error.empty()) {
        emit saveFailed(QString::fromStdString(error));
        return false;
    }
    m_path = target;
    if (asProject) m_savedProject = m_document.project();
    m_document.markSaved();
    m_wasModified = false;
    if (!asProject && m_document.project() != m_savedProject) {
        // An ASL file holds the definition only: what changed in the project's own sections
        // (name, type, scenario) is not on disk, and the document says so.
        m_document.markUnsaved();
        m_wasModified = true;
        emit editFailed(tr("Saved the definition only: the name, type and scenario changes are "
                           "kept in a project (.flowcast.json); use Save As to keep them."));
    }
    emit modifiedChanged(m_wasModified);
    emit saved(target);
    return true;
}

bool DefinitionSession::exportAsl(const QString& path) {
    const std::string error = model::AslWriter::writeFileAtomically(
        path.toStdString(), definitionText(path.toStdString()));
    if (!error.empty()) emit saveFailed(QString::fromStdString(error));
    return error.empty();
}

bool DefinitionSession::reload() {
    if (m_path.isEmpty()) return false;
    const QString previous = m_selection;
    const bool ok = open(m_path);
    if (ok && !ownerOf(previous).isEmpty()) select(previous);
    return ok;
}

QString DefinitionSession::fileName() const {
    return QFileInfo(m_path).fileName();
}

bool DefinitionSession::hasDocument() const {
    return m_loaded->report.json.has_value();
}

bool DefinitionSession::isTemplate() const {
    return hasDocument() && model::DefinitionFile::isTemplate(*m_loaded->report.json);
}

const model::Diagnostics& DefinitionSession::diagnostics() const {
    return m_loaded->report.diagnostics;
}

int DefinitionSession::errorCount() const {
    const auto& d = diagnostics();
    return int(std::count_if(d.begin(), d.end(), [](const auto& x) { return x.isError(); }));
}

int DefinitionSession::warningCount() const {
    return int(diagnostics().size()) - errorCount();
}

const std::vector<DefinitionView>& DefinitionSession::definitions() const {
    return m_loaded->definitions;
}

std::size_t DefinitionSession::stateCount() const {
    return m_loaded->states.size();
}

const model::State* DefinitionSession::stateAt(const QString& pointer) const {
    const auto it = m_loaded->states.find(pointer.toStdString());
    return it == m_loaded->states.end() ? nullptr : it->second;
}

QString DefinitionSession::ownerOf(const QString& pointer) const {
    // Walk up one reference token at a time: /States/T/Retry/0/BackoffRate -> ... -> /States/T.
    std::string p = pointer.toStdString();
    while (!p.empty()) {
        if (m_loaded->nodes.count(p) != 0) return QString::fromStdString(p);
        const auto slash = p.rfind('/');
        if (slash == std::string::npos) break; // not a pointer
        p.erase(slash);
    }
    return {};
}

void DefinitionSession::select(const QString& pointer) {
    if (pointer == m_selection) return;
    m_selection = pointer;
    emit selectionChanged(m_selection);
}

} // namespace flowcast::ui
