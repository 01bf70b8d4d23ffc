#pragma once
// A Choice state's rules in the inspector, as a tree: each rule a framed row with its condition
// and its Next; a condition is a comparison (Variable, one of the 39 ASL operators, an operand
// typed by the operator) or an And / Or / Not node with children. JSONata states show one
// Condition expression per rule. Every change rewrites the one rule or node it concerns: one
// edit, one undo step. The Default target closes the section.
#include "ui/inspector/FieldEditors.h"

#include <QGroupBox>

class QVBoxLayout;

namespace flowcast::ui {

/// How a comparison operator's operand is written.
enum class Operand { String, Number, Boolean, Timestamp, Path };

struct ComparisonOperator {
    QString name; ///< "StringEquals", "NumericGreaterThanPath", "IsPresent" ...
    Operand operand;
};

/// The 39 comparison operators of a JSONPath Choice rule, in AWS's documentation order.
const std::vector<ComparisonOperator>& comparisonOperators();
const ComparisonOperator* findComparisonOperator(const QString& name);
/// `value` converted for `operand`, keeping what can be kept ("12" -> 12, 3 -> "3").
model::Json convertOperand(const model::Json& value, Operand operand);

class ChoiceRulesEditor : public QGroupBox {
    Q_OBJECT
public:
    enum class NodeKind { Comparison, And, Or, Not };

    explicit ChoiceRulesEditor(const InspectorContext& context, QWidget* parent = nullptr);

    bool addRule();
    bool removeRule(int index);
    bool moveRule(int index, int offset);
    /// Replaces the comparison operator of the node at `relative` ("/Choices/0/And/1").
    bool setOperator(const std::string& relative, const QString& name);
    /// Turns the node at `relative` into `kind`, keeping its condition inside when it can.
    bool setNodeKind(const std::string& relative, NodeKind kind);
    /// Adds a comparison to the And / Or node at `relative`.
    bool addChild(const std::string& relative);
    /// Removes or moves child `index` of the And / Or node at `relative`.
    bool removeChild(const std::string& relative, int index);
    bool moveChild(const std::string& relative, int index, int offset);

private:
    void buildRule(QVBoxLayout* layout, int index, const model::Json& rule);
    QWidget* buildCondition(const std::string& at, const model::Json& node, QWidget* parent);
    void buildComparison(QVBoxLayout* layout, const std::string& at, const model::Json& node,
                         QWidget* parent);
    QWidget* buttons(const QString& at, bool canUp, bool canDown,
                     const std::function<void(int)>& move, const std::function<void()>& remove,
                     QWidget* parent);
    bool writeNode(const std::string& relative, const model::Json& node, const QString& label);
    bool rewriteChildren(const std::string& relative,
                         const std::function<void(model::Json&)>& change, const QString& label);
    QString firstOtherState() const;

    InspectorContext m_context;
};

} // namespace flowcast::ui
