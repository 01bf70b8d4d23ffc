#include "ui/inspector/ChoiceRulesEditor.h"

#include "model/document/StateEdits.h"
#include "ui/session/DefinitionSession.h"

#include <QComboBox>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace flowcast::ui {
namespace {

using model::Json;

const QStringList kNodeKinds = {QStringLiteral("Comparison"), QStringLiteral("And"),
                                QStringLiteral("Or"), QStringLiteral("Not")};

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

bool isConditionKey(const std::string& key) {
    return key == "Variable" || key == "And" || key == "Or" || key == "Not" ||
           findComparisonOperator(qs(key)) != nullptr;
}

ChoiceRulesEditor::NodeKind kindOf(const Json& node) {
    if (node.contains("And")) return ChoiceRulesEditor::NodeKind::And;
    if (node.contains("Or")) return ChoiceRulesEditor::NodeKind::Or;
    if (node.contains("Not")) return ChoiceRulesEditor::NodeKind::Not;
    return ChoiceRulesEditor::NodeKind::Comparison;
}

QString operatorOf(const Json& node) {
    for (const auto& [key, value] : node.items())
        if (findComparisonOperator(qs(key)) != nullptr) return qs(key);
    return {};
}

Json conditionOf(const Json& node) {
    Json condition = Json::object();
    for (const auto& [key, value] : node.items())
        if (isConditionKey(key)) condition[key] = value;
    return condition;
}

// The new condition first, then what the rule holds besides (Next, Comment, Assign, Output), as
// AWS's examples write a rule.
Json withCondition(const Json& node, const Json& condition) {
    Json result = condition;
    for (const auto& [key, value] : node.items())
        if (!isConditionKey(key)) result[key] = value;
    return result;
}

Json defaultComparison() {
    return Json{{"Variable", "$"}, {"StringEquals", ""}};
}

FieldKind fieldKindOf(Operand operand) {
    switch (operand) {
    case Operand::Number:
        return FieldKind::Number;
    case Operand::Boolean:
        return FieldKind::Boolean;
    case Operand::Path:
        return FieldKind::Path;
    default:
        return FieldKind::String;
    }
}

} // namespace

const std::vector<ComparisonOperator>& comparisonOperators() {
    static const std::vector<ComparisonOperator> operators = [] {
        std::vector<ComparisonOperator> list;
        const QStringList comparisons = {"Equals", "LessThan", "GreaterThan", "LessThanEquals",
                                         "GreaterThanEquals"};
        const std::pair<QString, Operand> families[] = {{"String", Operand::String},
                                                        {"Numeric", Operand::Number},
                                                        {"Timestamp", Operand::Timestamp}};
        for (const auto& [family, operand] : families) {
            for (const QString& comparison : comparisons) {
                list.push_back({family + comparison, operand});
                list.push_back({family + comparison + "Path", Operand::Path});
            }
            if (family == QLatin1String("String")) list.push_back({"StringMatches", operand});
        }
        list.push_back({"BooleanEquals", Operand::Boolean});
        list.push_back({"BooleanEqualsPath", Operand::Path});
        for (const char* test :
             {"IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"})
            list.push_back({QString::fromLatin1(test), Operand::Boolean});
        return list;
    }();
    return operators;
}

const ComparisonOperator* findComparisonOperator(const QString& name) {
    for (const auto& op : comparisonOperators())
        if (op.name == name) return &op;
    return nullptr;
}

Json convertOperand(const Json& value, Operand operand) {
    switch (operand) {
    case Operand::Number:
        if (value.is_number()) return value;
        if (value.is_string()) {
            bool ok = false;
            const double number = qs(value.get<std::string>()).toDouble(&ok);
            if (ok) return number == std::floor(number) ? Json(std::int64_t(number)) : Json(number);
        }
        return 0;
    case Operand::Boolean:
        return value.is_boolean() ? value : Json(true);
    case Operand::Path:
        return value.is_string() && value.get<std::string>().rfind('$', 0) == 0 ? value : Json("$");
    case Operand::Timestamp:
        return value.is_string() ? value : Json("1970-01-01T00:00:00Z");
    default:
        return value.is_string() ? value : Json(value.dump());
    }
}

