// The core's precompiled headers plus Qt Test (and Qt Widgets for the UI tests), shared by the
// tests of one directory (see flowcast_test_build_speed in tests/CMakeLists.txt).
#pragma once

#include "model/Precompiled.h"
#include <QtTest>
#if defined(QT_WIDGETS_LIB)
#include <QtWidgets>
#endif
