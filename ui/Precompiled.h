// The core's precompiled headers plus Qt Widgets, for the GUI library (see model/Precompiled.h).
#pragma once

#include "model/Precompiled.h"
#include <QtWidgets>
