#pragma once
// Internal to the StateCatalog (model/document/StateCatalog*.cpp): the entries of each group and
// the Task builder they share.
#include "model/document/StateCatalog.h"

#include <string>
#include <string_view>
#include <vector>

namespace flowcast::model::catalog {

std::vector<CatalogEntry> flowEntries();
std::vector<CatalogEntry> actionEntries();
std::vector<CatalogEntry> patternEntries();

/// What a Task passes on: its result, its own input unchanged, or a Lambda's Payload.
enum class TaskOutput { Result, KeepInput, LambdaPayload };

struct TaskSpec {
    std::string resource;   ///< after "arn:aws:states:::", e.g. "glue:startJobRun.sync"
    std::string parameters; ///< the JSONPath Parameters as JSON text; Arguments derive from it
    TaskOutput output = TaskOutput::Result;
    bool lambdaRetry = false;
};

/// A Task state with "End": true, fields in AWS's order.
Json taskState(const TaskSpec& spec, QueryLanguage language);
/// The JSONata Arguments of JSONPath Parameters: "Key.$": "$.a" becomes "Key": "{% $states.input.a
/// %}" and "$$.x" becomes $states.context.x. Throws std::logic_error on anything else (a path
/// the catalogue should not use).
Json jsonataArguments(const Json& parameters);
/// The Lambda Invoke state: Payload is the state input, the output is the function's Payload.
Json lambdaInvokeState(QueryLanguage language);

/// A fragment of one state; a state with "End": true is its exit.
CatalogFragment singleState(std::string name, Json state);

} // namespace flowcast::model::catalog
