#pragma once
// Test helper: QCOMPARE on doubles is fuzzy (qFuzzyCompare); QCOMPARE_EXACT compares the doubles
// bit for bit, printing both with 17 significant digits when they differ.
#include <QString>

#define QCOMPARE_EXACT(actual, expected)                                                           \
    QCOMPARE(QString::number(static_cast<double>(actual), 'g', 17),                                \
             QString::number(static_cast<double>(expected), 'g', 17))