ChoiceRulesEditor::ChoiceRulesEditor(const InspectorContext& context, QWidget* parent)
    : QGroupBox(tr("Choice rules"), parent), m_context(context) {
    setObjectName(QStringLiteral("section:Choices"));
    auto* layout = new QVBoxLayout(this);
    const Json* rules = m_context.value("/Choices");
    if (rules != nullptr && rules->is_array())
        for (std::size_t i = 0; i < rules->size(); ++i)
            buildRule(layout, int(i), (*rules)[i]);
    auto* add = new QPushButton(tr("Add rule"), this);
    add->setObjectName(QStringLiteral("add:/Choices"));
    add->setEnabled(m_context.editable);
    connect(add, &QPushButton::clicked, this, [this] { addRule(); });
    layout->addWidget(add);

    const Json* fallback = m_context.value("/Default");
    const QString current =
        fallback != nullptr && fallback->is_string() ? qs(fallback->get<std::string>()) : QString();
    auto* form = new QFormLayout();
    form->addRow(tr("Default"),
                 makeTargetCombo(
                     m_context, QStringLiteral("field:/Default"), current, true,
                     [this](const QString& target) {
                         m_context.commit("/Default",
                                          target.isEmpty()
                                              ? std::nullopt
                                              : std::optional<Json>(target.toStdString()),
                                          tr("Set Default"));
                     },
                     this));
    layout->addLayout(form);
}

void ChoiceRulesEditor::buildRule(QVBoxLayout* layout, int index, const Json& rule) {
    const std::string at = "/Choices/" + std::to_string(index);
    const Json* rules = m_context.value("/Choices");
    auto* frame = new QFrame(this);
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setObjectName(QStringLiteral("row:") + qs(at));
    auto* rows = new QVBoxLayout(frame);
    auto* head = new QHBoxLayout();
    head->addWidget(new QLabel(tr("Rule %1").arg(index + 1), frame));
    head->addStretch();
    head->addWidget(buttons(
        qs(at), index > 0, rules != nullptr && index + 1 < int(rules->size()),
        [this, index](int offset) { moveRule(index, offset); },
        [this, index] { removeRule(index); }, frame));
    rows->addLayout(head);
    if (m_context.language == model::QueryLanguage::Jsonata) {
        auto* condition = new FieldEditor(m_context, at + "/Condition", FieldKind::Jsonata, frame);
        condition->setRequired(true);
        rows->addWidget(condition);
    } else {
        rows->addWidget(buildCondition(at, rule, frame));
    }
    const auto next = rule.find("Next");
    const std::string pointer = m_context.absolute(at + "/Next");
    auto* form = new QFormLayout();
    form->addRow(
        tr("Next"),
        makeTargetCombo(
            m_context, QStringLiteral("field:") + qs(at + "/Next"),
            next != rule.end() && next->is_string() ? qs(next->get<std::string>()) : "", false,
            [this, pointer](const QString& target) {
                m_context.session->edit([&](const model::Document& document) {
                    return model::edits::setTarget(document, pointer, target.toStdString());
                });
            },
            frame));
    rows->addLayout(form);
    layout->addWidget(frame);
}

