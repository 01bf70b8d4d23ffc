#include "model/jsonata/Parser.h"

#include "model/jsonata/AstBuilder.h"
#include "model/jsonata/Lexer.h"
#include "model/jsonata/ParseTree.h"

#include <optional>
#include <string>

namespace flowcast::model::jsonata {
namespace {

// Left binding powers from jsonata-js's operator table. Symbols that are only prefixes or
// separators (** | .. : ; , ) ] }) bind nothing on their left.
int bindingPower(std::string_view id) {
    struct Entry {
        std::string_view id;
        int power;
    };
    static constexpr Entry kTable[] = {
        {".", 75},   {"[", 80},  {"{", 70},  {"(", 80},  {"@", 80},  {"#", 80},  {"?", 20},
        {"+", 50},   {"-", 50},  {"*", 60},  {"/", 60},  {"%", 60},  {"=", 40},  {"<", 40},
        {">", 40},   {"^", 40},  {"!=", 40}, {"<=", 40}, {">=", 40}, {"~>", 40}, {"&", 50},
        {"and", 30}, {"or", 25}, {"in", 40}, {":=", 10}, {"??", 40}, {"?:", 40},
    };
    for (const auto& entry : kTable) {
        if (entry.id == id) return entry.power;
    }
    return 0;
}

// The current token as the Pratt loop sees it: `id` is the symbol-table key, i.e. the operator
// itself, or "(name)", "(literal)", "(regex)", "(end)".
struct Symbol {
    std::string id;
    Token token;
    bool isEnd() const { return id == "(end)"; }
    bool isOperator(std::string_view op) const {
        return token.type == TokenType::Operator && id == op;
    }
};

MessageArg tokenArg(const Symbol& symbol) {
    const Token& t = symbol.token;
    if (symbol.isEnd()) return {"(end)", true};
    switch (t.type) {
    case TokenType::Number:
        return {formatJsNumber(t.number), false};
    case TokenType::Value:
        return {t.text, false};
    case TokenType::Regex:
        return {"/" + t.text + "/" + t.regexFlags, true};
    default:
        return {t.text, true};
    }
}

// What `sig += token.value` adds in jsonata-js while it collects a lambda signature.
std::string signatureText(const Symbol& symbol) {
    if (symbol.isEnd()) return "(end)";
    const Token& t = symbol.token;
    if (t.type == TokenType::Number) return formatJsNumber(t.number);
    if (t.type == TokenType::Regex) return "/" + t.text + "/" + t.regexFlags + "g";
    return t.text;
}

MessageArg rawArg(const RawNode& node) {
    switch (node.type) {
    case RawType::Number:
        return {formatJsNumber(node.number), false};
    case RawType::Value:
        return {node.value, false};
    default:
        return {node.value, true};
    }
}

[[noreturn]] void fail(std::string_view code, std::size_t position, MessageArg token = {},
                       MessageArg value = {}) {
    throw ParseFailure(makeSyntaxError(code, position, std::move(token), std::move(value)));
}

// jsonata-js's top-down operator-precedence parser: pulls tokens from the Lexer and builds the
// raw tree. One per parse; the first error throws ParseFailure.
class PrattParser {
public:
    PrattParser(std::string_view source, const ParseOptions& options)
        : m_source(source), m_lexer(source, options.coalescingOperators) {}

    RawPtr parseAll() {
        advance();
        RawPtr expr = expression(0);
        if (!m_node.isEnd()) fail("S0201", m_node.token.position, tokenArg(m_node));
        return expr;
    }

private:
    // Prefix (nud) and infix (led) handlers, chosen by the token: a member-pointer table keeps
    // each handler its own small stack frame, which bounds the stack a deep expression needs.
    using Nud = RawPtr (PrattParser::*)(RawPtr);
    using Led = RawPtr (PrattParser::*)(RawPtr, RawPtr);
    Nud nudFor(const RawNode& token) const;
    Led ledFor(const RawNode& token) const;

