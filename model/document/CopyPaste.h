#pragma once
// Copy, paste and duplicate of states. A clip is plain JSON (it travels through the system
// clipboard as text): {"flowcastClip": 1, "states": {name: state, ...}, "positions": {name: {x,
// y}}}. Pasting gives each state a name free in the target scope, points the arrows between
// pasted states at the new names, and drops the arrows that lead out of the clip to a state the
// target scope does not have (a Next becomes End, as a delete does).
#include "model/document/StateEdits.h"

#include <optional>
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

} // namespace flowcast::model::edits