QWidget* ChoiceRulesEditor::buildCondition(const std::string& at, const Json& node,
                                           QWidget* parent) {
    auto* box = new QWidget(parent);
    box->setObjectName(QStringLiteral("node:") + qs(at));
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* kind = new QComboBox(box);
    kind->setObjectName(QStringLiteral("condition:") + qs(at));
    kind->addItems(kNodeKinds);
    kind->setCurrentIndex(int(kindOf(node)));
    kind->setEnabled(m_context.editable);
    connect(kind, &QComboBox::activated, this,
            [this, at](int index) { setNodeKind(at, NodeKind(index)); });
    layout->addWidget(kind);
    const NodeKind nodeKind = kindOf(node);
    if (nodeKind == NodeKind::Comparison) {
        buildComparison(layout, at, node, box);
        return box;
    }
    auto* children = new QFrame(box);
    children->setFrameShape(QFrame::NoFrame);
    auto* inner = new QVBoxLayout(children);
    inner->setContentsMargins(18, 0, 0, 0);
    if (nodeKind == NodeKind::Not) {
        inner->addWidget(buildCondition(at + "/Not", node.value("Not", Json::object()), children));
    } else {
        const std::string key = nodeKind == NodeKind::And ? "And" : "Or";
        // A hand-written "And": 5 is the validator's to report: here it has no children.
        const auto found = node.find(key);
        const Json list =
            found != node.end() && found->is_array() ? *found : Json::array();
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string child = at + "/" + key + "/" + std::to_string(i);
            inner->addWidget(buttons(
                qs(child), i > 0, i + 1 < list.size(),
                [this, at, i](int offset) { moveChild(at, int(i), offset); },
                [this, at, i] { removeChild(at, int(i)); }, children));
            inner->addWidget(buildCondition(child, list[i], children));
        }
        auto* add = new QPushButton(tr("Add condition"), children);
        add->setObjectName(QStringLiteral("add:") + qs(at));
        add->setEnabled(m_context.editable);
        connect(add, &QPushButton::clicked, this, [this, at] { addChild(at); });
        inner->addWidget(add);
    }
    layout->addWidget(children);
    return box;
}

void ChoiceRulesEditor::buildComparison(QVBoxLayout* layout, const std::string& at,
                                        const Json& node, QWidget* parent) {
    auto* form = new QFormLayout();
    auto* variable = new FieldEditor(m_context, at + "/Variable", FieldKind::Path, parent);
    variable->setRequired(true);
    form->addRow(tr("Variable"), variable);
    const QString current = operatorOf(node);
    auto* op = new QComboBox(parent);
    op->setObjectName(QStringLiteral("operator:") + qs(at));
    for (const auto& candidate : comparisonOperators())
        op->addItem(candidate.name);
    op->setCurrentIndex(op->findText(current));
    op->setEnabled(m_context.editable);
    connect(op, &QComboBox::activated, this,
            [this, at, op](int index) { setOperator(at, op->itemText(index)); });
    form->addRow(tr("Operator"), op);
    if (const auto* known = findComparisonOperator(current)) {
        form->addRow(tr("Value"), new FieldEditor(m_context, at + "/" + current.toStdString(),
                                                  fieldKindOf(known->operand), parent));
    }
    layout->addLayout(form);
}

QWidget* ChoiceRulesEditor::buttons(const QString& at, bool canUp, bool canDown,
                                    const std::function<void(int)>& move,
                                    const std::function<void()>& remove, QWidget* parent) {
    auto* box = new QWidget(parent);
    auto* layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addStretch();
    const struct {
        const char* text;
        const char* prefix;
        bool enabled;
        std::function<void()> action;
    } specs[] = {{"↑", "up:", canUp, [move] { move(-1); }},
                 {"↓", "down:", canDown, [move] { move(+1); }},
                 {"✕", "remove:", true, remove}};
    for (const auto& spec : specs) {
        auto* button = new QPushButton(QString::fromUtf8(spec.text), box);
        button->setObjectName(QLatin1String(spec.prefix) + at);
        button->setMaximumWidth(32);
        button->setEnabled(m_context.editable && spec.enabled);
        connect(button, &QPushButton::clicked, this, spec.action);
        layout->addWidget(button);
    }
    return box;
}

bool ChoiceRulesEditor::writeNode(const std::string& relative, const Json& node,
                                  const QString& label) {
    return m_context.editable && m_context.commit(relative, node, label);
}

bool ChoiceRulesEditor::setOperator(const std::string& relative, const QString& name) {
    const Json* node = m_context.value(relative);
    const auto* op = findComparisonOperator(name);
    if (node == nullptr || op == nullptr) return false;
    const QString old = operatorOf(*node);
    if (old == name) return true;
    Json result = Json::object();
    for (const auto& [key, value] : node->items()) {
        if (qs(key) == old)
            result[name.toStdString()] = convertOperand(value, op->operand);
        else
            result[key] = value;
    }
    if (old.isEmpty()) result[name.toStdString()] = convertOperand(Json(), op->operand);
    return writeNode(relative, result, tr("Set operator %1").arg(name));
}

