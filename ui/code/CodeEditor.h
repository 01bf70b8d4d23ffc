#pragma once
// The text editor of the code view: QScintilla with the JSON lexer, line numbers, folding, brace
// matching and a monospace font, plus the marks put on the text (problems, a syntax error, the
// selected state's line). It knows nothing of sessions: CodeView owns it and says what to mark.
// Lines are 1-based and columns are 1-based bytes of the UTF-8 text, as in model::Diagnostic.
#include <Qsci/qsciscintilla.h>

#include <QList>
#include <QString>

namespace flowcast::ui {

class CodeEditor : public QsciScintilla {
    Q_OBJECT
public:
    enum class Mark { Error, Warning, SyntaxError };

    struct Problem {
        Mark mark = Mark::Error;
        int line = 1;
        int column = 1;
        QString message; ///< shown when the mouse rests on the line or its margin marker
    };

    explicit CodeEditor(QWidget* parent = nullptr);

    /// Replaces the text and clears the editor's own undo history, keeping the caret's line and
    /// column and the first visible line where the new text still has them. Works when read-only.
    void replaceTextKeepingView(const QString& text);

    /// Replaces every problem mark: a margin marker on the line and an underline from the column
    /// to the end of the token there. Lines past the end are clamped to the last line.
    void setProblems(const QList<Problem>& problems);
    const QList<Problem>& problems() const { return m_problems; }
    /// The 1-based lines that carry a marker of `mark`, in order.
    QList<int> markedLines(Mark mark) const;
    /// True when the byte at (line, column) is underlined as `mark`.
    bool isUnderlined(Mark mark, int line, int column) const;
    /// The messages of the problems on `line`, one a line; empty when there are none.
    QString problemsAt(int line) const;

    /// Gives `line` the selection's background (0: no line) without moving the caret.
    void setHighlightedLine(int line);
    /// The highlighted line, or 0.
    int highlightedLine() const;
    /// Scrolls `line` into view (unfolding it) and puts the caret at its `column`.
    void revealLine(int line, int column);

    /// The Scintilla position (a byte offset) of (line, column), clamped to the text.
    long positionAt(int line, int column) const;
    /// The caret's byte offset.
    long caretPosition() const;

private:
    void setUpLexer();
    void setUpMargins();
    void defineMarks();
    int markerOf(Mark mark) const;
    int indicatorOf(Mark mark) const;
    /// The byte length of the token that starts at `position` (at least 1 when not at the end).
    long tokenLength(long position) const;
    void onDwellStart(int position, int x, int y);
    void fitLineNumberMargin();

    QList<Problem> m_problems;
    int m_markers[3] = {-1, -1, -1};
    int m_indicators[3] = {-1, -1, -1};
    int m_highlightMarker = -1;
};

} // namespace flowcast::ui
