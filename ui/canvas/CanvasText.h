#pragma once
// The short texts the canvas writes: a state's second line ("Lambda: SourceData", "Glue:
// startJobRun.sync", "Wait 30 s") and an arrow's label (a Choice rule's condition, the errors a
// Catch handles). Kept apart from the items so they can be tested without a scene.
#include "model/asl/StateMachine.h"

#include <QString>

namespace flowcast::ui {

/// What a state does, in a few words; empty when the type says it all.
QString stateSubtitle(const model::State& state);
/// A Choice rule as a condition: "$.status == \"FAILED\"", "$.n > 3 and $.ok is true",
/// "not ($.x is present)", a JSONata Condition without its {% %}. At most `maxLength` characters
/// (an ellipsis marks the cut).
QString ruleSummary(const model::Json& rule, int maxLength = 48);
/// The label of a transition on the canvas: the rule's condition, "Default", the Catch's errors.
QString edgeLabel(const model::State& from, const model::Transition& transition);

} // namespace flowcast::ui
