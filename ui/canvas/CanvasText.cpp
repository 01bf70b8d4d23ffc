#include "ui/canvas/CanvasText.h"

#include "ui/common/StatePresentation.h"

#include <array>
#include <string_view>
#include <utility>

namespace flowcast::ui {

namespace {

using model::Json;

// Choice comparison operators as the canvas writes them (ASL: 39 operators; the *Path forms
// compare with another path and read the same way).
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kOperators{{
    {"Equals", "=="},
    {"GreaterThanEquals", ">="},
    {"LessThanEquals", "<="},
    {"GreaterThan", ">"},
    {"LessThan", "<"},
    {"Matches", "like"},
    {"IsPresent", "is present"},
    {"IsNull", "is null"},
    {"IsString", "is a string"},
    {"IsNumeric", "is a number"},
    {"IsBoolean", "is a boolean"},
    {"IsTimestamp", "is a timestamp"},
}};

QString text(const Json& value) {
    return QString::fromStdString(value.is_string() ? value.get<std::string>() : value.dump());
}

QString comparison(const Json& rule) {
    const QString variable = text(rule.value("Variable", Json("$")));
    for (auto it = rule.begin(); it != rule.end(); ++it) {
        const std::string& key = it.key();
        if (key == "Variable" || key == "Next" || key == "Comment" || key == "Assign" ||
            key == "Output")
            continue;
        const bool path = key.ends_with("Path");
        const std::string_view base =
            path ? std::string_view(key).substr(0, key.size() - 4) : std::string_view(key);
        for (const auto& [suffix, symbol] : kOperators) {
            if (!base.ends_with(suffix)) continue;
            const QString op = QString::fromUtf8(symbol.data(), qsizetype(symbol.size()));
            if (base.starts_with("Is")) { // IsPresent: true / false
                const bool yes = !it.value().is_boolean() || it.value().get<bool>();
                return variable + (yes ? " " + op : " " + QString(op).replace("is ", "is not "));
            }
            const QString operand =
                path || !it.value().is_string() ? text(it.value()) : "\"" + text(it.value()) + "\"";
            return variable + " " + op + " " + operand;
        }
        return variable + " " + QString::fromStdString(key) + " " + text(it.value());
    }
    return variable;
}

QString summary(const Json& rule) {
    if (!rule.is_object()) return {};
    if (auto condition = rule.find("Condition"); condition != rule.end()) {
        QString expression = text(*condition).trimmed();
        if (expression.startsWith("{%") && expression.endsWith("%}"))
            expression = expression.mid(2, expression.size() - 4).trimmed();
        return expression;
    }
    for (const char* junction : {"And", "Or"}) {
        auto list = rule.find(junction);
        if (list == rule.end() || !list->is_array()) continue;
        QStringList parts;
        for (const Json& inner : *list)
            parts << summary(inner);
        return parts.join(junction[0] == 'A' ? " and " : " or ");
    }
    if (auto inner = rule.find("Not"); inner != rule.end()) return "not (" + summary(*inner) + ")";
    return comparison(rule);
}

const Json* at(const model::State& state, const std::string& key) {
    if (!state.raw || !state.raw->is_object()) return nullptr;
    auto it = state.raw->find(key);
    return it == state.raw->end() ? nullptr : &*it;
}

/// "arn:aws:lambda:us-east-1:1:function:etl-source:$LATEST" -> "etl-source".
QString functionName(const Json& name) {
    QString value = text(name);
    const QStringList parts = value.split(':');
    const int function = int(parts.indexOf("function"));
    if (function >= 0 && function + 1 < parts.size()) value = parts[function + 1];
    return value;
}

} // namespace

QString stateSubtitle(const model::State& state) {
    using model::StateType;
    switch (state.type) {
    case StateType::Task: {
        QString label = resourceLabel(state.resource);
        if (label.startsWith("Lambda")) {
            for (const char* field : {"Parameters", "Arguments"}) {
                const Json* args = at(state, field);
                if (args && args->is_object()) {
                    for (const char* key : {"FunctionName", "FunctionName.$"})
                        if (args->contains(key)) return "Lambda: " + functionName((*args)[key]);
                }
            }
        }
        return label;
    }
    case StateType::Wait:
        for (const char* field : {"Seconds", "SecondsPath", "Timestamp", "TimestampPath"}) {
            if (const Json* value = at(state, field))
                return QString(field).startsWith("Seconds") && value->is_number()
                           ? "Wait " + text(*value) + " s"
                           : "Wait " + text(*value);
        }
        return "Wait";
    case StateType::Map:
        return state.isDistributedMap ? "Map (distributed)" : "Map";
    case StateType::Fail:
        if (const Json* error = at(state, "Error")) return text(*error);
        return {};
    default:
        return {};
    }
}

QString ruleSummary(const Json& rule, int maxLength) {
    QString out = summary(rule);
    if (out.size() > maxLength) out = out.left(maxLength - 1) + QChar(0x2026);
    return out;
}

QString edgeLabel(const model::State& from, const model::Transition& transition) {
    switch (transition.kind) {
    case model::TransitionKind::ChoiceRule: {
        // The rule is the object holding the Next: ".../Choices/2/Next".
        const std::string& p = transition.pointer;
        const std::size_t choices = p.rfind("/Choices/");
        const Json* rules = at(from, "Choices");
        if (choices == std::string::npos || !rules || !rules->is_array())
            return QString::fromStdString(transition.label);
        const std::size_t index = std::stoul(p.substr(choices + 9));
        return index < rules->size() ? ruleSummary((*rules)[index])
                                     : QString::fromStdString(transition.label);
    }
    case model::TransitionKind::Default:
        return QStringLiteral("Default");
    case model::TransitionKind::Catch:
        return QString::fromStdString(transition.label);
    case model::TransitionKind::Next:
        return {};
    }
    return {};
}

} // namespace flowcast::ui
