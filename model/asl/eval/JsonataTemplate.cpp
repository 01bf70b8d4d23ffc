#include "model/asl/eval/JsonataTemplate.h"

#include "model/jsonata/EvaluationError.h"
#include "model/jsonata/Evaluator.h"

#include <chrono>

namespace flowcast::model::eval {

namespace {

const std::shared_ptr<const jsonata::FunctionLibrary>& library() {
    static const auto kLibrary = jsonata::FunctionLibrary::stepFunctions();
    return kLibrary;
}

EvalError queryError(const std::string& field, const std::string& text, const std::string& why) {
    return {"States.QueryEvaluationError", "An error occurred while executing the state's '" +
                                               field + "' field: the JSONata expression '" + text +
                                               "' " + why};
}

} // namespace

std::optional<std::string> jsonataExpressionText(const std::string& text) {
    if (text.size() < 4 || !text.starts_with("{%") || !text.ends_with("%}")) return std::nullopt;
    return text.substr(2, text.size() - 4);
}

JsonataTemplate::JsonataTemplate(const Json& value, std::string field)
    : m_template(value), m_field(std::move(field)) {
    std::vector<std::variant<std::string, std::size_t>> path;
    collect(m_template, path);
}

void JsonataTemplate::collect(const Json& value,
                              std::vector<std::variant<std::string, std::size_t>>& path) {
    if (value.is_string()) {
        const auto text = jsonataExpressionText(value.get_ref<const std::string&>());
        if (!text) return;
        Slot slot;
        slot.path = path;
        slot.text = *text;
        try {
            slot.expression = std::make_shared<const jsonata::Expression>(*text, library());
        } catch (const jsonata::ExpressionSyntaxError& e) {
            slot.error = "has a syntax error: " + e.error().message;
        }
        m_slots.push_back(std::move(slot));
        return;
    }
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            path.emplace_back(it.key());
            collect(it.value(), path);
            path.pop_back();
        }
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            path.emplace_back(i);
            collect(value[i], path);
            path.pop_back();
        }
    }
}

Result<Json> JsonataTemplate::evaluate(const Json& bindings, std::uint64_t seed,
                                       std::int64_t nowMillis) const {
    Json out = m_template;
    if (m_slots.empty()) return out;
    jsonata::EvaluateOptions options;
    options.seed = seed;
    options.now = std::chrono::system_clock::time_point(std::chrono::milliseconds(nowMillis));
    for (const Slot& slot : m_slots) {
        if (!slot.expression) return queryError(m_field, slot.text, slot.error);
        std::optional<Json> value;
        try {
            value = slot.expression->evaluate(std::nullopt, bindings, options);
        } catch (const jsonata::EvaluationError& e) {
            return queryError(m_field, slot.text, "failed: " + e.code() + ": " + e.message());
        } catch (const std::exception& e) {
            return queryError(m_field, slot.text, std::string("failed: ") + e.what());
        }
        if (!value) return queryError(m_field, slot.text, "returned nothing (undefined)");
        Json* at = &out;
        for (const auto& step : slot.path)
            at = std::holds_alternative<std::string>(step) ? &(*at)[std::get<std::string>(step)]
                                                           : &(*at)[std::get<std::size_t>(step)];
        *at = std::move(*value);
    }
    return out;
}

} // namespace flowcast::model::eval
