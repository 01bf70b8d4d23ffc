// Edge labels on the canvas (Choice rules, Default, Catch errors): after the automatic layout of
// every sample and corpus definition, no label covers a state of its scope, the title strip of
// a container holding it, or another label of its scope; a state dragged onto a label pushes the
// label aside.
#include "tests/common/DefinitionRows.h"
#include "ui/canvas/CanvasScene.h"
#include "ui/canvas/EdgeItem.h"
#include "ui/canvas/StateItem.h"
#include "ui/session/DefinitionSession.h"

#include <QFileInfo>
#include <QtTest>

using namespace flowcast::ui;

namespace {

constexpr double kTolerance = 1e-6;
// A Parallel or Map's title strip (AutoLayoutOptions::headerHeight, as the canvas uses it).
constexpr double kHeader = 40;

bool overlap(const QRectF& a, const QRectF& b) {
    const QRectF common = a.intersected(b);
    return common.width() > kTolerance && common.height() > kTolerance;
}

QRectF sceneRectOf(const CanvasScene& scene, const std::string& pointer) {
    const StateItem* item = scene.stateItem(pointer);
    return item ? QRectF(item->pos(), item->shape().boundingRect().size()) : QRectF();
}

bool holds(const std::string& container, const std::string& state) {
    return state.size() > container.size() &&
           state.compare(0, container.size() + 1, container + "/") == 0;
}

// Every overlap of a label in the scene, one line each; `checked` counts the labels.
QStringList labelOverlaps(const CanvasScene& scene, const std::vector<std::string>& states,
                          int& checked) {
    QStringList problems;
    std::vector<const EdgeItem*> labelled;
    for (const EdgeItem* e : scene.edgeItems())
        if (!e->label().isEmpty()) labelled.push_back(e);
    for (std::size_t i = 0; i < labelled.size(); ++i) {
        const EdgeItem* e = labelled[i];
        const CanvasNode* from = scene.node(e->from());
        if (!from) continue;
        ++checked;
        const QRectF label = e->labelSceneRect();
        const QString name = QString::fromStdString(e->transition());
        if (label.isEmpty()) problems << name + ": label has no rectangle";
        for (const std::string& s : states) {
            const CanvasNode* node = scene.node(s);
            if (!node) continue;
            QRectF rect = sceneRectOf(scene, s);
            if (holds(s, e->from()))
                rect.setHeight(kHeader); // only the title strip of a container around the arrow
            else if (node->scope != from->scope)
                continue;
            if (overlap(label, rect))
                problems << name + ": label covers state " + QString::fromStdString(s);
        }
        for (std::size_t j = 0; j < i; ++j) {
            const CanvasNode* other = scene.node(labelled[j]->from());
            if (other && other->scope == from->scope &&
                overlap(label, labelled[j]->labelSceneRect()))
                problems << name + ": label covers the label of " +
                                QString::fromStdString(labelled[j]->transition());
        }
    }
    return problems;
}

std::vector<std::string> shownStates(const CanvasScene& scene,
                                     const flowcast::model::StateMachine& machine) {
    std::vector<std::string> out;
    for (const auto& s : machine.states()) {
        if (!scene.node(s.pointer)) continue;
        out.push_back(s.pointer);
        for (const auto& branch : s.branches)
            for (const std::string& inner : shownStates(scene, branch))
                out.push_back(inner);
    }
    return out;
}

void checkFile(const QString& path) {
    DefinitionSession session;
    if (!session.open(path) || session.definitions().empty())
        QSKIP(qPrintable("no definition to draw in " + path));
    CanvasScene scene(session);
    int checked = 0;
    const QStringList problems =
        labelOverlaps(scene, shownStates(scene, session.definitions().front().machine), checked);
    qInfo("%s: %d labels checked, %lld overlaps", qPrintable(QFileInfo(path).fileName()), checked,
          qlonglong(problems.size()));
    QVERIFY2(problems.isEmpty(), qPrintable(path + "\n" + problems.join("\n")));
}

} // namespace

class TestEdgeLabels : public QObject {
    Q_OBJECT
private slots:
    void samples_data() { addSampleRows(); }
    void samples() {
        QFETCH(QString, path);
        checkFile(path);
    }

    void corpus_data() { addCorpusRows(); }
    void corpus() {
        QFETCH(QString, path);
        SKIP_WITHOUT_CORPUS(path);
        checkFile(path);
    }

    // A state dragged so that it covers a Choice rule's label: the label moves off it.
    void draggedStateMovesTheLabelAway() {
        DefinitionSession session;
        QVERIFY(session.open(
            QStringLiteral(FLOWCAST_SOURCE_DIR "/samples/glue-job-chain/glue-job-chain.asl.json")));
        CanvasScene scene(session);
        const EdgeItem* edge = nullptr;
        for (const EdgeItem* e : scene.edgeItems())
            if (e->kind() == flowcast::model::TransitionKind::ChoiceRule) edge = e;
        QVERIFY(edge);
        const std::string transition = edge->transition();
        const QRectF before = edge->labelSceneRect();
        QVERIFY(!before.isEmpty());
        // Another top-level state than the arrow's ends.
        std::string mover;
        for (const auto& s : session.definitions().front().machine.states())
            if (s.pointer != edge->from() && s.pointer != edge->to() && s.branches.empty())
                mover = s.pointer;
        QVERIFY(!mover.empty());
        const QRectF start = sceneRectOf(scene, mover);
        scene.stateItem(mover)->setSelected(true);
        scene.beginDrag(start.center());
        scene.dragTo(before.center());
        scene.endDrag();
        const QRectF moved = sceneRectOf(scene, mover);
        QVERIFY(moved.contains(before.center())); // the state now sits where the label was
        edge = nullptr;
        for (const EdgeItem* e : scene.edgeItems())
            if (e->transition() == transition) edge = e;
        QVERIFY(edge);
        const QRectF after = edge->labelSceneRect();
        QCOMPARE(after.size(), before.size());
        QVERIFY2(!overlap(after, moved), "the label stays under the dragged state");
        int checked = 0;
        const QStringList problems = labelOverlaps(
            scene, shownStates(scene, session.definitions().front().machine), checked);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join("\n")));
    }
};

QTEST_MAIN(TestEdgeLabels)
#include "TestEdgeLabels.moc"
