#pragma once
// Test helpers for model/asl/eval: workflow variables backed by a JSON object, and a result as
// text for comparisons and failure messages.
#include "model/asl/eval/EvalTypes.h"

#include <QString>

#include <string>
#include <string_view>
#include <utility>

class JsonVariables : public flowcast::model::eval::Variables {
public:
    explicit JsonVariables(flowcast::model::Json values) : m_values(std::move(values)) {}
    const flowcast::model::Json* find(std::string_view name) const override {
        const auto it = m_values.find(std::string(name));
        return it == m_values.end() ? nullptr : &*it;
    }

private:
    flowcast::model::Json m_values;
};

/// The value as compact JSON, or "<errorPrefix>Error: cause".
inline QString describeResult(const flowcast::model::eval::Result<flowcast::model::Json>& result,
                              const QString& errorPrefix = {}) {
    if (result.ok()) return QString::fromStdString(result.value().dump());
    return errorPrefix + QString::fromStdString(result.error().error + ": " + result.error().cause);
}
