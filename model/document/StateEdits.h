#pragma once
// The edits a user makes on a state machine, built as Edits for Document::apply: add, remove,
// rename, connect, set a field, move on the canvas, replace the whole definition. Each builder
// reads the current document and returns the ops of one gesture; it throws EditError, naming the
// problem, when the gesture makes no sense (a duplicate name, a Fail state given a Next).
// Rules kept: a rename follows every reference in the state's scope (StartAt, Next, Default,
// Choice rules, Catch) and its layout; a removal reconnects what pointed at the state to the
// state's own Next when it has one; new fields go where AWS's documentation writes them.
#include "model/document/Document.h"

#include <optional>
#include <string>
#include <vector>

namespace flowcast::model::edits {

struct CanvasPoint {
    double x = 0;
    double y = 0;
};

/// The pointer of the state `name` in the scope at `scopePointer` ("" for the top level,
/// "/States/P/Branches/0", "/States/M/ItemProcessor").
std::string statePointer(const std::string& scopePointer, const std::string& name);
/// The scope and the name of the state at `pointer` ("/States/P/Branches/0/States/A" ->
/// {"/States/P/Branches/0", "A"}). Throws EditError when `pointer` names no state's place.
std::pair<std::string, std::string> splitStatePointer(const std::string& pointer);
/// `base` when it is free in the scope, else "base 2", "base 3", ...
std::string uniqueStateName(const Document& document, const std::string& scopePointer,
                            const std::string& base);

/// Adds `state` as `name` in the scope. With `onTransition` (the pointer of a Next, Default,
/// rule or Catch target) the state is inserted on that arrow: the arrow points at it and it
/// points on to the old target. The first state of an empty scope becomes its StartAt.
Edit addState(const Document& document, const std::string& scopePointer, const std::string& name,
              Json state, std::optional<CanvasPoint> at = std::nullopt,
              const std::string& onTransition = {});
Edit removeStates(const Document& document, const std::vector<std::string>& statePointers);
Edit renameState(const Document& document, const std::string& statePointer,
                 const std::string& newName);

/// Points the transition written at `transitionPointer` (or StartAt) at `target`.
Edit setTarget(const Document& document, const std::string& transitionPointer,
               const std::string& target);
/// A new arrow from the state at `fromPointer` to `target` in the same scope: a Next (replacing
/// End), or for a Choice its Default, then a new rule.
Edit connect(const Document& document, const std::string& fromPointer, const std::string& target);

/// Sets the value at `pointer` in the definition, creating missing parent objects; a new field
/// of a state or of the top level goes at its usual place among the others.
Edit setValue(const Document& document, const std::string& pointer, Json value,
              std::string label = {});
Edit removeValue(const Document& document, const std::string& pointer, std::string label = {});
/// The whole definition at once (the code view).
Edit replaceDefinition(const Document& document, Json definition);

/// Canvas positions of states; consecutive moves of the same states merge into one undo step.
Edit moveStates(const Document& document,
                const std::vector<std::pair<std::string, CanvasPoint>>& positions);
Edit setCollapsed(const Document& document, const std::string& statePointer, bool collapsed);
/// The position stored for the state, if the user placed it.
std::optional<CanvasPoint> storedPosition(const Document& document, const std::string& pointer);
bool isCollapsed(const Document& document, const std::string& statePointer);

} // namespace flowcast::model::edits
