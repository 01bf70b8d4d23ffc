#include "ui/code/CodeView.h"

#include "model/asl/AslReader.h"
#include "model/asl/AslWriter.h"
#include "model/document/StateEdits.h"
#include "ui/code/TextIndex.h"
#include "ui/session/DefinitionSession.h"

#include <QLabel>
#include <QVBoxLayout>

#include <vector>

namespace flowcast::ui {
namespace {

using Mark = CodeEditor::Mark;

void collectStates(const model::StateMachine& machine, std::vector<std::string>& out) {
    for (const auto& state : machine.states()) {
        out.push_back(state.pointer);
        for (const auto& branch : state.branches)
            collectStates(branch, out);
    }
}

// The first problem that keeps the text from becoming the definition: a syntax error, or a key
// written twice (the reader keeps the last value, so applying would silently drop the other).
const model::Diagnostic* blockingProblem(const model::ReadResult& read) {
    for (const auto& d : read.diagnostics)
        if (d.isError()) return &d;
    return nullptr;
}

// nlohmann's "; last read: '...'" quotes the text back, across lines and with control characters
// spelled out; the mark on the text says where, so the message keeps only what went wrong.
QString syntaxMessage(std::string message) {
    const auto from = message.find("; last read: '");
    if (from == std::string::npos) return QString::fromStdString(message);
    const auto expected = message.rfind("'; expected");
    message.erase(from, expected != std::string::npos && expected > from ? expected + 1 - from
                                                                         : std::string::npos);
    return QString::fromStdString(message);
}

QString problemMessage(const model::Diagnostic& d) {
    return QStringLiteral("%1 %2: %3")
        .arg(d.isError() ? CodeView::tr("Error") : CodeView::tr("Warning"),
             QString::fromStdString(d.code), QString::fromStdString(d.message));
}

QString countText(int errors, int warnings) {
    if (errors == 0 && warnings == 0) return CodeView::tr("No problems");
    const QString e = errors == 1 ? CodeView::tr("1 error") : CodeView::tr("%1 errors").arg(errors);
    const QString w =
        warnings == 1 ? CodeView::tr("1 warning") : CodeView::tr("%1 warnings").arg(warnings);
    return e + QStringLiteral(", ") + w;
}

} // namespace

CodeView::CodeView(DefinitionSession& session, QWidget* parent)
    : QWidget(parent), m_session(session), m_editor(new CodeEditor(this)),
      m_status(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_status);
    m_status->setContentsMargins(6, 3, 6, 3);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long message must not widen the view: it is cut, and whole in the tooltip.
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    m_commitTimer.setSingleShot(true);
    m_commitTimer.setInterval(kCommitDelayMs);
    connect(&m_commitTimer, &QTimer::timeout, this, [this] { commitNow(); });
    connect(m_editor, &QsciScintilla::textChanged, this, &CodeView::onTextChanged);
    connect(m_editor, &QsciScintilla::cursorPositionChanged, this,
            &CodeView::onCursorPositionChanged);
    // Leaving the editor (for the canvas, another mode) commits what was typed at once.
    connect(m_editor, &QsciScintillaBase::SCN_FOCUSOUT, this, [this] {
        if (hasPendingCommit()) commitNow();
    });

    connect(&m_session, &DefinitionSession::documentLoaded, this, &CodeView::onDocumentLoaded);
    connect(&m_session, &DefinitionSession::contentChanged, this, &CodeView::onContentChanged);
    connect(&m_session, &DefinitionSession::loadFailed, this, &CodeView::onLoadFailed);
    connect(&m_session, &DefinitionSession::selectionChanged, this, &CodeView::onSelectionChanged);
    connect(&m_session, &DefinitionSession::editFailed, this, &CodeView::onEditFailed);
    showDocumentText(false);
}

CodeView::~CodeView() {
    // The editor outlives this object's members (children go last) and may still report a focus
    // change while it is destroyed.
    m_editor->disconnect(this);
}

