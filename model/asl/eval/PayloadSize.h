#pragma once
// The size Step Functions measures a payload by: the bytes of its JSON text (UTF-8, no
// whitespace), as nlohmann's dump() writes it, counted without building the text.
#include "model/asl/Json.h"

#include <cstddef>

namespace flowcast::model::eval {

/// AWS quota: "Maximum input or output size for a task, state, or execution: 256 KiB of data as
/// a UTF-8 encoded string".
inline constexpr std::size_t kPayloadLimitBytes = 256 * 1024;

/// The length of value.dump(); counting stops soon after it passes `stopAbove`, so the answer
/// is exact up to `stopAbove` and only "more than stopAbove" beyond it. Never recurses.
std::size_t payloadSize(const Json& value, std::size_t stopAbove = static_cast<std::size_t>(-1));

/// True when value.dump() is longer than `limit` (the 256 KiB quota by default). Counts exactly
/// only when a bound from the lengths of its strings alone does not settle it.
bool exceedsPayloadLimit(const Json& value, std::size_t limit = kPayloadLimitBytes);

/// Takes from `room` an upper bound of value.dump()'s length found from the lengths of its
/// strings alone; false (room then unspecified) when that bound does not fit or the value nests
/// deeper than 64 levels: only true settles anything.
bool fitsWithinBound(const Json& value, std::size_t& room);

} // namespace flowcast::model::eval
