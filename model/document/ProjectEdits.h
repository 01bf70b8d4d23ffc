#pragma once
// Edits of a project's own sections (Document::project()): the state machine's name and type, the
// scenario and whatever else a project file holds beside the definition and the layout. Like the
// state edits they only build an Edit; the Document applies it, so they undo like any other.
#include "model/document/Document.h"

#include <optional>
#include <string>

namespace flowcast::model::edits {

/// The project's keys for what AWS's CreateStateMachine takes beside the definition.
inline constexpr const char* kProjectName = "name"; ///< the state machine's name
inline constexpr const char* kProjectType = "type"; ///< "STANDARD" (default) or "EXPRESS"

/// Sets the value at `pointer` of the project part (creating the objects missing on the way,
/// appended after the existing keys), or removes it for nullopt. Empty when nothing changes.
Edit setProjectValue(const Document& document, const std::string& pointer,
                     const std::optional<Json>& value, std::string label = {});

/// Why `name` cannot name a state machine (AWS: 1 to 80 characters, none of whitespace,
/// < > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : / or control characters); empty when it can.
std::string stateMachineNameError(const std::string& name);

} // namespace flowcast::model::edits
