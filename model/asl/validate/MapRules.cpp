#include "model/asl/validate/MapRules.h"

#include <algorithm>
#include <initializer_list>

namespace flowcast::model::validate {
namespace {

bool oneOf(std::string_view key, std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), key) != names.end();
}

void rejectUnknown(Context& ctx, const Json& obj, const std::string& p, std::string_view what,
                   std::initializer_list<std::string_view> allowed) {
    for (const auto& [key, value] : obj.items()) {
        if (!oneOf(key, allowed))
            ctx.schema(pointerChild(p, key),
                       "field \"" + key + "\" is not allowed in " + std::string(what));
    }
}

void atMostOne(Context& ctx, const Json& obj, const std::string& p, const char* a, const char* b) {
    if (obj.contains(a) && obj.contains(b))
        ctx.schema(pointerChild(p, b), std::string(a) + " and " + b + " cannot be used together");
}

// Parameters (JSONPath) or Arguments (JSONata) of ItemReader and ResultWriter.
void checkIoTemplate(Context& ctx, const Json& obj, const std::string& p, QueryLanguage lang) {
    if (auto it = obj.find("Parameters"); it != obj.end()) {
        if (lang == QueryLanguage::Jsonata)
            ctx.schema(pointerChild(p, "Parameters"),
                       "Parameters is a JSONPath field; JSONata states use Arguments");
        else
            checkPayloadTemplate(ctx, *it, pointerChild(p, "Parameters"), lang);
    }
    if (auto it = obj.find("Arguments"); it != obj.end()) {
        if (lang == QueryLanguage::JsonPath)
            ctx.schema(pointerChild(p, "Arguments"),
                       "Arguments is a JSONata field; JSONPath states use Parameters");
        else
            checkJsonataTemplate(ctx, *it, pointerChild(p, "Arguments"));
    }
}

void checkResourceField(Context& ctx, const Json& obj, const std::string& p,
                        std::string_view what) {
    if (auto it = obj.find("Resource"); it != obj.end())
        checkResource(ctx, *it, pointerChild(p, "Resource"));
    else
        ctx.schema(p, std::string(what) + " needs a Resource");
}

} // namespace

void checkMapProcessorField(Context& ctx, const Json& v, const std::string& p, const StateInfo&) {
    // The processor's StartAt and States are checked as a scope of their own by the Validator.
    if (!v.is_object())
        return ctx.schema(p, "must be an object with StartAt and States, not " + typeName(v));
    const bool isIterator = p.size() >= 9 && p.compare(p.size() - 9, 9, "/Iterator") == 0;
    const auto cfg = v.find("ProcessorConfig");
    if (cfg == v.end()) return;
    const std::string cp = pointerChild(p, "ProcessorConfig");
    if (isIterator)
        return ctx.schema(cp, "ProcessorConfig belongs in ItemProcessor, not in Iterator");
    if (!cfg->is_object()) return ctx.schema(cp, "must be an object, not " + typeName(*cfg));
    rejectUnknown(ctx, *cfg, cp, "ProcessorConfig", {"Mode", "ExecutionType"});
    const auto mode = cfg->find("Mode");
    if (mode != cfg->end() && (!mode->is_string() || (*mode != "INLINE" && *mode != "DISTRIBUTED")))
        ctx.schema(pointerChild(cp, "Mode"), "Mode must be \"INLINE\" or \"DISTRIBUTED\"");
    const bool distributed = mode != cfg->end() && *mode == "DISTRIBUTED";
    const auto exec = cfg->find("ExecutionType");
    if (exec != cfg->end()) {
        if (!exec->is_string() || (*exec != "STANDARD" && *exec != "EXPRESS"))
            ctx.schema(pointerChild(cp, "ExecutionType"),
                       "ExecutionType must be \"STANDARD\" or \"EXPRESS\"");
        else if (!distributed)
            ctx.warning("DISTRIBUTED_MAP_ONLY", pointerChild(cp, "ExecutionType"),
                        "ExecutionType applies only with \"Mode\": \"DISTRIBUTED\"");
    } else if (distributed) {
        ctx.schema(cp, "a Distributed Map needs ExecutionType (STANDARD or EXPRESS)");
    }
}

