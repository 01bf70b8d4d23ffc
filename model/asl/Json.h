#pragma once
// The JSON value type of the whole model. ordered_json keeps object keys in the order they were
// read, which is what makes import followed by export lossless.
#include <nlohmann/json.hpp>

namespace flowcast::model {
using Json = nlohmann::ordered_json;
}
