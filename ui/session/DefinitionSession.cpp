#include "ui/session/DefinitionSession.h"

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

DefinitionSession::DefinitionSession(QObject* parent)
    : QObject(parent), m_loaded(std::make_unique<Loaded>()) {}

DefinitionSession::~DefinitionSession() = default;

bool DefinitionSession::open(const QString& path) {
    auto loaded = std::make_unique<Loaded>();
    try {
        loaded->report = model::DefinitionFile::check(path.toStdString());
        loaded->build();
    } catch (const std::exception& e) {
        // The reader reports bad input as diagnostics; this is for what it cannot (out of memory).
        loaded = std::make_unique<Loaded>();
        loaded->report.file = path.toStdString();
        loaded->report.diagnostics.push_back(
            {"FILE_UNREADABLE", model::Severity::Error, "", e.what(), 0, 0});
    }
    m_loaded = std::move(loaded);
    m_path = path;
    m_selection.clear();
    if (hasDocument()) {
        emit documentLoaded();
        return true;
    }
    emit loadFailed(failureMessage(fileName(), diagnostics()));
    return false;
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
