#pragma once
// Field checks specific to the Map state: ItemProcessor / Iterator, ItemReader, ItemBatcher,
// ResultWriter, tolerated failures, Label, and the fields that only a Distributed Map uses.
#include "model/asl/validate/StateRules.h"

namespace flowcast::model::validate {

void checkMapProcessorField(Context& ctx, const Json& v, const std::string& p, const StateInfo& s);
void checkItemReaderField(Context& ctx, const Json& v, const std::string& p, const StateInfo& s);
void checkItemBatcherField(Context& ctx, const Json& v, const std::string& p, const StateInfo& s);
void checkResultWriterField(Context& ctx, const Json& v, const std::string& p, const StateInfo& s);
void checkToleratedPercentageField(Context& ctx, const Json& v, const std::string& p,
                                   const StateInfo& s);
void checkLabelField(Context& ctx, const Json& v, const std::string& p, const StateInfo& s);
/// Whole-state Map rules: exclusive pairs and Distributed-only fields.
void checkMapState(Context& ctx, const Json& state, const std::string& pointer, const StateInfo& s);

} // namespace flowcast::model::validate
