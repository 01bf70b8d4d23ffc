#pragma once
// A JSONata run-time error: jsonata-js's code (T0410, D3030, U1001 ...), the UTF-16 position in
// the expression of the node that failed, the offending token, and jsonata-js's message built
// from its template and the error's details (value, index ...), as the AWS console shows it.
#include "model/asl/Json.h"

#include <cstddef>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

namespace flowcast::model::jsonata {

class EvaluationError : public std::exception {
public:
    explicit EvaluationError(std::string code);

    const std::string& code() const { return m_code; }
    std::optional<std::size_t> position() const { return m_position; }
    const std::string& token() const { return m_token; }
    /// Details jsonata-js attaches ("value", "index", "message", "functionName" ...).
    const Json& details() const { return m_details; }
    /// jsonata-js's message: the code's template filled from token and details.
    const std::string& message() const { return m_message; }
    const char* what() const noexcept override { return m_message.c_str(); }

    EvaluationError& withPosition(std::size_t position);
    EvaluationError& withPositionIfUnset(std::size_t position);
    EvaluationError& withToken(std::string token);
    EvaluationError& withTokenIfUnset(std::string_view token);
    EvaluationError& with(const std::string& key, Json value);

private:
    void render();

    std::string m_code;
    std::optional<std::size_t> m_position;
    std::string m_token;
    bool m_hasToken = false;
    Json m_details = Json::object();
    std::string m_message;
};

/// jsonata-js's message template for `code` ("Unknown error" when there is none).
std::string_view errorTemplate(std::string_view code);

} // namespace flowcast::model::jsonata
