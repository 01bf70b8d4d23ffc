// The canvas scene over a session: one item per shown state and one arrow per transition, with
// the labels of Choice rules and Catchers; no two states of a scope overlap; a drag is one undo
// step stored relative to the scope (a moved container carries its inside); delete, collapse
// and selection go through the session.
#include "model/document/StateEdits.h"
#include "tests/common/QuotedJson.h"
#include "ui/canvas/CanvasScene.h"
#include "ui/canvas/EdgeItem.h"
#include "ui/canvas/StateItem.h"
#include "ui/session/DefinitionSession.h"

#include <QGraphicsView>
#include <QtTest>

using namespace flowcast::ui;
namespace edits = flowcast::model::edits;

namespace {

QString sample(const char* name) {
    return QStringLiteral(FLOWCAST_SOURCE_DIR "/samples/%1/%1.asl.json").arg(QLatin1String(name));
}

QRectF sceneRectOf(const CanvasScene& scene, const std::string& pointer) {
    const StateItem* item = scene.stateItem(pointer);
    return item ? QRectF(item->pos(), item->shape().boundingRect().size()) : QRectF();
}

const EdgeItem* edge(const CanvasScene& scene, const std::string& transition) {
    for (const EdgeItem* e : scene.edgeItems())
        if (e->transition() == transition) return e;
    return nullptr;
}

} // namespace

class TestCanvasScene : public QObject {
    Q_OBJECT
private slots:
    void drawsEveryStateAndTransition_data();
    void drawsEveryStateAndTransition();
    void labelsRulesAndCatchers();
    void dragIsOneUndoStepAndCarriesContainers();
    void deleteAndCollapseGoThroughSession();
    void selectionFollowsSessionBothWays();
    void connectGestureSetsNext();
    void draggingAnArrowHeadReconnectsIt();
    void setAsStartStateInAnyScope();
    void paletteEntriesLandWhereDropped();
    void activeStatesGlowThroughCollapsedContainers();
};

