#pragma once
// The YAML export path: a definition as block-style YAML 1.2 (2-space indent, keys in their
// stored order), for files named .yaml / .yml. A string is written plain only where every YAML
// reader gives it back as the same string (not a number, boolean or null in YAML 1.2 or 1.1, no
// indicator that would change its meaning); otherwise double-quoted with JSON's escapes, which
// YAML shares. yamlToJson(toYaml(x)) == x for every JSON value.
#include "model/asl/Json.h"

#include <string>

namespace flowcast::model {

std::string toYaml(const Json& value);

/// True when `text` may be written as a plain YAML scalar and read back as the same string.
bool isPlainSafe(const std::string& text);

} // namespace flowcast::model
