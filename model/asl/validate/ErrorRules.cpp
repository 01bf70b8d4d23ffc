#include "model/asl/validate/Context.h"

#include <algorithm>
#include <array>
#include <regex>

namespace flowcast::model::validate {
namespace {

// Error names Step Functions itself raises (AWS developer guide, "Error names").
constexpr std::array<std::string_view, 17> kPredefinedErrors{
    "States.ALL",
    "States.BranchFailed",
    "States.DataLimitExceeded",
    "States.ExceedToleratedFailureThreshold",
    "States.HeartbeatTimeout",
    "States.Http.Socket",
    "States.IntrinsicFailure",
    "States.ItemReaderFailed",
    "States.NoChoiceMatched",
    "States.ParameterPathFailure",
    "States.Permissions",
    "States.QueryEvaluationError",
    "States.ResultPathMatchFailure",
    "States.ResultWriterFailed",
    "States.Runtime",
    "States.TaskFailed",
    "States.Timeout"};

bool isPredefined(std::string_view name) {
    return std::find(kPredefinedErrors.begin(), kPredefinedErrors.end(), name) !=
           kPredefinedErrors.end();
}

// Returns true when the list holds States.ALL (which then has to be the last entry).
bool checkErrorList(Context& ctx, const Json& obj, const std::string& p) {
    const auto it = obj.find("ErrorEquals");
    if (it == obj.end()) {
        ctx.schema(p, "ErrorEquals is required");
        return false;
    }
    const std::string ep = pointerChild(p, "ErrorEquals");
    if (!it->is_array()) {
        ctx.schema(ep, "must be an array of error names, not " + typeName(*it));
        return false;
    }
    if (it->empty()) ctx.schema(ep, "must name at least one error");
    bool hasAll = false;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const Json& e = (*it)[i];
        if (!e.is_string()) {
            ctx.schema(pointerChild(ep, i), "an error name must be a string, not " + typeName(e));
            continue;
        }
        const auto& name = e.get_ref<const std::string&>();
        if (name == "States.ALL") {
            hasAll = true;
            // "States.ALL ... must appear alone in the ErrorEquals array".
            if (it->size() > 1)
                ctx.error("INVALID_ERROR_NAME", pointerChild(ep, i),
                          "States.ALL must be the only name in its ErrorEquals");
        } else if (name.rfind("States.", 0) == 0 && !isPredefined(name)) {
            // The ASL spec reserves the prefix, but AWS deploys such names (its own sample
            // collection raises "States.QuorumMet" from Fail states), so this is a warning.
            ctx.warning("RESERVED_ERROR_NAME", pointerChild(ep, i),
                        "\"" + name +
                            "\" is not an error Step Functions raises; the States. prefix is "
                            "reserved for those");
        }
    }
    return hasAll;
}

void rejectUnknownFields(Context& ctx, const Json& obj, const std::string& p, std::string_view what,
                         std::initializer_list<std::string_view> allowed) {
    for (const auto& [key, value] : obj.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
            ctx.schema(pointerChild(p, key),
                       "field \"" + key + "\" is not allowed in " + std::string(what));
    }
}

void checkRetrier(Context& ctx, const Json& r, const std::string& p) {
    rejectUnknownFields(ctx, r, p, "a retrier",
                        {"ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
                         "MaxDelaySeconds", "JitterStrategy", "Comment"});
    if (auto it = r.find("IntervalSeconds"); it != r.end())
        checkInteger(ctx, *it, pointerChild(p, "IntervalSeconds"), 1, 99999999,
                     QueryLanguage::JsonPath);
    if (auto it = r.find("MaxAttempts"); it != r.end())
        checkInteger(ctx, *it, pointerChild(p, "MaxAttempts"), 0, 99999999,
                     QueryLanguage::JsonPath);
    // MaxDelaySeconds caps the backoff: a positive integer below 31622401 (one year).
    if (auto it = r.find("MaxDelaySeconds"); it != r.end())
        checkInteger(ctx, *it, pointerChild(p, "MaxDelaySeconds"), 1, 31622400,
                     QueryLanguage::JsonPath);
    if (auto it = r.find("BackoffRate"); it != r.end()) {
        if (!it->is_number())
            ctx.schema(pointerChild(p, "BackoffRate"), "must be a number, not " + typeName(*it));
        else if (it->get<double>() < 1.0)
            ctx.schema(pointerChild(p, "BackoffRate"), "must be at least 1.0");
    }
    if (auto it = r.find("JitterStrategy");
        it != r.end() && (!it->is_string() || (*it != "FULL" && *it != "NONE")))
        ctx.schema(pointerChild(p, "JitterStrategy"), "must be \"FULL\" or \"NONE\"");
    if (auto it = r.find("Comment"); it != r.end() && !it->is_string())
        ctx.schema(pointerChild(p, "Comment"), "must be a string");
}

void checkCatcher(Context& ctx, const Json& c, const std::string& p, QueryLanguage lang) {
    rejectUnknownFields(ctx, c, p, "a catcher",
                        {"ErrorEquals", "Next", "ResultPath", "Output", "Assign", "Comment"});
    const auto next = c.find("Next");
    if (next == c.end())
        ctx.schema(p, "a catcher needs Next");
    else if (!next->is_string())
        ctx.schema(pointerChild(p, "Next"), "must be a string");
    if (auto it = c.find("ResultPath"); it != c.end()) {
        if (lang == QueryLanguage::Jsonata)
            ctx.schema(pointerChild(p, "ResultPath"),
                       "ResultPath is a JSONPath field; JSONata catchers use Output");
        else
            checkReferencePathField(ctx, *it, pointerChild(p, "ResultPath"), true, false);
    }
    if (auto it = c.find("Output"); it != c.end()) {
        if (lang == QueryLanguage::JsonPath)
            ctx.schema(pointerChild(p, "Output"),
                       "Output is a JSONata field; JSONPath catchers use ResultPath");
        else
            checkJsonataTemplate(ctx, *it, pointerChild(p, "Output"));
    }
    if (auto it = c.find("Assign"); it != c.end())
        checkAssign(ctx, *it, pointerChild(p, "Assign"), lang);
}

template <typename Check>
void checkErrorHandlers(Context& ctx, const Json& v, const std::string& p, std::string_view what,
                        Check check) {
    if (!v.is_array())
        return ctx.schema(p, "must be an array of " + std::string(what) + "s, not " + typeName(v));
    for (std::size_t i = 0; i < v.size(); ++i) {
        const std::string ip = pointerChild(p, i);
        if (!v[i].is_object()) {
            ctx.schema(ip, "a " + std::string(what) + " must be an object, not " + typeName(v[i]));
            continue;
        }
        // "States.ALL ... must appear alone ... and in the last retrier/catcher".
        if (checkErrorList(ctx, v[i], ip) && i + 1 < v.size())
            ctx.error("INVALID_ERROR_NAME", pointerChild(ip, "ErrorEquals"),
                      "the " + std::string(what) + " with States.ALL must be the last one");
        check(v[i], ip);
    }
}

// Every "${" has its "}" with a name between them.
bool placeholdersClosed(std::string_view text) {
    for (auto open = text.find("${"); open != std::string_view::npos;
         open = text.find("${", open)) {
        const auto close = text.find('}', open + 2);
        if (close == std::string_view::npos || close == open + 2) return false;
        open = close + 1;
    }
    return true;
}

} // namespace