QString CodeView::syntaxErrorMessage() const {
    if (!m_syntaxError) return {};
    return tr("line %1, column %2: %3")
        .arg(m_syntaxError->line)
        .arg(m_syntaxError->column)
        .arg(m_syntaxError->message);
}

QString CodeView::statusText() const {
    return m_status->text();
}

std::string CodeView::editorText() const {
    return m_editor->text().toStdString();
}

const TextIndex& CodeView::textIndex() {
    if (!m_index) {
        std::vector<std::string> states;
        for (const auto& view : m_session.definitions())
            collectStates(view.machine, states);
        m_index = std::make_unique<TextIndex>(editorText(), states);
    }
    return *m_index;
}

void CodeView::onDocumentLoaded() {
    m_commitTimer.stop();
    m_syntaxError.reset();
    m_failure.clear();
    showDocumentText(false);
}

void CodeView::onContentChanged() {
    // This view's own edit: the text stays as typed; commitNow() re-marks it.
    if (m_committing) return;
    // Elsewhere (canvas, undo, config): the document wins over anything typed and not committed.
    m_commitTimer.stop();
    m_syntaxError.reset();
    m_failure.clear();
    showDocumentText(true);
}

void CodeView::onLoadFailed(const QString& message) {
    m_commitTimer.stop();
    m_syntaxError.reset();
    m_failure = message;
    showDocumentText(false);
    if (!repairing()) return;
    // A file with a JSON syntax error: its own text, editable, with the mistake marked; once it
    // parses, it becomes the document (commitNow).
    m_updating = true;
    m_editor->replaceTextKeepingView(m_session.unreadText());
    m_editor->setReadOnly(false);
    m_lastCaret = m_editor->caretPosition();
    m_updating = false;
    m_index.reset();
    markSyntaxError(model::AslReader::readText(editorText(), model::TextFormat::Json));
    // Column 1: the window may not have its size yet, and the mark shows the column anyway.
    if (m_syntaxError) m_editor->revealLine(m_syntaxError->line, 1);
}

bool CodeView::repairing() const {
    return !m_session.hasDocument() && !m_session.unreadText().isEmpty();
}

bool CodeView::markSyntaxError(const model::ReadResult& read) {
    const model::Diagnostic* problem = blockingProblem(read);
    if (!problem) return false;
    // A duplicate key names a pointer rather than a place.
    model::TextPosition at{problem->line, problem->column};
    if (at.line <= 0) at = textIndex().locate(problem->location).value_or(at);
    m_syntaxError = CodeEditor::Problem{Mark::SyntaxError, std::max(at.line, 1),
                                        std::max(at.column, 1), syntaxMessage(problem->message)};
    refreshMarks();
    return true;
}

void CodeView::onEditFailed(const QString& message) {
    if (!m_committing) return;
    m_failure = message;
    updateStatus();
}

void CodeView::showDocumentText(bool keepView) {
    const QString text =
        m_session.hasDocument()
            ? QString::fromStdString(model::AslWriter::toText(m_session.document().definition()))
            : QString();
    m_updating = true;
    if (m_editor->text() != text) m_editor->replaceTextKeepingView(text);
    if (!keepView) {
        m_editor->setCursorPosition(0, 0);
        m_editor->setFirstVisibleLine(0);
    }
    m_editor->setReadOnly(!m_session.isEditable());
    m_lastCaret = m_editor->caretPosition();
    m_updating = false;
    m_index.reset();
    refreshMarks();
    refreshHighlight(false);
}

void CodeView::onTextChanged() {
    m_index.reset();
    if (m_updating) return;
    m_failure.clear();
    if (m_session.isEditable() || repairing()) m_commitTimer.start();
}

