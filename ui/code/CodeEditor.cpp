#include "ui/code/CodeEditor.h"

#include <Qsci/qscilexerjson.h>

#include <QFontDatabase>
#include <QToolTip>

#include <algorithm>
#include <string_view>

namespace flowcast::ui {
namespace {

// Margins, left to right.
constexpr int kLineNumberMargin = 0;
constexpr int kSymbolMargin = 1;
constexpr int kFoldMargin = 2;
// How long the mouse rests before a problem's message shows (ms), as in Qt Creator.
constexpr int kDwellMs = 500;

int index(CodeEditor::Mark mark) {
    return static_cast<int>(mark);
}

QColor markColor(CodeEditor::Mark mark) {
    switch (mark) {
    case CodeEditor::Mark::Warning:
        return QColor(0xe0, 0x9b, 0x00); // amber
    case CodeEditor::Mark::Error:
    case CodeEditor::Mark::SyntaxError:
        break;
    }
    return QColor(0xd3, 0x2f, 0x2f); // red
}

} // namespace

CodeEditor::CodeEditor(QWidget* parent) : QsciScintilla(parent) {
    setUtf8(true);
    setEolMode(EolUnix);
    // AslWriter indents with two spaces; typing follows it.
    setIndentationsUseTabs(false);
    setIndentationWidth(2);
    setTabWidth(2);
    setAutoIndent(true);
    setIndentationGuides(true);
    setBraceMatching(SloppyBraceMatch);
    setCaretLineVisible(true);
    setCaretLineBackgroundColor(QColor(0xf4, 0xf6, 0xfa));
    SendScintilla(SCI_SETSCROLLWIDTHTRACKING, 1);
    setUpLexer();
    setUpMargins();
    defineMarks();

    SendScintilla(SCI_SETMOUSEDWELLTIME, kDwellMs);
    connect(this, &QsciScintillaBase::SCN_DWELLSTART, this, &CodeEditor::onDwellStart);
    connect(this, &QsciScintillaBase::SCN_DWELLEND, this, [] { QToolTip::hideText(); });
    connect(this, &QsciScintilla::linesChanged, this, &CodeEditor::fitLineNumberMargin);
}

void CodeEditor::setUpLexer() {
    // The lexer is a child of the editor, which owns it.
    auto* lexer = new QsciLexerJSON(this);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    lexer->setDefaultFont(mono);
    lexer->setFont(mono); // every style
    lexer->setFoldCompact(false);
    setLexer(lexer);
}

void CodeEditor::setUpMargins() {
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setMarginsFont(mono);
    setMarginType(kLineNumberMargin, NumberMargin);
    setMarginLineNumbers(kLineNumberMargin, true);
    fitLineNumberMargin();
    setMarginType(kSymbolMargin, SymbolMargin);
    setMarginWidth(kSymbolMargin, 16);
    setMarginSensitivity(kSymbolMargin, false);
    setFolding(BoxedTreeFoldStyle, kFoldMargin);
}

void CodeEditor::defineMarks() {
    const MarkerSymbol symbols[3] = {Circle, Circle, RightArrow};
    const IndicatorStyle underlines[3] = {SquiggleIndicator, SquiggleIndicator,
                                          StraightBoxIndicator};
    int symbolMask = 0;
    for (int i = 0; i < 3; ++i) {
        const QColor color = markColor(static_cast<Mark>(i));
        m_markers[i] = markerDefine(symbols[i]);
        setMarkerBackgroundColor(color, m_markers[i]);
        setMarkerForegroundColor(color.darker(130), m_markers[i]);
        symbolMask |= 1 << m_markers[i];
        m_indicators[i] = indicatorDefine(underlines[i]);
        setIndicatorForegroundColor(color, m_indicators[i]);
    }
    // A background marker is drawn on the line only when no margin shows it, so the symbol
    // margin gets exactly the problem markers.
    setMarginMarkerMask(kSymbolMargin, symbolMask);
    m_highlightMarker = markerDefine(Background);
    setMarkerBackgroundColor(QColor(0xd6, 0xe6, 0xff), m_highlightMarker);
}

int CodeEditor::markerOf(Mark mark) const {
    return m_markers[index(mark)];
}

int CodeEditor::indicatorOf(Mark mark) const {
    return m_indicators[index(mark)];
}

void CodeEditor::fitLineNumberMargin() {
    const int digits = int(QString::number(std::max(lines(), 1)).size());
    setMarginWidth(kLineNumberMargin, QString(std::max(digits, 3) + 1, QLatin1Char('9')));
}

void CodeEditor::replaceTextKeepingView(const QString& text) {
    int line = 0;
    int column = 0;
    getCursorPosition(&line, &column);
    const int firstLine = firstVisibleLine();
    // Scintilla refuses every change to a read-only document, its owner's included.
    const bool readOnly = isReadOnly();
    setReadOnly(false);
    setText(text);
    setReadOnly(readOnly);
    SendScintilla(SCI_EMPTYUNDOBUFFER);
    line = std::min(line, lines() - 1);
    setCursorPosition(line, std::min(column, lineLength(line)));
    setFirstVisibleLine(firstLine);
}

long CodeEditor::positionAt(int line, int column) const {
    const int lineCount = int(SendScintilla(SCI_GETLINECOUNT));
    const long l = std::clamp(line, 1, std::max(lineCount, 1)) - 1;
    const long start = SendScintilla(SCI_POSITIONFROMLINE, l);
    const long end = SendScintilla(SCI_GETLINEENDPOSITION, l);
    return std::clamp(start + std::max(column, 1) - 1, start, end);
}

long CodeEditor::caretPosition() const {
    return SendScintilla(SCI_GETCURRENTPOS);
}

long CodeEditor::tokenLength(long position) const {
    const long line = SendScintilla(SCI_LINEFROMPOSITION, position);
    const long end = SendScintilla(SCI_GETLINEENDPOSITION, line);
    auto at = [this](long p) { return char(SendScintilla(SCI_GETCHARAT, p)); };
    long p = position;
    if (p < end && at(p) == '"') {
        // A string, up to its closing quote on this line.
        for (++p; p < end && at(p) != '"'; ++p)
            if (at(p) == '\\') ++p;
        return std::min(p + 1, end) - position;
    }
    // A number, a literal or something broken: up to the next delimiter.
    while (p < end && std::string_view(",:{}[] \t").find(at(p)) == std::string_view::npos)
        ++p;
    return p == position && position < end ? 1 : p - position;
}

void CodeEditor::setProblems(const QList<Problem>& problems) {
    const long length = SendScintilla(SCI_GETLENGTH);
    for (int i = 0; i < 3; ++i) {
        markerDeleteAll(m_markers[i]);
        SendScintilla(SCI_SETINDICATORCURRENT, m_indicators[i]);
        SendScintilla(SCI_INDICATORCLEARRANGE, 0ul, length);
    }
    m_problems.clear();
    for (Problem p : problems) {
        p.line = std::clamp(p.line, 1, std::max(lines(), 1));
        markerAdd(p.line - 1, markerOf(p.mark));
        long from = positionAt(p.line, p.column);
        long count = tokenLength(from);
        if (count == 0 && from > SendScintilla(SCI_POSITIONFROMLINE, p.line - 1)) {
            --from; // at the end of a line: mark its last character
            count = 1;
        }
        SendScintilla(SCI_SETINDICATORCURRENT, indicatorOf(p.mark));
        SendScintilla(SCI_INDICATORFILLRANGE, static_cast<unsigned long>(from), count);
        m_problems.push_back(std::move(p));
    }
}

QList<int> CodeEditor::markedLines(Mark mark) const {
    QList<int> result;
    const unsigned mask = 1u << markerOf(mark);
    for (int line = markerFindNext(0, mask); line >= 0; line = markerFindNext(line + 1, mask))
        result.push_back(line + 1);
    return result;
}

bool CodeEditor::isUnderlined(Mark mark, int line, int column) const {
    return SendScintilla(SCI_INDICATORVALUEAT, static_cast<unsigned long>(indicatorOf(mark)),
                         positionAt(line, column)) != 0;
}

QString CodeEditor::problemsAt(int line) const {
    QStringList messages;
    for (const Problem& p : m_problems)
        if (p.line == line) messages << p.message;
    return messages.join(QLatin1Char('\n'));
}

void CodeEditor::setHighlightedLine(int line) {
    markerDeleteAll(m_highlightMarker);
    if (line > 0 && line <= lines()) markerAdd(line - 1, m_highlightMarker);
}

int CodeEditor::highlightedLine() const {
    return markerFindNext(0, 1u << m_highlightMarker) + 1;
}

void CodeEditor::revealLine(int line, int column) {
    const long l = std::clamp(line, 1, std::max(lines(), 1)) - 1;
    SendScintilla(SCI_ENSUREVISIBLEENFORCEPOLICY, l);
    SendScintilla(SCI_GOTOPOS, positionAt(line, column));
    // Put the line a few lines below the top rather than at the very edge.
    setFirstVisibleLine(std::max(0, int(l) - 3));
}

void CodeEditor::onDwellStart(int position, int x, int y) {
    // Over the margin Scintilla gives no position; the point still names the line.
    const long at = position >= 0 ? position
                                  : SendScintilla(SCI_POSITIONFROMPOINT,
                                                  static_cast<unsigned long>(x), long(y));
    const QString text = problemsAt(int(SendScintilla(SCI_LINEFROMPOSITION, at)) + 1);
    if (!text.isEmpty()) QToolTip::showText(viewport()->mapToGlobal(QPoint(x, y)), text, this);
}

} // namespace flowcast::ui