    void advance(std::string_view expected = {}, bool afterOperand = false);
    RawPtr expression(int rbp);
    RawPtr leaf(const Symbol& symbol) const;
    RawPtr terminal(RawPtr node) { return node; }
    RawPtr prefixSymbol(RawPtr node);
    RawPtr negation(RawPtr node);
    RawPtr notPrefix(RawPtr node);
    RawPtr block(RawPtr node);
    RawPtr arrayConstructor(RawPtr node);
    RawPtr objectConstructor(RawPtr node);
    RawPtr groupBy(RawPtr node, RawPtr left);
    RawPtr transform(RawPtr node);
    RawPtr call(RawPtr node, RawPtr left);
    void lambda(RawNode& node);
    Signature signature();
    RawPtr filter(RawPtr node, RawPtr left);
    RawPtr orderBy(RawPtr node, RawPtr left);
    RawPtr variableBinding(RawPtr node, RawPtr left);
    RawPtr condition(RawPtr node, RawPtr left);
    RawPtr coalescing(RawPtr node, RawPtr left);
    RawPtr operation(RawPtr node, RawPtr left);
    RawPtr infix(RawPtr node, RawPtr left, int rbp);
    void seal(RawNode& node) const;

    std::string_view m_source;
    Lexer m_lexer;
    Symbol m_node;
    int m_recursion = 0;
};

void PrattParser::advance(std::string_view expected, bool afterOperand) {
    if (!expected.empty() && m_node.id != expected) {
        fail(m_node.isEnd() ? "S0203" : "S0202", m_node.token.position, tokenArg(m_node),
             {std::string(expected), true});
    }
    std::optional<Token> token = m_lexer.next(afterOperand);
    if (!token) {
        m_node = Symbol{"(end)", Token{}};
        m_node.token.text = "(end)";
        m_node.token.position = m_source.size();
        return;
    }
    switch (token->type) {
    case TokenType::Name:
    case TokenType::Variable:
        m_node.id = "(name)";
        break;
    case TokenType::Regex:
        m_node.id = "(regex)";
        break;
    case TokenType::Operator:
        // '!' and '~' end names but only exist as parts of "!=" and "~>".
        if (token->text == "!" || token->text == "~") {
            fail("S0204", token->position, {token->text, true});
        }
        m_node.id = token->text;
        break;
    default:
        m_node.id = "(literal)";
        break;
    }
    m_node.token = std::move(*token);
}

void PrattParser::seal(RawNode& node) const {
    node.updateDepth();
    if (node.depth > kMaxNestingDepth) fail(kNestingTooDeep, node.position);
}

RawPtr PrattParser::expression(int rbp) {
    struct Guard {
        int& depth;
        ~Guard() { --depth; }
    } guard{++m_recursion};
    if (m_recursion > kMaxNestingDepth) fail(kNestingTooDeep, m_node.token.position);

    RawPtr token = leaf(m_node);
    advance({}, true);
    const Nud nud = nudFor(*token);
    RawPtr left = (this->*nud)(std::move(token));
    seal(*left);
    while (rbp < bindingPower(m_node.id)) {
        token = leaf(m_node);
        advance();
        const Led led = ledFor(*token);
        left = (this->*led)(std::move(token), std::move(left));
        seal(*left);
    }
    return left;
}

RawPtr PrattParser::leaf(const Symbol& symbol) const {
    auto node = std::make_unique<RawNode>();
    const Token& t = symbol.token;
    node->value = t.text;
    node->position = t.position;
    node->number = t.number;
    node->regexFlags = t.regexFlags;
    if (symbol.isEnd()) {
        node->type = RawType::End;
        return node;
    }
    switch (t.type) {
    case TokenType::Name:
        node->type = RawType::Name;
        break;
    case TokenType::Variable:
        node->type = RawType::Variable;
        break;
    case TokenType::String:
        node->type = RawType::String;
        break;
    case TokenType::Number:
        node->type = RawType::Number;
        break;
    case TokenType::Value:
        node->type = RawType::Value;
        break;
    case TokenType::Regex:
        node->type = RawType::Regex;
        break;
    case TokenType::Operator:
        node->type = RawType::Operator;
        break;
    }
    return node;
}

PrattParser::Nud PrattParser::nudFor(const RawNode& token) const {
    if (token.type != RawType::Operator) return &PrattParser::terminal;
    const std::string& op = token.value;
    if (op == "and" || op == "or" || op == "in") return &PrattParser::terminal; // field names
    if (op == "-") return &PrattParser::negation;
    if (op == "*" || op == "**" || op == "%") return &PrattParser::prefixSymbol;
    if (op == "(") return &PrattParser::block;
    if (op == "[") return &PrattParser::arrayConstructor;
    if (op == "{") return &PrattParser::objectConstructor;
    if (op == "|") return &PrattParser::transform;
    return &PrattParser::notPrefix;
}

PrattParser::Led PrattParser::ledFor(const RawNode& token) const {
    const std::string& op = token.value;
    if (op == "(") return &PrattParser::call;
    if (op == "[") return &PrattParser::filter;
    if (op == "^") return &PrattParser::orderBy;
    if (op == "{") return &PrattParser::groupBy;
    if (op == ":=" || op == "@" || op == "#") return &PrattParser::variableBinding;
    if (op == "?") return &PrattParser::condition;
    if (op == "??" || op == "?:") return &PrattParser::coalescing;
    return &PrattParser::operation;
}

RawPtr PrattParser::prefixSymbol(RawPtr node) {
    node->type = node->value == "*"    ? RawType::Wildcard
                 : node->value == "**" ? RawType::Descendant
                                       : RawType::Parent;
    return node;
}

RawPtr PrattParser::negation(RawPtr node) {
    node->type = RawType::Unary;
    node->lhs = expression(70);
    return node;
}

RawPtr PrattParser::notPrefix(RawPtr node) {
    fail("S0211", node->position, {node->value, true});
}

RawPtr PrattParser::operation(RawPtr node, RawPtr left) {
    const int power = bindingPower(node->value);
    return infix(std::move(node), std::move(left), power);
}

// The 2.1 operators read everything to their right, as jsonata-js does.
RawPtr PrattParser::coalescing(RawPtr node, RawPtr left) {
    return infix(std::move(node), std::move(left), 0);
}

RawPtr PrattParser::groupBy(RawPtr node, RawPtr left) {
    node->lhs = std::move(left);
    return objectConstructor(std::move(node));
}

RawPtr PrattParser::infix(RawPtr node, RawPtr left, int rbp) {
    node->type = RawType::Binary;
    node->lhs = std::move(left);
    node->rhs = expression(rbp);
    return node;
}

RawPtr PrattParser::block(RawPtr node) {
    node->type = RawType::Block;
    while (m_node.id != ")") {
        node->items.push_back(expression(0));
        if (m_node.id != ";") break;
        advance(";");
    }
    advance(")", true);
    return node;
}

RawPtr PrattParser::arrayConstructor(RawPtr node) {
    node->type = RawType::Unary;
    if (m_node.id != "]") {
        for (;;) {
            RawPtr item = expression(0);
            if (m_node.id == "..") {
                auto range = std::make_unique<RawNode>();
                range->type = RawType::Binary;
                range->value = "..";
                range->position = m_node.token.position;
                range->lhs = std::move(item);
                advance("..");
                range->rhs = expression(0);
                seal(*range);
                item = std::move(range);
            }
            node->items.push_back(std::move(item));
            if (m_node.id != ",") break;
            advance(",");
        }
    }
    advance("]", true);
    return node;
}

// Both the object constructor {k: v} (prefix) and group-by a{k: v} (infix, lhs already set).
RawPtr PrattParser::objectConstructor(RawPtr node) {
    node->type = node->lhs ? RawType::Binary : RawType::Unary;
    if (m_node.id != "}") {
        for (;;) {
            RawPair pair;
            pair.key = expression(0);
            advance(":");
            pair.value = expression(0);
            node->pairs.push_back(std::move(pair));
            if (m_node.id != ",") break;
            advance(",");
        }
    }
    advance("}", true);
    return node;
}

RawPtr PrattParser::transform(RawPtr node) {
    node->type = RawType::Transform;
    node->pattern = expression(0);
    advance("|");
    node->update = expression(0);
    if (m_node.id == ",") {
        advance(",");
        node->remove = expression(0);
    }
    advance("|");
    return node;
}

RawPtr PrattParser::call(RawPtr node, RawPtr left) {
    node->type = RawType::Function;
    node->procedure = std::move(left);
    if (m_node.id != ")") {
        for (;;) {
            if (m_node.isOperator("?")) {
                node->type = RawType::Partial;
                node->items.push_back(leaf(m_node));
                advance("?");
            } else {
                node->items.push_back(expression(0));
            }
            if (m_node.id != ",") break;
            advance(",");
        }
    }
    advance(")", true);
    const RawNode& callee = *node->procedure;
    if (callee.type == RawType::Name && (callee.value == "function" || callee.value == "\u03BB")) {
        lambda(*node);
    }
    return node;
}

void PrattParser::lambda(RawNode& node) {
    for (std::size_t i = 0; i < node.items.size(); ++i) {
        const RawNode& param = *node.items[i];
        if (param.type != RawType::Variable) {
            fail("S0208", param.position, rawArg(param), {std::to_string(i + 1), false});
        }
    }
    node.type = RawType::Lambda;
    if (m_node.id == "<") node.signature = signature();
    advance("{");
    node.body = expression(0);
    advance("}");
}

Signature PrattParser::signature() {
    // jsonata-js re-assembles the signature from tokens, so whitespace inside it is dropped.
    const std::size_t signaturePosition = m_node.token.position;
    int depth = 1;
    std::string text = "<";
    while (depth > 0 && m_node.id != "{" && !m_node.isEnd()) {
        advance();
        if (m_node.id == ">")
            --depth;
        else if (m_node.id == "<")
            ++depth;
        text += signatureText(m_node);
    }
    advance(">");
    return parseSignature(text, signaturePosition);
}

RawPtr PrattParser::filter(RawPtr node, RawPtr left) {
    if (m_node.id == "]") {
        // a[] keeps singleton arrays; the flag goes on the step under any earlier filters.
        RawNode* step = left.get();
        while (step->type == RawType::Binary && step->value == "[")
            step = step->lhs.get();
        step->keepArray = true;
        advance("]");
        return left;
    }
    node->type = RawType::Binary;
    node->lhs = std::move(left);
    node->rhs = expression(0);
    advance("]", true);
    return node;
}

RawPtr PrattParser::orderBy(RawPtr node, RawPtr left) {
    advance("(");
    for (;;) {
        RawSortTerm term;
        if (m_node.id == "<") {
            advance("<");
        } else if (m_node.id == ">") {
            term.descending = true;
            advance(">");
        }
        term.expression = expression(0);
        node->terms.push_back(std::move(term));
        if (m_node.id != ",") break;
        advance(",");
    }
    advance(")");
    node->type = RawType::Binary;
    node->lhs = std::move(left);
    return node;
}

// $v := value, step@$v and step#$i: the variable side must be a plain variable.
RawPtr PrattParser::variableBinding(RawPtr node, RawPtr left) {
    if (node->value == ":=") {
        if (left->type != RawType::Variable) fail("S0212", left->position, rawArg(*left));
        return infix(std::move(node), std::move(left), bindingPower(":=") - 1);
    }
    const int power = bindingPower(node->value);
    node = infix(std::move(node), std::move(left), power);
    if (node->rhs->type != RawType::Variable) {
        fail("S0214", node->rhs->position, {node->value, true});
    }
    return node;
}

RawPtr PrattParser::condition(RawPtr node, RawPtr left) {
    node->type = RawType::Condition;
    node->condition = std::move(left);
    node->then = expression(0);
    if (m_node.id == ":") {
        advance(":");
        node->otherwise = expression(0);
    }
    return node;
}

} // namespace

ParseResult parse(std::string_view expression, const ParseOptions& options) {
    ParseResult result;
    try {
        const Utf16Positions positions(expression);
        try {
            PrattParser parser(expression, options);
            RawPtr raw = parser.parseAll();
            result.ast = AstBuilder(positions).build(*raw);
        } catch (const ParseFailure& failure) {
            result.error = failure.error();
            result.error->position = positions(result.error->position);
        }
    } catch (const std::exception& exception) {
        // Out of memory, mostly; parse() promises not to throw.
        result.error = makeSyntaxError(kInternalFailure, 0, {exception.what(), true});
    }
    if (result.error) result.ast.reset();
    return result;
}

std::size_t byteOffsetOf(std::string_view expression, std::size_t position) {
    std::size_t units = 0;
    std::size_t byte = 0;
    while (byte < expression.size() && units < position) {
        const std::size_t length = utf8SequenceLength(expression, byte);
        units += length == 4 ? 2 : 1;
        byte += length;
    }
    return byte;
}

} // namespace flowcast::model::jsonata
