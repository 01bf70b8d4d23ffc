#pragma once
// One file as the user hands it to `validate`: a bare ASL definition, or a CloudFormation / SAM
// template whose AWS::StepFunctions::StateMachine and AWS::Serverless::StateMachine resources
// hold definitions (Definition, or DefinitionString as text, Fn::Sub or Fn::Join). Every
// diagnostic's pointer is relative to the file.
#include "model/asl/AslReader.h"
#include "model/asl/Diagnostic.h"
#include "model/asl/Json.h"
#include "model/asl/Validator.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace flowcast::model {

struct EmbeddedDefinition {
    std::string pointer;               ///< where it sits in the file ("" for a bare definition)
    const Json* definition = nullptr;  ///< inside the document passed to find(), or in `owned`
    std::shared_ptr<const Json> owned; ///< set when parsed from DefinitionString text

    const Json& json() const { return *definition; }
};

struct FileReport {
    std::string file;
    std::optional<Json> json;        ///< the file as read, when it could be parsed
    std::size_t definitionCount = 0; ///< definitions found and validated
    Diagnostics diagnostics;

    bool valid() const { return json.has_value() && !hasError(diagnostics); }
};

class DefinitionFile {
public:
    /// AWS CreateStateMachine takes a definition of at most 1,048,576 characters.
    static constexpr std::size_t kMaxDefinitionBytes = 1'048'576;

    static FileReport check(const std::filesystem::path& path,
                            const ValidatorOptions& options = {});
    /// The same for text already in memory; `name` is what the report calls the file.
    static FileReport checkText(std::string_view text, TextFormat format, std::string name,
                                const ValidatorOptions& options = {});
    /// The definitions held in a parsed file; template problems are added to `diagnostics`.
    /// The results point into `document`, which must outlive them.
    static std::vector<EmbeddedDefinition> find(const Json& document, Diagnostics& diagnostics);
    static bool isTemplate(const Json& document);
};

} // namespace flowcast::model