void TestCanvasScene::drawsEveryStateAndTransition_data() {
    QTest::addColumn<QString>("name");
    for (const char* name : {"data-lake-etl", "emr-livy", "emr-direct", "glue-job-chain",
                             "streaming-micro-batch", "use-case-fanout", "s3-object-fanout"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestCanvasScene::drawsEveryStateAndTransition() {
    QFETCH(QString, name);
    DefinitionSession session;
    QVERIFY(session.open(sample(name.toLatin1().constData())));
    CanvasScene scene(session);
    QCOMPARE(scene.stateCount(), session.stateCount());
    std::size_t transitions = 0;
    std::map<std::string, std::vector<std::string>> byScope;
    std::function<void(const flowcast::model::StateMachine&)> walk =
        [&](const flowcast::model::StateMachine& machine) {
            for (const auto& state : machine.states()) {
                transitions += state.transitions.size();
                byScope[machine.pointer()].push_back(state.pointer);
                for (const auto& branch : state.branches)
                    walk(branch);
            }
        };
    walk(session.definitions().front().machine);
    QCOMPARE(scene.edgeItems().size(), transitions);
    for (const auto& [scope, pointers] : byScope) {
        for (std::size_t i = 0; i < pointers.size(); ++i)
            for (std::size_t j = i + 1; j < pointers.size(); ++j)
                QVERIFY2(
                    !sceneRectOf(scene, pointers[i]).intersects(sceneRectOf(scene, pointers[j])),
                    qPrintable(QString::fromStdString(pointers[i] + " overlaps " + pointers[j])));
    }
    for (const EdgeItem* e : scene.edgeItems())
        QVERIFY2(!e->path().isEmpty(), e->transition().c_str());
}

void TestCanvasScene::labelsRulesAndCatchers() {
    DefinitionSession session;
    QVERIFY(session.open(sample("emr-livy")));
    CanvasScene scene(session);
    bool sawRule = false;
    bool sawCatch = false;
    for (const EdgeItem* e : scene.edgeItems()) {
        if (e->kind() == flowcast::model::TransitionKind::ChoiceRule) {
            sawRule = true;
            QVERIFY2(e->label().contains("$.") || e->label().contains("=="),
                     qPrintable(e->label()));
        }
        if (e->kind() == flowcast::model::TransitionKind::Catch) {
            sawCatch = true;
            QCOMPARE(e->pen().style(), Qt::DashLine);
            QVERIFY(!e->label().isEmpty());
        }
    }
    QVERIFY(sawRule);
    QVERIFY(sawCatch);
}

void TestCanvasScene::dragIsOneUndoStepAndCarriesContainers() {
    DefinitionSession session;
    QVERIFY(session.open(sample("use-case-fanout")));
    CanvasScene scene(session);
    const std::string parallel = "/States/RunUseCases";
    const std::string inner = "/States/RunUseCases/Branches/2/States/ForecastDemand";
    QVERIFY(scene.stateItem(parallel) && scene.stateItem(inner));
    const QPointF parallelBefore = scene.stateItem(parallel)->pos();
    const QPointF innerBefore = scene.stateItem(inner)->pos();
    scene.stateItem(parallel)->setSelected(true);
    scene.beginDrag(QPointF(0, 0));
    scene.dragTo(QPointF(20, 10));
    scene.dragTo(QPointF(300, 40));
    scene.endDrag();
    QCOMPARE(session.document().undoCount(), std::size_t(1));
    QCOMPARE(scene.stateItem(parallel)->pos(), parallelBefore + QPointF(300, 40));
    QCOMPARE(scene.stateItem(inner)->pos(), innerBefore + QPointF(300, 40)); // carried along
    QVERIFY(edits::storedPosition(session.document(), parallel));
    QVERIFY(!edits::storedPosition(session.document(), inner));
    session.document().undo();
    QCOMPARE(scene.stateItem(parallel)->pos(), parallelBefore);
    QCOMPARE(scene.stateItem(inner)->pos(), innerBefore);
}

void TestCanvasScene::deleteAndCollapseGoThroughSession() {
    DefinitionSession session;
    QVERIFY(session.open(sample("use-case-fanout")));
    CanvasScene scene(session);
    const std::size_t states = scene.stateCount();
    scene.toggleCollapsed("/States/RunUseCases");
    QCOMPARE(scene.stateCount(), states - 6); // its three branches of two are hidden
    QVERIFY(scene.node("/States/RunUseCases")->collapsed);
    session.document().undo();
    QCOMPARE(scene.stateCount(), states);
    const std::string first = session.definitions().front().machine.states().front().pointer;
    scene.stateItem(first)->setSelected(true);
    scene.deleteSelection();
    QCOMPARE(scene.stateCount(), states - 1);
    QVERIFY(!scene.stateItem(first));
    session.document().undo();
    QVERIFY(scene.stateItem(first));
}

void TestCanvasScene::selectionFollowsSessionBothWays() {
    DefinitionSession session;
    QVERIFY(session.open(sample("emr-livy")));
    CanvasScene scene(session);
    session.select("/States/SubmitLivyBatch/Retry/0/MaxAttempts");
    QVERIFY(scene.stateItem("/States/SubmitLivyBatch")->isSelected());
    QCOMPARE(scene.selectedItems().size(), qsizetype(1));
    scene.clearSelection();
    scene.stateItem("/States/SetJobConfig")->setSelected(true);
    QCOMPARE(session.selection(), QStringLiteral("/States/SetJobConfig"));
}

void TestCanvasScene::connectGestureSetsNext() {
    DefinitionSession session;
    session.newDocument();
    QVERIFY(session.apply(
        edits::addState(session.document(), "", "A", {{"Type", "Pass"}, {"End", true}})));
    QVERIFY(session.apply(edits::addState(session.document(), "", "B", {{"Type", "Succeed"}})));
    CanvasScene scene(session);
    const QPointF port =
        scene.stateItem("/States/A")->mapToScene(scene.stateItem("/States/A")->portRect().center());
    scene.beginConnect("/States/A", port);
    scene.connectTo(port + QPointF(5, 5));
    const QPointF onB = scene.stateItem("/States/B")->mapToScene(QPointF(20, 20));
    QCOMPARE(scene.stateAt(onB, ""), std::string("/States/B"));
    scene.endConnect(onB);
    QCOMPARE(session.document().definition()["States"]["A"].dump(),
             std::string(R"({"Type":"Pass","Next":"B"})"));
    QCOMPARE(scene.edgeItems().size(), std::size_t(1));
    // Released over nothing: no change.
    scene.beginConnect("/States/A", port);
    scene.endConnect(QPointF(-5000, -5000));
    QCOMPARE(session.document().undoCount(), std::size_t(3));
    // A Fail cannot go on: refused with a message, nothing changes.
    QSignalSpy failed(&session, &DefinitionSession::editFailed);
    QVERIFY(session.apply(edits::addState(session.document(), "", "F", {{"Type", "Fail"}})));
    scene.beginConnect("/States/F", QPointF());
    scene.endConnect(onB);
    QCOMPARE(failed.count(), 1);
}

// The mouse, through a view: the head of A → B dragged onto C makes A's Next "C" in one undo
// step; a press on the middle of the arrow starts nothing; released over nothing, no change.
void TestCanvasScene::draggingAnArrowHeadReconnectsIt() {
    DefinitionSession session;
    session.newDocument();
    QVERIFY(session.apply(
        edits::addState(session.document(), "", "A", {{"Type", "Pass"}, {"Next", "B"}})));
    QVERIFY(session.apply(edits::addState(session.document(), "", "B", {{"Type", "Succeed"}})));
    QVERIFY(session.apply(edits::addState(session.document(), "", "C", {{"Type", "Succeed"}})));
    CanvasScene scene(session);
    QGraphicsView view(&scene);
    view.resize(900, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const auto edgeFromA = [&]() -> EdgeItem* {
        for (EdgeItem* e : scene.edgeItems())
            if (e->transition() == "/States/A/Next") return e;
        return nullptr;
    };
    QVERIFY(edgeFromA());
    const auto toView = [&](const QPointF& p) { return view.mapFromScene(p); };
    const QPointF head = edgeFromA()->mapToScene(edgeFromA()->path().pointAtPercent(1));
    const QPointF middle = edgeFromA()->mapToScene(edgeFromA()->path().pointAtPercent(0.5));
    const QPointF onC = scene.stateItem("/States/C")->mapToScene(QPointF(20, 20));
    const std::size_t undos = session.document().undoCount();

    QVERIFY(edgeFromA()->isOnHead(edgeFromA()->path().pointAtPercent(1)));
    QVERIFY(!edgeFromA()->isOnHead(edgeFromA()->path().pointAtPercent(0.5)));
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, toView(middle));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, toView(onC));
    QCoreApplication::processEvents();
    QCOMPARE(session.document().definition()["States"]["A"]["Next"], flowcast::model::Json("B"));

    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, toView(head));
    QTest::mouseMove(view.viewport(), toView((head + onC) / 2));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, toView(onC));
    QTRY_COMPARE(session.document().definition()["States"]["A"]["Next"],
                 flowcast::model::Json("C"));
    QCOMPARE(session.document().undoCount(), undos + 1);
    QVERIFY(edgeFromA() && edgeFromA()->to() == "/States/C");

    // Onto nothing: the arrow stays where it was.
    const QPointF headNow = edgeFromA()->mapToScene(edgeFromA()->path().pointAtPercent(1));
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, toView(headNow));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, QPoint(5, 5));
    QCoreApplication::processEvents();
    QCOMPARE(session.document().definition()["States"]["A"]["Next"], flowcast::model::Json("C"));
    QCOMPARE(session.document().undoCount(), undos + 1);
    session.document().undo();
    QCOMPARE(session.document().definition()["States"]["A"]["Next"], flowcast::model::Json("B"));
}

