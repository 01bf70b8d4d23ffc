#include "model/jsonata/AstBuilder.h"

#include "model/jsonata/Runtime.h"
#include "model/jsonata/SyntaxError.h"

#include <algorithm>

namespace flowcast::model::jsonata {
namespace {

using MutableNode = std::shared_ptr<Node>;

// Nodes are created non-const by this pass and only handed out as const once it is done, so
// amending a step already stored in a path is sound.
Node& edit(const NodePtr& node) {
    return const_cast<Node&>(*node);
}

std::vector<NodePtr>& stepsOf(Node& path) {
    return std::get<PathExpr>(path.payload).steps;
}

[[noreturn]] void fail(std::string_view code, std::size_t position, MessageArg token = {},
                       MessageArg value = {}) {
    throw ParseFailure(makeSyntaxError(code, position, std::move(token), std::move(value)));
}

BinaryOp binaryOp(const std::string& op) {
    static const std::pair<std::string_view, BinaryOp> kOps[] = {
        {"+", BinaryOp::Add},       {"-", BinaryOp::Subtract},      {"*", BinaryOp::Multiply},
        {"/", BinaryOp::Divide},    {"%", BinaryOp::Modulo},        {"=", BinaryOp::Equal},
        {"!=", BinaryOp::NotEqual}, {"<", BinaryOp::Less},          {"<=", BinaryOp::LessEqual},
        {">", BinaryOp::Greater},   {">=", BinaryOp::GreaterEqual}, {"&", BinaryOp::Concat},
        {"and", BinaryOp::And},     {"or", BinaryOp::Or},           {"in", BinaryOp::In},
        {"..", BinaryOp::Range},    {"??", BinaryOp::Coalesce},     {"?:", BinaryOp::Default},
        {"~>", BinaryOp::Chain},
    };
    for (const auto& [symbol, value] : kOps) {
        if (symbol == op) return value;
    }
    fail("S0204", 0, {op, true}); // unreachable: the parser only builds known operators
}

// Only a call that is itself the value of a lambda (directly, through a condition's branches
// or as a block's last expression) can be trampolined by the evaluator.
void markTailCalls(Node& node) {
    if (node.kind == NodeKind::Function && node.step.predicate.empty()) {
        std::get<Call>(node.payload).tailCall = true;
    } else if (node.kind == NodeKind::Condition) {
        auto& branches = std::get<Conditional>(node.payload);
        markTailCalls(edit(branches.then));
        if (branches.otherwise) markTailCalls(edit(branches.otherwise));
    } else if (node.kind == NodeKind::Block) {
        auto& items = std::get<Sequence>(node.payload).items;
        if (!items.empty()) markTailCalls(edit(items.back()));
    }
}

Literal literalOf(Json value) {
    Literal literal{std::move(value), Value()};
    if (!literal.value.is_structured()) literal.scalar = fromJson(literal.value);
    return literal;
}

// A step with nothing attached: no filters, index or focus bindings, grouping or [].
bool isPlainStep(const StepInfo& step) {
    return step.stages.empty() && step.predicate.empty() && !step.group && !step.focus &&
           !step.index && !step.ancestor && !step.tuple && !step.keepArray && !step.consArray;
}

bool hasFocus(const Node& node) {
    return node.step.focus && !node.step.focus->empty();
}

} // namespace

AstBuilder::MutableNode AstBuilder::create(NodeKind kind, std::size_t position, Payload payload) {
    auto node = std::make_shared<Node>();
    node->kind = kind;
    node->position = position;
    node->payload = std::move(payload);
    m_allNodes.push_back(node);
    return node;
}

AstBuilder::MutableNode AstBuilder::wrapInPath(MutableNode first, std::size_t position) {
    PathExpr path;
    path.steps.push_back(std::move(first));
    return create(NodeKind::Path, position, std::move(path));
}

NodePtr AstBuilder::build(RawNode& root) {
    MutableNode result = process(root);
    if (result->kind == NodeKind::Parent || m_seeking.count(result.get()) != 0) {
        // A '%' that climbs above the outermost path has nothing to refer to.
        fail("S0217", result->position, {std::string(jsonataTypeName(result->kind)), true});
    }
    finishLabels();
    convertPositions();
    prepareForEvaluation();
    return result;
}

// Dispatch goes through member pointers rather than one big switch: the handlers stay separate
// functions, so each level of a deep expression costs only its own handler's stack frame.
AstBuilder::MutableNode AstBuilder::process(RawNode& raw) {
    MutableNode result = (this->*handlerFor(raw))(raw);
    if (raw.keepArray) result->step.keepArray = true;
    return result;
}

AstBuilder::Handler AstBuilder::handlerFor(const RawNode& raw) {
    switch (raw.type) {
    case RawType::Binary:
        return binaryHandlerFor(raw.value);
    case RawType::Unary:
        return &AstBuilder::processUnary;
    case RawType::Function:
    case RawType::Partial:
        return &AstBuilder::processCall;
    case RawType::Lambda:
        return &AstBuilder::processLambda;
    case RawType::Condition:
        return &AstBuilder::processCondition;
    case RawType::Transform:
        return &AstBuilder::processTransform;
    case RawType::Block:
        return &AstBuilder::processBlock;
    case RawType::Name:
        return &AstBuilder::processName;
    case RawType::Parent:
        return &AstBuilder::processParent;
    case RawType::Operator:
        return &AstBuilder::processOperator;
    case RawType::End:
        return &AstBuilder::processEnd;
    default:
        return &AstBuilder::processLeaf;
    }
}

AstBuilder::Handler AstBuilder::binaryHandlerFor(const std::string& op) {
    if (op == ".") return &AstBuilder::processPathStep;
    if (op == "[") return &AstBuilder::processFilter;
    if (op == "{") return &AstBuilder::processGroupBy;
    if (op == "^") return &AstBuilder::processOrderBy;
    if (op == "@") return &AstBuilder::processFocus;
    if (op == "#") return &AstBuilder::processIndex;
    if (op == ":=") return &AstBuilder::processBind;
    if (op == "~>") return &AstBuilder::processApply;
    return &AstBuilder::processOperation;
}

AstBuilder::MutableNode AstBuilder::processLeaf(RawNode& raw) {
    switch (raw.type) {
    case RawType::String:
        return create(NodeKind::String, raw.position, literalOf(Json(raw.value)));
    case RawType::Number:
        return create(NodeKind::Number, raw.position, literalOf(Json(raw.number)));
    case RawType::Value: {
        Json value = raw.value == "true" ? Json(true) : raw.value == "false" ? Json(false) : Json();
        return create(NodeKind::Value, raw.position, literalOf(std::move(value)));
    }
    case RawType::Regex:
        return create(NodeKind::Regex, raw.position,
                      RegexLiteral{raw.value, raw.regexFlags, nullptr});
    case RawType::Variable:
        return create(NodeKind::Variable, raw.position, Identifier{raw.value});
    case RawType::Wildcard:
        return create(NodeKind::Wildcard, raw.position);
    default:
        return create(NodeKind::Descendant, raw.position);
    }
}

AstBuilder::MutableNode AstBuilder::processEnd(RawNode& raw) {
    fail("S0207", raw.position, {"(end)", true});
}

AstBuilder::MutableNode AstBuilder::processBind(RawNode& raw) {
    Binding binding{raw.lhs->value, process(*raw.rhs)};
    auto result = create(NodeKind::Bind, raw.position, std::move(binding));
    pushAncestry(*result, *result->as<Binding>().value);
    return result;
}

AstBuilder::MutableNode AstBuilder::processApply(RawNode& raw) {
    BinaryExpr binary{BinaryOp::Chain, process(*raw.lhs), process(*raw.rhs)};
    // $x ~> $f()[]: the [] written on either side keeps the chain's result an array.
    const bool keepArray = binary.lhs->step.keepArray || binary.rhs->step.keepArray;
    auto result = create(NodeKind::Apply, raw.position, std::move(binary));
    result->step.keepArray = keepArray;
    return result;
}

AstBuilder::MutableNode AstBuilder::processOperation(RawNode& raw) {
    BinaryExpr binary{binaryOp(raw.value), process(*raw.lhs), process(*raw.rhs)};
    auto result = create(NodeKind::Binary, raw.position, std::move(binary));
    pushAncestry(*result, *result->as<BinaryExpr>().lhs);
    pushAncestry(*result, *result->as<BinaryExpr>().rhs);
    return result;
}

// a.b: both sides become steps of one path.
AstBuilder::MutableNode AstBuilder::processPathStep(RawNode& raw) {
    MutableNode first = process(*raw.lhs);
    MutableNode result = first->kind == NodeKind::Path ? first : wrapInPath(first, raw.position);
    if (first->kind == NodeKind::Parent) {
        m_seeking[result.get()] = std::make_shared<std::vector<int>>(1, m_parentSlot[first.get()]);
    }
    MutableNode rest = process(*raw.rhs);
    auto& steps = stepsOf(*result);
    if (rest->kind == NodeKind::Path) {
        const auto& more = stepsOf(*rest);
        steps.insert(steps.end(), more.begin(), more.end());
    } else {
        // Filters on a step apply per step, not to the whole result.
        if (!rest->step.predicate.empty())
            rest->step.stages = std::exchange(rest->step.predicate, {});
        steps.push_back(rest);
    }
    for (const NodePtr& step : steps) {
        if (step->kind == NodeKind::Number || step->kind == NodeKind::Value) {
            const Json& value = step->as<Literal>().value;
            const std::string text =
                value.is_number() ? formatJsNumber(value.get<double>()) : value.dump();
            fail("S0213", step->position, {}, {text, false});
        }
        if (step->kind == NodeKind::String) {
            // "a b".c: a string literal step names a field.
            Node& named = edit(step);
            named.kind = NodeKind::Name;
            named.payload = Identifier{named.as<Literal>().value.get<std::string>()};
        }
    }
    auto& path = std::get<PathExpr>(result->payload);
    path.keepSingletonArray =
        std::any_of(steps.begin(), steps.end(), [](const NodePtr& s) { return s->step.keepArray; });
    if (steps.front()->kind == NodeKind::Array) edit(steps.front()).step.consArray = true;
    if (steps.back()->kind == NodeKind::Array) edit(steps.back()).step.consArray = true;
    resolveAncestry(*result);
    return result;
}

AstBuilder::MutableNode AstBuilder::processFilter(RawNode& raw) {
    MutableNode result = process(*raw.lhs);
    const bool inPath = result->kind == NodeKind::Path;
    Node& step = inPath ? edit(stepsOf(*result).back()) : *result;
    if (step.step.group) fail("S0209", raw.position);
    MutableNode predicate = process(*raw.rhs);
    if (auto seeking = m_seeking.find(predicate.get()); seeking != m_seeking.end()) {
        const SlotList slots = seeking->second;
        for (const int slot : *slots) {
            if (m_slots[slot].level == 1)
                seekParent(step, slot);
            else
                --m_slots[slot].level;
        }
        pushAncestry(step, *predicate);
    }
    auto& stages = inPath ? step.step.stages : step.step.predicate;
    stages.push_back(Stage{Stage::Kind::Filter, predicate, {}, raw.position});
    return result;
}

AstBuilder::MutableNode AstBuilder::processGroupBy(RawNode& raw) {
    MutableNode result = process(*raw.lhs);
    if (result->step.group) fail("S0210", raw.position);
    GroupBy group{processPairs(raw.pairs, nullptr), raw.position};
    result->step.group = std::move(group);
    return result;
}

AstBuilder::MutableNode AstBuilder::processOrderBy(RawNode& raw) {
    MutableNode result = process(*raw.lhs);
    if (result->kind != NodeKind::Path) result = wrapInPath(result, result->position);
    auto sort = create(NodeKind::Sort, raw.position, SortExpr{});
    auto& terms = std::get<SortExpr>(sort->payload).terms;
    for (RawSortTerm& term : raw.terms) {
        MutableNode expression = process(*term.expression);
        pushAncestry(*sort, *expression);
        terms.push_back(SortTerm{term.descending, expression});
    }
    stepsOf(*result).push_back(sort);
    resolveAncestry(*result);
    return result;
}

AstBuilder::MutableNode AstBuilder::processFocus(RawNode& raw) {
    MutableNode result = process(*raw.lhs);
    Node& step = result->kind == NodeKind::Path ? edit(stepsOf(*result).back()) : *result;
    if (!step.step.stages.empty() || !step.step.predicate.empty()) fail("S0215", raw.position);
    if (step.kind == NodeKind::Sort) fail("S0216", raw.position);
    if (raw.keepArray) step.step.keepArray = true;
    step.step.focus = raw.rhs->value;
    step.step.tuple = true;
    return result;
}

AstBuilder::MutableNode AstBuilder::processIndex(RawNode& raw) {
    MutableNode result = process(*raw.lhs);
    Node* step = result.get();
    if (result->kind == NodeKind::Path) {
        step = &edit(stepsOf(*result).back());
    } else {
        result = wrapInPath(result, result->position);
        if (!step->step.predicate.empty())
            step->step.stages = std::exchange(step->step.predicate, {});
    }
    if (step->step.stages.empty()) {
        step->step.index = raw.rhs->value;
    } else {
        step->step.stages.push_back(
            Stage{Stage::Kind::Index, nullptr, raw.rhs->value, raw.position});
    }
    step->step.tuple = true;
    return result;
}

AstBuilder::MutableNode AstBuilder::processUnary(RawNode& raw) {
    if (raw.value == "[") {
        auto result = create(NodeKind::Array, raw.position, Sequence{});
        auto& items = std::get<Sequence>(result->payload).items;
        for (RawPtr& item : raw.items) {
            items.push_back(process(*item));
            pushAncestry(*result, *items.back());
        }
        return result;
    }
    if (raw.value == "{") {
        auto result = create(NodeKind::Object, raw.position, ObjectExpr{});
        std::get<ObjectExpr>(result->payload).pairs = processPairs(raw.pairs, result.get());
        return result;
    }
    MutableNode operand = process(*raw.lhs);
    if (operand->kind == NodeKind::Number) {
        auto& literal = std::get<Literal>(operand->payload);
        literal = literalOf(Json(-literal.value.get<double>()));
        return operand;
    }
    auto result = create(NodeKind::Negate, raw.position, UnaryExpr{operand});
    pushAncestry(*result, *operand);
    return result;
}

std::vector<KeyValue> AstBuilder::processPairs(std::vector<RawPair>& pairs, Node* ancestryOwner) {
    std::vector<KeyValue> result;
    for (RawPair& pair : pairs) {
        MutableNode key = process(*pair.key);
        if (ancestryOwner) pushAncestry(*ancestryOwner, *key);
        MutableNode value = process(*pair.value);
        if (ancestryOwner) pushAncestry(*ancestryOwner, *value);
        result.push_back(KeyValue{key, value});
    }
    return result;
}

AstBuilder::MutableNode AstBuilder::processCall(RawNode& raw) {
    const auto kind = raw.type == RawType::Partial ? NodeKind::Partial : NodeKind::Function;
    auto result = create(kind, raw.position, Call{});
    auto& call = std::get<Call>(result->payload);
    for (RawPtr& argument : raw.items) {
        call.arguments.push_back(process(*argument));
        pushAncestry(*result, *call.arguments.back());
    }
    call.procedure = process(*raw.procedure);
    return result;
}

AstBuilder::MutableNode AstBuilder::processLambda(RawNode& raw) {
    LambdaExpr lambda;
    for (const RawPtr& parameter : raw.items)
        lambda.parameters.push_back(parameter->value);
    lambda.signature = std::move(raw.signature);
    MutableNode body = process(*raw.body);
    markTailCalls(*body);
    lambda.body = body;
    return create(NodeKind::Lambda, raw.position, std::move(lambda));
}

AstBuilder::MutableNode AstBuilder::processCondition(RawNode& raw) {
    auto result = create(NodeKind::Condition, raw.position, Conditional{});
    auto& branches = std::get<Conditional>(result->payload);
    branches.condition = process(*raw.condition);
    pushAncestry(*result, *branches.condition);
    branches.then = process(*raw.then);
    pushAncestry(*result, *branches.then);
    if (raw.otherwise) {
        branches.otherwise = process(*raw.otherwise);
        pushAncestry(*result, *branches.otherwise);
    }
    return result;
}

AstBuilder::MutableNode AstBuilder::processTransform(RawNode& raw) {
    TransformExpr transform{process(*raw.pattern), process(*raw.update), nullptr};
    if (raw.remove) transform.remove = process(*raw.remove);
    return create(NodeKind::Transform, raw.position, std::move(transform));
}

AstBuilder::MutableNode AstBuilder::processBlock(RawNode& raw) {
    auto result = create(NodeKind::Block, raw.position, Sequence{});
    auto& items = std::get<Sequence>(result->payload).items;
    for (RawPtr& item : raw.items) {
        MutableNode part = process(*item);
        pushAncestry(*result, *part);
        const bool pathStartsWithArray =
            part->kind == NodeKind::Path && stepsOf(*part).front()->step.consArray;
        if (part->step.consArray || pathStartsWithArray) result->step.consArray = true;
        items.push_back(part);
    }
    return result;
}

AstBuilder::MutableNode AstBuilder::processName(RawNode& raw) {
    auto name = create(NodeKind::Name, raw.position, Identifier{raw.value});
    name->step.keepArray = raw.keepArray;
    auto path = wrapInPath(name, raw.position);
    std::get<PathExpr>(path->payload).keepSingletonArray = raw.keepArray;
    return path;
}

AstBuilder::MutableNode AstBuilder::processParent(RawNode& raw) {
    const int slot = static_cast<int>(m_slots.size());
    m_slots.push_back(Slot{"!" + std::to_string(slot), 1});
    auto result = create(NodeKind::Parent, raw.position, ParentRef{});
    m_parentSlot[result.get()] = slot;
    m_parents.emplace_back(result.get(), slot);
    return result;
}

AstBuilder::MutableNode AstBuilder::processOperator(RawNode& raw) {
    if (raw.value == "and" || raw.value == "or" || raw.value == "in") return processName(raw);
    if (raw.value == "?") return create(NodeKind::Placeholder, raw.position);
    fail("S0201", raw.position, {raw.value, true});
}

// jsonata-js's seekParent: walk back from a '%' until `level` steps have been climbed; the
// step reached keeps its input under the slot's label.
void AstBuilder::seekParent(Node& node, int slot) {
    switch (node.kind) {
    case NodeKind::Name:
    case NodeKind::Wildcard:
        if (--m_slots[slot].level == 0) {
            auto [it, inserted] = m_ancestorSlot.try_emplace(&node, slot);
            if (!inserted) {
                // Two '%' reach the same step: they share its label.
                m_slots[slot].label = m_slots[it->second].label;
                it->second = slot;
            }
            node.step.tuple = true;
        }
        break;
    case NodeKind::Parent:
        ++m_slots[slot].level;
        break;
    case NodeKind::Block: {
        auto& items = std::get<Sequence>(node.payload).items;
        if (!items.empty()) {
            node.step.tuple = true;
            seekParent(edit(items.back()), slot);
        }
        break;
    }
    case NodeKind::Path: {
        node.step.tuple = true;
        auto& steps = stepsOf(node);
        auto index = static_cast<long>(steps.size()) - 1;
        seekParent(edit(steps[index--]), slot);
        while (m_slots[slot].level > 0 && index >= 0)
            seekParent(edit(steps[index--]), slot);
        break;
    }
    default:
        fail("S0217", node.position, {std::string(jsonataTypeName(node.kind)), true});
    }
}

// The list is shared, not copied, as jsonata-js shares its seekingParent arrays.
void AstBuilder::pushAncestry(const Node& owner, const Node& value) {
    const auto found = m_seeking.find(&value);
    const bool isParent = value.kind == NodeKind::Parent;
    if (found == m_seeking.end() && !isParent) return;
    SlotList slots =
        found != m_seeking.end() ? found->second : std::make_shared<std::vector<int>>();
    if (isParent) slots->push_back(m_parentSlot[&value]);
    SlotList& target = m_seeking[&owner];
    if (!target) {
        target = slots;
    } else {
        const std::vector<int> added = *slots;
        target->insert(target->end(), added.begin(), added.end());
    }
}

void AstBuilder::resolveAncestry(Node& path) {
    auto& steps = stepsOf(path);
    Node& last = edit(steps.back());
    const auto found = m_seeking.find(&last);
    SlotList slots =
        found != m_seeking.end() ? found->second : std::make_shared<std::vector<int>>();
    if (last.kind == NodeKind::Parent) slots->push_back(m_parentSlot[&last]);
    for (std::size_t i = 0; i < slots->size(); ++i) {
        const int slot = (*slots)[i];
        auto index = static_cast<long>(steps.size()) - 2;
        while (m_slots[slot].level > 0) {
            if (index < 0) {
                SlotList& pending = m_seeking[&path];
                if (!pending) pending = std::make_shared<std::vector<int>>();
                pending->push_back(slot);
                break;
            }
            Node* step = &edit(steps[index--]);
            // Consecutive steps that each bind a focus variable count as one.
            while (index >= 0 && hasFocus(*step) && hasFocus(*steps[index])) {
                step = &edit(steps[index--]);
            }
            seekParent(*step, slot);
        }
    }
}

void AstBuilder::convertPositions() {
    for (const MutableNode& node : m_allNodes) {
        node->position = m_positions(node->position);
        for (auto* stages : {&node->step.stages, &node->step.predicate}) {
            for (Stage& stage : *stages)
                stage.position = m_positions(stage.position);
        }
        if (node->step.group) node->step.group->position = m_positions(node->step.group->position);
    }
}

// What the evaluator would otherwise work out on every evaluation: regexes compiled (with the
// final, UTF-16 positions their errors report) and the paths that are a lone field name.
void AstBuilder::prepareForEvaluation() {
    for (const MutableNode& node : m_allNodes) {
        if (node->kind == NodeKind::Regex) {
            auto& literal = std::get<RegexLiteral>(node->payload);
            literal.compiled = compileRegex(literal.pattern, literal.flags, node->position);
        }
        if (node->kind != NodeKind::Path) continue;
        auto& path = std::get<PathExpr>(node->payload);
        path.singleName = path.steps.size() == 1 && path.steps[0]->kind == NodeKind::Name &&
                          !path.keepSingletonArray && isPlainStep(node->step) &&
                          isPlainStep(path.steps[0]->step);
    }
}

void AstBuilder::finishLabels() {
    for (auto& [node, slot] : m_parents)
        node->payload = ParentRef{m_slots[slot].label};
    for (auto& [node, slot] : m_ancestorSlot)
        node->step.ancestor = m_slots[slot].label;
}

} // namespace flowcast::model::jsonata
