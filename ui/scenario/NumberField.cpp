#include "ui/scenario/NumberField.h"

#include <QLocale>

#include <cmath>

namespace flowcast::ui {

namespace {

// Whole numbers up to 2^53 are exact in a double: beyond, an integer would claim digits the
// value does not hold.
constexpr double kExactWhole = 9007199254740992.0;

double rounded(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

} // namespace

NumberField::NumberField(double min, double max, int decimals, const QString& unit, QWidget* parent)
    : QDoubleSpinBox(parent) {
    setDecimals(decimals);
    setRange(min, max);
    setKeyboardTracking(false);
    setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    setAccelerated(true);
    m_unit = unit;
    setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    setMinimumWidth(120);
    updateSuffix();
    connect(this, &QDoubleSpinBox::valueChanged, this, &NumberField::updateSuffix);
}

void NumberField::setQuietly(double value) {
    {
        const QSignalBlocker blocker(this);
        setValue(value);
    }
    updateSuffix();
}

void NumberField::setUnit(const QString& unit) {
    m_unit = unit;
    updateSuffix();
}

void NumberField::updateSuffix() {
    QString unit = m_unit;
    // Counted things only ("nodes", "queries"), not rates or symbols ("records/s", "s", "MB").
    const bool counted =
        unit.size() > 2 && unit.endsWith(QLatin1Char('s')) && !unit.contains(QLatin1Char('/'));
    if (counted && value() == 1)
        unit = unit.endsWith(QLatin1String("ies")) ? unit.chopped(3) + QLatin1Char('y')
                                                   : unit.chopped(1);
    setSuffix(unit.isEmpty() ? QString() : QLatin1Char(' ') + unit);
}

QString NumberField::textFromValue(double value) const {
    // Up to the field's decimals, trailing zeros dropped: 0.008, 45, 2000000000.
    QString text = locale().toString(value, 'f', decimals());
    if (text.contains(locale().decimalPoint())) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(locale().decimalPoint())) text.chop(1);
    }
    text.remove(locale().groupSeparator());
    return text;
}

model::Json numberJson(double value, const model::Json* original, int decimals) {
    if (original && original->is_number() &&
        rounded(original->get<double>(), decimals) == rounded(value, decimals))
        return *original;
    if (std::floor(value) == value && std::fabs(value) < kExactWhole)
        return static_cast<std::int64_t>(value);
    return value;
}

} // namespace flowcast::ui
