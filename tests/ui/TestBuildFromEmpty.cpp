// Every sample built from an empty canvas through the editor's own gestures, as a user would:
// each state dropped from the palette at a free point of its scope (a Parallel's further branches
// added in the inspector), renamed and filled in through the inspector's fields, Retry and Catch
// rows and Choice rules through their editors, arrows drawn with the canvas's connect gesture, the
// top-level fields typed into the Config view. The export must be the sample's JSON; undoing
// every step gives the empty definition back, redoing them all gives the sample again.
#include "model/asl/AslWriter.h"
#include "model/asl/JsonPointer.h"
#include "model/document/StateCatalog.h"
#include "model/document/StateEdits.h"
#include "ui/canvas/CanvasScene.h"
#include "ui/canvas/StateItem.h"
#include "ui/config/ConfigView.h"
#include "ui/inspector/ChoiceRulesEditor.h"
#include "ui/inspector/InspectorView.h"
#include "ui/session/DefinitionSession.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QtTest>

#include <algorithm>
#include <optional>
#include <set>

using flowcast::model::Json;
using namespace flowcast::ui;
namespace model = flowcast::model;
namespace edits = flowcast::model::edits;
// Key order ignored: "the same JSON" (ordered_json's == also compares the order of keys).
using Plain = nlohmann::json;

// A helper's QVERIFY returns from the helper only: stop the caller too.
#define GESTURE(call)                                                                              \
    do {                                                                                           \
        call;                                                                                      \
        if (QTest::currentTestFailed()) return;                                                    \
    } while (false)

namespace {

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

std::string index(std::size_t i) {
    return std::to_string(i);
}

// What a user types into a field for `value`: a string as it is (quoted in a JSON block), an
// error list as "A, B", any other value as JSON.
QString textFor(const FieldEditor& editor, const Json& value) {
    const bool block = qobject_cast<QPlainTextEdit*>(editor.input()) != nullptr;
    if (value.is_string()) return qs(block ? value.dump() : value.get<std::string>());
    if (value.is_array() && !block) {
        QStringList names;
        for (const Json& name : value)
            names << qs(name.get<std::string>());
        return names.join(QStringLiteral(", "));
    }
    return qs(block && value.is_structured() ? value.dump(2) : value.dump());
}

void typeInto(QLineEdit* field, const QString& text) {
    field->selectAll();
    QTest::keyClick(field, Qt::Key_Delete);
    QTest::keyClicks(field, text);
    QTest::keyClick(field, Qt::Key_Return);
}

bool choose(QComboBox* combo, const QString& value) {
    int at = combo->findData(value);
    if (at < 0) at = combo->findText(value);
    if (at < 0) return false;
    combo->setCurrentIndex(at);
    emit combo->activated(at);
    return true;
}

// Where `built` first differs from `sample`, as a JSON Pointer, with both values there.
QString differenceMessage(const Plain& built, const Plain& sample) {
    const Plain patch = Plain::diff(built, sample);
    if (patch.empty()) return {};
    const Plain::json_pointer at(patch.front().at("path").get<std::string>());
    auto shown = [&](const Plain& root) {
        return root.contains(at) ? qs(root.at(at).dump()).left(200) : QStringLiteral("(missing)");
    };
    return QStringLiteral("first difference at %1: built %2, sample %3")
        .arg(qs(at.to_string()), shown(built), shown(sample));
}

// The scopes nested in a state, in file order: a Parallel's branches, a Map's processor.
std::vector<std::pair<std::string, const Json*>> nestedScopes(const std::string& pointer,
                                                              const Json& state) {
    std::vector<std::pair<std::string, const Json*>> out;
    if (const auto it = state.find("Branches"); it != state.end())
        for (std::size_t b = 0; b < it->size(); ++b)
            out.emplace_back(pointer + "/Branches/" + index(b), &(*it)[b]);
    if (const auto it = state.find("ItemProcessor"); it != state.end())
        out.emplace_back(pointer + "/ItemProcessor", &*it);
    return out;
}

// The palette entry a user picks for `target`: the first Flow or Action entry building a state of
// its Type (for a Task, of its Resource), else the generic AWS SDK call, its Resource retyped.
const model::CatalogEntry* paletteEntryFor(const Json& target, model::QueryLanguage language) {
    const std::string type = target.value("Type", "");
    const model::CatalogEntry* generic = nullptr;
    for (const model::CatalogEntry& entry : model::StateCatalog::builtIn().entries()) {
        if (entry.group == model::CatalogGroup::Patterns) continue;
        const model::CatalogFragment fragment = entry.build(language);
        const Json* state = fragment.find(fragment.entry);
        if (state == nullptr || state->value("Type", "") != type) continue;
        if (type != "Task" || state->value("Resource", "") == target.value("Resource", ""))
            return &entry;
        if (entry.id == "aws-sdk-call") generic = &entry;
    }
    return generic;
}

// Keys with their own gesture: the rest of a state is one inspector field each.
bool hasOwnGesture(const std::string& key) {
    static const std::set<std::string> keys = {"Type",     "Next",         "End",     "Retry",
                                               "Catch",    "Choices",      "Default", "Branches",
                                               "Iterator", "ItemProcessor"};
    return keys.count(key) > 0;
}

} // namespace

