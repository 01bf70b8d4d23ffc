// The headers nearly every file of the core includes, compiled once per target
// (target_precompile_headers in model/, simulator/, ui/ and tests/). Never included by hand.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>
