#include "ui/scenario/DistributionEditor.h"

#include "model/scenario/ScenarioError.h"
#include "simulator/services/Distribution.h"
#include "ui/plots/DistributionPlot.h"
#include "ui/scenario/NumberField.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QStandardItemModel>

#include <cmath>

namespace flowcast::ui {

using model::Json;
using Kind = DistributionEditor::Kind;

namespace {

struct Param {
    const char* key = nullptr;
    const char* label = nullptr;
    double min = 0;
    bool logScale = false; ///< no unit: a lognormal's mu and sigma
};

// The forms of simulator/services/Distribution.h, in the combo's order.
struct KindSpec {
    Kind kind;
    const char* key;
    const char* label;
    Param first;
    Param second;
};

// Minimums the reader enforces: an exponential's mean and a lognormal's median are positive.
constexpr double kPositive = 1e-6;
const KindSpec kKinds[] = {
    {Kind::Default, "", "", {}, {}},
    {Kind::Constant, "constant", "fixed", {"constant", "Value", 0}, {}},
    {Kind::Uniform, "uniform", "uniform", {"min", "Minimum", 0}, {"max", "Maximum", 0}},
    {Kind::Exponential, "exponential", "exponential", {"mean", "Mean", kPositive}, {}},
    {Kind::Normal,
     "normal",
     "normal (truncated at 0)",
     {"mean", "Mean", 0},
     {"stddev", "Std deviation", 0}},
    {Kind::Lognormal,
     "lognormal",
     "lognormal (median, p99)",
     {"median", "Median", kPositive},
     {"p99", "99th percentile", kPositive}},
    {Kind::LognormalLog,
     "lognormal",
     "lognormal (μ, σ)",
     {"mu", "μ (of the log)", -50, true},
     {"sigma", "σ (of the log)", 0, true}},
    {Kind::Empirical, "empirical", "empirical (CSV of samples)", {}, {}},
    {Kind::Other, "", "mixture / other (edit in the text)", {}, {}},
};

const KindSpec& specOf(Kind kind) {
    return kKinds[static_cast<int>(kind)];
}

// Which form `spec` is written in; Other for anything the editor would not write back as is.
Kind kindOf(const Json& spec) {
    if (spec.is_null()) return Kind::Default;
    if (spec.is_number()) return Kind::Constant;
    if (!spec.is_object() || spec.size() != 1) return Kind::Other;
    const std::string& key = spec.begin().key();
    const Json& body = spec.begin().value();
    if (key == "constant") return body.is_number() ? Kind::Constant : Kind::Other;
    if (key == "lognormal" && body.is_object() && body.contains("mu")) {
        const bool exact = body.size() == 2 && body.contains("sigma");
        return exact && body["mu"].is_number() && body["sigma"].is_number() ? Kind::LognormalLog
                                                                            : Kind::Other;
    }
    for (const KindSpec& k : kKinds) {
        if (k.key != key || !body.is_object() || k.kind == Kind::Empirical) continue;
        const std::size_t fields = k.second.key ? 2 : 1;
        const bool exact =
            body.size() == fields && body.contains(k.first.key) && body[k.first.key].is_number() &&
            (!k.second.key || (body.contains(k.second.key) && body[k.second.key].is_number()));
        return exact ? k.kind : Kind::Other;
    }
    if (key == "empirical" && body.is_object() && body.contains("file") &&
        body["file"].is_string() && body.size() <= 2 &&
        (body.size() == 1 || (body.contains("column") && body["column"].is_number_integer())))
        return Kind::Empirical;
    return Kind::Other;
}

double numberIn(const Json* body, const char* key, double fallback) {
    if (!body || !body->is_object() || !body->contains(key) || !body->at(key).is_number())
        return fallback;
    return body->at(key).get<double>();
}

} // namespace

DistributionEditor::DistributionEditor(Options options, QWidget* parent)
    : QWidget(parent), m_options(std::move(options)) {
    m_kindCombo = new QComboBox(this);
    m_kindCombo->setObjectName(QStringLiteral("distributionKind"));
    m_kindCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_kindCombo->setMinimumContentsLength(16);
    for (const KindSpec& k : kKinds)
        m_kindCombo->addItem(
            k.kind == Kind::Default
                ? (m_options.defaultText.isEmpty() ? tr("none") : m_options.defaultText)
                : tr(k.label));
    m_first = new NumberField(0, m_options.max, 6, m_options.unit, this);
    m_second = new NumberField(0, m_options.max, 6, m_options.unit, this);
    m_file = new QLineEdit(this);
    m_file->setPlaceholderText(tr("samples.csv, beside the scenario"));
    m_column = new QSpinBox(this);
    m_column->setRange(0, 1000);
    m_column->setKeyboardTracking(false);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->addRow(tr("Distribution"), m_kindCombo);
    m_form->addRow(QStringLiteral("1"), m_first);
    m_form->addRow(QStringLiteral("2"), m_second);
    m_form->addRow(tr("CSV file"), m_file);
    m_form->addRow(tr("Column"), m_column);
    m_form->addRow(m_note);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_form, 1);
    if (m_options.plot) {
        m_plot = new DistributionPlot(this);
        m_plot->setFixedHeight(170);
        m_plot->setMinimumWidth(260);
        layout->addWidget(m_plot, 1);
    }