void checkItemReaderField(Context& ctx, const Json& v, const std::string& p, const StateInfo& s) {
    if (!v.is_object()) return ctx.schema(p, "must be an object, not " + typeName(v));
    rejectUnknown(ctx, v, p, "ItemReader", {"Resource", "ReaderConfig", "Parameters", "Arguments"});
    checkResourceField(ctx, v, p, "ItemReader");
    checkIoTemplate(ctx, v, p, s.language);
    const auto cfg = v.find("ReaderConfig");
    if (cfg == v.end()) return;
    const std::string cp = pointerChild(p, "ReaderConfig");
    if (!cfg->is_object()) return ctx.schema(cp, "must be an object, not " + typeName(*cfg));
    rejectUnknown(ctx, *cfg, cp, "ReaderConfig",
                  {"InputType", "CSVHeaderLocation", "CSVHeaders", "CSVDelimiter", "MaxItems",
                   "MaxItemsPath", "ManifestType", "Transformation", "ItemsPointer"});
    atMostOne(ctx, *cfg, cp, "MaxItems", "MaxItemsPath");
    if (auto it = cfg->find("MaxItems"); it != cfg->end())
        checkInteger(ctx, *it, pointerChild(cp, "MaxItems"), 1, 100'000'000, s.language);
    if (auto it = cfg->find("MaxItemsPath"); it != cfg->end()) {
        if (s.language == QueryLanguage::Jsonata)
            ctx.schema(
                pointerChild(cp, "MaxItemsPath"),
                "MaxItemsPath is a JSONPath field; JSONata states write MaxItems as an expression");
        else
            checkReferencePathField(ctx, *it, pointerChild(cp, "MaxItemsPath"), false, true);
    }
    if (auto it = cfg->find("InputType");
        it != cfg->end() &&
        (!it->is_string() ||
         !oneOf(it->get<std::string>(), {"CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"})))
        ctx.schema(pointerChild(cp, "InputType"),
                   "InputType must be CSV, JSON, JSONL, MANIFEST or PARQUET");
    if (auto it = cfg->find("CSVHeaderLocation");
        it != cfg->end() &&
        (!it->is_string() || !oneOf(it->get<std::string>(), {"FIRST_ROW", "GIVEN"})))
        ctx.schema(pointerChild(cp, "CSVHeaderLocation"),
                   "CSVHeaderLocation must be FIRST_ROW or GIVEN");
}

