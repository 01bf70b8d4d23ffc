#pragma once
// Cheaper ways to free and grow JSON trees on the simulator's hot path, where every state visit
// builds and drops payloads.
// - nlohmann's destructor moves every child of a container onto a heap-allocated stack before
//   freeing it (so that any depth is safe); releaseJson frees depth-first without that stack.
// - An ordered_json object is a vector of pair<const string, json>: the pair cannot be moved, so
//   a growing object copies every value (deep) into its new buffer. makeRoomForEntry grows it by
//   moving the values and copying only the keys.
#include "model/asl/Json.h"

namespace flowcast::model {

/// Frees the value's tree and leaves it null. Past 64 levels the rest is left to nlohmann's
/// destructor, so any depth is safe.
void releaseJson(Json& value);

/// Ensures `entries` can take one more entry without reallocating; when it must grow, values
/// are moved (only keys are copied).
void makeRoomForEntry(Json::object_t& entries);

} // namespace flowcast::model
