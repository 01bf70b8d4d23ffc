// AutoLayout: every sample and corpus definition laid out with no sibling overlapping another,
// every state inside its container and StartAt on top; same input, same output; collapsed
// containers, empty machines, odd names, loops and wide Choices.
#include "model/asl/AslReader.h"
#include "model/asl/DefinitionFile.h"
#include "model/asl/StateMachine.h"
#include "ui/canvas/AutoLayout.h"

#include "tests/common/DefinitionRows.h"
#include <QDir>

#include <QtTest>

using namespace flowcast;
using model::Json;
using model::StateMachine;

namespace {

constexpr double kTolerance = 1e-6;
// Dot clips an edge on the box it reserved (whole points), so an end may sit half a point out.
constexpr double kEdgeEndTolerance = 2;

bool overlap(const QRectF& a, const QRectF& b) {
    const QRectF common = a.intersected(b);
    return common.width() > kTolerance && common.height() > kTolerance;
}

// QRectF::contains(QRectF) is false for a rect of no width, such as a straight vertical edge's.
bool inside(const QRectF& outer, const QRectF& inner) {
    return inner.left() >= outer.left() - kTolerance &&
           inner.right() <= outer.right() + kTolerance && inner.top() >= outer.top() - kTolerance &&
           inner.bottom() <= outer.bottom() + kTolerance;
}

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

bool isOpen(const model::State& s, const ui::AutoLayoutOptions& options) {
    return (s.type == model::StateType::Parallel || s.type == model::StateType::Map) &&
           !s.branches.empty() && !options.collapsed.contains(s.pointer);
}

// Checks one scope, then every open container in it; returns the transitions it should draw.
std::size_t checkScope(const StateMachine& scope, const ui::CanvasLayout& layout,
                       const ui::AutoLayoutOptions& options, const QRectF* container,
                       QStringList& problems) {
    std::vector<std::pair<const model::State*, QRectF>> placed;
    std::size_t edges = 0;
    for (const auto& s : scope.states()) {
        for (const auto& t : s.transitions)
            edges += scope.find(t.target) != nullptr;
        const auto it = layout.states.find(s.pointer);
        if (it == layout.states.end()) {
            problems << "no rect for " + q(s.pointer);
            continue;
        }
        const QRectF rect = it->second;
        if (container && !inside(*container, rect))
            problems << q(s.pointer) + " leaves its container";
        for (const auto& [other, otherRect] : placed)
            if (overlap(rect, otherRect))
                problems << q(s.pointer) + " overlaps " + q(other->pointer);
        placed.push_back({&s, rect});
        if (!isOpen(s, options)) continue;
        std::vector<QRectF> frames;
        for (const auto& branch : s.branches) {
            const auto frame = layout.containers.find(branch.pointer());
            if (frame == layout.containers.end()) {
                problems << "no container rect for " + q(branch.pointer());
                continue;
            }
            if (!inside(rect, frame->second)) problems << q(branch.pointer()) + " leaves its state";
            if (frame->second.top() < rect.top() + options.headerHeight - kTolerance)
                problems << q(branch.pointer()) + " covers the header";
            for (const QRectF& other : frames)
                if (overlap(frame->second, other))
                    problems << q(branch.pointer()) + " overlaps a sibling";
            frames.push_back(frame->second);
            edges += checkScope(branch, layout, options, &frame->second, problems);
        }
    }
    if (const model::State* start = scope.find(scope.startAt())) {
        const double top = layout.states.at(start->pointer).top();
        for (const auto& [s, rect] : placed)
            if (rect.top() < top - kTolerance) problems << q(s->pointer) + " is above StartAt";
    }
    return edges;
}

QStringList checkLayout(const StateMachine& machine, const ui::CanvasLayout& layout,
                        const ui::AutoLayoutOptions& options = {}) {
    QStringList problems;
    const std::size_t edges = checkScope(machine, layout, options, nullptr, problems);
    if (layout.edges.size() != edges)
        problems << QString("%1 edges, expected %2").arg(layout.edges.size()).arg(edges);
    for (const auto& e : layout.edges) {
        const QRectF from = layout.states.at(e.from), to = layout.states.at(e.to);
        const double m = kEdgeEndTolerance;
        if (e.path.isEmpty() || !from.adjusted(-m, -m, m, m).contains(e.path.pointAtPercent(0)) ||
            !to.adjusted(-m, -m, m, m).contains(e.path.pointAtPercent(1)))
            problems << "edge " + q(e.transition) + " does not join its states";
        if (!inside(layout.bounds, e.path.boundingRect()))
            problems << "edge " + q(e.transition) + " out of bounds";
    }
    for (const auto& [pointer, rect] : layout.states)
        if (!inside(layout.bounds, rect)) problems << q(pointer) + " out of bounds";
    for (const auto& w : layout.warnings)
        problems << "Graphviz: " + q(w);
    return problems;
}

// Bit-exact comparison: determinism means the same doubles, not nearly the same.
bool samePath(const QPainterPath& a, const QPainterPath& b) {
    if (a.elementCount() != b.elementCount()) return false;
    for (int i = 0; i < a.elementCount(); ++i) {
        const auto ea = a.elementAt(i), eb = b.elementAt(i);
        if (ea.type != eb.type || ea.x != eb.x || ea.y != eb.y) return false;
    }
    return true;
}

bool sameRects(const std::map<std::string, QRectF>& a, const std::map<std::string, QRectF>& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](auto& x, auto& y) {
               return x.first == y.first && x.second.x() == y.second.x() &&
                      x.second.y() == y.second.y() && x.second.width() == y.second.width() &&
                      x.second.height() == y.second.height();
           });
}

