#include "model/asl/DefinitionFile.h"

#include "model/asl/AslReader.h"
#include "model/asl/JsonPointer.h"
#include "model/asl/SourceMap.h"

#include <algorithm>

namespace flowcast::model {
namespace {

bool isStateMachineType(const Json& resource) {
    const auto type = resource.find("Type");
    return type != resource.end() && (*type == "AWS::StepFunctions::StateMachine" ||
                                      *type == "AWS::Serverless::StateMachine");
}

// The text of a DefinitionString: a plain string, {"Fn::Sub": text or [text, vars]} or
// {"Fn::Join": [separator, [parts]]}. Non-string parts of a join (Refs, GetAtts) become
// ${placeholders}, so the rest of the definition can still be checked.
std::optional<std::string> definitionText(const Json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (!value.is_object() || value.size() != 1) return std::nullopt;
    if (auto sub = value.find("Fn::Sub"); sub != value.end()) {
        if (sub->is_string()) return sub->get<std::string>();
        if (sub->is_array() && !sub->empty() && (*sub)[0].is_string())
            return (*sub)[0].get<std::string>();
        return std::nullopt;
    }
    if (auto join = value.find("Fn::Join"); join != value.end()) {
        if (!join->is_array() || join->size() != 2 || !(*join)[0].is_string() ||
            !(*join)[1].is_array())
            return std::nullopt;
        const std::string sep = (*join)[0].get<std::string>();
        std::string text;
        bool first = true;
        for (const auto& part : (*join)[1]) {
            if (!first) text += sep;
            first = false;
            text += part.is_string() ? part.get<std::string>() : std::string("${Intrinsic}");
        }
        return text;
    }
    return std::nullopt;
}

void prefixDiagnostics(Diagnostics& diags, const std::string& prefix) {
    for (auto& d : diags)
        d.location = prefix + d.location;
}

void findInResource(const std::string& name, const Json& resource,
                    std::vector<EmbeddedDefinition>& out, Diagnostics& diagnostics) {
    const std::string rp = pointerChild(pointerChild("/Resources", name), "Properties");
    const auto props = resource.find("Properties");
    if (props == resource.end() || !props->is_object()) return;
    if (auto def = props->find("Definition"); def != props->end()) {
        out.push_back({pointerChild(rp, "Definition"), &*def, nullptr});
        return;
    }
    if (auto str = props->find("DefinitionString"); str != props->end()) {
        const std::string sp = pointerChild(rp, "DefinitionString");
        const auto text = definitionText(*str);
        if (!text) {
            diagnostics.push_back(
                {"UNRESOLVED_PLACEHOLDER", Severity::Warning, sp,
                 "DefinitionString is built by an intrinsic Flowcast cannot expand; not checked", 0,
                 0});
            return;
        }
        ReadResult parsed = AslReader::readText(*text, TextFormat::Json);
        prefixDiagnostics(parsed.diagnostics, sp);
        diagnostics.insert(diagnostics.end(), parsed.diagnostics.begin(), parsed.diagnostics.end());
        if (parsed.json) {
            auto owned = std::make_shared<const Json>(std::move(*parsed.json));
            out.push_back({sp, owned.get(), owned});
        }
        return;
    }
    if (props->contains("DefinitionUri") || props->contains("DefinitionS3Location")) {
        diagnostics.push_back(
            {"EXTERNAL_DEFINITION", Severity::Warning, rp,
             "the definition of \"" + name + "\" is in a separate file; validate that file", 0, 0});
    }
}

} // namespace

bool DefinitionFile::isTemplate(const Json& document) {
    return document.is_object() && !document.contains("States") && document.contains("Resources") &&
           document["Resources"].is_object();
}

std::vector<EmbeddedDefinition> DefinitionFile::find(const Json& document,
                                                     Diagnostics& diagnostics) {
    std::vector<EmbeddedDefinition> out;
    if (!isTemplate(document)) {
        out.push_back({"", &document, nullptr});
        return out;
    }
    for (const auto& [name, resource] : document["Resources"].items()) {
        if (resource.is_object() && isStateMachineType(resource))
            findInResource(name, resource, out, diagnostics);
    }
    if (out.empty() && diagnostics.empty()) {
        diagnostics.push_back({"NO_STATE_MACHINE", Severity::Warning, "/Resources",
                               "the template defines no AWS::StepFunctions::StateMachine or "
                               "AWS::Serverless::StateMachine",
                               0, 0});
    }
    return out;
}

namespace {

bool insideAny(const std::string& location, const std::vector<std::string>& pointers) {
    return std::any_of(pointers.begin(), pointers.end(), [&](const std::string& p) {
        return location.starts_with(p) &&
               (location.size() == p.size() || location[p.size()] == '/');
    });
}

// Line and column for the diagnostics that only have a pointer, from one scan of the text, made
// only when some diagnostic needs it. Pointers into a definition held as DefinitionString text
// name no place in the file's own text, so those keep line 0.
void locateInText(Diagnostics& diagnostics, std::string_view text,
                  const std::vector<std::string>& textDefinitions) {
    std::optional<SourceMap> map;
    for (auto& d : diagnostics) {
        if (d.line != 0 || d.location.empty() || insideAny(d.location, textDefinitions)) continue;
        if (!map) map = SourceMap::build(text);
        if (const auto pos = map->locate(d.location)) {
            d.line = pos->line;
            d.column = pos->column;
        }
    }
}

FileReport validateRead(ReadResult read, std::string_view text, TextFormat format, std::string name,
                        const ValidatorOptions& options) {
    FileReport report;
    report.file = std::move(name);
    report.diagnostics = std::move(read.diagnostics);
    if (!read.json) return report;
    if (read.sizeBytes > DefinitionFile::kMaxDefinitionBytes &&
        !DefinitionFile::isTemplate(*read.json)) {
        report.diagnostics.push_back({"DEFINITION_TOO_LARGE", Severity::Error, "",
                                      "the definition is " + std::to_string(read.sizeBytes) +
                                          " bytes; AWS accepts at most 1,048,576",
                                      0, 0});
    }
    const Validator validator(options);
    std::vector<std::string> textDefinitions;
    for (auto& embedded : DefinitionFile::find(*read.json, report.diagnostics)) {
        if (embedded.owned) textDefinitions.push_back(embedded.pointer);
        Diagnostics diags;
        try {
            diags = validator.validate(embedded.json());
        } catch (const std::exception& e) {
            // A bug, never the user's fault: keep the session alive and say so. (The fuzz target
            // calls the Validator directly, so it still sees these.)
            diags.push_back(
                {"INTERNAL_ERROR", Severity::Error, "",
                 std::string("the validator failed on this definition (please report it): ") +
                     e.what(),
                 0, 0});
        }
        prefixDiagnostics(diags, embedded.pointer);
        report.diagnostics.insert(report.diagnostics.end(), diags.begin(), diags.end());
        ++report.definitionCount;
    }
    if (format == TextFormat::Json) locateInText(report.diagnostics, text, textDefinitions);
    report.json = std::move(read.json);
    return report;
}

} // namespace

FileReport DefinitionFile::check(const std::filesystem::path& path,
                                 const ValidatorOptions& options) {
    std::string text;
    ReadResult read = AslReader::readFileText(path, text);
    return validateRead(std::move(read), text, AslReader::formatFor(path), path.string(), options);
}

FileReport DefinitionFile::checkText(std::string_view text, TextFormat format, std::string name,
                                     const ValidatorOptions& options) {
    return validateRead(AslReader::readText(text, format), text, format, std::move(name), options);
}

} // namespace flowcast::model