void checkItemBatcherField(Context& ctx, const Json& v, const std::string& p, const StateInfo& s) {
    if (!v.is_object()) return ctx.schema(p, "must be an object, not " + typeName(v));
    rejectUnknown(ctx, v, p, "ItemBatcher",
                  {"MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch",
                   "MaxInputBytesPerBatchPath", "BatchInput"});
    atMostOne(ctx, v, p, "MaxItemsPerBatch", "MaxItemsPerBatchPath");
    atMostOne(ctx, v, p, "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath");
    if (auto it = v.find("MaxItemsPerBatch"); it != v.end())
        checkInteger(ctx, *it, pointerChild(p, "MaxItemsPerBatch"), 1, 100'000'000, s.language);
    // A batch is one child execution's input: at most 256 KiB.
    if (auto it = v.find("MaxInputBytesPerBatch"); it != v.end())
        checkInteger(ctx, *it, pointerChild(p, "MaxInputBytesPerBatch"), 1, 262'144, s.language);
    for (const char* f : {"MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath"}) {
        if (auto it = v.find(f); it != v.end()) {
            if (s.language == QueryLanguage::Jsonata)
                ctx.schema(pointerChild(p, f), std::string(f) + " is a JSONPath field");
            else
                checkReferencePathField(ctx, *it, pointerChild(p, f), false, true);
        }
    }
    if (auto it = v.find("BatchInput"); it != v.end()) {
        if (s.language == QueryLanguage::Jsonata)
            checkJsonataTemplate(ctx, *it, pointerChild(p, "BatchInput"));
        else
            checkPayloadTemplate(ctx, *it, pointerChild(p, "BatchInput"), s.language);
    }
}

void checkResultWriterField(Context& ctx, const Json& v, const std::string& p, const StateInfo& s) {
    if (!v.is_object()) return ctx.schema(p, "must be an object, not " + typeName(v));
    rejectUnknown(ctx, v, p, "ResultWriter",
                  {"Resource", "Parameters", "Arguments", "WriterConfig"});
    if (v.contains("Resource"))
        checkResource(ctx, v["Resource"], pointerChild(p, "Resource"));
    else if (!v.contains("WriterConfig"))
        ctx.schema(p, "ResultWriter needs a Resource or a WriterConfig");
    checkIoTemplate(ctx, v, p, s.language);
    if (auto cfg = v.find("WriterConfig"); cfg != v.end()) {
        const std::string cp = pointerChild(p, "WriterConfig");
        if (!cfg->is_object()) return ctx.schema(cp, "must be an object, not " + typeName(*cfg));
        rejectUnknown(ctx, *cfg, cp, "WriterConfig", {"OutputType", "Transformation"});
    }
}

void checkToleratedPercentageField(Context& ctx, const Json& v, const std::string& p,
                                   const StateInfo& s) {
    if (v.is_string() && s.language == QueryLanguage::Jsonata)
        return checkJsonataString(ctx, v.get_ref<const std::string&>(), p, true);
    if (!v.is_number()) return ctx.schema(p, "must be a number from 0 to 100, not " + typeName(v));
    const double pct = v.get<double>();
    if (pct < 0 || pct > 100) ctx.schema(p, "must be from 0 to 100");
}

// Map Run labels: up to 40 characters, none of whitespace, brackets, wildcards or punctuation that
// AWS reserves (developer guide, Map state "Label").
void checkLabelField(Context& ctx, const Json& v, const std::string& p, const StateInfo&) {
    if (!v.is_string()) return ctx.schema(p, "must be a string, not " + typeName(v));
    const auto& label = v.get_ref<const std::string&>();
    const auto characters = std::count_if(label.begin(), label.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    });
    if (characters > 40) ctx.schema(p, "a Label has at most 40 characters");
    for (unsigned char c : label) {
        if (c <= 0x20 || c == 0x7F ||
            std::string_view("<>{}[]?*\"#%\\^|~`$&,;:/").find(static_cast<char>(c)) !=
                std::string_view::npos) {
            ctx.schema(p, "a Label cannot contain whitespace, brackets, wildcards or any of \" # % "
                          "\\ ^ | ~ ` $ & , ; : /");
            return;
        }
    }
}

void checkMapState(Context& ctx, const Json& state, const std::string& pointer, const StateInfo&) {
    atMostOne(ctx, state, pointer, "Items", "ItemsPath");
    atMostOne(ctx, state, pointer, "ItemSelector", "Parameters");
    atMostOne(ctx, state, pointer, "MaxConcurrency", "MaxConcurrencyPath");
    atMostOne(ctx, state, pointer, "ToleratedFailureCount", "ToleratedFailureCountPath");
    atMostOne(ctx, state, pointer, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath");
    if (state.contains("Iterator"))
        ctx.warning("DEPRECATED_FIELD", pointerChild(pointer, "Iterator"),
                    "Iterator is deprecated; use ItemProcessor");
    if (state.contains("Parameters"))
        ctx.warning("DEPRECATED_FIELD", pointerChild(pointer, "Parameters"),
                    "Parameters in a Map state is deprecated; use ItemSelector");

    bool distributed = false;
    if (auto proc = state.find("ItemProcessor"); proc != state.end() && proc->is_object()) {
        auto cfg = proc->find("ProcessorConfig");
        distributed = cfg != proc->end() && cfg->is_object() && cfg->contains("Mode") &&
                      (*cfg)["Mode"] == "DISTRIBUTED";
    }
    if (distributed) return;
    // AWS documents these for the Distributed Map only; an inline Map does not use them.
    for (const char* f : {"ItemReader", "ItemBatcher", "ResultWriter", "ToleratedFailureCount",
                          "ToleratedFailureCountPath", "ToleratedFailurePercentage",
                          "ToleratedFailurePercentagePath", "Label"}) {
        if (state.contains(f))
            ctx.warning(
                "DISTRIBUTED_MAP_ONLY", pointerChild(pointer, f),
                std::string(f) +
                    " applies only to a Distributed Map (ProcessorConfig Mode DISTRIBUTED)");
    }
}

} // namespace flowcast::model::validate