    connect(m_kindCombo, &QComboBox::activated, this, &DistributionEditor::onKindChosen);
    for (NumberField* field : {m_first, m_second})
        connect(field, &QDoubleSpinBox::valueChanged, this, &DistributionEditor::onParameterEdited);
    connect(m_file, &QLineEdit::editingFinished, this, [this] {
        if (m_file->isModified()) onParameterEdited();
        m_file->setModified(false);
    });
    connect(m_column, &QSpinBox::valueChanged, this, &DistributionEditor::onParameterEdited);
    setValue(nullptr);
}

void DistributionEditor::setBaseDir(const QString& dir) {
    m_baseDir = dir;
}

void DistributionEditor::setValue(const Json* spec) {
    m_original = spec ? *spec : Json();
    m_kind = kindOf(m_original);
    m_plainNumber = m_original.is_number();
    const Json* body = originalBody();
    const KindSpec& k = specOf(m_kind);
    if (m_kind == Kind::Constant)
        m_first->setQuietly(m_plainNumber ? m_original.get<double>()
                                          : m_original.begin().value().get<double>());
    else if (k.first.key)
        m_first->setQuietly(numberIn(body, k.first.key, 0));
    if (k.second.key) m_second->setQuietly(numberIn(body, k.second.key, 0));
    {
        const QSignalBlocker blocker(m_column);
        m_file->setText(m_kind == Kind::Empirical
                            ? QString::fromStdString(body->value("file", std::string()))
                            : QString());
        m_column->setValue(m_kind == Kind::Empirical ? body->value("column", 0) : 0);
    }
    showKind(m_kind);
    updatePreview();
}

const Json* DistributionEditor::originalBody() const {
    if (kindOf(m_original) != m_kind || !m_original.is_object() || m_original.empty())
        return nullptr;
    return &m_original.begin().value();
}

void DistributionEditor::showKind(Kind kind) {
    auto* items = qobject_cast<QStandardItemModel*>(m_kindCombo->model());
    items->item(static_cast<int>(Kind::Other))->setEnabled(kind == Kind::Other);
    {
        const QSignalBlocker blocker(m_kindCombo);
        m_kindCombo->setCurrentIndex(static_cast<int>(kind));
    }
    const KindSpec& k = specOf(kind);
    const std::pair<NumberField*, const Param*> fields[] = {{m_first, &k.first},
                                                            {m_second, &k.second}};
    for (const auto& [field, param] : fields) {
        m_form->setRowVisible(field, param->key != nullptr);
        if (!param->key) continue;
        if (auto* label = qobject_cast<QLabel*>(m_form->labelForField(field)))
            label->setText(tr(param->label));
        const QSignalBlocker blocker(field);
        field->setUnit(param->logScale ? QString() : m_options.unit);
        field->setRange(param->min, param->logScale ? 50 : m_options.max);
    }
    m_form->setRowVisible(m_file, kind == Kind::Empirical);
    m_form->setRowVisible(m_column, kind == Kind::Empirical);
}

