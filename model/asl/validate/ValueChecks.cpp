#include "model/asl/PathSyntax.h"
#include "model/asl/eval/Timestamp.h"
#include "model/asl/validate/Context.h"
#include "model/asl/validate/JsonataCheck.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace flowcast::model::validate {
namespace {

bool endsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool looksLikePath(std::string_view s) {
    return s.rfind("$.", 0) == 0 || s.rfind("$$.", 0) == 0 || s.rfind("$[", 0) == 0;
}

} // namespace

std::string typeName(const Json& v) {
    return v.is_number_integer() || v.is_number_unsigned() ? "an integer" : jsonTypeName(v);
}

bool isWholePlaceholder(std::string_view text) {
    return text.size() > 3 && text.rfind("${", 0) == 0 && text.back() == '}' &&
           text.find('}') == text.size() - 1;
}

bool hasPlaceholder(std::string_view text) {
    const auto open = text.find("${");
    return open != std::string_view::npos && text.find('}', open) != std::string_view::npos;
}

void checkPathField(Context& ctx, const Json& v, const std::string& p, bool allowNull) {
    if (v.is_null() && allowNull) return;
    if (!v.is_string()) return ctx.schema(p, "must be a path string, not " + typeName(v));
    const auto& text = v.get_ref<const std::string&>();
    if (auto err = checkPath(text); !err.empty())
        ctx.error("INVALID_JSONPATH", p, "\"" + text + "\" is not a valid path: " + err);
}

void checkReferencePathField(Context& ctx, const Json& v, const std::string& p, bool allowNull,
                             bool allowVariables) {
    if (v.is_null() && allowNull) return;
    if (!v.is_string()) return ctx.schema(p, "must be a reference path string, not " + typeName(v));
    const auto& text = v.get_ref<const std::string&>();
    if (auto err = checkReferencePath(text); !err.empty())
        return ctx.error("INVALID_JSONPATH", p,
                         "\"" + text + "\" is not a valid reference path: " + err);
    // ResultPath writes into the state's input, so it cannot name a variable ($x); variables
    // are set with Assign.
    if (!allowVariables && text.size() > 1 && text[1] != '.' && text[1] != '[')
        ctx.error("INVALID_JSONPATH", p,
                  "\"" + text +
                      "\" must start with \"$\" followed by \".\" or \"[\"; variables are set with "
                      "Assign");
}

void checkPayloadTemplate(Context& ctx, const Json& v, const std::string& p,
                          QueryLanguage language) {
    if (v.is_array()) {
        for (std::size_t i = 0; i < v.size(); ++i)
            checkPayloadTemplate(ctx, v[i], pointerChild(p, i), language);
        return;
    }
    if (!v.is_object()) return;
    for (const auto& [key, value] : v.items()) {
        const std::string kp = pointerChild(p, key);
        if (key.size() > 2 && endsWith(key, ".$")) {
            const std::string plain = key.substr(0, key.size() - 2);
            if (v.contains(plain))
                ctx.error("DUPLICATE_FIELD_NAME", kp,
                          "\"" + key + "\" and \"" + plain + "\" both produce the field \"" +
                              plain + "\"");
            if (!value.is_string()) {
                ctx.schema(kp, "a field ending in .$ needs a path or an intrinsic function, not " +
                                   typeName(value));
                continue;
            }
            const auto& text = value.get_ref<const std::string&>();
            if (auto err = checkDynamicValue(text); !err.empty()) {
                ctx.error(looksLikeIntrinsicFunction(text) ? "INVALID_INTRINSIC_FUNCTION"
                                                           : "INVALID_JSONPATH",
                          kp, "\"" + text + "\": " + err);
            }
        } else if (value.is_string()) {
            if (looksLikePath(value.get_ref<const std::string&>()))
                ctx.warning("NO_DOLLAR", kp,
                            "the value looks like a path but is used as text; name the field \"" +
                                key + ".$\" to evaluate it");
        } else {
            checkPayloadTemplate(ctx, value, kp, language);
        }
    }
}

bool isJsonataExpression(std::string_view text) {
    return text.size() >= 4 && text.rfind("{%", 0) == 0 && endsWith(text, "%}");
}

