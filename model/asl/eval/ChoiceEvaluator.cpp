#include "model/asl/eval/ChoiceEvaluator.h"
// Implementation in progress (issue 3).