void checkRetry(Context& ctx, const Json& v, const std::string& p) {
    checkErrorHandlers(ctx, v, p, "retrier",
                       [&](const Json& r, const std::string& ip) { checkRetrier(ctx, r, ip); });
}

void checkCatch(Context& ctx, const Json& v, const std::string& p, QueryLanguage language) {
    checkErrorHandlers(ctx, v, p, "catcher", [&](const Json& c, const std::string& ip) {
        checkCatcher(ctx, c, ip, language);
    });
}

void checkResource(Context& ctx, const Json& v, const std::string& p) {
    if (v.is_object()) {
        // CloudFormation intrinsics ({"Ref": ...}, {"Fn::GetAtt": [...]}) resolve at deployment.
        const bool intrinsic =
            v.size() == 1 && (v.contains("Ref") || v.begin().key().rfind("Fn::", 0) == 0);
        if (intrinsic)
            return ctx.warning("UNRESOLVED_PLACEHOLDER", p,
                               "Resource is a CloudFormation intrinsic, resolved at deployment; "
                               "checked as if valid");
        return ctx.error("INVALID_RESOURCE", p, "Resource must be an ARN string");
    }
    if (!v.is_string())
        return ctx.error("INVALID_RESOURCE", p,
                         "Resource must be an ARN string, not " + typeName(v));
    const auto& arn = v.get_ref<const std::string&>();
    if (arn.size() > 2048)
        return ctx.error("INVALID_RESOURCE", p, "an ARN has at most 2048 characters");
    if (arn.find("${") != std::string::npos) {
        if (!placeholdersClosed(arn))
            return ctx.error("INVALID_RESOURCE", p,
                             "\"" + arn + "\" has a ${ placeholder without its closing }");
        return ctx.warning(
            "UNRESOLVED_PLACEHOLDER", p,
            "\"" + arn +
                "\" holds a template placeholder, resolved at deployment; checked as if valid");
    }
    if (ctx.options.express) {
        // "Express Workflows do not support ... Run a Job (.sync) or Wait for Callback
        // (.waitForTaskToken) service integration patterns", nor activities (AWS developer guide).
        const bool sync = arn.find(".sync") != std::string::npos;
        const bool callback = arn.find(".waitForTaskToken") != std::string::npos;
        const bool activity = arn.find(":activity:") != std::string::npos;
        if (sync || callback || activity)
            ctx.error("EXPRESS_UNSUPPORTED", p,
                      "\"" + arn + "\": Express workflows cannot use " +
                          (activity ? "activities"
                           : sync   ? "the .sync (run a job) pattern"
                                    : "the .waitForTaskToken (callback) pattern"));
    }
    if (!ctx.options.checkResourceArns) return;
    // arn:partition:service:region:account:resource (AWS General Reference, "ARN format").
    static const std::regex kArn(
        R"(arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc):([a-z0-9-]+):([a-z0-9-]*):(\d*):(.+))");
    std::smatch m;
    if (!std::regex_match(arn, m, kArn))
        return ctx.error("INVALID_RESOURCE", p,
                         "\"" + arn +
                             "\" is not an ARN (arn:partition:service:region:account:resource)");
    const std::string service = m[2], resource = m[5];
    if (resource.back() == ':' || resource.back() == '/')
        return ctx.error("INVALID_RESOURCE", p,
                         "\"" + arn + "\" ends with '" + resource.back() + "'");
    if (service == "lambda") {
        static const std::regex kFunction(
            R"(function:[A-Za-z0-9_-]{1,140}(:[A-Za-z0-9$_-]{1,128})?)");
        if (!std::regex_match(resource, kFunction))
            ctx.error("INVALID_RESOURCE", p,
                      "\"" + arn +
                          "\" is not a Lambda function ARN (function:NAME[:VERSION or ALIAS])");
    } else if (service == "states" && m[3].length() == 0) {
        static const std::regex kIntegration(R"([a-z0-9-]+:[A-Za-z0-9.:_-]+)");
        if (!std::regex_match(resource, kIntegration))
            ctx.error("INVALID_RESOURCE", p,
                      "\"" + arn +
                          "\" is not a service integration (arn:aws:states:::service:action)");
    }
}

} // namespace flowcast::model::validate
