#pragma once
// Test helper: runs code that must reject a scenario value and hands back where and why, so a
// table-driven test compares both in two lines.
#include "model/scenario/ScenarioError.h"

#include <QString>

#include <optional>

struct ScenarioErrorSeen {
    QString pointer;
    QString message;
};

/// The ScenarioError `parse()` throws, or nullopt when it throws nothing.
template <class Parse> std::optional<ScenarioErrorSeen> scenarioErrorOf(Parse&& parse) {
    try {
        parse();
    } catch (const flowcast::model::ScenarioError& e) {
        return ScenarioErrorSeen{QString::fromStdString(e.pointer()), QString::fromUtf8(e.what())};
    }
    return std::nullopt;
}
