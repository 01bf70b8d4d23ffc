#pragma once
// Shared state of one validation run: where diagnostics go and the options in force. Internal to
// the Validator (model/asl/validate/).
#include "model/asl/Diagnostic.h"
#include "model/asl/Json.h"
#include "model/asl/JsonPointer.h"
#include "model/asl/StateMachine.h"
#include "model/asl/Validator.h"

#include <string>
#include <string_view>

namespace flowcast::model::validate {

struct Context {
    Diagnostics& out;
    ValidatorOptions options;

    void error(std::string code, std::string pointer, std::string message) {
        out.push_back(
            {std::move(code), Severity::Error, std::move(pointer), std::move(message), 0, 0});
    }
    void warning(std::string code, std::string pointer, std::string message) {
        out.push_back(
            {std::move(code), Severity::Warning, std::move(pointer), std::move(message), 0, 0});
    }
    /// SCHEMA_VALIDATION_FAILED, AWS's code for every field-level problem.
    void schema(std::string pointer, std::string message) {
        error("SCHEMA_VALIDATION_FAILED", std::move(pointer), std::move(message));
    }
};

/// JSON type name for messages: "string", "object", "integer", ...
std::string typeName(const Json& value);

/// True when the string holds a template placeholder such as ${LambdaArn}.
bool hasPlaceholder(std::string_view text);
/// True when the whole string is one placeholder ("${ReminderSeconds}"), which a template
/// substitution may turn into a number or a boolean.
bool isWholePlaceholder(std::string_view text);

// Checks of one kind of value, each reporting at `pointer`.
void checkPayloadTemplate(Context& ctx, const Json& value, const std::string& pointer,
                          QueryLanguage language);
void checkJsonataTemplate(Context& ctx, const Json& value, const std::string& pointer);
void checkJsonataString(Context& ctx, std::string_view text, const std::string& pointer,
                        bool mustBeExpression);
bool isJsonataExpression(std::string_view text);
void checkAssign(Context& ctx, const Json& value, const std::string& pointer,
                 QueryLanguage language);
void checkResource(Context& ctx, const Json& value, const std::string& pointer);
void checkRetry(Context& ctx, const Json& value, const std::string& pointer);
void checkCatch(Context& ctx, const Json& value, const std::string& pointer,
                QueryLanguage language);
void checkChoices(Context& ctx, const Json& value, const std::string& pointer,
                  QueryLanguage language);
/// Integer field in [min, max]; in JSONata states a "{% %}" string is accepted too.
void checkInteger(Context& ctx, const Json& value, const std::string& pointer, std::int64_t min,
                  std::int64_t max, QueryLanguage language);
void checkReferencePathField(Context& ctx, const Json& value, const std::string& pointer,
                             bool allowNull, bool allowVariables);
void checkPathField(Context& ctx, const Json& value, const std::string& pointer, bool allowNull);
bool isRfc3339Timestamp(std::string_view text);

} // namespace flowcast::model::validate
