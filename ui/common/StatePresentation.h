#pragma once
// How a state reads on screen: the short form of a Task's resource, the type column, the
// transitions line, and a colour per state type. Shared by the state tree and, later, the canvas,
// so both name things the same way.
#include "model/asl/StateMachine.h"

#include <QColor>
#include <QIcon>
#include <QString>

#include <string_view>

namespace flowcast::ui {

/// "arn:aws:states:::lambda:invoke" -> "Lambda: invoke"; "...:::aws-sdk:glue:startCrawler" ->
/// "Glue SDK: startCrawler"; an activity ARN -> "Task (activity)"; anything else -> "Task".
QString resourceLabel(std::string_view resource);
/// The Type column: resourceLabel() for a Task, "Map (INLINE)" / "Map (DISTRIBUTED)", else the
/// ASL type name (the written one when Flowcast does not know it).
QString typeLabel(const model::State& state);
/// "→ Next", "rule 1 → X", "Default → X", "Catch [States.ALL] → Y".
QString transitionLabel(const model::Transition& transition);
/// Every transition of the state in file order, then "End" when it has "End": true.
QStringList transitionLabels(const model::State& state);

QColor typeColour(model::StateType type);
/// A small swatch in typeColour().
QIcon typeIcon(model::StateType type);

} // namespace flowcast::ui
