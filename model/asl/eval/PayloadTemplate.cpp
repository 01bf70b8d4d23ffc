#include "model/asl/eval/PayloadTemplate.h"

#include "model/asl/eval/IntrinsicValueText.h"
#include "model/asl/eval/JsonPathParser.h"
#include "model/asl/eval/PayloadSize.h"

#include <algorithm>
#include <exception>
#include <string_view>
#include <unordered_map>

namespace flowcast::model::eval {
namespace {

EvalError unexpected(const char* what) {
    return {"States.Runtime", std::string("Evaluation failed unexpectedly: ") + what};
}

bool isDynamicKey(std::string_view key) {
    return key.size() > 2 && key.substr(key.size() - 2) == ".$";
}

} // namespace

// Walks the template depth-first with an explicit stack (templates may nest deeper than the call
// stack allows), building the skeleton the way the template is evaluated: a later key that lands
// on the same name ("a" after "a.$") replaces the earlier one, in place.
struct PayloadTemplate::Builder {
    // How to reach a node from its parent: a key in an object, an index in an array.
    struct Step {
        std::string key;
        std::uint32_t index = 0;
    };
    struct Frame {
        const Json* source;
        Json::const_iterator next;
        std::uint32_t count = 0;
        Json built;
        Step at;   ///< where `built` goes in its parent
        bool live; ///< no later key of the parent (or further up) replaces it
        std::unordered_map<std::string_view, std::uint32_t>
            lastOf; ///< objects: last entry per name
    };

    PayloadTemplate& target;
    std::vector<Frame> stack;
    std::vector<std::vector<Step>> paths; ///< per field

    void open(const Json& source, Step at, bool live) {
        Frame frame{&source,
                    source.cbegin(),
                    0,
                    source.is_object() ? Json::object() : Json::array(),
                    std::move(at),
                    live,
                    {}};
        if (source.is_object()) {
            std::uint32_t i = 0;
            for (auto it = source.cbegin(); it != source.cend(); ++it, ++i)
                frame.lastOf[nameOf(it.key())] = i;
        }
        stack.push_back(std::move(frame));
    }

    static std::string_view nameOf(std::string_view key) {
        return isDynamicKey(key) ? key.substr(0, key.size() - 2) : key;
    }

    static void place(Json& parent, const Step& at, Json&& value) {
        if (parent.is_object())
            parent[at.key] = std::move(value);
        else
            parent.push_back(std::move(value));
    }

    std::vector<Step> pathTo(const std::string& name) const {
        std::vector<Step> path;
        for (std::size_t k = 1; k < stack.size(); ++k)
            path.push_back(stack[k].at);
        path.push_back({name, 0});
        return path;
    }

    void run(const Json& root) {
        open(root, {}, true);
        while (!stack.empty()) {
            Frame& top = stack.back();
            if (top.next == top.source->cend()) {
                Frame done = std::move(top);
                stack.pop_back();
                if (stack.empty()) {
                    target.m_skeleton = std::move(done.built);
                    break;
                }
                place(stack.back().built, done.at, std::move(done.built));
                continue;
            }
            const auto it = top.next++;
            const std::uint32_t index = top.count++;
            if (!top.source->is_object()) {
                if (it->is_structured())
                    open(*it, {{}, index}, top.live); // `top` is not used after this
                else
                    top.built.push_back(*it);
                continue;
            }
            const std::string& key = it.key();
            const std::string name(nameOf(key));
            const bool live = top.live && top.lastOf[name] == index;
            if (isDynamicKey(key)) {
                Field field;
                field.key = key;
                field.live = live;
                if (it->is_string())
                    field.value.emplace(it->get_ref<const std::string&>());
                else
                    field.refusedType = jsonTypeName(*it);
                target.m_fields.push_back(std::move(field));
                paths.push_back(pathTo(name));
                top.built[name] = nullptr;
            } else if (it->is_structured()) {
                open(*it, {name, 0}, live); // `top` is not used after this
            } else {
                top.built[name] = *it;
            }
        }
        resolve();
    }