void DistributionEditor::seedParameters(Kind kind, double mean) {
    const double m = mean > 0 ? mean : 1;
    const std::pair<double, double> seeds[] = {
        {0, 0}, {m, 0}, {0.5 * m, 1.5 * m}, {m, 0}, {m, 0.25 * m}, {m, 3 * m}, {std::log(m), 0.5},
        {0, 0}, {0, 0}};
    const auto [first, second] = seeds[static_cast<int>(kind)];
    m_first->setQuietly(first);
    m_second->setQuietly(second);
}

void DistributionEditor::onKindChosen() {
    const auto chosen = static_cast<Kind>(m_kindCombo->currentIndex());
    if (chosen == m_kind) return;
    // New parameters keep the current mean, so a switch of shape keeps the scale.
    double mean = 1;
    try {
        const Json current = value().value_or(m_options.defaultSpec);
        if (!current.is_null()) mean = sim::parseDistribution(current, "", "")->mean();
    } catch (const model::ScenarioError&) {
    }
    m_kind = chosen;
    m_plainNumber = false;
    showKind(chosen);
    seedParameters(chosen, mean);
    onParameterEdited();
}

void DistributionEditor::onParameterEdited() {
    updatePreview();
    if (problem().isEmpty()) emit edited();
}

std::optional<Json> DistributionEditor::value() const {
    return buildValue();
}

std::optional<Json> DistributionEditor::buildValue() const {
    const Json* body = originalBody();
    const auto original = [body](const char* key) {
        return body && body->contains(key) ? &body->at(key) : nullptr;
    };
    switch (m_kind) {
    case Kind::Default:
        return std::nullopt;
    case Kind::Other:
        return m_original;
    case Kind::Constant:
        if (m_plainNumber) return numberJson(m_first->value(), &m_original);
        return Json{{"constant", numberJson(m_first->value(), body)}};
    case Kind::Empirical: {
        Json out = body ? *body : Json::object();
        out["file"] = m_file->text().toStdString();
        if (m_column->value() != 0 || out.contains("column")) out["column"] = m_column->value();
        return Json{{"empirical", std::move(out)}};
    }
    default:
        break;
    }
    const KindSpec& k = specOf(m_kind);
    Json out = body ? *body : Json::object();
    out[k.first.key] = numberJson(m_first->value(), original(k.first.key));
    if (k.second.key) out[k.second.key] = numberJson(m_second->value(), original(k.second.key));
    return Json{{k.key, std::move(out)}};
}

QString DistributionEditor::problem() const {
    const std::optional<Json> spec = value();
    if (!spec) return {};
    try {
        (void)sim::parseDistribution(*spec, "", m_baseDir.toStdString());
    } catch (const model::ScenarioError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

void DistributionEditor::updatePreview() {
    const QString why = problem();
    m_note->setText(why.isEmpty() && m_kind == Kind::Other
                        ? tr("Kept as written: edit it in the JSON text.")
                        : why);
    m_note->setStyleSheet(why.isEmpty() ? QString() : QStringLiteral("color: #d32f2f"));
    m_form->setRowVisible(m_note, !m_note->text().isEmpty());
    if (!m_plot) return;
    const std::optional<Json> spec = value();
    const Json shown = spec ? *spec : m_options.defaultSpec;
    m_plot->setVisible(!why.isEmpty() || !shown.is_null()); // nothing drawn: no empty frame
    if (!why.isEmpty() || shown.is_null())
        return m_plot->setDistribution(nullptr, m_options.unit,
                                       why.isEmpty() ? tr("No value: nothing drawn") : why);
    try {
        const auto d = sim::parseDistribution(shown, "", m_baseDir.toStdString());
        m_plot->setDistribution(d.get(), m_options.unit);
    } catch (const model::ScenarioError& e) {
        m_plot->setDistribution(nullptr, m_options.unit, QString::fromUtf8(e.what()));
    }
}

} // namespace flowcast::ui
