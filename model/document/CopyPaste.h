#pragma once
// Copy, paste and duplicate of states. A clip is plain JSON (it travels through the system
// clipboard as text): {"flowcastClip": 1, "states": {name: state, ...}, "positions": {name: {x,
// y}}}. Pasting gives each state a name free in the target scope, points the arrows between
// pasted states at the new names, and drops the arrows that lead out of the clip to a state the
// target scope does not have (a Next becomes End, as a delete does).
#include "model/document/StateEdits.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace flowcast::model::edits {

/// The states at `statePointers` (one scope or several; names must differ) as a clip.
Json copyStates(const Document& document, const std::vector<std::string>& statePointers);
/// True when `json` is a clip copyStates() made.
bool isClip(const Json& json);
/// Adds the clip's states to the scope, their positions moved by `offset` when they have some.
/// `pasted` receives the new states' pointers. Throws EditError on a malformed clip.
Edit pasteStates(const Document& document, const std::string& scopePointer, const Json& clip,
                 CanvasPoint offset = {40, 40}, std::vector<std::string>* pasted = nullptr);

/// Every state name in the definition, in every scope: AWS wants them unique in the whole state
/// machine, so new states take names free everywhere.
std::set<std::string> allStateNames(const Json& definition);

/// Adds a group of states (an object of name -> state, in order) built elsewhere, such as a
/// palette entry. With `onTransition` the arrow written there points at `entry`, and each of the
/// `exits` (whose "End": true leaves the group) goes on to the arrow's old target. Names are made
/// free as pasteStates() does; `added` receives the new pointers in order.
Edit insertStates(const Document& document, const std::string& scopePointer, const Json& states,
                  const std::string& entry, const std::vector<std::string>& exits,
                  const std::string& onTransition, std::string label,
                  std::vector<std::string>* added = nullptr);

} // namespace flowcast::model::edits