bool ChoiceRulesEditor::setNodeKind(const std::string& relative, NodeKind kind) {
    const Json* node = m_context.value(relative);
    if (node == nullptr || kindOf(*node) == kind) return node != nullptr;
    const Json condition = conditionOf(*node);
    const NodeKind from = kindOf(*node);
    Json next;
    if (kind == NodeKind::Comparison) {
        Json inner = Json::object();
        if (from == NodeKind::Not) {
            inner = condition.value("Not", Json::object());
        } else {
            const Json list = condition.value(from == NodeKind::And ? "And" : "Or", Json::array());
            if (list.is_array() && !list.empty()) inner = list.front();
        }
        next =
            kindOf(inner) == NodeKind::Comparison && !inner.empty() ? inner : defaultComparison();
    } else if (kind == NodeKind::Not) {
        next = Json{{"Not", condition}};
    } else {
        const bool isList = from == NodeKind::And || from == NodeKind::Or;
        const Json children =
            isList ? condition.value(from == NodeKind::And ? "And" : "Or", Json::array())
                   : Json::array({condition});
        next = Json{{kind == NodeKind::And ? "And" : "Or", children}};
    }
    return writeNode(relative, withCondition(*node, next),
                     tr("Make condition %1").arg(kNodeKinds[int(kind)]));
}

bool ChoiceRulesEditor::rewriteChildren(const std::string& relative,
                                        const std::function<void(Json&)>& change,
                                        const QString& label) {
    const Json* node = m_context.value(relative);
    if (node == nullptr) return false;
    const std::string key = node->contains("And") ? "And" : node->contains("Or") ? "Or" : "";
    if (key.empty()) return false;
    Json children = node->at(key);
    change(children);
    return writeNode(relative + "/" + key, children, label);
}

bool ChoiceRulesEditor::addChild(const std::string& relative) {
    return rewriteChildren(
        relative, [](Json& children) { children.push_back(defaultComparison()); },
        tr("Add condition"));
}

bool ChoiceRulesEditor::removeChild(const std::string& relative, int index) {
    return rewriteChildren(
        relative,
        [index](Json& children) {
            if (index >= 0 && index < int(children.size()))
                children.erase(children.begin() + index);
        },
        tr("Remove condition"));
}

bool ChoiceRulesEditor::moveChild(const std::string& relative, int index, int offset) {
    return rewriteChildren(
        relative,
        [index, offset](Json& children) {
            const int other = index + offset;
            if (index >= 0 && other >= 0 && index < int(children.size()) &&
                other < int(children.size()))
                std::swap(children[std::size_t(index)], children[std::size_t(other)]);
        },
        tr("Move condition"));
}

QString ChoiceRulesEditor::firstOtherState() const {
    for (const QString& name : m_context.scopeStates)
        if (name != m_context.stateName) return name;
    return {};
}

bool ChoiceRulesEditor::addRule() {
    const QString target = firstOtherState();
    if (!m_context.editable || target.isEmpty()) return false;
    Json rule = m_context.language == model::QueryLanguage::Jsonata
                    ? Json{{"Condition", "{% true %}"}}
                    : defaultComparison();
    rule["Next"] = target.toStdString();
    const Json* rules = m_context.value("/Choices");
    Json list = rules != nullptr && rules->is_array() ? *rules : Json::array();
    list.push_back(rule);
    return writeNode("/Choices", list, tr("Add rule"));
}

bool ChoiceRulesEditor::removeRule(int index) {
    const Json* rules = m_context.value("/Choices");
    if (rules == nullptr || index < 0 || index >= int(rules->size())) return false;
    Json list = *rules;
    list.erase(list.begin() + index);
    return writeNode("/Choices", list, tr("Remove rule"));
}

bool ChoiceRulesEditor::moveRule(int index, int offset) {
    const Json* rules = m_context.value("/Choices");
    const int other = index + offset;
    if (rules == nullptr || index < 0 || other < 0 || index >= int(rules->size()) ||
        other >= int(rules->size()))
        return false;
    Json list = *rules;
    std::swap(list[std::size_t(index)], list[std::size_t(other)]);
    return writeNode("/Choices", list, tr("Move rule"));
}

} // namespace flowcast::ui