// The editor's views over one session, and the gestures of a user building a definition.
class Editor {
public:
    DefinitionSession session;
    CanvasScene scene{session};
    InspectorView inspector{session};
    ConfigView config{session};

    const Json& definition() const { return session.document().definition(); }
    const Json* at(const std::string& pointer) const {
        return model::findPointer(definition(), pointer);
    }
    template <typename T> T* widget(const std::string& name) const {
        return inspector.widget()->findChild<T*>(qs(name));
    }
    std::vector<std::string> statesOf(const std::string& scope) const {
        std::vector<std::string> out;
        if (const Json* states = at(scope + "/States"))
            for (const auto& [name, state] : states->items())
                out.push_back(edits::statePointer(scope, name));
        return out;
    }

    void select(const std::string& pointer) {
        scene.selectStates({pointer}); // a click on the state
        QCOMPARE(inspector.statePointer(), qs(pointer));
    }
    void click(const std::string& name) {
        auto* button = widget<QPushButton>(name);
        QVERIFY2(button != nullptr && button->isEnabled(), name.c_str());
        button->click();
    }
    void chooseIn(const std::string& name, const QString& value) {
        auto* combo = widget<QComboBox>(name);
        QVERIFY2(combo && choose(combo, value), qPrintable(qs(name) + " offers no " + value));
    }

    /// Sets the value at `relative` below the selected state (removes it for nullptr) with its
    /// field editor, or its combo.
    void set(const std::string& relative, const Json* value) {
        const std::string pointer = inspector.statePointer().toStdString() + relative;
        if (FieldEditor* editor = inspector.fieldEditor(qs(relative))) {
            editor->setText(value ? textFor(*editor, *value) : QString());
            QVERIFY2(editor->commit(), qPrintable(qs(pointer) + ": " + editor->error()));
        } else {
            QVERIFY2(widget<QComboBox>("field:" + relative),
                     qPrintable("the inspector has no editor for " + qs(pointer)));
            GESTURE(chooseIn("field:" + relative, value ? qs(value->get<std::string>()) : ""));
        }
        const Json* now = at(pointer);
        QVERIFY2(value ? now && Plain::parse(now->dump()) == Plain::parse(value->dump()) : !now,
                 qPrintable(qs(pointer) + " holds " + (now ? qs(now->dump()) : "nothing")));
    }

    void setTopLevel(const Json& target) {
        for (const auto& [key, value] : target.items()) {
            if (key == "StartAt" || key == "States") continue;
            QLineEdit* field = key == "Comment"          ? config.commentField()
                               : key == "TimeoutSeconds" ? config.timeoutField()
                               : key == "Version"        ? config.versionField()
                                                         : nullptr;
            QVERIFY2(field || key == "QueryLanguage",
                     qPrintable("the Config view has no field for " + qs(key)));
            if (field == nullptr)
                QVERIFY(choose(config.queryLanguageField(), qs(value.get<std::string>())));
            else
                typeInto(field, qs(value.is_string() ? value.get<std::string>() : value.dump()));
            QVERIFY2(at("/" + key) && *at("/" + key) == value, key.c_str());
        }
    }

