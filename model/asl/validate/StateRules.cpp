#include "model/asl/validate/StateRules.h"

#include "model/asl/PathSyntax.h"
#include "model/asl/validate/MapRules.h"

#include <cstdint>

namespace flowcast::model::validate {
namespace {

enum : unsigned {
    kTask = 1u << 0,
    kPass = 1u << 1,
    kChoice = 1u << 2,
    kWait = 1u << 3,
    kSucceed = 1u << 4,
    kFail = 1u << 5,
    kParallel = 1u << 6,
    kMap = 1u << 7,
    kAll = 0xFFu,
    kFlowing = kTask | kPass | kWait | kParallel | kMap, // states with Next or End
    kNotFail = kAll & ~kFail,
};

enum class Lang { Both, JsonPathOnly, JsonataOnly };

struct FieldRule {
    std::string_view name;
    unsigned types;
    Lang lang;
    FieldChecker check;
};

unsigned bitOf(StateType t) {
    switch (t) {
    case StateType::Task:
        return kTask;
    case StateType::Pass:
        return kPass;
    case StateType::Choice:
        return kChoice;
    case StateType::Wait:
        return kWait;
    case StateType::Succeed:
        return kSucceed;
    case StateType::Fail:
        return kFail;
    case StateType::Parallel:
        return kParallel;
    case StateType::Map:
        return kMap;
    case StateType::Unknown:
        return 0;
    }
    return 0;
}

void expectString(Context& ctx, const Json& v, const std::string& p) {
    if (!v.is_string()) ctx.schema(p, "must be a string, not " + typeName(v));
}

// A string field that JSONata states may also fill with an expression.
void stringOrExpression(Context& ctx, const Json& v, const std::string& p, const StateInfo& s) {
    expectString(ctx, v, p);
    if (v.is_string() && s.language == QueryLanguage::Jsonata)
        checkJsonataString(ctx, v.get_ref<const std::string&>(), p, false);
}

// Fail: "ErrorPath ... a reference path or an intrinsic function" (AWS developer guide).
void checkErrorOrCausePath(Context& ctx, const Json& v, const std::string& p, const StateInfo&) {
    if (v.is_string() && looksLikeIntrinsicFunction(v.get_ref<const std::string&>())) {
        if (auto err = checkIntrinsicFunction(v.get_ref<const std::string&>()); !err.empty())
            ctx.error("INVALID_INTRINSIC_FUNCTION", p, err);
        return;
    }
    checkReferencePathField(ctx, v, p, false, true);
}

constexpr std::int64_t kMaxSeconds = 99999999; // ASL: timeouts and waits up to 99999999 s

const FieldRule kFieldRules[] = {
    {"Comment", kAll, Lang::Both,
     [](Context& c, const Json& v, const std::string& p, const StateInfo&) {
         expectString(c, v, p);
     }},
    {"Next", kFlowing, Lang::Both,
     [](Context& c, const Json& v, const std::string& p, const StateInfo&) {
         expectString(c, v, p);
     }},
    {"End", kFlowing, Lang::Both,
     [](Context& c, const Json& v, const std::string& p, const StateInfo&) {
         if (!v.is_boolean()) c.schema(p, "must be true, not " + typeName(v));
     }},
    {"InputPath", kNotFail, Lang::JsonPathOnly,
     [](Context& c, const Json& v, const std::string& p, const StateInfo&) {
         checkPathField(c, v, p, true);
     }},
    {"OutputPath", kNotFail, Lang::JsonPathOnly,
     [](Context& c, const Json& v, const std::string& p, const StateInfo&) {
         checkPathField(c, v, p, true);
     }},
    {"Output", kNotFail, Lang::JsonataOnly,
     [](Context& c, const Json& v, const std::string& p, const StateInfo&) {
         // A string Output is the state's whole output: it has to be an expression to mean anything
         // but a constant, and half a delimiter is always a slip.
         if (v.is_string())
             checkJsonataString(c, v.get_ref<const std::string&>(), p, false);
         else
             checkJsonataTemplate(c, v, p);
     }},
    {"Assign", kAll & ~(kSucceed | kFail), Lang::Both,
     [](Context& c, const Json& v, const std::string& p, const StateInfo& s) {
         checkAssign(c, v, p, s.language);
     }},
    {"Parameters", kTask | kPass | kParallel | kMap, Lang::JsonPathOnly,
     [](Context& c, const Json& v, const std::string& p, const StateInfo& s) {
         checkPayloadTemplate(c, v, p, s.language);
     }},
    {"ResultPath", kTask | kPass | kParallel | kMap, Lang::JsonPathOnly,
     [](Context& c, const Json& v, const std::string& p, const StateInfo&) {
         checkReferencePathField(c, v, p, true, false);
     }},
    {"ResultSelector", kTask | kParallel | kMap, Lang::JsonPathOnly,
     [](Context& c, const Json& v, const std::string& p, const StateInfo& s) {
         checkPayloadTemplate(c, v, p, s.language);
     }},
    {"Arguments", kTask | kParallel, Lang::JsonataOnly,
     [](Context& c, const Json& v, const std::string& p, const StateInfo&) {
         if (v.is_string())
             checkJsonataString(c, v.get_ref<const std::string&>(), p, true);
         else if (!v.is_object() && !v.is_array())
             c.schema(p, "must be an object, an array or a JSONata expression, not " + typeName(v));
         else
             checkJsonataTemplate(c, v, p);
     }},
    {"Retry", kTask | kParallel | kMap, Lang::Both,
     [](Context& c, const Json& v, const std::string& p, const StateInfo&) {
         checkRetry(c, v, p);
     }},
    {"Catch", kTask | kParallel | kMap, Lang::Both,
     [](Context& c, const Json& v, const std::string& p, const StateInfo& s) {
         checkCatch(c, v, p, s.language);
     }},
    {"Resource", kTask, Lang::Both,
     [](Context& c, const Json& v, const std::string& p, const StateInfo&) {
         checkResource(c, v, p);
     }},
    {"TimeoutSeconds", kTask, Lang::Both,
     [](Context& c, const Json& v, const std::string& p, const StateInfo& s) {
         checkInteger(c, v, p, 1, kMaxSeconds, s.language);
     }},
    {"TimeoutSecondsPath", kTask, Lang::JsonPathOnly,
     [](Context& c, const Json& v, const std::string& p, const StateInfo&) {
         checkReferencePathField(c, v, p, false, true);
     }},
    {"HeartbeatSeconds", kTask, Lang::Both,
     [](Context& c, const Json& v, const std::string& p, const StateInfo& s) {
         checkInteger(c, v, p, 1, kMaxSeconds, s.language);
     }},
    {"HeartbeatSecondsPath", kTask, Lang::JsonPathOnly,
     [](Context& c, const Json& v, const std::string& p, const StateInfo&) {
         checkReferencePathField(c, v, p, false, true);
     }},
    {"Credentials", kTask, Lang::Both,
     [](Context& c, const Json& v, const std::string& p, const StateInfo& s) {
         if (v.is_string() && s.language == QueryLanguage::Jsonata)
             return checkJsonataString(c, v.get_ref<const std::string&>(), p, true);
         if (!v.is_object())
             return c.schema(p, "must be an object (RoleArn or RoleArn.$), not " + typeName(v));
         if (s.language == QueryLanguage::Jsonata)
             checkJsonataTemplate(c, v, p);
         else
             checkPayloadTemplate(c, v, p, s.language);
     }},
    {"Result", kPass, Lang::JsonPathOnly,
     [](Context& c, const Json& v, const std::string& p, const StateInfo&) {
         if (!v.is_object()) return;
         for (const auto& [key, value] : v.items()) {
             if (key.size() > 2 && key.compare(key.size() - 2, 2, ".$") == 0)
                 c.warning("PASS_RESULT_IS_STATIC", pointerChild(p, key),
                           "Result is used as is: the path in \"" + key +
                               "\" is not evaluated (use Parameters)");
         }
     }},
    {"Choices", kChoice, Lang::Both,
     [](Context& c, const Json& v, const std::string& p, const StateInfo& s) {
         checkChoices(c, v, p, s.language);
     }},
    {"Default", kChoice, Lang::Both,
     [](Context& c, const Json& v, const std::string& p, const StateInfo&) {
         expectString(c, v, p);
     }},
    {"Seconds", kWait, Lang::Both,
     [](Context& c, const Json& v, const std::string& p, const StateInfo& s) {
         checkInteger(c, v, p, 0, kMaxSeconds, s.language);
     }},
    {"SecondsPath", kWait, Lang::JsonPathOnly,
     [](Context& c, const Json& v, const std::string& p, const StateInfo&) {
         checkReferencePathField(c, v, p, false, true);
     }},
    {"Timestamp", kWait, Lang::Both,
     [](Context& c, const Json& v, const std::string& p, const StateInfo& s) {
         if (!v.is_string())
             return c.schema(p, "must be an RFC 3339 timestamp string, not " + typeName(v));
         const auto& text = v.get_ref<const std::string&>();
         if (s.language == QueryLanguage::Jsonata && isJsonataExpression(text))
             return checkJsonataString(c, text, p, true);
         if (!isRfc3339Timestamp(text))
             c.schema(p,
                      "\"" + text + "\" is not an RFC 3339 timestamp such as 2026-03-14T01:59:00Z");
     }},
    {"TimestampPath", kWait, Lang::JsonPathOnly,
     [](Context& c, const Json& v, const std::string& p, const StateInfo&) {
         checkReferencePathField(c, v, p, false, true);
     }},
    {"Error", kFail, Lang::Both, stringOrExpression},
    {"Cause", kFail, Lang::Both, stringOrExpression},
    {"ErrorPath", kFail, Lang::JsonPathOnly, checkErrorOrCausePath},
    {"CausePath", kFail, Lang::JsonPathOnly, checkErrorOrCausePath},
    {"Branches", kParallel, Lang::Both,
     [](Context& c, const Json& v, const std::string& p, const StateInfo&) {
         if (!v.is_array())
             return c.schema(p, "must be an array of state machines, not " + typeName(v));
         if (v.empty()) c.schema(p, "must hold at least one branch");
         for (std::size_t i = 0; i < v.size(); ++i)
             if (!v[i].is_object())
                 c.schema(pointerChild(p, i),
                          "a branch must be an object with StartAt and States, not " +
                              typeName(v[i]));
     }},
    {"ItemProcessor", kMap, Lang::Both, checkMapProcessorField},
    {"Iterator", kMap, Lang::Both, checkMapProcessorField},
    {"ItemsPath", kMap, Lang::JsonPathOnly,
     [](Context& c, const Json& v, const std::string& p, const StateInfo&) {
         checkReferencePathField(c, v, p, false, true);
     }},
    {"Items", kMap, Lang::JsonataOnly,
     [](Context& c, const Json& v, const std::string& p, const StateInfo&) {
         // "Items ... a JSON array or object, or a JSONata expression" (a Map iterates both).
         if (v.is_string())
             checkJsonataString(c, v.get_ref<const std::string&>(), p, true);
         else if (v.is_array() || v.is_object())
             checkJsonataTemplate(c, v, p);
         else
             c.schema(p, "must be an array, an object or a JSONata expression, not " + typeName(v));
     }},
    {"ItemSelector", kMap, Lang::Both,
     [](Context& c, const Json& v, const std::string& p, const StateInfo& s) {
         if (s.language == QueryLanguage::Jsonata)
             checkJsonataTemplate(c, v, p);
         else
             checkPayloadTemplate(c, v, p, s.language);
     }},
    {"MaxConcurrency", kMap, Lang::Both,
     [](Context& c, const Json& v, const std::string& p, const StateInfo& s) {
         checkInteger(c, v, p, 0, kMaxSeconds, s.language);
     }},
    {"MaxConcurrencyPath", kMap, Lang::JsonPathOnly,
     [](Context& c, const Json& v, const std::string& p, const StateInfo&) {
         checkReferencePathField(c, v, p, false, true);
     }},
    {"ItemReader", kMap, Lang::Both, checkItemReaderField},
    {"ItemBatcher", kMap, Lang::Both, checkItemBatcherField},
    {"ResultWriter", kMap, Lang::Both, checkResultWriterField},
    {"ToleratedFailureCount", kMap, Lang::Both,
     [](Context& c, const Json& v, const std::string& p, const StateInfo& s) {
         checkInteger(c, v, p, 0, kMaxSeconds, s.language);
     }},
    {"ToleratedFailurePercentage", kMap, Lang::Both, checkToleratedPercentageField},
    {"ToleratedFailureCountPath", kMap, Lang::JsonPathOnly,
     [](Context& c, const Json& v, const std::string& p, const StateInfo&) {
         checkReferencePathField(c, v, p, false, true);
     }},
    {"ToleratedFailurePercentagePath", kMap, Lang::JsonPathOnly,
     [](Context& c, const Json& v, const std::string& p, const StateInfo&) {
         checkReferencePathField(c, v, p, false, true);
     }},
    {"Label", kMap, Lang::Both, checkLabelField},
};

const FieldRule* findRule(std::string_view name) {
    for (const auto& rule : kFieldRules)
        if (rule.name == name) return &rule;
    return nullptr;
}

bool has(const Json& obj, const char* key) {
    return obj.contains(key);
}

// AWS allows at most one of each pair (e.g. TimeoutSeconds / TimeoutSecondsPath).
void checkAtMostOne(Context& ctx, const Json& state, const std::string& pointer,
                    std::initializer_list<const char*> fields) {
    const char* first = nullptr;
    for (const char* f : fields) {
        if (!has(state, f)) continue;
        if (first) {
            ctx.schema(pointerChild(pointer, f),
                       std::string(first) + " and " + f + " cannot be used together");
        } else {
            first = f;
        }
    }
}

void checkTransitionFields(Context& ctx, const Json& state, const std::string& pointer) {
    const bool hasNext = has(state, "Next");
    const auto end = state.find("End");
    const bool hasEnd = end != state.end();
    if (hasNext && hasEnd) {
        ctx.schema(pointerChild(pointer, "End"), "a state has either Next or End, not both");
    } else if (!hasNext && !hasEnd) {
        ctx.error("MISSING_TRANSITION", pointer, "the state needs Next or \"End\": true");
    } else if (hasEnd && end->is_boolean() && !end->get<bool>()) {
        ctx.error("MISSING_TRANSITION", pointerChild(pointer, "End"),
                  "\"End\": false with no Next leaves the state without a transition");
    }
}

void checkRequired(Context& ctx, const Json& state, const std::string& pointer, StateType type) {
    auto require = [&](const char* field) {
        if (!has(state, field))
            ctx.schema(pointer, std::string("a ") + std::string(stateTypeName(type)) +
                                    " state needs the field " + field);
    };
    switch (type) {
    case StateType::Task:
        require("Resource");
        break;
    case StateType::Choice:
        require("Choices");
        break;
    case StateType::Parallel:
        require("Branches");
        break;
    case StateType::Map:
        if (!has(state, "ItemProcessor") && !has(state, "Iterator"))
            ctx.schema(pointer, "a Map state needs ItemProcessor (or the older Iterator)");
        checkAtMostOne(ctx, state, pointer, {"ItemProcessor", "Iterator"});
        break;
    case StateType::Wait: {
        int n = 0;
        for (const char* f : {"Seconds", "SecondsPath", "Timestamp", "TimestampPath"})
            n += has(state, f);
        if (n == 0)
            ctx.schema(
                pointer,
                "a Wait state needs one of Seconds, SecondsPath, Timestamp or TimestampPath");
        if (n > 1)
            ctx.schema(pointer, "a Wait state takes exactly one of Seconds, SecondsPath, Timestamp "
                                "and TimestampPath");
        break;
    }
    default:
        break;
    }
}

// HeartbeatSeconds must be smaller than TimeoutSeconds (AWS developer guide, Task state).
void checkHeartbeat(Context& ctx, const Json& state, const std::string& pointer) {
    const auto hb = state.find("HeartbeatSeconds");
    const auto to = state.find("TimeoutSeconds");
    if (hb == state.end() || to == state.end()) return;
    if (!hb->is_number_integer() || !to->is_number_integer()) return;
    if (hb->get<std::int64_t>() >= to->get<std::int64_t>())
        ctx.schema(pointerChild(pointer, "HeartbeatSeconds"),
                   "HeartbeatSeconds must be smaller than TimeoutSeconds (" +
                       std::to_string(to->get<std::int64_t>()) + ")");
}

std::string languageFieldError(const FieldRule& rule, QueryLanguage language) {
    if (rule.lang == Lang::JsonPathOnly && language == QueryLanguage::Jsonata)
        return std::string(rule.name) +
               " is a JSONPath field; JSONata states use Arguments, Output and Assign";
    if (rule.lang == Lang::JsonataOnly && language == QueryLanguage::JsonPath)
        return std::string(rule.name) +
               " is a JSONata field; set \"QueryLanguage\": \"JSONata\" to use it";
    return {};
}

} // namespace

void checkStateFields(Context& ctx, const Json& state, const std::string& pointer,
                      QueryLanguage inherited, QueryLanguage topLevelLanguage) {
    if (!state.is_object())
        return ctx.schema(pointer, "a state must be an object, not " + typeName(state));
    const auto typeIt = state.find("Type");
    if (typeIt == state.end()) return ctx.schema(pointer, "the state has no Type");
    const StateType type = typeIt->is_string()
                               ? stateTypeFromName(typeIt->get_ref<const std::string&>())
                               : StateType::Unknown;
    if (type == StateType::Unknown)
        return ctx.schema(
            pointerChild(pointer, "Type"),
            "Type must be one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map");

    QueryLanguage language = inherited;
    if (const auto ql = state.find("QueryLanguage"); ql != state.end()) {
        const std::string p = pointerChild(pointer, "QueryLanguage");
        if (!ql->is_string() || (*ql != "JSONPath" && *ql != "JSONata")) {
            ctx.schema(p, "QueryLanguage must be \"JSONPath\" or \"JSONata\"");
        } else {
            language = *ql == "JSONata" ? QueryLanguage::Jsonata : QueryLanguage::JsonPath;
            // AWS: "If JSONata is specified at the top level, JSONPath cannot be used in the
            // state machine definition."
            if (language == QueryLanguage::JsonPath && topLevelLanguage == QueryLanguage::Jsonata)
                ctx.schema(p, "a state machine whose QueryLanguage is JSONata cannot contain "
                              "JSONPath states");
        }
    }

    const StateInfo info{type, language, state};
    for (const auto& [key, value] : state.items()) {
        if (key == "Type" || key == "QueryLanguage") continue;
        const std::string p = pointerChild(pointer, key);
        const FieldRule* rule = findRule(key);
        if (!rule || !(rule->types & bitOf(type))) {
            ctx.schema(p, "field \"" + key + "\" is not allowed in a " +
                              std::string(stateTypeName(type)) + " state");
            continue;
        }
        if (auto err = languageFieldError(*rule, language); !err.empty()) {
            ctx.schema(p, err);
            continue;
        }
        rule->check(ctx, value, p, info);
    }

    checkRequired(ctx, state, pointer, type);
    if (bitOf(type) & kFlowing) checkTransitionFields(ctx, state, pointer);
    checkAtMostOne(ctx, state, pointer, {"TimeoutSeconds", "TimeoutSecondsPath"});
    checkAtMostOne(ctx, state, pointer, {"HeartbeatSeconds", "HeartbeatSecondsPath"});
    checkAtMostOne(ctx, state, pointer, {"Error", "ErrorPath"});
    checkAtMostOne(ctx, state, pointer, {"Cause", "CausePath"});
    checkHeartbeat(ctx, state, pointer);
    if (type == StateType::Map) checkMapState(ctx, state, pointer, info);
}

} // namespace flowcast::model::validate