bool CodeView::commitNow() {
    m_commitTimer.stop();
    if (!m_session.isEditable() && !repairing()) return false;
    const std::string text = editorText();
    model::ReadResult read = model::AslReader::readText(text, model::TextFormat::Json);
    if (markSyntaxError(read)) return false;
    m_syntaxError.reset();
    m_failure.clear();
    if (repairing()) return m_session.adoptRepairedDefinition(std::move(*read.json));
    m_committing = true;
    const bool applied = m_session.apply(
        model::edits::replaceDefinition(m_session.document(), std::move(*read.json)));
    m_committing = false;
    // Even when the value did not change (only spacing did), the marks follow the new text.
    m_index.reset();
    refreshMarks();
    refreshHighlight(false);
    return applied;
}

void CodeView::refreshMarks() {
    QList<CodeEditor::Problem> problems;
    if (m_syntaxError) {
        // The session's findings are about the last valid definition, which is not this text.
        problems.push_back(*m_syntaxError);
        problems.back().message = syntaxErrorMessage();
    } else if (m_session.hasDocument()) {
        // Located by pointer in the text shown: the same place as the diagnostic's own line when
        // the text is the export, and the right one when the user's spacing differs from it.
        for (const auto& d : m_session.diagnostics()) {
            const auto at = textIndex().locate(d.location);
            if (!at) continue;
            problems.push_back({d.isError() ? Mark::Error : Mark::Warning, at->line, at->column,
                                problemMessage(d)});
        }
    }
    m_editor->setProblems(problems);
    updateStatus();
}

void CodeView::refreshHighlight(bool reveal) {
    const QString pointer = m_session.selection();
    const auto at = pointer.isEmpty() || !m_session.hasDocument()
                        ? std::nullopt
                        : textIndex().locate(pointer.toStdString());
    m_editor->setHighlightedLine(at ? at->line : 0);
    if (!at || !reveal) return;
    m_updating = true;
    m_editor->revealLine(at->line, at->column);
    m_lastCaret = m_editor->caretPosition();
    m_updating = false;
}

void CodeView::onSelectionChanged(const QString&) {
    // A selection made by this view's caret is already in view: highlight it, do not scroll.
    refreshHighlight(!m_selecting);
}

void CodeView::onCursorPositionChanged() {
    // Scintilla may report a move after the call that made it returned, so the view compares
    // positions rather than trusting m_updating alone: only a move it did not make selects.
    const long caret = m_editor->caretPosition();
    if (caret == m_lastCaret) return;
    m_lastCaret = caret;
    if (m_updating || hasPendingCommit() || hasSyntaxError() || !m_session.hasDocument()) return;
    const QString state = QString::fromStdString(textIndex().stateAt(std::size_t(caret)));
    const QString current = m_session.selection();
    // A field of the state stays selected while the caret moves inside the state.
    if (state == current || (!state.isEmpty() && m_session.ownerOf(current) == state)) return;
    m_selecting = true;
    m_session.select(state);
    m_selecting = false;
}

void CodeView::updateStatus() {
    QString text;
    const bool alarm = m_syntaxError || !m_failure.isEmpty();
    if (m_syntaxError)
        text = syntaxErrorMessage() + (repairing()
                                           ? tr("  (fix it here: the file opens once it parses)")
                                           : tr("  (the canvas keeps the last valid definition)"));
    else if (!m_failure.isEmpty())
        text = m_failure;
    else if (!m_session.hasDocument())
        text = tr("No definition");
    else
        text = countText(m_session.errorCount(), m_session.warningCount());
    if (!alarm && m_session.isTemplate())
        text = tr("Read-only: %1 is a template").arg(m_session.fileName()) +
               QStringLiteral("  ·  ") + text;
    m_status->setText(text);
    m_status->setToolTip(text);
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText, alarm ? QColor(0xd3, 0x2f, 0x2f)
                                                 : this->palette().color(QPalette::WindowText));
    m_status->setPalette(palette);
}

} // namespace flowcast::ui
