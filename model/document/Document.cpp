#include "model/document/Document.h"

#include <algorithm>
#include <limits>

namespace flowcast::model {

namespace {
constexpr std::size_t kNeverSaved = std::numeric_limits<std::size_t>::max();
}

Document::Document() : Document(emptyDefinition()) {}

Document::Document(Json definition, Json layout, Json project)
    : m_definition(std::move(definition)),
      m_layout(layout.is_object() ? std::move(layout) : Json::object()),
      m_project(project.is_object() ? std::move(project) : Json::object()) {}

Json Document::emptyDefinition() {
    Json definition = Json::object();
    definition["StartAt"] = "";
    definition["States"] = Json::object();
    return definition;
}

std::vector<JsonOp> Document::applyAll(const std::vector<JsonOp>& ops) {
    std::vector<JsonOp> inverse;
    inverse.reserve(ops.size());
    try {
        for (const JsonOp& op : ops)
            inverse.push_back(applyJsonOp(part(op.part), op));
    } catch (const EditError&) {
        // All or nothing: undo what applied, newest first, then report.
        for (auto it = inverse.rbegin(); it != inverse.rend(); ++it)
            applyJsonOp(part(it->part), *it);
        throw;
    }
    std::reverse(inverse.begin(), inverse.end());
    return inverse;
}

void Document::apply(const Edit& edit) {
    if (edit.empty()) return;
    std::vector<JsonOp> inverse = applyAll(edit.ops);
    const bool merge = m_mergeOpen && !edit.mergeKey.empty() && m_done == m_steps.size() &&
                       m_done > 0 && m_steps.back().mergeKey == edit.mergeKey;
    if (merge) {
        Step& top = m_steps.back();
        top.forward.insert(top.forward.end(), edit.ops.begin(), edit.ops.end());
        inverse.insert(inverse.end(), top.inverse.begin(), top.inverse.end());
        top.inverse = std::move(inverse);
        if (m_savedAt == m_done) m_savedAt = kNeverSaved;
    } else {
        if (m_savedAt > m_done && m_savedAt != kNeverSaved)
            m_savedAt = kNeverSaved; // the saved state is about to be dropped from the redo list
        m_steps.resize(m_done);
        m_steps.push_back({edit.label, edit.mergeKey, edit.ops, std::move(inverse)});
        ++m_done;
    }
    m_mergeOpen = !edit.mergeKey.empty();
    notify(DocumentChange::Cause::Edit, edit.label, edit.ops);
}

void Document::markUnsaved() {
    m_savedAt = kNeverSaved;
}

std::string Document::undoLabel() const {
    return canUndo() ? m_steps[m_done - 1].label : std::string();
}

std::string Document::redoLabel() const {
    return canRedo() ? m_steps[m_done].label : std::string();
}

void Document::undo() {
    if (!canUndo()) return;
    const Step& step = m_steps[m_done - 1];
    applyAll(step.inverse);
    --m_done;
    m_mergeOpen = false;
    notify(DocumentChange::Cause::Undo, step.label, step.inverse);
}

void Document::redo() {
    if (!canRedo()) return;
    const Step& step = m_steps[m_done];
    applyAll(step.forward);
    ++m_done;
    m_mergeOpen = false;
    notify(DocumentChange::Cause::Redo, step.label, step.forward);
}

void Document::reset(Json definition, Json layout, Json project) {
    m_definition = std::move(definition);
    m_layout = layout.is_object() ? std::move(layout) : Json::object();
    m_project = project.is_object() ? std::move(project) : Json::object();
    m_steps.clear();
    m_done = 0;
    m_savedAt = 0;
    m_mergeOpen = false;
    ++m_revision;
    const DocumentChange change{DocumentChange::Cause::Reset, "", true, true, true};
    for (DocumentObserver* observer : std::vector(m_observers))
        observer->documentChanged(change);
}

void Document::addObserver(DocumentObserver* observer) {
    if (std::find(m_observers.begin(), m_observers.end(), observer) == m_observers.end())
        m_observers.push_back(observer);
}

void Document::removeObserver(DocumentObserver* observer) {
    std::erase(m_observers, observer);
}

void Document::notify(DocumentChange::Cause cause, const std::string& label,
                      const std::vector<JsonOp>& ops) {
    ++m_revision;
    DocumentChange change{cause, label};
    for (const JsonOp& op : ops) {
        switch (op.part) {
        case DocumentPart::Definition:
            change.definitionChanged = true;
            break;
        case DocumentPart::Layout:
            change.layoutChanged = true;
            break;
        case DocumentPart::Project:
            change.projectChanged = true;
            break;
        }
    }
    // A copy: an observer may remove itself while being told.
    for (DocumentObserver* observer : std::vector(m_observers))
        observer->documentChanged(change);
}

} // namespace flowcast::model
