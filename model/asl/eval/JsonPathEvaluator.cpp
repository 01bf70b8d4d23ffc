#include "model/asl/eval/JsonPathEvaluator.h"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace flowcast::model::eval::jsonpath {
namespace {

// A path selecting more values than this is hostile ("$..*..*..*" on a deep document); a
// Step Functions payload (256 KiB) never comes close.
constexpr std::size_t kMaxMatches = 1'000'000;

std::string dumpCompact(const Json& value) {
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Jayway indexes: a negative index counts from the end ("[-1]" is the last element).
std::optional<std::size_t> resolveIndex(std::int64_t index, std::size_t size) {
    const auto n = static_cast<std::int64_t>(size);
    const std::int64_t i = index < 0 ? n + index : index;
    if (i < 0 || i >= n) return std::nullopt;
    return static_cast<std::size_t>(i);
}

// [from, to) of a slice; negative bounds count from the end and both are clamped to the array.
std::pair<std::size_t, std::size_t> sliceBounds(const Step& s, std::size_t size) {
    const auto n = static_cast<std::int64_t>(size);
    auto clamp = [n](std::int64_t v) { return std::clamp<std::int64_t>(v < 0 ? n + v : v, 0, n); };
    const std::int64_t from = s.from ? clamp(*s.from) : 0;
    const std::int64_t to = std::max(from, s.to ? clamp(*s.to) : n);
    return {static_cast<std::size_t>(from), static_cast<std::size_t>(to)};
}

int compareNumbers(const Json& a, const Json& b) {
    auto sign = [](auto x, auto y) { return (x > y) - (x < y); };
    if (!a.is_number_integer() || !b.is_number_integer())
        return sign(a.get<double>(), b.get<double>());
    const bool ua = a.is_number_unsigned(), ub = b.is_number_unsigned();
    if (ua && ub) return sign(a.get<std::uint64_t>(), b.get<std::uint64_t>());
    if (!ua && !ub) return sign(a.get<std::int64_t>(), b.get<std::int64_t>());
    if (ua) {
        const auto y = b.get<std::int64_t>();
        return y < 0 ? 1 : sign(a.get<std::uint64_t>(), static_cast<std::uint64_t>(y));
    }
    const auto x = a.get<std::int64_t>();
    return x < 0 ? -1 : sign(static_cast<std::uint64_t>(x), b.get<std::uint64_t>());
}

// Jayway compares a number with a string that spells a number by value ("1" == 1).
std::optional<Json> numberIn(const Json& value) {
    if (value.is_number()) return value;
    if (!value.is_string()) return std::nullopt;
    const auto& text = value.get_ref<const std::string&>();
    const bool shaped =
        !text.empty() &&
        (text.front() == '-' || std::isdigit(static_cast<unsigned char>(text.front()))) &&
        std::isdigit(static_cast<unsigned char>(text.back()));
    if (!shaped) return std::nullopt;
    Json number = Json::parse(text, nullptr, false);
    if (number.is_discarded() || !number.is_number()) return std::nullopt;
    return number;
}

// Filter ==: Jayway's ValueNode equality (numbers by value, a number and a numeric string by
// value, everything else as JSON).
bool equalValues(const Json& a, const Json& b) {
    if (a.is_number() != b.is_number() && (a.is_string() || b.is_string())) {
        const auto x = numberIn(a), y = numberIn(b);
        return x && y && compareNumbers(*x, *y) == 0;
    }
    if (a.is_number() && b.is_number()) return compareNumbers(a, b) == 0;
    return a == b;
}

// Filter < <= > >=: numbers with numbers, strings with strings; anything else is false.
std::optional<int> orderValues(const Json& a, const Json& b) {
    if (a.is_number() && b.is_number()) return compareNumbers(a, b);
    if (a.is_string() && b.is_string()) {
        const int c = a.get_ref<const std::string&>().compare(b.get_ref<const std::string&>());
        return (c > 0) - (c < 0);
    }
    return std::nullopt;
}

// Jayway's min / max / avg / sum: over the numbers, as doubles; none at all is an error.
bool aggregate(const std::string& function, const std::vector<double>& numbers, Json& out,
               std::string& failure) {
    if (numbers.empty()) {
        failure = "Aggregation function attempted to calculate value using empty array";
        return false;
    }
    const double sum = std::accumulate(numbers.begin(), numbers.end(), 0.0);
    if (function == "min")
        out = *std::min_element(numbers.begin(), numbers.end());
    else if (function == "max")
        out = *std::max_element(numbers.begin(), numbers.end());
    else if (function == "avg")
        out = sum / static_cast<double>(numbers.size());
    else
        out = sum;
    return true;
}

// A trailing function applied to one value. Jayway's length() is null for a scalar.
bool applyFunction(const Step& step, const Json& value, Json& out, std::string& failure) {
    if (step.function == "length") {
        out = value.is_structured() ? Json(value.size()) : Json(nullptr);
        return true;
    }
    std::vector<double> numbers;
    if (value.is_array())
        for (const Json& item : value)
            if (item.is_number()) numbers.push_back(item.get<double>());
    return aggregate(step.function, numbers, out, failure);
}

// The element a single index or a "(@.length-n)" script names; nullptr past either end.
const Json* elementAt(const Step& s, const Json& array) {
    const auto size = static_cast<std::int64_t>(array.size());
    const std::int64_t index =
        s.kind == StepKind::Script ? size + s.indexes.front() : s.indexes.front();
    if (s.kind == StepKind::Script && index < 0) return nullptr;
    const auto at = resolveIndex(index, array.size());
    return at ? &array[*at] : nullptr;
}

// Jayway merges the names of a trailing "['a','b']" it finds into one object.
Json mergeNames(const Step& s, const Json& object) {
    Json merged = Json::object();
    for (const std::string& name : s.names)
        if (const auto it = object.find(name); it != object.end()) merged[name] = *it;
    return merged;
}

// Jayway's reason a definite path finds nothing at step i, on `node`.
std::string whyNothing(const Path& path, std::size_t i, const Json& node) {
    const Step& s = path.steps[i];
    const std::size_t n = path.steps.size();
    const std::string none = "No results for path: $" + renderSteps(path, 0, n);
    if (s.kind == StepKind::Name || s.kind == StepKind::Names) {
        if (!node.is_object())
            return "Expected to find an object with property " + renderStep(s) + " in path $" +
                   renderSteps(path, 0, i) + " but found " + jsonTypeName(node);
        return i + 1 == n ? none : "Missing property in path $" + renderSteps(path, 0, i + 1);
    }
    if (node.is_null()) return "The path $" + renderSteps(path, 0, i) + " is null";
    if (!node.is_array())
        return "Filter: " + renderSteps(path, i, n) +
               " can only be applied to arrays. Current context is: " + dumpCompact(node);
    return none;
}

} // namespace

struct Evaluator::Value {
    const Json* ref = nullptr;
    std::optional<Json> owned;
    bool defined() const { return ref != nullptr || owned.has_value(); }
    const Json& get() const { return owned ? *owned : *ref; }
};

std::optional<std::string> findMissingVariable(const Path& path, const Scope& scope) {
    if (path.root == Root::Variable && (!scope.variables || !scope.variables->find(path.variable)))
        return path.variable;
    for (const FilterNode& node : path.nodes) {
        for (const Operand* operand : {&node.lhs, &node.rhs}) {
            if (!operand->path) continue;
            if (auto missing = findMissingVariable(*operand->path, scope)) return missing;
        }
    }
    return std::nullopt;
}

Evaluator::Evaluator(const Scope& scope, const Json& document)
    : m_scope(scope), m_document(document) {}

std::optional<Json> Evaluator::evaluate(const Path& path, const Json& start, std::string& failure) {
    std::optional<Json> result;
    if (path.isScanFunction()) {
        result = scanFunction(path, start, failure);
    } else if (path.isDefinite()) {
        Value value = walkDefinite(path, start, &failure);
        if (value.defined()) result = value.owned ? std::move(*value.owned) : *value.ref;
    } else {
        result = collect(path, start, failure);
    }
    if (m_tooMany) {
        failure = "the path selects more than " + std::to_string(kMaxMatches) + " values";
        return std::nullopt;
    }
    return result;
}

// A definite path, step by step; when a step finds nothing, Jayway's reason for it.
Evaluator::Value Evaluator::walkDefinite(const Path& path, const Json& start,
                                         std::string* failure) {
    const Json* current = &start;
    for (std::size_t i = 0; i < path.steps.size(); ++i) {
        const Step& s = path.steps[i];
        const Json* next = nullptr;
        if (s.kind == StepKind::Names && current->is_object()) // last: Jayway merges the names
            return Value{nullptr, mergeNames(s, *current)};
        if (s.kind == StepKind::Function) {
            Json out;
            std::string reason;
            if (applyFunction(s, *current, out, reason)) return Value{nullptr, std::move(out)};
            if (failure) *failure = std::move(reason);
            return {};
        }
        if (s.kind == StepKind::Name && current->is_object()) {
            if (const auto it = current->find(s.names.front()); it != current->end()) next = &*it;
        } else if ((s.kind == StepKind::Index || s.kind == StepKind::Script) &&
                   current->is_array()) {
            next = elementAt(s, *current);
        }
        if (!next) {
            if (failure) *failure = whyNothing(path, i, *current);
            return {};
        }
        current = next;
    }
    return Value{current, std::nullopt};
}

// An indefinite path: every match, then the trailing function on each (Jayway).
std::optional<Json> Evaluator::collect(const Path& path, const Json& start, std::string& failure) {
    const bool withFunction = !path.steps.empty() && path.steps.back().kind == StepKind::Function;
    std::vector<const Json*> matches;
    select(path, path.steps.size() - (withFunction ? 1 : 0), start, matches);
    Json out = Json::array();
    for (const Json* match : matches) {
        if (!withFunction) {
            out.push_back(*match);
            continue;
        }
        Json value;
        if (!applyFunction(path.steps.back(), *match, value, failure)) return std::nullopt;
        out.push_back(std::move(value));
    }
    return out;
}

// "$..x.fn()": Jayway turns it into fn($..x), applied to all the matches at once. length()
// counts the matches' children, so "$..book.length()" is the number of books.
std::optional<Json> Evaluator::scanFunction(const Path& path, const Json& start,
                                            std::string& failure) {
    std::vector<const Json*> matches;
    select(path, path.steps.size() - 1, start, matches);
    const Step& function = path.steps.back();
    if (function.function == "length") {
        std::size_t count = 0;
        for (const Json* match : matches)
            count += match->is_structured() ? match->size() : 0;
        return Json(count);
    }
    std::vector<double> numbers;
    for (const Json* match : matches)
        if (match->is_number()) numbers.push_back(match->get<double>());
    Json out;
    if (!aggregate(function.function, numbers, out, failure)) return std::nullopt;
    return out;
}

// Steps [0, count) from `start`, one step over all current nodes at a time.
void Evaluator::select(const Path& path, std::size_t count, const Json& start,
                       std::vector<const Json*>& out) {
    std::vector<const Json*> current{&start}, next;
    for (std::size_t i = 0; i < count && !current.empty() && !m_tooMany; ++i) {
        next.clear();
        for (const Json* node : current) {
            if (path.steps[i].scan)
                scan(path, i, *node, next);
            else
                apply(path, i, *node, next);
            if (next.size() > kMaxMatches) m_tooMany = true;
            if (m_tooMany) return;
        }
        current.swap(next);
    }
    out.insert(out.end(), current.begin(), current.end());
}

// One step on one node; what does not fit (a name on an array, an index past the end) matches
// nothing.
void Evaluator::apply(const Path& path, std::size_t i, const Json& node,
                      std::vector<const Json*>& out) {
    const Step& s = path.steps[i];
    const bool names = s.kind == StepKind::Name || s.kind == StepKind::Names;
    if (names && node.is_object()) {
        if (s.kind == StepKind::Names && i + 1 == path.steps.size()) {
            out.push_back(keep(mergeNames(s, node)));
            return;
        }
        for (const std::string& name : s.names)
            if (const auto it = node.find(name); it != node.end()) out.push_back(&*it);
    } else if (s.kind == StepKind::Index || s.kind == StepKind::Indexes) {
        if (!node.is_array()) return;
        for (const std::int64_t index : s.indexes)
            if (const auto at = resolveIndex(index, node.size())) out.push_back(&node[*at]);
    } else if (s.kind == StepKind::Script && node.is_array()) {
        if (const Json* element = elementAt(s, node)) out.push_back(element);
    } else if (s.kind == StepKind::Slice && node.is_array()) {
        const auto [from, to] = sliceBounds(s, node.size());
        for (std::size_t k = from; k < to; ++k)
            out.push_back(&node[k]);
    } else if (s.kind == StepKind::Wildcard && node.is_structured()) {
        for (const Json& child : node)
            out.push_back(&child);
    } else if (s.kind == StepKind::Filter) {
        // Jayway tests an object itself, and the elements of an array.
        if (node.is_object() && accept(path, s.filter, node)) out.push_back(&node);
        if (!node.is_array()) return;
        for (const Json& item : node)
            if (accept(path, s.filter, item)) out.push_back(&item);
    }
}

// "..": the step at `start` and at every object and array below it, in document order (each
// node before its descendants). An explicit stack: no recursion on the document's depth.
void Evaluator::scan(const Path& path, std::size_t i, const Json& start,
                     std::vector<const Json*>& out) {
    std::vector<const Json*> pending{&start};
    while (!pending.empty() && !m_tooMany) {
        const Json* node = pending.back();
        pending.pop_back();
        if (!node->is_structured()) continue;
        if (scanVisits(path, i, *node)) {
            if (path.steps[i].kind == StepKind::Filter && node->is_object())
                out.push_back(node);
            else
                apply(path, i, *node, out);
        }
        if (out.size() > kMaxMatches) m_tooMany = true;
        const std::size_t before = pending.size();
        for (const Json& child : *node)
            if (child.is_structured()) pending.push_back(&child);
        std::reverse(pending.begin() + static_cast<std::ptrdiff_t>(before), pending.end());
    }
}

// Jayway's scan predicates: which nodes the scanned step is applied to.
bool Evaluator::scanVisits(const Path& path, std::size_t i, const Json& node) {
    const Step& s = path.steps[i];
    switch (s.kind) {
    case StepKind::Name:
        return node.is_object() && node.contains(s.names.front());
    case StepKind::Names:
        if (!node.is_object()) return false;
        if (i + 1 != path.steps.size()) return true;
        return std::all_of(s.names.begin(), s.names.end(),
                           [&node](const std::string& name) { return node.contains(name); });
    case StepKind::Wildcard:
        return true;
    case StepKind::Filter:
        return accept(path, s.filter, node);
    default:
        return node.is_array();
    }
}

bool Evaluator::accept(const Path& path, int index, const Json& item) {
    const FilterNode& node = path.nodes[static_cast<std::size_t>(index)];
    auto test = [&](int child) { return accept(path, child, item); };
    switch (node.kind) {
    case FilterNode::Kind::Or:
        return std::any_of(node.children.begin(), node.children.end(), test);
    case FilterNode::Kind::And:
        return std::all_of(node.children.begin(), node.children.end(), test);
    case FilterNode::Kind::Not:
        return !test(node.children.front());
    case FilterNode::Kind::Compare:
        return compare(node, item);
    }
    return false;
}

bool Evaluator::compare(const FilterNode& node, const Json& item) {
    const Value left = operand(node.lhs, item);
    if (node.op == Compare::Exists) return left.defined();
    const Value right = operand(node.rhs, item);
    // Jayway: a missing value equals nothing, so != and nin hold.
    if (!left.defined() || !right.defined())
        return node.op == Compare::Ne || node.op == Compare::Nin;
    const Json& a = left.get();
    const Json& b = right.get();
    auto in = [&] {
        return b.is_array() &&
               std::any_of(b.begin(), b.end(), [&a](const Json& e) { return equalValues(a, e); });
    };
    const std::optional<int> order = orderValues(a, b);
    switch (node.op) {
    case Compare::Eq:
        return equalValues(a, b);
    case Compare::Ne:
        return !equalValues(a, b);
    case Compare::Lt:
        return order && *order < 0;
    case Compare::Le:
        return order && *order <= 0;
    case Compare::Gt:
        return order && *order > 0;
    case Compare::Ge:
        return order && *order >= 0;
    case Compare::In:
        return in();
    case Compare::Nin:
        return !in();
    case Compare::Exists:
        break;
    }
    return false;
}

// A filter operand: a literal, or a path that is undefined when it selects nothing.
Evaluator::Value Evaluator::operand(const Operand& operand, const Json& item) {
    if (operand.literal) return Value{&*operand.literal, std::nullopt};
    const Path& path = *operand.path;
    // AWS: "The @ operator, matching the current node being processed in a filter, does not
    // match scalar values. It only matches objects."
    if (path.root == Root::Current && path.steps.empty() && !item.is_structured()) return {};
    const Json* start = rootValue(path, item);
    if (!start) return {};
    if (path.isDefinite() && !path.isScanFunction()) return walkDefinite(path, *start, nullptr);
    std::string ignored;
    std::optional<Json> all = path.isScanFunction() ? scanFunction(path, *start, ignored)
                                                    : collect(path, *start, ignored);
    return all ? Value{nullptr, std::move(all)} : Value{};
}

const Json* Evaluator::rootValue(const Path& path, const Json& item) const {
    switch (path.root) {
    case Root::Current:
        return &item;
    case Root::Document:
        return &m_document;
    case Root::Context:
        return &m_scope.context;
    case Root::Variable:
        return m_scope.variables ? m_scope.variables->find(path.variable) : nullptr;
    }
    return nullptr;
}

const Json* Evaluator::keep(Json value) {
    m_computed.push_back(std::move(value));
    return &m_computed.back();
}

} // namespace flowcast::model::eval::jsonpath
