#include "model/jsonata/AstPrinter.h"

#include "model/jsonata/Lexer.h"
#include "model/jsonata/SyntaxError.h"

namespace flowcast::model::jsonata {
namespace {

bool isPlainName(const std::string& name) {
    if (name.empty()) return false;
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        const bool plain = u >= 0x80 || c == '_' || (c >= '0' && c <= '9') ||
                           (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!plain) return false;
    }
    return true;
}

class Printer {
public:
    std::string print(const Node& node) {
        m_out.clear();
        printNode(node);
        return std::move(m_out);
    }

private:
    void printNode(const Node& node) {
        body(node);
        annotations(node);
    }

    void list(std::string_view head, const std::vector<NodePtr>& items) {
        m_out += "(";
        m_out += head;
        for (const auto& item : items)
            child(item);
        m_out += ")";
    }

    void child(const NodePtr& node) {
        m_out += ' ';
        if (node)
            printNode(*node);
        else
            m_out += "null";
    }

    void pairs(const std::vector<KeyValue>& kvs) {
        for (const auto& kv : kvs) {
            m_out += " (";
            printNode(*kv.key);
            child(kv.value);
            m_out += ")";
        }
    }

    void literal(const Json& value) {
        if (value.is_string())
            m_out += jsonQuote(value.get<std::string>());
        else if (value.is_number())
            m_out += formatJsNumber(value.get<double>());
        else
            m_out += value.dump();
    }

    void body(const Node& node) {
        switch (node.kind) {
        case NodeKind::Path:
            list("path", node.as<PathExpr>().steps);
            break;
        case NodeKind::Name: {
            const auto& name = node.as<Identifier>().name;
            m_out += isPlainName(name) ? name : "`" + name + "`";
            break;
        }
        case NodeKind::String:
        case NodeKind::Number:
        case NodeKind::Value:
            literal(node.as<Literal>().value);
            break;
        case NodeKind::Regex:
            m_out += "/" + node.as<RegexLiteral>().pattern + "/" + node.as<RegexLiteral>().flags;
            break;
        case NodeKind::Variable:
            m_out += "$" + node.as<Identifier>().name;
            break;
        case NodeKind::Wildcard:
            m_out += "*";
            break;
        case NodeKind::Descendant:
            m_out += "**";
            break;
        case NodeKind::Parent:
            m_out += "%" + node.as<ParentRef>().label;
            break;
        case NodeKind::Binary:
        case NodeKind::Apply: {
            const auto& binary = node.as<BinaryExpr>();
            m_out += "(";
            m_out += binarySymbol(binary.op);
            child(binary.lhs);
            child(binary.rhs);
            m_out += ")";
            break;
        }
        case NodeKind::Negate:
            m_out += "(-";
            child(node.as<UnaryExpr>().operand);
            m_out += ")";
            break;
        case NodeKind::Array:
            list("array", node.as<Sequence>().items);
            break;
        case NodeKind::Block:
            list("block", node.as<Sequence>().items);
            break;
        case NodeKind::Object:
            m_out += "(object";
            pairs(node.as<ObjectExpr>().pairs);
            m_out += ")";
            break;
        case NodeKind::Condition: {
            const auto& c = node.as<Conditional>();
            m_out += "(?";
            child(c.condition);
            child(c.then);
            if (c.otherwise) child(c.otherwise);
            m_out += ")";
            break;
        }
        case NodeKind::Function:
        case NodeKind::Partial:
            call(node);
            break;
        case NodeKind::Placeholder:
            m_out += "?";
            break;
        case NodeKind::Lambda:
            lambda(node.as<LambdaExpr>());
            break;
        case NodeKind::Bind:
            m_out += "(:= $" + node.as<Binding>().variable;
            child(node.as<Binding>().value);
            m_out += ")";
            break;
        case NodeKind::Transform: {
            const auto& t = node.as<TransformExpr>();
            m_out += "(transform";
            child(t.pattern);
            child(t.update);
            if (t.remove) child(t.remove);
            m_out += ")";
            break;
        }
        case NodeKind::Sort:
            m_out += "(sort";
            for (const auto& term : node.as<SortExpr>().terms) {
                m_out += term.descending ? " >" : " <";
                printNode(*term.expression);
            }
            m_out += ")";
            break;
        }
    }

    void call(const Node& node) {
        const auto& c = node.as<Call>();
        m_out += node.kind == NodeKind::Partial ? "(partial" : "(call";
        child(c.procedure);
        for (const auto& argument : c.arguments)
            child(argument);
        m_out += ")";
        if (c.tailCall) m_out += ":tail";
    }

    void lambda(const LambdaExpr& lambda) {
        m_out += "(lambda (";
        for (std::size_t i = 0; i < lambda.parameters.size(); ++i) {
            m_out += (i ? " $" : "$") + lambda.parameters[i];
        }
        m_out += ")";
        if (lambda.signature) m_out += " " + lambda.signature->definition;
        child(lambda.body);
        m_out += ")";
    }

    void stages(const std::vector<Stage>& list, std::string_view prefix) {
        for (const auto& stage : list) {
            if (stage.kind == Stage::Kind::Index) {
                m_out += "#$" + stage.variable;
                continue;
            }
            m_out += "[";
            m_out += prefix;
            printNode(*stage.expression);
            m_out += "]";
        }
    }

    void annotations(const Node& node) {
        const StepInfo& step = node.step;
        if (step.focus) m_out += "@$" + *step.focus;
        if (step.index) m_out += "#$" + *step.index;
        stages(step.stages, "");
        stages(step.predicate, "pred:");
        if (step.group) {
            m_out += "{group";
            pairs(step.group->pairs);
            m_out += "}";
        }
        if (step.ancestor) m_out += "^" + *step.ancestor;
        if (step.tuple) m_out += ":tuple";
        if (step.keepArray) m_out += ":keep";
        if (step.consArray) m_out += ":cons";
        if (node.kind == NodeKind::Path && node.as<PathExpr>().keepSingletonArray) {
            m_out += ":keepSingleton";
        }
    }

    std::string m_out;
};

} // namespace

std::string toSExpression(const Node& node) {
    return Printer().print(node);
}

} // namespace flowcast::model::jsonata
