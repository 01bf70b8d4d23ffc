#include "model/asl/eval/Intrinsics.h"
// Implementation in progress (issue 3).