// Set as Start State: the top level's StartAt, or a branch's, as one undo step; refused for
// the state that already starts its scope and for no or several selected states.
void TestCanvasScene::setAsStartStateInAnyScope() {
    DefinitionSession session;
    QVERIFY(session.open(sample("use-case-fanout")));
    CanvasScene scene(session);
    const auto select = [&](std::vector<std::string> pointers) {
        scene.clearSelection();
        scene.selectStates(pointers);
    };
    const std::string branch = "/States/RunUseCases/Branches/0";
    select({branch + "/States/Customer360Failed"});
    const std::size_t undos = session.document().undoCount();
    QVERIFY(scene.makeSelectedStart());
    QCOMPARE(session.document().definition()["States"]["RunUseCases"]["Branches"][0]["StartAt"],
             flowcast::model::Json("Customer360Failed"));
    QCOMPARE(session.document().undoCount(), undos + 1);
    select({branch + "/States/Customer360Failed"});
    QVERIFY(!scene.makeSelectedStart()); // it starts its branch now

    const std::string top = session.document().definition()["StartAt"].get<std::string>();
    select({"/States/RunUseCases"});
    QVERIFY(top != "RunUseCases");
    QVERIFY(scene.makeSelectedStart());
    QCOMPARE(session.document().definition()["StartAt"], flowcast::model::Json("RunUseCases"));
    select({"/States/RunUseCases", "/States/" + top});
    QVERIFY(!scene.makeSelectedStart());
    scene.clearSelection();
    QVERIFY(!scene.makeSelectedStart());
}