bool sameLayout(const ui::CanvasLayout& a, const ui::CanvasLayout& b) {
    if (!sameRects(a.states, b.states) || !sameRects(a.containers, b.containers) ||
        a.edges.size() != b.edges.size() || a.bounds != b.bounds)
        return false;
    for (std::size_t i = 0; i < a.edges.size(); ++i)
        if (a.edges[i].transition != b.edges[i].transition ||
            !samePath(a.edges[i].path, b.edges[i].path))
            return false;
    return true;
}

// Every definition of a file (a bare one, or those of a template) laid out and checked.
QStringList checkFile(const QString& path, int& definitions) {
    const model::ReadResult read = model::AslReader::readFile(path.toStdString());
    if (!read.ok()) return {};
    model::Diagnostics diagnostics;
    QStringList problems;
    ui::AutoLayout engine;
    for (const auto& d : model::DefinitionFile::find(*read.json, diagnostics)) {
        const StateMachine machine = StateMachine::fromJson(d.json());
        for (const auto& p : checkLayout(machine, engine.layout(machine)))
            problems << q(d.pointer) + ": " + p;
        ++definitions;
    }
    return problems;
}

// A nested machine: a polling loop, a Parallel holding a Map holding a Parallel, a Catch.
const char* const kNested = R"({"StartAt":"Wait","States":{
  "Wait":{"Type":"Wait","Seconds":5,"Next":"Check"},
  "Check":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"Ready?",
           "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Failed"}]},
  "Ready?":{"Type":"Choice","Choices":[{"Variable":"$.ok","BooleanEquals":true,"Next":"Fan"}],
            "Default":"Wait"},
  "Fan":{"Type":"Parallel","Next":"Done","Branches":[
    {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}},
    {"StartAt":"Each","States":{"Each":{"Type":"Map","End":true,"ItemProcessor":{
      "StartAt":"Inner","States":{"Inner":{"Type":"Parallel","End":true,"Branches":[
        {"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}},
        {"StartAt":"Y","States":{"Y":{"Type":"Pass","Next":"Z"},"Z":{"Type":"Pass","End":true}}}
      ]}}}}}}]},
  "Done":{"Type":"Succeed"},
  "Failed":{"Type":"Fail"}}})";

// A chain A -> B -> C -> D with a Choice loop back, names to be replaced.
Json chainNamed(const QStringList& names) {
    const std::string a = names[0].toStdString(), b = names[1].toStdString(),
                      c = names[2].toStdString(), d = names[3].toStdString();
    Json j = {{"StartAt", a}, {"States", Json::object()}};
    j["States"][a] = {{"Type", "Pass"}, {"Next", b}};
    j["States"][b] = {
        {"Type", "Task"}, {"Resource", "arn:aws:states:::lambda:invoke"}, {"Next", c}};
    j["States"][c] = {
        {"Type", "Choice"},
        {"Choices", Json::array({{{"Variable", "$.x"}, {"IsPresent", true}, {"Next", a}}})},
        {"Default", d}};
    j["States"][d] = {{"Type", "Succeed"}};
    return j;
}

