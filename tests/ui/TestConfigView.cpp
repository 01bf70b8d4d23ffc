// ConfigView: the form shows the top-level fields, each committed field is one undo step, the
// form follows every change of the document, and a bad TimeoutSeconds changes nothing.
#include "model/document/StateEdits.h"
#include "ui/config/ConfigView.h"
#include "ui/session/DefinitionSession.h"

#include "tests/common/SampleFiles.h"
#include <QComboBox>
#include <QLineEdit>
#include <QTemporaryDir>

#include <QtTest>

using flowcast::model::Json;
using flowcast::ui::ConfigView;
using flowcast::ui::DefinitionSession;
namespace edits = flowcast::model::edits;

namespace {

QString sample(const char* name) {
    return QStringLiteral(FLOWCAST_SOURCE_DIR "/samples/%1/%1.asl.json").arg(QLatin1String(name));
}

// What a user does: select the field's text, type over it, press Return.
void typeInto(QLineEdit* field, const QString& text) {
    field->selectAll();
    if (text.isEmpty())
        QTest::keyClick(field, Qt::Key_Delete);
    else
        QTest::keyClicks(field, text);
    QTest::keyClick(field, Qt::Key_Return);
}

} // namespace

class TestConfigView : public QObject {
    Q_OBJECT

    DefinitionSession m_session;
    std::unique_ptr<ConfigView> m_view;

    const Json& definition() { return m_session.document().definition(); }
    std::size_t steps() { return m_session.document().undoCount(); }

private slots:
    void init() {
        QVERIFY(m_session.open(sample("data-lake-etl")));
        m_view = std::make_unique<ConfigView>(m_session);
    }
    void cleanup() { m_view.reset(); }

    void showsTheTopLevelFields() {
        QVERIFY(m_view->commentField()->text().startsWith("Data-lake ETL: a Lambda sources"));
        QCOMPARE(m_view->timeoutField()->text(), QStringLiteral("21600"));
        QCOMPARE(m_view->queryLanguageField()->currentData().toString(),
                 QStringLiteral("JSONPath"));
        QCOMPARE(m_view->versionField()->text(), QString());
        QVERIFY(!m_view->commentField()->isReadOnly());
        QVERIFY(m_view->queryLanguageField()->isEnabled());
    }

    void commentIsOneStepAndUndoRefreshesTheForm() {
        const std::string before = definition()["Comment"];
        const std::size_t start = steps();
        typeInto(m_view->commentField(), "Nightly ETL");
        QCOMPARE(definition()["Comment"], Json("Nightly ETL"));
        QCOMPARE(steps(), start + 1);
        // The focus leaving the field again is not a second edit.
        emit m_view->commentField()->editingFinished();
        QCOMPARE(steps(), start + 1);

        m_session.document().undo();
        QCOMPARE(definition()["Comment"], Json(before));
        QCOMPARE(m_view->commentField()->text(), QString::fromStdString(before));
    }

    void emptyCommentRemovesTheField() {
        typeInto(m_view->commentField(), QString());
        QVERIFY(!definition().contains("Comment"));
        QCOMPARE(m_view->commentField()->text(), QString());
    }

    void timeoutIsAnInteger() {
        const std::size_t start = steps();
        typeInto(m_view->timeoutField(), " 300 ");
        QCOMPARE(definition()["TimeoutSeconds"], Json(300));
        QVERIFY(definition()["TimeoutSeconds"].is_number_integer());
        QCOMPARE(steps(), start + 1);
        QCOMPARE(m_view->timeoutField()->text(), QStringLiteral("300"));
        QVERIFY(m_view->timeoutMessage().isEmpty());

        typeInto(m_view->timeoutField(), QString::number(ConfigView::kMaxTimeoutSeconds));
        QCOMPARE(definition()["TimeoutSeconds"], Json(99999999));

        typeInto(m_view->timeoutField(), QString());
        QVERIFY(!definition().contains("TimeoutSeconds"));
        QCOMPARE(steps(), start + 3);
    }