    // Entry and element indexes of each placeholder that stays in the skeleton.
    void resolve() {
        for (std::size_t f = 0; f < target.m_fields.size(); ++f) {
            Field& field = target.m_fields[f];
            if (!field.live) continue;
            const Json* node = &target.m_skeleton;
            for (const Step& step : paths[f]) {
                if (node->is_array()) {
                    field.position.push_back(step.index);
                    node = &(*node)[step.index];
                    continue;
                }
                const auto& entries = node->get_ref<const Json::object_t&>();
                const auto entry = std::find_if(entries.begin(), entries.end(),
                                                [&](const auto& e) { return e.first == step.key; });
                field.position.push_back(static_cast<std::uint32_t>(entry - entries.begin()));
                node = &entry->second;
            }
        }
    }
};

PayloadTemplate::PayloadTemplate(const Json& payloadTemplate) {
    if (!payloadTemplate.is_structured()) {
        m_skeleton = payloadTemplate;
        return;
    }
    Builder{*this, {}, {}}.run(payloadTemplate);
    findMovable();
    // Each live field's placeholder is a null (4 bytes) that its value replaces: text lengths
    // add up, so the filled value's length is this plus the values' lengths.
    const auto live = std::count_if(m_fields.begin(), m_fields.end(),
                                    [](const Field& field) { return field.live; });
    m_skeletonSize = payloadSize(m_skeleton) - 4 * static_cast<std::size_t>(live);
}

// Only for templates made of plain paths ("$.a.b", "$$.x"): nothing else reads the input behind
// their backs. A value may be moved out of the input when no other field reads it or anything
// inside it; indexes are assumed to meet ("[-1]" may be "[2]").
void PayloadTemplate::findMovable() {
    using jsonpath::Root;
    using jsonpath::StepKind;
    for (const Field& field : m_fields)
        if (!field.value || field.value->isIntrinsicCall() || !field.value->path().isSimple())
            return;
    auto covers = [](const jsonpath::Path& outer, const jsonpath::Path& inner) {
        if (outer.root != inner.root || outer.steps.size() > inner.steps.size()) return false;
        for (std::size_t k = 0; k < outer.steps.size(); ++k) {
            const jsonpath::Step& a = outer.steps[k];
            const jsonpath::Step& b = inner.steps[k];
            if (a.kind == StepKind::Name && b.kind == StepKind::Name &&
                a.names.front() != b.names.front())
                return false;
        }
        return true;
    };
    for (std::size_t i = 0; i < m_fields.size(); ++i) {
        Field& field = m_fields[i];
        const jsonpath::Path& path = *field.value->path().parsed();
        field.movable = field.live && path.root == Root::Document;
        for (std::size_t j = 0; j < m_fields.size() && field.movable; ++j)
            if (j != i && covers(*m_fields[j].value->path().parsed(), path)) field.movable = false;
        m_takes = m_takes || field.movable;
    }
}

Result<Json> PayloadTemplate::evaluate(const Scope& scope) const& {
    try {
        return fill(m_skeleton, scope);
    } catch (const std::exception& e) {
        return unexpected(e.what());
    }
}

Result<Json> PayloadTemplate::evaluate(const Scope& scope) && {
    try {
        return fill(std::move(m_skeleton), scope);
    } catch (const std::exception& e) {
        return unexpected(e.what());
    }
}

Result<Json> PayloadTemplate::evaluateTaking(Json& input, const Json& context,
                                             const Variables* vars, RandomSource* random) const {
    const Scope scope{input, context, vars, random};
    if (!m_takes) return evaluate(scope);
    try {
        // Find every value first, on the untouched input: the first field that finds nothing
        // fails the template, with the cause evaluate() gives.
        std::vector<const Json*> found(m_fields.size());
        Json storage;
        for (std::size_t i = 0; i < m_fields.size(); ++i) {
            Result<const Json*> value = findPath(m_fields[i].value->path(), scope, storage);
            if (!value.ok()) return evaluateField(m_fields[i], scope);
            if (value.value() == &storage) return evaluate(scope); // computed: not plain after all
            found[i] = value.value();
        }
        Json out = m_skeleton;
        // Copies first: a value that moves may hold one that is copied.
        for (std::size_t i = 0; i < m_fields.size(); ++i)
            if (m_fields[i].live && !m_fields[i].movable) put(out, m_fields[i], Json(*found[i]));
        for (std::size_t i = 0; i < m_fields.size(); ++i)
            if (m_fields[i].movable) // inside `input`, which the caller gave up
                put(out, m_fields[i], std::move(*const_cast<Json*>(found[i])));
        return out;
    } catch (const std::exception& e) {
        return unexpected(e.what());
    }
}

Result<bool> PayloadTemplate::fitsLimit(const Scope& scope, std::size_t limit) const {
    if (m_fields.empty()) return payloadSize(m_skeleton, limit) <= limit;
    try {
        // Computed values live here; reserved so that pointers into it stay valid.
        std::vector<Json> owned;
        owned.reserve(2 * m_fields.size());
        std::vector<const Json*> values;
        values.reserve(m_fields.size());
        for (const Field& field : m_fields) {
            const Json* value = nullptr;
            if (field.value && !field.value->isIntrinsicCall()) {
                Result<const Json*> found =
                    findPath(field.value->path(), scope, owned.emplace_back());
                if (found.ok()) value = found.value();
            }
            if (!value) { // a call, or a path that finds nothing: evaluate() gives its error
                Result<Json> evaluated = evaluateField(field, scope);
                if (!evaluated.ok()) return evaluated.error();
                value = &owned.emplace_back(std::move(evaluated.value()));
            }
            if (field.live) values.push_back(value);
        }
        // A bound from lengths alone settles nearly every case; count exactly otherwise.
        if (m_skeletonSize <= limit) {
            std::size_t room = limit - m_skeletonSize;
            if (std::all_of(values.begin(), values.end(),
                            [&room](const Json* v) { return fitsWithinBound(*v, room); }))
                return true;
        }
        std::size_t size = m_skeletonSize;
        for (const Json* value : values) {
            if (size > limit) break;
            size += payloadSize(*value, limit);
        }
        return size <= limit;
    } catch (const std::exception& e) {
        return unexpected(e.what());
    }
}

void PayloadTemplate::put(Json& skeleton, const Field& field, Json&& value) {
    Json* node = &skeleton;
    for (const std::uint32_t i : field.position)
        node = node->is_object() ? &(node->get_ref<Json::object_t&>().begin() + i)->second
                                 : &(*node)[i];
    *node = std::move(value);
}

// Fields are evaluated in the order they are written, so the first failure is the one reported;
// a field another key replaces is still evaluated, for its errors.
Result<Json> PayloadTemplate::fill(Json skeleton, const Scope& scope) const {
    for (const Field& field : m_fields) {
        Result<Json> value = evaluateField(field, scope);
        if (!value.ok()) return value;
        if (field.live) put(skeleton, field, std::move(value.value()));
    }
    return skeleton;
}

// AWS names the field when its path matches nothing: "The JSONPath '$.x' specified for the field
// 'name.$' could not be found in the input '{...}'".
Result<Json> PayloadTemplate::evaluateField(const Field& field, const Scope& scope) const {
    if (!field.value)
        return EvalError{"States.Runtime", "The value of the field '" + field.key +
                                               "' must be a path or an intrinsic function, not " +
                                               field.refusedType};
    Result<Json> result = field.value->evaluate(scope);
    if (!result.ok() && !field.value->isIntrinsicCall() &&
        result.error().error == "States.Runtime") {
        return EvalError{"States.Runtime", "The JSONPath '" + field.value->text() +
                                               "' specified for the field '" + field.key +
                                               "' could not be found in the input '" +
                                               compactJson(scope.input) + "'"};
    }
    return result;
}

Result<Json> evaluatePayloadTemplate(const Json& payloadTemplate, const Scope& scope) {
    try {
        return PayloadTemplate(payloadTemplate).evaluate(scope);
    } catch (const std::exception& e) {
        return unexpected(e.what());
    }
}

} // namespace flowcast::model::eval