std::vector<QRectF> rectsInOrder(const StateMachine& m, const ui::CanvasLayout& layout) {
    std::vector<QRectF> out;
    for (const auto& s : m.states())
        out.push_back(layout.states.at(s.pointer));
    return out;
}

// A Choice with `rules` rules spread over `targets` states, and a Default back to itself.
Json wideChoice(int rules, int targets) {
    Json j = {{"StartAt", "Route"}, {"States", Json::object()}};
    Json choices = Json::array();
    for (int r = 0; r < rules; ++r)
        choices.push_back({{"Variable", "$.n"},
                           {"NumericEquals", r},
                           {"Next", "T" + std::to_string(r % targets)}});
    j["States"]["Route"] = {{"Type", "Choice"}, {"Choices", choices}, {"Default", "Route"}};
    for (int t = 0; t < targets; ++t)
        j["States"]["T" + std::to_string(t)] = {{"Type", "Succeed"}};
    return j;
}

// A chain of `tasks` Tasks that all Catch into one handler: thousands of dot's virtual nodes,
// the shape on which dot, unbounded, ran for minutes in BenchLayout.
Json catchAll(int tasks) {
    Json j = {{"StartAt", "T0"}, {"States", Json::object()}};
    for (int t = 0; t < tasks; ++t) {
        const std::string next = t + 1 < tasks ? "T" + std::to_string(t + 1) : "Done";
        j["States"]["T" + std::to_string(t)] = {
            {"Type", "Task"},
            {"Resource", "arn:aws:states:::lambda:invoke"},
            {"Next", next},
            {"Catch", Json::array({{{"ErrorEquals", {"States.ALL"}}, {"Next", "Handler"}}})}};
    }
    j["States"]["Done"] = {{"Type", "Succeed"}};
    j["States"]["Handler"] = {{"Type", "Fail"}};
    return j;
}

} // namespace