    /// Drops the palette entry for `target` at a free point of `scope` (inside `container` for a
    /// nested scope), deletes what the entry brings besides its state (a Choice's placeholders)
    /// and renames it in the inspector.
    void addState(const std::string& scope, const std::string& container, const std::string& name,
                  const Json& target) {
        const bool jsonata = definition().value("QueryLanguage", "") == "JSONata";
        const model::CatalogEntry* entry = paletteEntryFor(
            target, jsonata ? model::QueryLanguage::Jsonata : model::QueryLanguage::JsonPath);
        QVERIFY2(entry, qPrintable("no palette entry builds a " + qs(target.dump())));
        const std::optional<QPointF> drop = freePoint(scope, container);
        QVERIFY2(drop, qPrintable("no free point in " + qs(scope)));
        const std::vector<std::string> before = statesOf(scope);
        QVERIFY(scene.addCatalogEntry(entry->id, *drop));
        QCOMPARE(scene.selectedStates().size(), std::size_t(1));
        const std::string added = scene.selectedStates().front();
        QCOMPARE(edits::splitStatePointer(added).first, scope);
        std::vector<std::string> extra;
        for (const std::string& pointer : statesOf(scope))
            if (pointer != added &&
                std::find(before.begin(), before.end(), pointer) == before.end())
                extra.push_back(pointer);
        if (!extra.empty()) GESTURE(deleteStates(extra));
        GESTURE(select(added));
        if (edits::splitStatePointer(added).second != name) {
            auto* field = widget<QLineEdit>("field:name");
            QVERIFY(field);
            typeInto(field, qs(name));
        }
        QVERIFY2(session.stateAt(qs(edits::statePointer(scope, name))), name.c_str());
    }

    void deleteStates(const std::vector<std::string>& pointers) {
        scene.selectStates(pointers);
        scene.deleteSelection();
        for (const std::string& pointer : pointers)
            QVERIFY2(!at(pointer), pointer.c_str());
    }

    /// A point where a drop lands in `scope`, on no state and no arrow.
    std::optional<QPointF> freePoint(const std::string& scope, const std::string& container) {
        auto isFree = [&](QPointF p) {
            return scene.scopeAt(p) == scope && scene.stateAt(p, scope).empty() &&
                   scene.edgeAt(p) == nullptr;
        };
        const StateItem* box = scene.stateItem(container); // none: right of everything drawn
        const QRectF area = box != nullptr ? box->sceneBoundingRect()
                                           : scene.contentBounds().adjusted(0, 0, 200, 40);
        for (double y = area.top(); y < area.bottom(); y += 4)
            for (double x = area.left(); x < area.right(); x += 4)
                if (isFree({x, y})) return QPointF(x, y);
        return std::nullopt;
    }

    /// Every state of `target` (a scope) into `scope`, nested ones into their branch or
    /// processor (a Parallel's next branch added in the inspector); the placeholder the palette
    /// put in a branch or processor is deleted at the end.
    void buildScope(const std::string& scope, const std::string& container, const Json& target) {
        const Json& states = target.at("States");
        // No gesture moves StartAt: the first state dropped into a scope is its StartAt.
        QVERIFY2(!states.empty() && target.value("StartAt", "") == states.begin().key(),
                 qPrintable(qs(scope) + ": StartAt is not the scope's first state"));
        const std::vector<std::string> placeholders = statesOf(scope);
        for (const auto& [name, state] : states.items()) {
            GESTURE(addState(scope, container, name, state));
            const std::string pointer = edits::statePointer(scope, name);
            QVERIFY2(!state.contains("Iterator"), "the palette's Map writes ItemProcessor");
            for (const auto& [nested, json] : nestedScopes(pointer, state)) {
                if (!at(nested)) {
                    GESTURE(select(pointer));
                    GESTURE(click("add:/Branches"));
                    QVERIFY2(at(nested), nested.c_str());
                }
                GESTURE(buildScope(nested, pointer, *json));
            }
        }
        if (!placeholders.empty()) GESTURE(deleteStates(placeholders));
    }

