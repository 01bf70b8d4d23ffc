#pragma once
// YAML text to the model's Json through libfyaml (YAML 1.2). Plain scalars resolve by the YAML 1.2
// core schema (null, booleans, integers, floats, else strings); quoted scalars stay strings; keys
// keep their order. CloudFormation short forms (!Sub, !Ref, !GetAtt, ...) become their long JSON
// forms
// ({"Fn::Sub": ...}), so definitions inside templates read as CloudFormation itself reads them.
#include "model/asl/Diagnostic.h"
#include "model/asl/Json.h"

#include <optional>
#include <string_view>

namespace flowcast::model {

struct YamlConversion {
    std::optional<Json> json;
    Diagnostics diagnostics;
};

YamlConversion yamlToJson(std::string_view text, int maxDepth);

/// Core-schema resolution of one plain (unquoted, untagged) scalar.
Json resolvePlainScalar(const std::string& scalar);

} // namespace flowcast::model
