#pragma once
// DistributionEditor: one random quantity of a scenario (a latency, a start-up time, bytes
// scanned) in the forms Distribution.h reads: a kind combo, the kind's parameters with their
// unit, and a preview of what the simulator draws from it. It owns no data: setValue() shows a
// spec, value() is the spec as shown, and edited() fires only for a spec the simulator accepts
// (a p99 below the median shows why and is not emitted). Mixtures and per-record work models
// are shown as such and kept as they are: they are edited in the JSON text.
#include "model/asl/Json.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace flowcast::ui {

class DistributionPlot;
class NumberField;

class DistributionEditor : public QWidget {
    Q_OBJECT
public:
    enum class Kind {
        Default,
        Constant,
        Uniform,
        Exponential,
        Normal,
        Lognormal,
        LognormalLog,
        Empirical,
        Other
    };
    struct Options {
        QString unit = QStringLiteral("s");
        double max = 1e7;        ///< the largest parameter value, in `unit`
        QString defaultText;     ///< the absent field's entry: "default: uniform 10–60 s"
        model::Json defaultSpec; ///< what the simulator uses when absent; null: nothing
        bool plot = true;
    };

    explicit DistributionEditor(Options options, QWidget* parent = nullptr);

    /// Resolves empirical distributions' files (the scenario's folder).
    void setBaseDir(const QString& dir);
    /// Shows `spec` (nullptr: the field is absent) without emitting edited().
    void setValue(const model::Json* spec);
    /// The spec as shown; nullopt when the field is to be absent (the simulator's default).
    std::optional<model::Json> value() const;
    Kind kind() const { return m_kind; }
    /// Why the spec as shown is refused; empty when it reads.
    QString problem() const;

    QComboBox* kindCombo() const { return m_kindCombo; }
    NumberField* firstField() const { return m_first; }
    NumberField* secondField() const { return m_second; }
    DistributionPlot* plot() const { return m_plot; }

signals:
    void edited();

private:
    void onKindChosen();
    void onParameterEdited();
    void showKind(Kind kind);
    void seedParameters(Kind kind, double mean);
    std::optional<model::Json> buildValue() const;
    void updatePreview();
    const model::Json* originalBody() const;

    Options m_options;
    QString m_baseDir;
    Kind m_kind = Kind::Default;
    model::Json m_original;     ///< the spec last shown by setValue (null when absent)
    bool m_plainNumber = false; ///< a constant written as a bare number
    QComboBox* m_kindCombo = nullptr;
    QFormLayout* m_form = nullptr;
    NumberField* m_first = nullptr;
    NumberField* m_second = nullptr;
    QLineEdit* m_file = nullptr;
    QSpinBox* m_column = nullptr;
    QLabel* m_note = nullptr;
    DistributionPlot* m_plot = nullptr;
};

} // namespace flowcast::ui
