#pragma once
// A JSONata-state field prepared once: a JSON value in which every string written whole as
// "{% <expression> %}" is a JSONata expression (AWS: "JSONata syntax: "{% <JSONata expression>
// %}"), anything else a literal. Evaluating it fills each expression's place with its value,
// against bindings that hold `$states` ({"input", "result", "errorOutput", "context"}) and the
// workflow variables. Failures come back as Step Functions reports them:
// States.QueryEvaluationError with the field and jsonata's message. Immutable once built; shared by
// every execution.
#include "model/asl/Json.h"
#include "model/asl/eval/EvalTypes.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace flowcast::model::jsonata {
class Expression;
}

namespace flowcast::model::eval {

class JsonataTemplate {
public:
    /// `field` names the field in messages ("Arguments", "Choices[0].Condition").
    JsonataTemplate(const Json& value, std::string field);

    /// True when the value holds no expression.
    bool isConstant() const { return m_slots.empty(); }
    const Json& value() const { return m_template; }

    /// The value with every expression evaluated. An expression whose value is undefined is an
    /// error (States.QueryEvaluationError), as is a failed one. `seed` makes $random / $uuid
    /// reproducible; `nowMillis` is what $now() / $millis() report.
    Result<Json> evaluate(const Json& bindings, std::uint64_t seed, std::int64_t nowMillis) const;

private:
    struct Slot {
        std::vector<std::variant<std::string, std::size_t>> path; ///< keys / indexes to it
        std::string text;
        std::shared_ptr<const jsonata::Expression> expression; ///< null: `error` says why
        std::string error;
    };
    void collect(const Json& value, std::vector<std::variant<std::string, std::size_t>>& path);

    Json m_template;
    std::string m_field;
    std::vector<Slot> m_slots;
};

/// The expression inside "{% ... %}", or nullopt when `text` is not written so.
std::optional<std::string> jsonataExpressionText(const std::string& text);

} // namespace flowcast::model::eval
