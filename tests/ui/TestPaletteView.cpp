// PaletteView: the catalogue under Flow / Actions / Patterns with type icons and descriptions,
// filtered as one types, dragged as application/x-flowcast-catalog-id, activated by double-click
// or Enter (in the list or in the search field).
#include "model/document/StateCatalog.h"
#include "ui/palette/PaletteView.h"

#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QTreeView>
#include <QtTest>

using namespace flowcast;
using flowcast::ui::PaletteView;

namespace {

// What a real double-click delivers: a click, then the double-click (QTest's widget
// mouseDClick sends only the second half, which an item view ignores without a press).
void doubleClick(QTreeView& view, const QModelIndex& index) {
    const QPoint at = view.visualRect(index).center();
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, at);
}

QStringList groupTitles(const QAbstractItemModel& model) {
    QStringList titles;
    for (int g = 0; g < model.rowCount(); ++g)
        titles << model.index(g, 0).data().toString();
    return titles;
}

QStringList searchIds(const QString& text) {
    QStringList ids;
    for (const model::CatalogEntry* e : model::StateCatalog::builtIn().search(text.toStdString()))
        ids << QString::fromStdString(e->id);
    return ids;
}

// The view's index of the entry `id`, or an invalid index when it is filtered out.
QModelIndex indexOf(const QTreeView& view, const QString& id) {
    const QAbstractItemModel& model = *view.model();
    for (int g = 0; g < model.rowCount(); ++g) {
        const QModelIndex group = model.index(g, 0);
        for (int r = 0; r < model.rowCount(group); ++r)
            if (model.index(r, 0, group).data(PaletteView::EntryIdRole).toString() == id)
                return model.index(r, 0, group);
    }
    return {};
}

} // namespace

class TestPaletteView : public QObject {
    Q_OBJECT

private slots:
    void groupsHoldTheCatalogue() {
        PaletteView palette;
        const QAbstractItemModel& model = *palette.entryView()->model();
        QCOMPARE(groupTitles(model), QStringList({"Flow", "Actions", "Patterns"}));
        QCOMPARE(model.rowCount(model.index(0, 0)), 7);
        QCOMPARE(model.rowCount(model.index(1, 0)), 17);
        QCOMPARE(model.rowCount(model.index(2, 0)), 3);
        QCOMPARE(palette.visibleEntryIds(), searchIds(""));

        const QModelIndex lambda = indexOf(*palette.entryView(), "lambda-invoke");
        QCOMPARE(lambda.data().toString(), QString("Lambda Invoke"));
        QCOMPARE(lambda.parent().data().toString(), QString("Actions"));
        QCOMPARE(lambda.data(Qt::ToolTipRole).toString(),
                 QString::fromStdString(
                     model::StateCatalog::builtIn().find("lambda-invoke")->description));
        QVERIFY(!lambda.data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(palette.entryView()->isExpanded(lambda.parent()));
    }

    void typingFilters() {
        PaletteView palette;
        QTest::keyClicks(palette.searchField(), "glue");
        QCOMPARE(palette.visibleEntryIds(), QStringList({"glue-start-job-run", "glue-start-crawler",
                                                         "pattern-poll-until-done"}));
        // The Flow group has no match, so it is gone.
        QCOMPARE(groupTitles(*palette.entryView()->model()), QStringList({"Actions", "Patterns"}));

        palette.searchField()->setText("CATALOG");
        QCOMPARE(palette.visibleEntryIds(), QStringList{"glue-start-crawler"});
        QCOMPARE(groupTitles(*palette.entryView()->model()), QStringList{"Actions"});

        palette.searchField()->setText("kinesis");
        QVERIFY(palette.visibleEntryIds().isEmpty());
        QVERIFY(palette.entryView()->isHidden());

        palette.searchField()->clear();
        QCOMPARE(palette.visibleEntryIds(), searchIds(""));
        QCOMPARE(groupTitles(*palette.entryView()->model()),
                 QStringList({"Flow", "Actions", "Patterns"}));
        QVERIFY(!palette.entryView()->isHidden());
    }

    void draggedEntryCarriesItsId() {
        PaletteView palette;
        QAbstractItemModel& model = *palette.entryView()->model();
        QVERIFY(model.mimeTypes().contains(ui::kCatalogIdMimeType));
        QCOMPARE(QString(ui::kCatalogIdMimeType), QString("application/x-flowcast-catalog-id"));
        // Copied, never moved: a move would take the entry out of the palette.
        QCOMPARE(model.supportedDragActions(), Qt::DropActions(Qt::CopyAction));

        palette.searchField()->setText("crawler");
        const QModelIndex crawler = indexOf(*palette.entryView(), "glue-start-crawler");
        QVERIFY(crawler.isValid());
        QVERIFY(model.flags(crawler) & Qt::ItemIsDragEnabled);
        std::unique_ptr<QMimeData> data(model.mimeData({crawler}));
        QVERIFY(data);
        QVERIFY(data->hasFormat(ui::kCatalogIdMimeType));
        QCOMPARE(data->data(ui::kCatalogIdMimeType), QByteArray("glue-start-crawler"));

        // A group heading is neither dragged nor selected.
        const QModelIndex group = crawler.parent();
        QVERIFY(!(model.flags(group) & Qt::ItemIsDragEnabled));
        QVERIFY(!(model.flags(group) & Qt::ItemIsSelectable));
        QVERIFY(!model.mimeData({group}));
    }

    void doubleClickAndEnterActivate() {
        PaletteView palette;
        palette.resize(300, 800);
        palette.show();
        QVERIFY(QTest::qWaitForWindowExposed(&palette));
        QSignalSpy activated(&palette, &PaletteView::entryActivated);
        QTreeView* view = palette.entryView();

        doubleClick(*view, indexOf(*view, "wait"));
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.takeFirst().at(0).toString(), QString("wait"));

        view->setFocus();
        view->setCurrentIndex(indexOf(*view, "sns-publish"));
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.takeFirst().at(0).toString(), QString("sns-publish"));

        // A group heading is not an entry.
        doubleClick(*view, view->model()->index(0, 0));
        QCOMPARE(activated.count(), 0);
    }

    void enterInSearchAddsTheFirstMatch() {
        PaletteView palette;
        QSignalSpy activated(&palette, &PaletteView::entryActivated);
        QTest::keyClicks(palette.searchField(), "athena");
        QTest::keyClick(palette.searchField(), Qt::Key_Return);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.takeFirst().at(0).toString(), QString("athena-start-query-execution"));

        // Down moves into the list on the first match; nothing found, nothing activated.
        palette.searchField()->setText("emr cluster");
        QTest::keyClick(palette.searchField(), Qt::Key_Down);
        QCOMPARE(palette.entryView()->currentIndex().data(PaletteView::EntryIdRole).toString(),
                 QString("emr-create-cluster"));
        palette.searchField()->setText("kinesis");
        QTest::keyClick(palette.searchField(), Qt::Key_Return);
        QCOMPARE(activated.count(), 0);
    }
};

QTEST_MAIN(TestPaletteView)
#include "TestPaletteView.moc"
