#include "model/jsonata/Ast.h"

namespace flowcast::model::jsonata {

std::string_view binarySymbol(BinaryOp op) {
    switch (op) {
    case BinaryOp::Add:
        return "+";
    case BinaryOp::Subtract:
        return "-";
    case BinaryOp::Multiply:
        return "*";
    case BinaryOp::Divide:
        return "/";
    case BinaryOp::Modulo:
        return "%";
    case BinaryOp::Equal:
        return "=";
    case BinaryOp::NotEqual:
        return "!=";
    case BinaryOp::Less:
        return "<";
    case BinaryOp::LessEqual:
        return "<=";
    case BinaryOp::Greater:
        return ">";
    case BinaryOp::GreaterEqual:
        return ">=";
    case BinaryOp::Concat:
        return "&";
    case BinaryOp::And:
        return "and";
    case BinaryOp::Or:
        return "or";
    case BinaryOp::In:
        return "in";
    case BinaryOp::Range:
        return "..";
    case BinaryOp::Coalesce:
        return "??";
    case BinaryOp::Default:
        return "?:";
    case BinaryOp::Chain:
        return "~>";
    }
    return "?";
}

std::string_view jsonataTypeName(NodeKind kind) {
    switch (kind) {
    case NodeKind::Path:
        return "path";
    case NodeKind::Name:
        return "name";
    case NodeKind::String:
        return "string";
    case NodeKind::Number:
        return "number";
    case NodeKind::Value:
        return "value";
    case NodeKind::Regex:
        return "regex";
    case NodeKind::Variable:
        return "variable";
    case NodeKind::Wildcard:
        return "wildcard";
    case NodeKind::Descendant:
        return "descendant";
    case NodeKind::Parent:
        return "parent";
    case NodeKind::Binary:
        return "binary";
    case NodeKind::Negate:
    case NodeKind::Array:
    case NodeKind::Object:
        return "unary";
    case NodeKind::Block:
        return "block";
    case NodeKind::Condition:
        return "condition";
    case NodeKind::Function:
        return "function";
    case NodeKind::Partial:
        return "partial";
    case NodeKind::Placeholder:
        return "operator";
    case NodeKind::Lambda:
        return "lambda";
    case NodeKind::Bind:
        return "bind";
    case NodeKind::Apply:
        return "apply";
    case NodeKind::Transform:
        return "transform";
    case NodeKind::Sort:
        return "sort";
    }
    return "unknown";
}

} // namespace flowcast::model::jsonata