void checkJsonataString(Context& ctx, std::string_view text, const std::string& p,
                        bool mustBeExpression) {
    if (isJsonataExpression(text)) {
        const std::string_view body = text.substr(2, text.size() - 4);
        // A body may span lines: AWS accepts it (the AWS CDK's integration test deploys a
        // multi-line Condition; aws-cdk PR #35985), even though asl-validator's suite does not.
        if (auto err = jsonataSyntaxError(body); !err.empty()) ctx.error("INVALID_JSONATA", p, err);
        return;
    }
    if (text.rfind("{%", 0) == 0)
        return ctx.error("INVALID_JSONATA", p,
                         "the JSONata expression starts with {% but does not end with %}");
    if (endsWith(text, "%}"))
        return ctx.error("INVALID_JSONATA", p,
                         "the JSONata expression ends with %} but does not start with {%");
    if (mustBeExpression)
        ctx.schema(p, "must be a JSONata expression written as \"{% expression %}\"");
}

void checkJsonataTemplate(Context& ctx, const Json& v, const std::string& p) {
    if (v.is_string()) return checkJsonataString(ctx, v.get_ref<const std::string&>(), p, false);
    if (v.is_array()) {
        for (std::size_t i = 0; i < v.size(); ++i)
            checkJsonataTemplate(ctx, v[i], pointerChild(p, i));
    } else if (v.is_object()) {
        for (const auto& [key, value] : v.items()) {
            // "you do not use .$ in JSON object key names" in JSONata states (AWS developer guide).
            if (key.size() > 2 && endsWith(key, ".$"))
                ctx.schema(
                    pointerChild(p, key),
                    "JSONata states do not use .$ keys; write the value as \"{% expression %}\"");
            checkJsonataTemplate(ctx, value, pointerChild(p, key));
        }
    }
}

void checkAssign(Context& ctx, const Json& v, const std::string& p, QueryLanguage language) {
    if (language == QueryLanguage::Jsonata && v.is_string())
        return checkJsonataString(ctx, v.get_ref<const std::string&>(), p, true);
    if (!v.is_object())
        return ctx.schema(p, "must be an object of variable names, not " + typeName(v));
    for (const auto& [key, value] : v.items()) {
        const std::string kp = pointerChild(p, key);
        const std::string name = language == QueryLanguage::JsonPath && endsWith(key, ".$")
                                     ? key.substr(0, key.size() - 2)
                                     : key;
        if (name.empty()) ctx.schema(kp, "a variable needs a name");
        if (name.size() != key.size() && v.contains(name))
            ctx.error("DUPLICATE_FIELD_NAME", kp,
                      "\"" + key + "\" and \"" + name + "\" both assign the variable " + name);
        if (language == QueryLanguage::Jsonata) {
            checkJsonataTemplate(ctx, value, kp);
        } else if (name.size() != key.size()) {
            Json single = Json::object();
            single[key] = value;
            checkPayloadTemplate(ctx, single, p, language);
        } else {
            checkPayloadTemplate(ctx, value, kp, language);
        }
    }
}

void checkInteger(Context& ctx, const Json& v, const std::string& p, std::int64_t min,
                  std::int64_t max, QueryLanguage language) {
    if (v.is_string() && isWholePlaceholder(v.get_ref<const std::string&>()))
        return; // noted by checkPlaceholders
    if (v.is_string() && language == QueryLanguage::Jsonata)
        return checkJsonataString(ctx, v.get_ref<const std::string&>(), p, true);
    const bool integral =
        v.is_number_integer() || (v.is_number_float() && std::abs(v.get<double>()) < 9e15 &&
                                  v.get<double>() == std::floor(v.get<double>()));
    if (!integral) return ctx.schema(p, "must be an integer, not " + typeName(v));
    const double n = v.get<double>();
    if (n < static_cast<double>(min) || n > static_cast<double>(max))
        ctx.schema(p, "must be from " + std::to_string(min) + " to " + std::to_string(max) +
                          ", not " + v.dump());
}

// Wait and Choice: "an uppercase T ... an uppercase Z" (AWS developer guide, Wait state); the
// date must exist (the run-time parser is the same one, so validation and execution agree).
bool isRfc3339Timestamp(std::string_view text) {
    return eval::parseTimestamp(text).has_value();
}

} // namespace flowcast::model::validate
