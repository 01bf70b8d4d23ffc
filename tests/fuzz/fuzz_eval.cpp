// libFuzzer target for run-time evaluation: the input is split at the first newline into an
// expression and a JSON document; the expression is evaluated as a path, an intrinsic function,
// a ResultPath and (when the document is an object) a Choice rule. Errors are results, never
// findings; a crash, a sanitizer report or a hang is.
#include "model/asl/eval/ChoiceEvaluator.h"
#include "model/asl/eval/Intrinsics.h"
#include "model/asl/eval/JsonPath.h"

#include <cstdint>
#include <string_view>

using namespace flowcast::model;
using namespace flowcast::model::eval;

namespace {

class Counter : public RandomSource {
public:
    std::uint64_t next() override { return m_state += 0x9e3779b97f4a7c15ULL; }

private:
    std::uint64_t m_state = 1;
};

class NoVariables : public Variables {
public:
    const Json* find(std::string_view name) const override { return name == "v" ? &m_value : nullptr; }

private:
    Json m_value = Json::object({{"a", Json::array({1, 2, 3})}});
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto newline = text.find('\n');
    const std::string_view expression = text.substr(0, newline);
    Json input = Json::object({{"a", 1}, {"b", Json::array({"x", "y"})}});
    if (newline != std::string_view::npos) {
        Json parsed = Json::parse(text.substr(newline + 1), nullptr, false);
        if (!parsed.is_discarded()) input = std::move(parsed);
    }
    const Json context = Json::object({{"Execution", Json::object({{"Id", "arn:x"}})}});
    Counter random;
    NoVariables variables;
    const Scope scope{input, context, &variables, &random};
    (void)evaluatePath(expression, scope);
    (void)evaluateIntrinsic(expression, scope);
    (void)evaluateDynamicValue(expression, scope);
    (void)applyResultPath(input, expression, Json("r"));
    if (input.is_object()) (void)evaluateChoiceRule(input, scope);
    return 0;
}
