#include "model/document/ProjectFile.h"

#include "model/asl/AslReader.h"
#include "model/asl/AslWriter.h"
#include "model/asl/SourceMap.h"

namespace flowcast::model {

namespace {

constexpr const char* kCode = "PROJECT_INVALID";

ProjectReadResult validate(ReadResult read, std::string_view text) {
    ProjectReadResult result;
    result.diagnostics = std::move(read.diagnostics);
    if (!read.json) return result;
    const Json& json = *read.json;
    auto fail = [&](std::string location, std::string message) {
        Diagnostic d{kCode, Severity::Error, std::move(location), std::move(message), 0, 0};
        if (const auto at = SourceMap::build(text).locate(d.location)) {
            d.line = at->line;
            d.column = at->column;
        }
        result.diagnostics.push_back(std::move(d));
        return result;
    };
    if (!json.is_object())
        return fail("", std::string("a project is a JSON object, not ") + jsonTypeName(json));
    if (json.value("flowcast", Json()) != Json("project"))
        return fail(json.contains("flowcast") ? "/flowcast" : "",
                    "a project starts with \"flowcast\": \"project\"");
    const Json version = json.value("version", Json());
    if (!version.is_number_integer() || version.get<long long>() < 1 ||
        version.get<long long>() > ProjectFile::kVersion)
        return fail(json.contains("version") ? "/version" : "",
                    "this Flowcast reads project version " + std::to_string(ProjectFile::kVersion) +
                        "; \"version\" is " + (version.is_null() ? "missing" : version.dump()));
    const auto definition = json.find("definition");
    if (definition == json.end() || !definition->is_object())
        return fail(definition == json.end() ? "" : "/definition",
                    "\"definition\" must hold the ASL definition, an object");
    const auto layout = json.find("layout");
    if (layout != json.end() && !layout->is_object())
        return fail("/layout",
                    std::string("\"layout\" must be an object, not ") + jsonTypeName(*layout));
    Project project;
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (it.key() == "definition")
            project.definition = it.value();
        else if (it.key() == "layout")
            project.layout = it.value();
        else if (it.key() != "flowcast" && it.key() != "version")
            project.other[it.key()] = it.value();
    }
    result.project = std::move(project);
    return result;
}

} // namespace

bool ProjectFile::isProjectPath(const std::filesystem::path& path) {
    return path.filename().string().ends_with(".flowcast.json");
}

ProjectReadResult ProjectFile::read(const std::filesystem::path& path) {
    std::string text;
    ReadResult read = AslReader::readFileText(path, text);
    return validate(std::move(read), text);
}

ProjectReadResult ProjectFile::fromText(std::string_view text) {
    return validate(AslReader::readText(text, TextFormat::Json), text);
}

std::string ProjectFile::toText(const Project& project) {
    Json json = Json::object();
    json["flowcast"] = "project";
    json["version"] = kVersion;
    json["definition"] = project.definition;
    json["layout"] = project.layout;
    for (auto it = project.other.begin(); it != project.other.end(); ++it)
        json[it.key()] = it.value();
    return AslWriter::toText(json);
}

std::string ProjectFile::write(const std::filesystem::path& path, const Project& project) {
    return AslWriter::writeFileAtomically(path, toText(project));
}

} // namespace flowcast::model
