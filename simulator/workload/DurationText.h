#pragma once
// Durations as scenarios and the command line write them: a plain number of seconds (3600,
// 0.25) or a number with one unit: "250ms", "30s", "5m", "2h", "30d" (decimals allowed: "1.5h").
#include "model/asl/Json.h"
#include "simulator/core/SimTime.h"

#include <string>
#include <string_view>

namespace flowcast::sim {

/// The duration `text` spells. Throws model::ScenarioError(pointer, ...) when it is not one of
/// the forms above or is negative.
SimTime parseDuration(std::string_view text, const std::string& pointer = {});

/// A JSON number (seconds) or a string in the forms above.
SimTime parseDuration(const model::Json& value, const std::string& pointer);

} // namespace flowcast::sim
