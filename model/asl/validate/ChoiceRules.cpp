#include "model/asl/PathSyntax.h"
#include "model/asl/validate/Context.h"

#include <array>

namespace flowcast::model::validate {
namespace {

enum class Operand { String, Number, Boolean, Timestamp, Path, IsTrue };

struct Operator {
    std::string_view name;
    Operand operand;
};

// The 39 comparison operators of a JSONPath Choice rule (AWS developer guide, Choice state).
constexpr std::array<Operator, 39> kOperators{{
    {"StringEquals", Operand::String},
    {"StringEqualsPath", Operand::Path},
    {"StringLessThan", Operand::String},
    {"StringLessThanPath", Operand::Path},
    {"StringGreaterThan", Operand::String},
    {"StringGreaterThanPath", Operand::Path},
    {"StringLessThanEquals", Operand::String},
    {"StringLessThanEqualsPath", Operand::Path},
    {"StringGreaterThanEquals", Operand::String},
    {"StringGreaterThanEqualsPath", Operand::Path},
    {"StringMatches", Operand::String},
    {"NumericEquals", Operand::Number},
    {"NumericEqualsPath", Operand::Path},
    {"NumericLessThan", Operand::Number},
    {"NumericLessThanPath", Operand::Path},
    {"NumericGreaterThan", Operand::Number},
    {"NumericGreaterThanPath", Operand::Path},
    {"NumericLessThanEquals", Operand::Number},
    {"NumericLessThanEqualsPath", Operand::Path},
    {"NumericGreaterThanEquals", Operand::Number},
    {"NumericGreaterThanEqualsPath", Operand::Path},
    {"BooleanEquals", Operand::Boolean},
    {"BooleanEqualsPath", Operand::Path},
    {"TimestampEquals", Operand::Timestamp},
    {"TimestampEqualsPath", Operand::Path},
    {"TimestampLessThan", Operand::Timestamp},
    {"TimestampLessThanPath", Operand::Path},
    {"TimestampGreaterThan", Operand::Timestamp},
    {"TimestampGreaterThanPath", Operand::Path},
    {"TimestampLessThanEquals", Operand::Timestamp},
    {"TimestampLessThanEqualsPath", Operand::Path},
    {"TimestampGreaterThanEquals", Operand::Timestamp},
    {"TimestampGreaterThanEqualsPath", Operand::Path},
    {"IsNull", Operand::IsTrue},
    {"IsPresent", Operand::IsTrue},
    {"IsNumeric", Operand::IsTrue},
    {"IsString", Operand::IsTrue},
    {"IsBoolean", Operand::IsTrue},
    {"IsTimestamp", Operand::IsTrue},
}};

const Operator* findOperator(std::string_view name) {
    for (const auto& op : kOperators)
        if (op.name == name) return &op;
    return nullptr;
}

void checkOperand(Context& ctx, const Operator& op, const Json& v, const std::string& p) {
    switch (op.operand) {
    case Operand::String:
        if (!v.is_string())
            ctx.schema(p, std::string(op.name) + " compares with a string, not " + typeName(v));
        break;
    case Operand::Number:
        if (!v.is_number())
            ctx.schema(p, std::string(op.name) + " compares with a number, not " + typeName(v));
        break;
    case Operand::Boolean:
    case Operand::IsTrue:
        if (!v.is_boolean())
            ctx.schema(p, std::string(op.name) + " takes true or false, not " + typeName(v));
        break;
    case Operand::Timestamp:
        if (!v.is_string() || !isRfc3339Timestamp(v.get_ref<const std::string&>()))
            ctx.schema(p, std::string(op.name) + " compares with an RFC 3339 timestamp string");
        break;
    case Operand::Path:
        checkReferencePathField(ctx, v, p, false, true);
        break;
    }
}

void checkRule(Context& ctx, const Json& rule, const std::string& p, bool topLevel,
               QueryLanguage lang, int depth);

void checkJsonataRule(Context& ctx, const Json& rule, const std::string& p) {
    for (const auto& [key, value] : rule.items()) {
        const std::string kp = pointerChild(p, key);
        if (key == "Condition") {
            if (value.is_boolean()) continue;
            if (!value.is_string())
                ctx.schema(kp, "Condition must be a JSONata expression, not " + typeName(value));
            else
                checkJsonataString(ctx, value.get_ref<const std::string&>(), kp, true);
        } else if (key == "Output") {
            checkJsonataTemplate(ctx, value, kp);
        } else if (key == "Assign") {
            checkAssign(ctx, value, kp, QueryLanguage::Jsonata);
        } else if (key != "Next" && key != "Comment") {
            ctx.schema(kp, "field \"" + key +
                               "\" is not allowed in a JSONata Choice rule (Condition, Next, "
                               "Output, Assign, Comment)");
        }
    }
    if (!rule.contains("Condition")) ctx.schema(p, "a JSONata Choice rule needs a Condition");
}

void checkCombinator(Context& ctx, const std::string& key, const Json& value, const std::string& kp,
                     QueryLanguage lang, int depth) {
    if (key == "Not") {
        if (!value.is_object())
            return ctx.schema(kp, "Not takes one rule object, not " + typeName(value));
        return checkRule(ctx, value, kp, false, lang, depth + 1);
    }
    if (!value.is_array() || value.empty())
        return ctx.schema(kp, key + " takes a non-empty array of rules");
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (!value[i].is_object())
            ctx.schema(pointerChild(kp, i), "a rule must be an object");
        else
            checkRule(ctx, value[i], pointerChild(kp, i), false, lang, depth + 1);
    }
}

void checkRule(Context& ctx, const Json& rule, const std::string& p, bool topLevel,
               QueryLanguage lang, int depth) {
    if (depth > 64) return ctx.schema(p, "Choice rules nest too deep");
    if (topLevel) {
        const auto next = rule.find("Next");
        if (next == rule.end())
            ctx.schema(p, "a Choice rule needs Next");
        else if (!next->is_string())
            ctx.schema(pointerChild(p, "Next"), "must be a string");
    } else if (rule.contains("Next")) {
        ctx.schema(pointerChild(p, "Next"), "only a top-level Choice rule has Next");
    }
    if (lang == QueryLanguage::Jsonata) return checkJsonataRule(ctx, rule, p);

    int comparisons = 0;
    bool hasVariable = false;
    for (const auto& [key, value] : rule.items()) {
        const std::string kp = pointerChild(p, key);
        if (key == "Next" || key == "Comment") continue;
        if (key == "Assign" && topLevel) {
            checkAssign(ctx, value, kp, lang);
        } else if (key == "Variable") {
            hasVariable = true;
            checkReferencePathField(ctx, value, kp, false, true);
        } else if (key == "And" || key == "Or" || key == "Not") {
            ++comparisons;
            checkCombinator(ctx, key, value, kp, lang, depth);
        } else if (const Operator* op = findOperator(key)) {
            ++comparisons;
            checkOperand(ctx, *op, value, kp);
        } else {
            ctx.schema(kp, "field \"" + key + "\" is not allowed in a Choice rule");
        }
    }
    const bool isCombinator = rule.contains("And") || rule.contains("Or") || rule.contains("Not");
    if (comparisons != 1) {
        ctx.schema(p, comparisons == 0
                          ? "a Choice rule needs one comparison operator (or And, Or, Not)"
                          : "a Choice rule holds exactly one comparison operator");
    } else if (!isCombinator && !hasVariable) {
        ctx.schema(p, "a comparison needs a Variable");
    } else if (isCombinator && hasVariable) {
        ctx.schema(pointerChild(p, "Variable"), "And, Or and Not rules have no Variable");
    }
}

} // namespace

void checkChoices(Context& ctx, const Json& v, const std::string& p, QueryLanguage language) {
    if (!v.is_array()) return ctx.schema(p, "must be an array of rules, not " + typeName(v));
    if (v.empty()) return ctx.schema(p, "must hold at least one rule");
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (!v[i].is_object())
            ctx.schema(pointerChild(p, i), "a rule must be an object, not " + typeName(v[i]));
        else
            checkRule(ctx, v[i], pointerChild(p, i), true, language, 0);
    }
}

} // namespace flowcast::model::validate
