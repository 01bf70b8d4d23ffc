#pragma once
// The Code mode: the definition as ASL JSON text, the export text of AslWriter, in a CodeEditor.
// It observes a DefinitionSession and owns only its editor: text that parses is applied through
// the session as one edit (a short pause after typing, or commitNow()); text that does not parse
// is kept as typed, its error marked, and the document keeps its last valid definition. A change
// made elsewhere replaces the text; a change the view made itself never does. A JSON file that
// failed to open on a syntax error is shown as written, editable, until it parses and is adopted.
#include "model/asl/AslReader.h"
#include "ui/code/CodeEditor.h"

#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>
#include <string>

class QLabel;

namespace flowcast::ui {

class DefinitionSession;
class TextIndex;

class CodeView : public QWidget {
    Q_OBJECT
public:
    /// The pause after the last keystroke before the text is committed, in ms.
    static constexpr int kCommitDelayMs = 400;

    explicit CodeView(DefinitionSession& session, QWidget* parent = nullptr);
    ~CodeView() override;

    /// Parses the text now; when it parses and its value differs from the definition, applies it
    /// as one undo step. Returns false when the text does not parse or the session refused it.
    bool commitNow();
    /// True while a commit waits for the typing to pause.
    bool hasPendingCommit() const { return m_commitTimer.isActive(); }

    bool hasSyntaxError() const { return m_syntaxError.has_value(); }
    /// "line 12, column 5: ..." for the text as typed; empty when it parses.
    QString syntaxErrorMessage() const;
    /// What the status line under the editor says.
    QString statusText() const;

    CodeEditor* editor() const { return m_editor; }

private slots:
    void onDocumentLoaded();
    void onContentChanged();
    void onLoadFailed(const QString& message);
    void onSelectionChanged(const QString& pointer);
    void onTextChanged();
    void onCursorPositionChanged();
    void onEditFailed(const QString& message);

private:
    /// Shows the document's export text; keepView keeps the caret line and the scrolling.
    void showDocumentText(bool keepView);
    /// Re-marks the session's diagnostics and the syntax error on the current text.
    void refreshMarks();
    /// True while the text shown is a file that failed to open, awaiting repair.
    bool repairing() const;
    /// Marks the first problem that keeps `read` from becoming the definition; false when none.
    bool markSyntaxError(const model::ReadResult& read);
    void refreshHighlight(bool reveal);
    void updateStatus();
    const TextIndex& textIndex();
    std::string editorText() const;

    DefinitionSession& m_session;
    CodeEditor* m_editor = nullptr;
    QLabel* m_status = nullptr;
    QTimer m_commitTimer;
    std::optional<CodeEditor::Problem> m_syntaxError;
    QString m_failure;                  ///< why the last load or commit failed
    std::unique_ptr<TextIndex> m_index; ///< of the current text; dropped when it changes
    long m_lastCaret = -1;              ///< the caret position the view last saw or set
    bool m_updating = false;            ///< the view itself is replacing the text
    bool m_committing = false;          ///< the session is applying this view's edit
    bool m_selecting = false;           ///< the caret is the source of the selection
};

} // namespace flowcast::ui