void TestCanvasScene::paletteEntriesLandWhereDropped() {
    DefinitionSession session;
    session.newDocument();
    CanvasScene scene(session);
    // On an empty canvas: the first state, the machine's StartAt, selected.
    QVERIFY(scene.addCatalogEntry("lambda-invoke", QPointF(0, 0)));
    QCOMPARE(session.document().definition()["StartAt"], flowcast::model::Json("Lambda Invoke"));
    QVERIFY(scene.stateItem("/States/Lambda Invoke")->isSelected());
    // Activated with a state selected that ends: it goes on to the new state, one undo step.
    QVERIFY(scene.addCatalogEntry("succeed"));
    const auto& states = session.document().definition()["States"];
    QCOMPARE(states["Lambda Invoke"]["Next"], flowcast::model::Json("Succeed"));
    QVERIFY(!states["Lambda Invoke"].contains("End"));
    QCOMPARE(session.document().undoCount(), std::size_t(2));
    QCOMPARE(session.errorCount(), 0);
    // Dropped on the arrow between them: inserted there, with a free name.
    const EdgeItem* arrow = edge(scene, "/States/Lambda Invoke/Next");
    QVERIFY(arrow);
    const QPointF onArrow = arrow->path().pointAtPercent(0.5);
    QCOMPARE(scene.edgeAt(onArrow), arrow);
    QVERIFY(scene.addCatalogEntry("lambda-invoke", onArrow));
    QCOMPARE(session.document().definition()["States"]["Lambda Invoke"]["Next"],
             flowcast::model::Json("Lambda Invoke 2"));
    QCOMPARE(session.document().definition()["States"]["Lambda Invoke 2"]["Next"],
             flowcast::model::Json("Succeed"));
    QCOMPARE(session.errorCount(), 0);
    QVERIFY(!scene.addCatalogEntry("no-such-entry"));
}

// A replay's running state two levels down (a Task in a Parallel in a Map) lights the nearest
// container drawn in its place: the collapsed Map even when the Parallel inside it is expanded.
void TestCanvasScene::activeStatesGlowThroughCollapsedContainers() {
    DefinitionSession session;
    session.newDocument();
    QVERIFY(session.apply(edits::addState(
        session.document(), "", "Outer",
        quotedJson("{'Type':'Map','End':true,'ItemProcessor':{'StartAt':'Inner','States':{"
                   "'Inner':{'Type':'Parallel','End':true,'Branches':[{'StartAt':'Deep',"
                   "'States':{'Deep':{'Type':'Pass','End':true}}}]}}}}"))));
    CanvasScene scene(session);
    const std::string outer = "/States/Outer";
    const std::string inner = outer + "/ItemProcessor/States/Inner";
    const std::string deep = inner + "/Branches/0/States/Deep";
    QVERIFY(scene.node(deep));
    const auto& outerState = *scene.node(outer)->state;
    const auto& innerState = *scene.node(inner)->state;
    scene.setActiveStates({"Deep"});
    // All expanded: only Deep glows, its containers are drawn around it.
    QVERIFY(scene.isActive(*scene.node(deep)->state));
    QVERIFY(!scene.isActive(outerState));
    QVERIFY(!scene.isActive(innerState));

    scene.toggleCollapsed(outer);
    QVERIFY(scene.node(outer)->collapsed);
    QVERIFY(!scene.node(inner)); // hidden, though expanded itself
    QVERIFY(!edits::isCollapsed(session.document(), inner));
    QVERIFY(scene.isActive(*scene.node(outer)->state));
    scene.setActiveStates({"Inner"});
    QVERIFY(scene.isActive(*scene.node(outer)->state));
    scene.setActiveStates({"Outer2"});
    QVERIFY(!scene.isActive(*scene.node(outer)->state));

    // The Parallel collapsed inside an expanded Map: the Parallel glows, not the Map.
    scene.toggleCollapsed(outer);
    scene.toggleCollapsed(inner);
    scene.setActiveStates({"Deep"});
    QVERIFY(scene.isActive(*scene.node(inner)->state));
    QVERIFY(!scene.isActive(*scene.node(outer)->state));
}

QTEST_MAIN(TestCanvasScene)
#include "TestCanvasScene.moc"