    /// The fields, rows, rules and arrows of every state of `target` (a scope).
    void configureScope(const std::string& scope, const Json& target) {
        for (const auto& [name, state] : target.at("States").items()) {
            const std::string pointer = edits::statePointer(scope, name);
            GESTURE(configureState(scope, pointer, state));
            for (const auto& [nested, json] : nestedScopes(pointer, state))
                GESTURE(configureScope(nested, *json));
            QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); // old forms
        }
    }

    void configureState(const std::string& scope, const std::string& pointer, const Json& target) {
        GESTURE(select(pointer));
        const std::string type = target.value("Type", "");
        if (type == "Wait") { // which duration field the Wait has; its value is set below
            QString key;
            for (const char* k : {"Seconds", "SecondsPath", "Timestamp", "TimestampPath"})
                if (target.contains(k)) key = QLatin1String(k);
            GESTURE(chooseIn("field:waitKind", key));
        }
        if (type == "Map") { // the processing mode first: a Distributed Map has more fields
            const Json config = target.value("ItemProcessor", Json::object())
                                    .value("ProcessorConfig", Json::object());
            for (const auto& [key, value] : config.items())
                GESTURE(set("/ItemProcessor/ProcessorConfig/" + key, &value));
        }
        for (const auto& [key, value] : target.items())
            if (!hasOwnGesture(key)) GESTURE(set("/" + key, &value));
        std::vector<std::string> given; // what the palette wrote that the target lacks
        for (const auto& [key, value] : at(pointer)->items())
            if (!hasOwnGesture(key) && !target.contains(key)) given.push_back(key);
        for (const std::string& key : given)
            GESTURE(set("/" + key, nullptr));
        GESTURE(setRows("Retry", target.value("Retry", Json::array())));
        GESTURE(setRows("Catch", target.value("Catch", Json::array())));
        if (type == "Choice") GESTURE(setRules(target));
        if (target.contains("Next")) GESTURE(connect(scope, pointer, target.at("Next")));
        if (target.value("End", false) && !at(pointer + "/End")) {
            auto* end = widget<QAbstractButton>("field:/End");
            QVERIFY(end);
            end->click();
        }
    }

    /// Clicks `add` (appends a row) or `remove` + the last index until the array at `array`,
    /// below the selected state, holds `size` rows.
    void resize(const std::string& array, std::size_t size, const std::string& add,
                const std::string& remove) {
        const std::string pointer = inspector.statePointer().toStdString() + array;
        auto count = [&] {
            const Json* rows = at(pointer);
            return rows != nullptr && rows->is_array() ? rows->size() : 0;
        };
        for (std::size_t before = count(); before != size; before = count()) {
            GESTURE(click(before < size ? add : remove + index(before - 1)));
            QCOMPARE(count(), before < size ? before + 1 : before - 1);
        }
    }

    /// The Retry or Catch rows: added or removed with the editor's buttons, then each field.
    void setRows(const std::string& key, const Json& wanted) {
        GESTURE(resize("/" + key, wanted.size(), "add:/" + key, "remove:/" + key + "/"));
        const std::string state = inspector.statePointer().toStdString();
        for (std::size_t i = 0; i < wanted.size(); ++i) {
            const std::string row = "/" + key + "/" + index(i);
            std::vector<std::string> fields;
            for (const Json* object : {at(state + row), &wanted[i]})
                for (const auto& [field, value] : object->items())
                    fields.push_back(field);
            for (const std::string& field : fields) {
                const auto it = wanted[i].find(field);
                GESTURE(set(row + "/" + field, it != wanted[i].end() ? &*it : nullptr));
            }
        }
    }

    void setRules(const Json& target) {
        const Json wanted = target.value("Choices", Json::array());
        GESTURE(resize("/Choices", wanted.size(), "add:/Choices", "remove:/Choices/"));
        for (std::size_t i = 0; i < wanted.size(); ++i) {
            const std::string rule = "/Choices/" + index(i);
            GESTURE(setCondition(rule, wanted[i]));
            GESTURE(set(rule + "/Next", &wanted[i].at("Next")));
        }
        const auto fallback = target.find("Default");
        GESTURE(set("/Default", fallback != target.end() ? &*fallback : nullptr));
    }

    /// The condition at `node` (a rule or a node inside one): its kind, then its children or its
    /// comparison.
    void setCondition(const std::string& node, const Json& wanted) {
        const char* kind = wanted.contains("And")   ? "And"
                           : wanted.contains("Or")  ? "Or"
                           : wanted.contains("Not") ? "Not"
                                                    : "Comparison";
        GESTURE(chooseIn("condition:" + node, QLatin1String(kind)));
        const std::string list = node + "/" + kind;
        if (std::string(kind) == "Not") {
            GESTURE(setCondition(list, wanted.at("Not")));
        } else if (std::string(kind) != "Comparison") {
            const Json& children = wanted.at(kind);
            GESTURE(resize(list, children.size(), "add:" + node, "remove:" + list + "/"));
            for (std::size_t i = 0; i < children.size(); ++i)
                GESTURE(setCondition(list + "/" + index(i), children[i]));
        } else {
            QString op;
            for (const auto& [key, value] : wanted.items())
                if (findComparisonOperator(qs(key)) != nullptr) op = qs(key);
            QVERIFY2(!op.isEmpty(), qPrintable(qs(node) + ": no comparison operator"));
            GESTURE(set(node + "/Variable", &wanted.at("Variable")));
            GESTURE(chooseIn("operator:" + node, op));
            GESTURE(set(node + "/" + op.toStdString(), &wanted.at(op.toStdString())));
        }
    }

    /// The connect gesture: from the state's port, released over the target state.
    void connect(const std::string& scope, const std::string& from, const Json& next) {
        const std::string to = edits::statePointer(scope, next.get<std::string>());
        const StateItem* source = scene.stateItem(from);
        const StateItem* target = scene.stateItem(to);
        QVERIFY2(source && target, qPrintable(qs(from) + " -> " + qs(to)));
        const QPointF over = target->mapToScene(QPointF(20, 20));
        QCOMPARE(scene.stateAt(over, scope), to);
        scene.beginConnect(from, source->mapToScene(source->portRect().center()));
        scene.connectTo(over);
        scene.endConnect(over);
        QVERIFY2(at(from + "/Next") && *at(from + "/Next") == next, from.c_str());
    }
};

