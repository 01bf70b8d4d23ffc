// CodeView: the export text after open, text edits reaching the document as one undo step,
// broken text kept and located, document edits reaching the text, diagnostics marked on their
// lines, and the selection followed both ways.
#include "model/asl/AslWriter.h"
#include "model/document/StateEdits.h"
#include "ui/code/CodeView.h"
#include "ui/session/DefinitionSession.h"

#include "tests/common/SampleFiles.h"
#include <QFile>
#include <QTemporaryDir>

#include <QtTest>

using flowcast::model::AslWriter;
using flowcast::model::Json;
using flowcast::ui::CodeEditor;
using flowcast::ui::CodeView;
using flowcast::ui::DefinitionSession;
namespace edits = flowcast::model::edits;

namespace {

QString sample(const char* name) {
    return QStringLiteral(FLOWCAST_SOURCE_DIR "/samples/%1/%1.asl.json").arg(QLatin1String(name));
}

QString exported(const DefinitionSession& session) {
    return QString::fromStdString(AslWriter::toText(session.document().definition()));
}

// The 1-based line of the first line that contains `needle`, or 0.
int lineOf(const QString& text, const QString& needle) {
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i)
        if (lines[i].contains(needle)) return i + 1;
    return 0;
}

QString withLineReplaced(const QString& text, int line, const QString& replacement) {
    QStringList lines = text.split(QLatin1Char('\n'));
    lines[line - 1] = replacement;
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestCodeView : public QObject {
    Q_OBJECT

    DefinitionSession m_session;
    std::unique_ptr<CodeView> m_view;

    CodeEditor* editor() { return m_view->editor(); }
    std::string comment() { return m_session.document().definition().value("Comment", ""); }

private slots:
    void init() {
        QVERIFY(m_session.open(sample("data-lake-etl")));
        m_view = std::make_unique<CodeView>(m_session);
    }
    void cleanup() { m_view.reset(); }

    void showsTheExportOfTheOpenedFile() {
        QFile file(sample("data-lake-etl"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(editor()->text(), exported(m_session));
        QCOMPARE(editor()->text(), QString::fromUtf8(file.readAll())); // lossless
        QVERIFY(!editor()->isReadOnly());
        QVERIFY(!m_view->hasSyntaxError());
        QCOMPARE(m_session.errorCount(), 0);
        QVERIFY(editor()->markedLines(CodeEditor::Mark::Error).isEmpty());
        QCOMPARE(m_view->statusText(), QStringLiteral("No problems"));
    }

    void viewMadeAfterOpenShowsTheTextOfANewOpen() {
        QVERIFY(m_session.open(sample("emr-livy")));
        QCOMPARE(editor()->text(), exported(m_session));
        QCOMPARE(editor()->text().count(QLatin1Char('\n')), 171);
    }

    void textEditReachesTheDocumentAsOneStepAndUndoFollows() {
        const QString before = editor()->text();
        const std::string oldComment = comment();
        const std::size_t steps = m_session.document().undoCount();
        const QString after = withLineReplaced(before, 2, "  \"Comment\": \"Renamed\",");
        editor()->setText(after);
        QVERIFY(m_view->hasPendingCommit());
        QCOMPARE(comment(), oldComment); // nothing before the commit

        QVERIFY(m_view->commitNow());
        QCOMPARE(comment(), std::string("Renamed"));
        QCOMPARE(m_session.document().undoCount(), steps + 1);
        QCOMPARE(m_session.document().undoLabel(), std::string("Edit the definition text"));
        QCOMPARE(editor()->text(), after);

        m_session.document().undo();
        QCOMPARE(comment(), oldComment);
        QCOMPARE(editor()->text(), before);
        m_session.document().redo();
        QCOMPARE(editor()->text(), after);
    }

    void typingCommitsOnceAfterThePause() {
        const std::size_t steps = m_session.document().undoCount();
        const QString before = editor()->text();
        editor()->setText(withLineReplaced(before, 2, "  \"Comment\": \"A\","));
        editor()->setText(withLineReplaced(before, 2, "  \"Comment\": \"AB\","));
        QCOMPARE(comment().substr(0, 5), std::string("Data-"));
        QTRY_COMPARE_WITH_TIMEOUT(comment(), std::string("AB"), 5000);
        QCOMPARE(m_session.document().undoCount(), steps + 1);
        QVERIFY(!m_view->hasPendingCommit());
    }

    void spacingAloneChangesNothingAndKeepsTheText() {
        const std::size_t steps = m_session.document().undoCount();
        const QString wide = QString::fromStdString(m_session.document().definition().dump(4));
        editor()->setText(wide);
        QVERIFY(m_view->commitNow());
        QCOMPARE(m_session.document().undoCount(), steps);
        QVERIFY(!m_session.isModified());
        QCOMPARE(editor()->text(), wide);
    }

    void brokenTextIsKeptAndLocated_data() {
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("replacement");
        QTest::addColumn<int>("errorLine");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        // Line 3 of the sample is `  "StartAt": "RecordRunStarted",`, line 301 the `    },` that
        // ends the first state; the reader points at the first byte that cannot continue the JSON.
        QTest::newRow("missing colon") << 3 << "  \"StartAt\" \"RecordRunStarted\"," << 3 << 13
                                       << "expected ':' after the key, found a string";
        QTest::newRow("missing comma") << 3 << "  \"StartAt\": \"RecordRunStarted\" \"x\": 1," << 3
                                       << 33 << "expected ',' or '}' after a member of an object";
        QTest::newRow("no comma between states")
            << 301 << "    }" << 302 << 5 << "expected ',' or '}' after a member of an object";
    }
    void brokenTextIsKeptAndLocated() {
        QFETCH(int, line);
        QFETCH(QString, replacement);
        QFETCH(int, errorLine);
        QFETCH(int, column);
        QFETCH(QString, message);
        const Json definition = m_session.document().definition();
        const std::size_t steps = m_session.document().undoCount();
        const QString original = editor()->text();
        const QString broken = withLineReplaced(original, line, replacement);
        editor()->setText(broken);

        QVERIFY(!m_view->commitNow());
        QVERIFY(m_view->hasSyntaxError());
        const QString where = QStringLiteral("line %1, column %2: ").arg(errorLine).arg(column);
        QVERIFY2(m_view->syntaxErrorMessage().startsWith(where),
                 qPrintable(m_view->syntaxErrorMessage()));
        QVERIFY2(m_view->syntaxErrorMessage().contains(message),
                 qPrintable(m_view->syntaxErrorMessage()));
        QVERIFY(m_view->statusText().contains(m_view->syntaxErrorMessage()));
        QCOMPARE(editor()->text(), broken);
        QCOMPARE(m_session.document().definition(), definition);
        QCOMPARE(m_session.document().undoCount(), steps);
        QCOMPARE(editor()->markedLines(CodeEditor::Mark::SyntaxError), QList<int>{errorLine});
        QVERIFY(editor()->isUnderlined(CodeEditor::Mark::SyntaxError, errorLine, column));
        QVERIFY(!editor()->isUnderlined(CodeEditor::Mark::SyntaxError, errorLine - 1, 1));
        QVERIFY(editor()->problemsAt(errorLine).contains(message));

        // Mended, it commits and the mark goes.
        editor()->setText(original);
        QVERIFY(m_view->commitNow());
        QVERIFY(!m_view->hasSyntaxError());
        QVERIFY(m_view->syntaxErrorMessage().isEmpty());
        QVERIFY(editor()->markedLines(CodeEditor::Mark::SyntaxError).isEmpty());
        QCOMPARE(m_session.document().undoCount(), steps);
    }

    void aFileThatDoesNotParseIsShownForRepair() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("broken.asl.json");
        const QString broken = QStringLiteral(
            "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"End\": tru}\n  }\n}\n");
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(broken.toUtf8());
        }
        QVERIFY(!m_session.open(path));
        QCOMPARE(editor()->text(), broken); // as written, not an empty editor
        QVERIFY(!editor()->isReadOnly());
        QCOMPARE(editor()->markedLines(CodeEditor::Mark::SyntaxError), QList<int>{4});
        QVERIFY2(m_view->syntaxErrorMessage().startsWith("line 4, column 34: invalid literal 'tru'"),
                 qPrintable(m_view->syntaxErrorMessage()));
        // Still broken: nothing is adopted.
        editor()->setText(QString(broken).replace("tru}", "tr}"));
        QVERIFY(!m_view->commitNow());
        QVERIFY(!m_session.hasDocument());
        // Repaired in place, it becomes the document, modified until saved to the same file.
        editor()->setText(QString(broken).replace("tru}", "true}"));
        QVERIFY(m_view->commitNow());
        QVERIFY(m_session.hasDocument());
        QVERIFY(m_session.isModified());
        QCOMPARE(m_session.path(), path);
        QCOMPARE(m_session.document().definition()["States"]["A"]["End"], Json(true));
        QVERIFY(m_view->syntaxErrorMessage().isEmpty());
        QVERIFY(m_session.save());
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(Json::parse(saved.readAll().toStdString())["States"]["A"]["End"], Json(true));
    }

    void syntaxMessagesDoNotQuoteTheText() {
        // nlohmann: "value - invalid literal; last read: '"StartAt": no'; expected ..."
        editor()->setText(withLineReplaced(editor()->text(), 3, "  \"StartAt\": nope,"));
        QVERIFY(!m_view->commitNow());
        QVERIFY2(m_view->syntaxErrorMessage().startsWith("line 3, column 14: invalid literal 'nope'"),
                 qPrintable(m_view->syntaxErrorMessage()));
        QVERIFY(!m_view->syntaxErrorMessage().contains("last read"));
    }

    void duplicateKeyIsRefused() {
        const QString text = editor()->text();
        const QString doubled =
            withLineReplaced(text, 3, "  \"StartAt\": \"X\", \"StartAt\": \"Y\",");
        editor()->setText(doubled);
        QVERIFY(!m_view->commitNow());
        QVERIFY(m_view->syntaxErrorMessage().startsWith("line 3, column "));
        QVERIFY(m_view->syntaxErrorMessage().contains("appears more than once"));
        QCOMPARE(m_session.document().definition().value("StartAt", ""),
                 std::string("RecordRunStarted"));
    }

    void documentEditReachesTheTextAndKeepsTheCaretLine() {
        editor()->setCursorPosition(400, 4);
        QVERIFY(m_session.apply(
            edits::setValue(m_session.document(), "/States/RecordRunStarted/Comment", "Changed")));
        QCOMPARE(editor()->text(), exported(m_session));
        QVERIFY(editor()->text().contains("\"Comment\": \"Changed\""));
        int line = -1;
        int column = -1;
        editor()->getCursorPosition(&line, &column);
        QCOMPARE(line, 400);
    }

    void aDocumentEditReplacesUncommittedText() {
        editor()->setText(withLineReplaced(editor()->text(), 3, "  broken"));
        QVERIFY(!m_view->commitNow());
        QVERIFY(
            m_session.apply(edits::setValue(m_session.document(), "/Comment", "From the form")));
        QVERIFY(!m_view->hasSyntaxError());
        QCOMPARE(editor()->text(), exported(m_session));
        QVERIFY(editor()->markedLines(CodeEditor::Mark::SyntaxError).isEmpty());
    }

    void diagnosticsAreMarkedOnTheirLines() {
        const std::string state = "/States/RecordRunStarted";
        QVERIFY(m_session.apply(edits::setValue(m_session.document(), state + "/Next", "Nowhere")));
        QVERIFY(m_session.apply(
            edits::setValue(m_session.document(), state + "/Parameters/TableName", "$.table")));
        const QString text = editor()->text();
        const int errorLine = lineOf(text, "\"Next\": \"Nowhere\"");
        const int warningLine = lineOf(text, "\"TableName\": \"$.table\"");
        QVERIFY(errorLine > 0 && warningLine > 0);

        const auto& diagnostics = m_session.diagnostics();
        const auto error = std::find_if(diagnostics.begin(), diagnostics.end(),
                                        [&](auto& d) { return d.location == state + "/Next"; });
        QVERIFY(error != diagnostics.end());
        QVERIFY(error->isError());
        QCOMPARE(error->line, errorLine);
        QVERIFY(editor()->markedLines(CodeEditor::Mark::Error).contains(errorLine));
        QVERIFY(editor()->isUnderlined(CodeEditor::Mark::Error, errorLine, error->column));
        QVERIFY(editor()->problemsAt(errorLine).contains(QString::fromStdString(error->message)));
        QVERIFY(editor()->markedLines(CodeEditor::Mark::Warning).contains(warningLine));
        QVERIFY(!editor()->markedLines(CodeEditor::Mark::Error).contains(warningLine));
        QVERIFY(editor()->problemsAt(warningLine).contains("NO_DOLLAR"));
        // The wrong Next also leaves the rest of the machine unreachable: more than one error.
        QVERIFY(m_session.errorCount() > 1);
        QCOMPARE(m_view->statusText(),
                 QStringLiteral("%1 errors, 1 warning").arg(m_session.errorCount()));

        m_session.document().undo();
        m_session.document().undo();
        QVERIFY(editor()->markedLines(CodeEditor::Mark::Error).isEmpty());
        QVERIFY(editor()->markedLines(CodeEditor::Mark::Warning).isEmpty());
    }

    void marksFollowTheUsersSpacing() {
        Json definition = m_session.document().definition();
        definition["States"]["RecordRunStarted"]["Next"] = "Nowhere";
        // Four lines of air above the same JSON: every line moves down by four.
        const QString wide = "\n\n\n\n" + QString::fromStdString(definition.dump(4));
        editor()->setText(wide);
        QVERIFY(m_view->commitNow());
        QCOMPARE(editor()->text(), wide); // the view's own edit keeps the text as typed
        const int inWide = lineOf(wide, "\"Next\": \"Nowhere\"");
        const int inExport = lineOf(exported(m_session), "\"Next\": \"Nowhere\"");
        QCOMPARE(inWide, inExport + 4);
        QVERIFY(editor()->markedLines(CodeEditor::Mark::Error).contains(inWide));
        QVERIFY(!editor()->markedLines(CodeEditor::Mark::Error).contains(inExport));
    }

    void selectionElsewhereHighlightsItsLine() {
        m_session.select("/States/PredictChurn");
        const int line = lineOf(editor()->text(), "\"PredictChurn\": {");
        QVERIFY(line > 100);
        QCOMPARE(editor()->highlightedLine(), line);
        int caretLine = -1;
        int column = -1;
        editor()->getCursorPosition(&caretLine, &column);
        QCOMPARE(caretLine + 1, line);
        QVERIFY(editor()->firstVisibleLine() <= line - 1);
        QVERIFY(editor()->firstVisibleLine() > 50);
        QCOMPARE(m_session.selection(), QStringLiteral("/States/PredictChurn")); // no echo

        m_session.select(QString());
        QCOMPARE(editor()->highlightedLine(), 0);
    }

    void caretSelectsTheInnermostState() {
        QVERIFY(m_session.open(sample("use-case-fanout")));
        // Scintilla reports caret moves when it updates the screen: the view must be shown.
        m_view->resize(800, 600);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        const QString text = editor()->text();
        const QString inner = "/States/RunUseCases/Branches/2/States/ForecastDemand";
        const int name = lineOf(text, "\"ForecastDemand\": {");
        QVERIFY(name > 0);
        editor()->setCursorPosition(name + 1, 6); // inside its object
        QTRY_COMPARE(m_session.selection(), inner);
        QCOMPARE(editor()->highlightedLine(), name);

        editor()->setCursorPosition(lineOf(text, "\"RunUseCases\": {"), 6);
        QTRY_COMPARE(m_session.selection(), QStringLiteral("/States/RunUseCases"));
        editor()->setCursorPosition(1, 3); // "StartAt": the top level
        QTRY_COMPARE(m_session.selection(), QString());
    }

    void templatesAreReadOnly() {
        QTemporaryDir dir;
        const QString path = writeOneStateTemplate(QDir(dir.path()));
        QVERIFY(!path.isEmpty());
        QVERIFY(m_session.open(path));
        QVERIFY(m_session.isTemplate());
        QVERIFY(editor()->isReadOnly());
        QCOMPARE(editor()->text(), exported(m_session));
        QVERIFY(m_view->statusText().startsWith("Read-only: stack.json is a template"));
        QVERIFY(!m_view->commitNow());
        QVERIFY(!m_view->hasPendingCommit());
    }

    void newDocumentShowsTheEmptyDefinition() {
        m_session.newDocument();
        QCOMPARE(editor()->text(), exported(m_session));
        QVERIFY(editor()->text().contains("\"States\": {}"));
        QVERIFY(!editor()->isReadOnly());
    }
};

QTEST_MAIN(TestCodeView)
#include "TestCodeView.moc"