    void badTimeoutIsRefused_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << "0";
        QTest::newRow("negative") << "-5";
        QTest::newRow("fraction") << "1.5";
        QTest::newRow("exponent") << "1e3";
        QTest::newRow("word") << "soon";
        QTest::newRow("too large") << "100000000";
        QTest::newRow("huge") << "99999999999999999999999";
    }
    void badTimeoutIsRefused() {
        QFETCH(QString, text);
        const Json before = definition();
        const std::size_t start = steps();
        typeInto(m_view->timeoutField(), text);
        QCOMPARE(definition(), before);
        QCOMPARE(steps(), start);
        QVERIFY(m_view->timeoutMessage().contains("from 1 to 99999999"));
        QCOMPARE(m_view->timeoutField()->text(), text); // kept, to be corrected

        typeInto(m_view->timeoutField(), "60");
        QVERIFY(m_view->timeoutMessage().isEmpty());
        QCOMPARE(definition()["TimeoutSeconds"], Json(60));
    }

    void parseTimeout() {
        QString error;
        QCOMPARE(ConfigView::parseTimeout("42", &error), std::optional<long long>(42));
        QVERIFY(error.isEmpty());
        QCOMPARE(ConfigView::parseTimeout("  ", &error), std::optional<long long>());
        QVERIFY(error.isEmpty());
        QCOMPARE(ConfigView::parseTimeout("+5", &error), std::optional<long long>());
        QVERIFY(!error.isEmpty());
    }

    void queryLanguage() {
        QComboBox* combo = m_view->queryLanguageField();
        const std::size_t start = steps();
        const int jsonata = combo->findData(QStringLiteral("JSONata"));
        combo->setCurrentIndex(jsonata);
        emit combo->activated(jsonata);
        QCOMPARE(definition()["QueryLanguage"], Json("JSONata"));
        QCOMPARE(definition().begin().key(), std::string("Comment"));
        QCOMPARE(std::next(definition().begin()).key(), std::string("QueryLanguage"));
        QCOMPARE(steps(), start + 1);

        // Back to the default: the field goes rather than being spelled out.
        const int jsonPath = combo->findData(QStringLiteral("JSONPath"));
        combo->setCurrentIndex(jsonPath);
        emit combo->activated(jsonPath);
        QVERIFY(!definition().contains("QueryLanguage"));
        emit combo->activated(jsonPath);
        QCOMPARE(steps(), start + 2);
    }

    void versionIsSetAndRemoved() {
        typeInto(m_view->versionField(), "1.0");
        QCOMPARE(definition()["Version"], Json("1.0"));
        typeInto(m_view->versionField(), QString());
        QVERIFY(!definition().contains("Version"));
    }

    void followsChangesMadeElsewhere() {
        QVERIFY(m_session.apply(edits::setValue(m_session.document(), "/Comment", "From code")));
        QCOMPARE(m_view->commentField()->text(), QStringLiteral("From code"));
        QVERIFY(
            m_session.apply(edits::setValue(m_session.document(), "/QueryLanguage", "JSONata")));
        QCOMPARE(m_view->queryLanguageField()->currentData().toString(), QStringLiteral("JSONata"));
        QVERIFY(m_session.apply(edits::setValue(m_session.document(), "/QueryLanguage", "XPath")));
        QCOMPARE(m_view->queryLanguageField()->currentText(), QStringLiteral("XPath"));
        QVERIFY(m_session.apply(edits::removeValue(m_session.document(), "/TimeoutSeconds")));
        QCOMPARE(m_view->timeoutField()->text(), QString());

        QVERIFY(m_session.open(sample("emr-livy")));
        QCOMPARE(m_view->commentField()->text(),
                 QString::fromStdString(definition().value("Comment", "")));
    }

    void nameAndTypeLiveInTheProject() {
        QCOMPARE(m_view->nameField()->text(), QString());
        QCOMPARE(m_view->typeField()->currentData().toString(), QStringLiteral("STANDARD"));
        const Json definitionBefore = definition();
        const std::size_t start = steps();

        typeInto(m_view->nameField(), "data lake");
        QVERIFY(m_view->nameMessage().contains("whitespace"));
        QCOMPARE(steps(), start);
        typeInto(m_view->nameField(), "DataLakeEtl");
        QCOMPARE(m_view->nameMessage(), QString());
        QCOMPARE(m_session.document().project()["name"], Json("DataLakeEtl"));

        QComboBox* type = m_view->typeField();
        const int express = type->findData(QStringLiteral("EXPRESS"));
        type->setCurrentIndex(express);
        emit type->activated(express);
        QCOMPARE(m_session.document().project()["type"], Json("EXPRESS"));
        QCOMPARE(steps(), start + 2);
        QCOMPARE(definition(), definitionBefore); // neither is ASL: the export is unchanged

        // Saved in the project, read back by the next open.
        QTemporaryDir dir;
        const QString path = dir.filePath("etl.flowcast.json");
        QVERIFY(m_session.save(path));
        QVERIFY(m_session.open(sample("emr-livy")));
        QCOMPARE(m_view->nameField()->text(), QString());
        QVERIFY(m_session.open(path));
        QCOMPARE(m_view->nameField()->text(), QStringLiteral("DataLakeEtl"));
        QCOMPARE(m_view->typeField()->currentData().toString(), QStringLiteral("EXPRESS"));

        // Undo brings the form back; Standard again removes the key.
        const int standard = type->findData(QStringLiteral("STANDARD"));
        type->setCurrentIndex(standard);
        emit type->activated(standard);
        QVERIFY(!m_session.document().project().contains("type"));
        m_session.document().undo();
        QCOMPARE(m_view->typeField()->currentData().toString(), QStringLiteral("EXPRESS"));
    }

    void templatesAreReadOnly() {
        QTemporaryDir dir;
        const QString path = writeOneStateTemplate(QDir(dir.path()));
        QVERIFY(!path.isEmpty());
        QVERIFY(m_session.open(path));
        QVERIFY(m_view->commentField()->isReadOnly());
        QVERIFY(m_view->timeoutField()->isReadOnly());
        QVERIFY(!m_view->queryLanguageField()->isEnabled());
        QVERIFY(m_view->nameField()->isReadOnly());
        QVERIFY(!m_view->typeField()->isEnabled());
    }
};

QTEST_MAIN(TestConfigView)
#include "TestConfigView.moc"
