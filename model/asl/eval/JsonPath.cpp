#include "model/asl/eval/JsonPath.h"
// Implementation in progress (issue 3).