class TestAutoLayout : public QObject {
    Q_OBJECT

private slots:
    void samples_data() { addSampleRows(); }
    void samples() {
        QFETCH(QString, path);
        int definitions = 0;
        const QStringList problems = checkFile(path, definitions);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join("\n")));
        QCOMPARE(definitions, 1);
    }

    void corpus_data() { addCorpusRows(); }
    void corpus() {
        QFETCH(QString, path);
        SKIP_WITHOUT_CORPUS(path);
        int definitions = 0;
        const QStringList problems = checkFile(path, definitions);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join("\n")));
    }

    void nestedContainers() {
        const Json json = Json::parse(kNested);
        const StateMachine m = StateMachine::fromJson(json);
        ui::AutoLayout engine;
        const ui::CanvasLayout layout = engine.layout(m);
        const QStringList problems = checkLayout(m, layout);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join("\n")));
        QCOMPARE(layout.states.size(), std::size_t(13));
        QCOMPARE(layout.containers.size(), std::size_t(5));
        // Branches side by side, in order, inside the Parallel below its header.
        const QRectF left = layout.containers.at("/States/Fan/Branches/0");
        const QRectF right = layout.containers.at("/States/Fan/Branches/1");
        QVERIFY(left.right() <= right.left());
        QCOMPARE(left.height(), right.height());
        const QRectF fan = layout.states.at("/States/Fan");
        QCOMPARE(left.top(), fan.top() + engine.options().headerHeight);
        QVERIFY(layout.states.at("/States/Done").top() > fan.bottom());
    }

    void deterministic_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("nested") << QString(kNested);
        QTest::newRow("wide choice") << QString::fromStdString(wideChoice(120, 25).dump());
        QFile flagship(QString(FLOWCAST_SOURCE_DIR) +
                       "/samples/data-lake-etl/data-lake-etl.asl.json");
        QVERIFY(flagship.open(QIODevice::ReadOnly));
        QTest::newRow("flagship") << QString::fromUtf8(flagship.readAll());
    }
    void deterministic() {
        QFETCH(QString, text);
        const Json json = Json::parse(text.toStdString());
        const StateMachine m = StateMachine::fromJson(json);
        const Json otherJson = Json::parse(kNested);
        const StateMachine other = StateMachine::fromJson(otherJson);
        ui::AutoLayout engine;
        const ui::CanvasLayout first = engine.layout(m);
        (void)engine.layout(other); // Graphviz keeps global state: none of it may leak across
        QVERIFY(sameLayout(first, engine.layout(m)));
        ui::AutoLayout fresh;
        QVERIFY(sameLayout(first, fresh.layout(m)));
        QVERIFY(!first.edges.empty() && !first.edges.front().path.isEmpty());
    }

    void collapsed_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("container");
        QTest::addColumn<int>("inner");
        QTest::newRow("parallel") << QString(kNested) << "/States/Fan" << 7;
        QTest::newRow("map") << R"({"StartAt":"Each","States":{"Each":{"Type":"Map","End":true,
            "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","Next":"Q"},
            "Q":{"Type":"Pass","End":true}}}}}})"
                             << "/States/Each" << 2;
        QTest::newRow("map, legacy Iterator")
            << R"({"StartAt":"Each","States":{"Each":{"Type":"Map",
            "End":true,"Iterator":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}})"
            << "/States/Each" << 1;
    }
    void collapsed() {
        QFETCH(QString, text);
        QFETCH(QString, container);
        QFETCH(int, inner);
        const Json json = Json::parse(text.toStdString());
        const StateMachine m = StateMachine::fromJson(json);
        const std::string pointer = container.toStdString();
        ui::AutoLayout open;
        const ui::CanvasLayout opened = open.layout(m);
        ui::AutoLayoutOptions options;
        options.collapsed = {pointer};
        ui::AutoLayout closed(options);
        const ui::CanvasLayout layout = closed.layout(m);
        const QStringList problems = checkLayout(m, layout, options);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join("\n")));

        QCOMPARE(layout.states.at(pointer).size(), ui::AutoLayout::kDefaultNodeSize);
        QVERIFY(opened.states.at(pointer).height() > ui::AutoLayout::kDefaultNodeSize.height());
        QCOMPARE(int(opened.states.size() - layout.states.size()), inner);
        for (const auto& [p, rect] : layout.states)
            QVERIFY2(p == pointer || !p.starts_with(pointer + "/"), p.c_str());
        for (const auto& [p, rect] : layout.containers)
            QVERIFY2(!p.starts_with(pointer + "/"), p.c_str());
    }

    void empty_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("states");
        QTest::addColumn<int>("edges");
        QTest::newRow("empty object") << "{}" << 0 << 0;
        QTest::newRow("no states") << R"({"StartAt":"A","States":{}})" << 0 << 0;
        QTest::newRow("not an object") << "[1, 2]" << 0 << 0;
        QTest::newRow("single state")
            << R"({"StartAt":"A","States":{"A":{"Type":"Succeed"}}})" << 1 << 0;
        QTest::newRow("no StartAt, dangling Next")
            << R"({"States":{"A":{"Type":"Pass","Next":"Gone"},"B":{"Type":"Pass","Next":"A"}}})"
            << 2 << 1;
        QTest::newRow("empty branch")
            << R"({"StartAt":"F","States":{"F":{"Type":"Parallel","End":true,
            "Branches":[{"StartAt":"X","States":{}},{"StartAt":"Y","States":{"Y":{"Type":"Pass","End":true}}}]}}})"
            << 2 << 0;
        QTest::newRow("parallel without branches")
            << R"({"StartAt":"F","States":{"F":{"Type":"Parallel","Branches":[],"End":true}}})" << 1
            << 0;
    }
    void empty() {
        QFETCH(QString, text);
        QFETCH(int, states);
        QFETCH(int, edges);
        const Json json = Json::parse(text.toStdString());
        const StateMachine m = StateMachine::fromJson(json);
        const ui::CanvasLayout layout = ui::AutoLayout().layout(m);
        const QStringList problems = checkLayout(m, layout);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join("\n")));
        QCOMPARE(int(layout.states.size()), states);
        QCOMPARE(int(layout.edges.size()), edges);
        QCOMPARE(layout.bounds.isEmpty(), states == 0);
        if (states > 0) QCOMPARE(layout.bounds.topLeft(), QPointF(0, 0));
    }

    void oddNames_data() {
        QTest::addColumn<QStringList>("names");
        QTest::newRow("quotes") << QStringList{R"(say "hi")", "it's", R"(\"x\")", "\"\""};
        QTest::newRow("unicode") << QStringList{"Étape 1", "次のステップ", "→ ok ←", "🚀"};
        QTest::newRow("spaces and newlines") << QStringList{"a b", " ", "line\nbreak", "\ttab"};
        QTest::newRow("graphviz syntax")
            << QStringList{"\\N", "<b>x</b>", "{rank=same}", "a -> b; c"};
        QTest::newRow("our node ids") << QStringList{"n1", "n0", "e0", "n3"};
        QTest::newRow("empty and long") << QStringList{"", QString(500, 'x'), "-", "%s%n"};
    }
    void oddNames() {
        QFETCH(QStringList, names);
        const Json plainJson = chainNamed({"A", "B", "C", "D"});
        const Json oddJson = chainNamed(names);
        const StateMachine plain = StateMachine::fromJson(plainJson);
        const StateMachine odd = StateMachine::fromJson(oddJson);
        ui::AutoLayout engine;
        const ui::CanvasLayout layout = engine.layout(odd);
        const QStringList problems = checkLayout(odd, layout);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join("\n")));
        QCOMPARE(layout.edges.size(), std::size_t(4));
        // Names never reach Graphviz: the layout is the plain-named one, state for state.
        QCOMPARE(rectsInOrder(odd, layout), rectsInOrder(plain, engine.layout(plain)));
    }

    void loopsAndWideChoices_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("edges");
        QTest::newRow("self loop") << R"({"StartAt":"Poll","States":{"Poll":{"Type":"Choice",
            "Choices":[{"Variable":"$.done","BooleanEquals":false,"Next":"Poll"}],"Default":"End"},
            "End":{"Type":"Succeed"}}})"
                                   << 2;
        QTest::newRow("polling loop back to StartAt") << R"({"StartAt":"Wait","States":{
            "Wait":{"Type":"Wait","Seconds":1,"Next":"Check"},"Check":{"Type":"Pass","Next":"Ok?"},
            "Ok?":{"Type":"Choice","Choices":[{"Variable":"$.ok","BooleanEquals":true,"Next":"End"}],
            "Default":"Wait"},"End":{"Type":"Succeed"}}})"
                                                      << 4;
        QTest::newRow("stray state into StartAt") << R"({"StartAt":"A","States":{
            "Stray":{"Type":"Pass","Next":"A"},"A":{"Type":"Pass","Next":"B"},
            "B":{"Type":"Succeed"}}})" << 2;
        QTest::newRow("300 rules on 30 targets")
            << QString::fromStdString(wideChoice(300, 30).dump()) << 301;
        QTest::newRow("200 rules on 200 targets")
            << QString::fromStdString(wideChoice(200, 200).dump()) << 201;
        QTest::newRow("120 Catch edges into one handler")
            << QString::fromStdString(catchAll(120).dump()) << 240;
    }
    void loopsAndWideChoices() {
        QFETCH(QString, text);
        QFETCH(int, edges);
        const Json json = Json::parse(text.toStdString());
        const StateMachine m = StateMachine::fromJson(json);
        const ui::CanvasLayout layout = ui::AutoLayout().layout(m);
        const QStringList problems = checkLayout(m, layout);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join("\n")));
        QCOMPARE(int(layout.edges.size()), edges);
    }

    void nodeSizeFunction() {
        const Json json = Json::parse(kNested);
        const StateMachine m = StateMachine::fromJson(json);
        ui::AutoLayoutOptions options;
        options.nodeSize = [](const model::State& s) {
            if (s.type == model::StateType::Choice) return QSizeF(120.5, 41);
            return s.type == model::StateType::Map ? QSizeF(900, 50) : QSizeF(160, 48);
        };
        options.containerPadding = 10;
        options.headerHeight = 24;
        options.routeEdges = false;
        const ui::CanvasLayout layout = ui::AutoLayout(options).layout(m);
        QCOMPARE(layout.states.at("/States/Ready?").size(), QSizeF(120.5, 41));
        QCOMPARE(layout.states.at("/States/Check").size(), QSizeF(160, 48));
        // A container is at least its node size: the Map asked for 900 wide.
        QCOMPARE(layout.states.at("/States/Fan/Branches/1/States/Each").width(), 900.0);
        QVERIFY(layout.states.at("/States/Fan").width() >= 900 + 2 * 10);
        QStringList problems;
        checkScope(m, layout, options, nullptr, problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join("\n")));
        for (const auto& e : layout.edges)
            QVERIFY(e.path.isEmpty()); // routeEdges off
        QVERIFY(layout.warnings.empty());
        QCOMPARE(layout.edges.size(), std::size_t(8));
    }
};

QTEST_MAIN(TestAutoLayout)
#include "TestAutoLayout.moc"
