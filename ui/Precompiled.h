// The core's precompiled headers plus Qt Widgets, for the GUI library (see model/Precompiled.h).
#pragma once
#pragma GCC system_header

#include "model/Precompiled.h"
#include <QtWidgets>