class TestBuildFromEmpty : public QObject {
    Q_OBJECT
private slots:
    void buildsSampleThroughTheEditor_data();
    void buildsSampleThroughTheEditor();
};

void TestBuildFromEmpty::buildsSampleThroughTheEditor_data() {
    QTest::addColumn<QString>("path");
    const QDir samples(QStringLiteral(FLOWCAST_SOURCE_DIR "/samples"));
    for (const QString& dir : samples.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        for (const QString& file :
             QDir(samples.filePath(dir)).entryList({QStringLiteral("*.asl.json")}, QDir::Files))
            QTest::newRow(qPrintable(file)) << samples.filePath(dir + "/" + file);
    QVERIFY(
        QFile::exists(samples.filePath(QStringLiteral("data-lake-etl/data-lake-etl.asl.json"))));
}

void TestBuildFromEmpty::buildsSampleThroughTheEditor() {
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const std::string sampleText = file.readAll().toStdString();
    const Json target = Json::parse(sampleText);
    DefinitionSession reference;
    QVERIFY(reference.open(path));
    const std::size_t states = reference.stateCount();

    Editor editor;
    editor.session.newDocument();
    QVERIFY(editor.definition() == model::Document::emptyDefinition());
    editor.setTopLevel(target); // first: the palette builds states for the query language
    QVERIFY(!QTest::currentTestFailed());
    editor.buildScope("", "", target);
    QVERIFY(!QTest::currentTestFailed());
    QCOMPARE(editor.session.stateCount(), states);
    editor.configureScope("", target);
    QVERIFY(!QTest::currentTestFailed());

    const std::string exported = model::AslWriter::toText(editor.definition());
    const Plain built = Plain::parse(exported);
    const Plain sample = Plain::parse(sampleText);
    QVERIFY2(built == sample, qPrintable(differenceMessage(built, sample)));
    // The text differs from the sample's in key order only (the JSON above is the assertion):
    // edits::setValue writes a new state field where AWS's documentation lists it (a Map's Label
    // after its ItemProcessor) and a top-level TimeoutSeconds after States, and appends a new
    // field of a retrier or catcher (a catcher's ResultPath after its Next).
    if (exported != sampleText)
        qInfo("%s: the same JSON as the sample, some keys in another order",
              QTest::currentDataTag());
    QCOMPARE(editor.session.errorCount(), 0);

    model::Document& document = editor.session.document();
    const std::size_t steps = document.undoCount();
    QVERIFY2(steps > states, qPrintable(QString::number(steps)));
    std::size_t undone = 0;
    for (; document.canUndo(); ++undone)
        document.undo();
    QCOMPARE(undone, steps);
    QVERIFY2(editor.definition() == model::Document::emptyDefinition(),
             editor.definition().dump().c_str());
    QCOMPARE(editor.scene.stateCount(), std::size_t(0));
    std::size_t redone = 0;
    for (; document.canRedo(); ++redone)
        document.redo();
    QCOMPARE(redone, steps);
    QCOMPARE(model::AslWriter::toText(editor.definition()), exported);
    const Plain again = Plain::parse(model::AslWriter::toText(editor.definition()));
    QVERIFY2(again == sample, qPrintable(differenceMessage(again, sample)));
    QCOMPARE(editor.scene.stateCount(), editor.session.stateCount());
    qInfo("%s: %zu states, %zu undo steps", QTest::currentDataTag(), states, steps);
}

QTEST_MAIN(TestBuildFromEmpty)
#include "TestBuildFromEmpty.moc"
