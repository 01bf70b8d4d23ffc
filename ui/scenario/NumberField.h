#pragma once
// NumberField: the scenario forms' spin box for a number with a unit: shows "0.008 s", not
// "0.008000 s", commits only on Enter, focus out or a step (never half-typed values), and steps
// by a tenth of the value's magnitude. Plus the rule the forms write numbers back by: a value
// the user did not change keeps its original JSON (45 stays 45, 2e9 stays 2000000000).
#include "model/asl/Json.h"

#include <QDoubleSpinBox>

namespace flowcast::ui {

class NumberField : public QDoubleSpinBox {
    Q_OBJECT
public:
    /// Up to `decimals` decimals between `min` and `max`; `unit` is shown after the value.
    NumberField(double min, double max, int decimals, const QString& unit,
                QWidget* parent = nullptr);

    void setUnit(const QString& unit);
    /// Sets the value without emitting valueChanged.
    void setQuietly(double value);

private:
    /// "1 run", "2 runs": the unit in the singular at exactly one.
    void updateSuffix();

    QString m_unit;

protected:
    QString textFromValue(double value) const override;
};

/// The JSON a form writes for `value`: `original` itself when it is a number that reads as
/// `value` at `decimals` decimals, else an integer when `value` is whole, else a double.
model::Json numberJson(double value, const model::Json* original = nullptr, int decimals = 6);

} // namespace flowcast::ui
