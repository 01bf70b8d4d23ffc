// The headers nearly every file of the core includes, compiled once per target
// (target_precompile_headers in model/, simulator/, ui/ and tests/). Never included by hand.
// Marked as a system header so that GCC 12's false -Warray-bounds / -Wstringop-overflow reports
// from libstdc++'s std::string, which a precompiled header otherwise lets through, stay quiet as
// they do without one.
#pragma once
#pragma GCC system_header

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>
