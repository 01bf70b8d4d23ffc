#include "ui/scenario/WorkloadForm.h"

#include "model/scenario/ScenarioError.h"
#include "ui/scenario/NumberField.h"
#include "ui/scenario/SpecFields.h"
#include "ui/simulate/ScenarioView.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <numeric>

namespace flowcast::ui {

using model::Json;

namespace {

// The kinds of Workload.h, in the combo's (and the pages') order.
const QStringList kKinds{"schedule", "poisson", "profile", "burst", "stream", "trace"};
const char* const kKindLabels[] = {"schedule (rate / cron)", "Poisson arrivals",
                                   "daily profile",          "bursts",
                                   "stream of records",      "trace file"};
// Poisson's rate keys and the seconds each counts per.
const std::pair<const char*, double> kRateUnits[] = {
    {"ratePerSecond", 1}, {"ratePerHour", 3600}, {"ratePerDay", 86400}};
const char* const kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

QString kindOf(const Json& workload) {
    if (!workload.is_object()) return {};
    for (const QString& kind : kKinds)
        if (workload.contains(kind.toStdString())) return kind;
    return {};
}

std::vector<FieldSpec> commonFields() {
    return {
        textField("start", "Arrivals start at", {}, "0 (a duration: 2h, 30d)"),
        textField("end", "Arrivals end at", {}, "the horizon (a duration: 7d)"),
        numberField("recordsPerExecution", "Records per execution", 1, 1e15, 1, "records")
            .withTip("The records one execution processes: usage and cost per record"),
    };
}

// The first day's arrivals of `workload`, per hour; empty when it does not read.
std::vector<double> hourlyArrivals(const Json& workload, const QString& path) {
    try {
        const ArrivalPreview p = previewArrivals(Json{{"workload", workload}}, path, 20000);
        if (p.bucketSeconds == 3600 && !p.records) return p.counts;
    } catch (const model::ScenarioError&) {
    }
    return {};
}

} // namespace

WorkloadForm::WorkloadForm(QWidget* parent) : QWidget(parent) {
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("workloadKind"));
    for (qsizetype i = 0; i < kKinds.size(); ++i)
        m_kind->addItem(tr(kKindLabels[i]), kKinds[i]);
    m_pages = new QStackedWidget(this);
    addFieldsPage(
        "schedule",
        new SpecFields({textField("schedule", "Expression", {}, "rate(1 hour) or cron(0 2 * * ? *)")
                            .withTip("EventBridge Scheduler syntax, in UTC: "
                                     "rate(5 minutes), cron(min hour day month "
                                     "weekday year)")}));
    m_pages->addWidget(makePoissonPage());
    m_pages->addWidget(makeProfilePage());
    addFieldsPage("burst",
                  new SpecFields({
                      numberField("burst/count", "Executions per burst", 1, 1e9, 1, "executions"),
                      textField("burst/at", "First burst at", {}, "0 (a duration: 2h)"),
                      numberField("burst/spreadSeconds", "Spread over", 0, 1e7, 0, "s", 3),
                      textField("burst/every", "Repeats every", {}, "once (a duration: 1d)"),
                  }));
    addFieldsPage("stream",
                  new SpecFields({
                      numberField("stream/recordsPerSecond", "Records per second", 0.001, 1e9, 100,
                                  "records/s", 3),
                      numberField("stream/batchSize", "Batch size", 1, 1e6, 1, "records")
                          .withTip("Records per execution, at most"),
                      numberField("stream/batchWindowSeconds", "Batch window", 0, 1e5, 0, "s", 3)
                          .withTip("A batch starts when full or when its first record is this "
                                   "old"),
                  }));
    addFieldsPage("trace", new SpecFields({textField("trace/file", "Trace file (CSV)", {},
                                                     "arrivals.csv, beside the scenario")
                                               .withTip("A 'time' column (seconds or ISO-8601), "
                                                        "optionally an 'input' column")}));
    m_common = new SpecFields(commonFields(), this);
    connect(m_common, &SpecFields::edited, this, &WorkloadForm::onEdited);

    auto* top = new QFormLayout;
    top->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    top->addRow(tr("Executions arrive as"), m_kind);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_pages);
    layout->addWidget(m_common);
    connect(m_kind, &QComboBox::activated, this, &WorkloadForm::onKindChosen);
}

void WorkloadForm::addFieldsPage(const QString& kind, SpecFields* fields) {
    m_fields[kind] = fields;
    m_pages->addWidget(fields);
    connect(fields, &SpecFields::edited, this, &WorkloadForm::onEdited);
}

QWidget* WorkloadForm::makePoissonPage() {
    auto* page = new QWidget(this);
    m_rate = new NumberField(0.000001, 1e9, 6, QString(), page);
    m_rate->setObjectName(QStringLiteral("poissonRate"));
    m_rateUnit = new QComboBox(page);
    for (const char* unit : {"per second", "per hour", "per day"})
        m_rateUnit->addItem(tr(unit));
    auto* row = new QHBoxLayout;
    row->addWidget(m_rate);
    row->addWidget(m_rateUnit);
    row->addStretch(1);
    auto* form = new QFormLayout(page);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->addRow(tr("Mean rate"), row);
    connect(m_rate, &QDoubleSpinBox::valueChanged, this,
            [this] { onEdited(QStringLiteral("poisson")); });
    connect(m_rateUnit, &QComboBox::activated, this, &WorkloadForm::onRateUnitChosen);
    return page;
}

QWidget* WorkloadForm::makeProfilePage() {
    auto* page = new QWidget(this);
    auto* hours = new QGroupBox(tr("Executions per hour, by hour of the day (UTC)"), page);
    auto* grid = new QGridLayout(hours);
    for (int h = 0; h < 24; ++h) {
        auto* field = new NumberField(0, 1e9, 3, QString(), hours);
        field->setMinimumWidth(70);
        field->setObjectName(QStringLiteral("hour%1").arg(h));
        m_hours.push_back(field);
        grid->addWidget(new QLabel(QStringLiteral("%1h").arg(h, 2, 10, QLatin1Char('0'))),
                        (h / 6) * 2, h % 6);
        grid->addWidget(field, (h / 6) * 2 + 1, h % 6);
        connect(field, &QDoubleSpinBox::valueChanged, this,
                [this] { onEdited(QStringLiteral("profile")); });
    }
    auto* days = new QGroupBox(tr("Weekday factors (1 = as above)"), page);
    auto* dayGrid = new QGridLayout(days);
    for (int d = 0; d < 7; ++d) {
        auto* field = new NumberField(0, 1000, 3, QString(), days);
        field->setMinimumWidth(70);
        m_days.push_back(field);
        dayGrid->addWidget(new QLabel(tr(kWeekdays[d])), 0, d);
        dayGrid->addWidget(field, 1, d);
        connect(field, &QDoubleSpinBox::valueChanged, this,
                [this] { onEdited(QStringLiteral("profile")); });
    }
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(hours);
    layout->addWidget(days);
    return page;
}

void WorkloadForm::setScenarioPath(const QString& path) {
    m_path = path;
}

SpecFields* WorkloadForm::fields(const QString& kind) const {
    const auto it = m_fields.find(kind);
    return it == m_fields.end() ? m_common : it->second;
}

QString WorkloadForm::kind() const {
    return kindOf(m_spec);
}

void WorkloadForm::setValue(const Json& workload) {
    m_spec = workload.is_object() ? workload : Json::object();
    const QString kind = kindOf(m_spec);
    const int index = static_cast<int>(kKinds.indexOf(kind));
    {
        const QSignalBlocker blocker(m_kind);
        m_kind->setCurrentIndex(index);
    }
    showPage(m_pages, std::max(index, 0));
    m_pages->setEnabled(index >= 0);
    for (auto& [name, fields] : m_fields)
        fields->setValue(m_spec);
    if (kind == QLatin1String("poisson")) showPoisson(m_spec["poisson"]);
    if (kind == QLatin1String("profile")) showProfile(m_spec["profile"]);
    m_common->setValue(m_spec);
    // A stream's executions carry its batches (Workload.cpp refuses recordsPerExecution).
    m_common->editor(QStringLiteral("recordsPerExecution"))
        ->setEnabled(kind != QLatin1String("stream"));
}

void WorkloadForm::showPoisson(const Json& body) {
    int unit = 1;
    double rate = 1;
    for (int i = 0; i < 3; ++i)
        if (body.is_object() && body.contains(kRateUnits[i].first) &&
            body[kRateUnits[i].first].is_number())
            unit = i, rate = body[kRateUnits[i].first].get<double>();
    m_ratePer = kRateUnits[unit].second;
    const QSignalBlocker blocker(m_rateUnit);
    m_rateUnit->setCurrentIndex(unit);
    m_rate->setQuietly(rate);
}

void WorkloadForm::showProfile(const Json& body) {
    const Json daily = body.is_object() ? body.value("dailyPerHour", Json()) : Json();
    const Json factors = body.is_object() ? body.value("weekdayFactors", Json()) : Json();
    for (std::size_t h = 0; h < m_hours.size(); ++h)
        m_hours[h]->setQuietly(daily.is_array() && h < daily.size() && daily[h].is_number()
                                   ? daily[h].get<double>()
                                   : 0);
    for (std::size_t d = 0; d < m_days.size(); ++d)
        m_days[d]->setQuietly(factors.is_array() && d < factors.size() && factors[d].is_number()
                                  ? factors[d].get<double>()
                                  : 1);
}

Json WorkloadForm::poissonBody() const {
    const Json original = m_spec.value("poisson", Json::object());
    const char* key = kRateUnits[m_rateUnit->currentIndex()].first;
    const Json* was = original.is_object() && original.contains(key) ? &original[key] : nullptr;
    return Json{{key, numberJson(m_rate->value(), was)}};
}

Json WorkloadForm::profileBody() const {
    Json body = m_spec.value("profile", Json::object());
    if (!body.is_object()) body = Json::object();
    const Json daily = body.value("dailyPerHour", Json());
    Json hours = Json::array();
    for (std::size_t h = 0; h < m_hours.size(); ++h)
        hours.push_back(numberJson(m_hours[h]->value(),
                                   daily.is_array() && h < daily.size() ? &daily[h] : nullptr, 3));
    body["dailyPerHour"] = std::move(hours);
    const Json factors = body.value("weekdayFactors", Json());
    const bool flat = std::all_of(m_days.begin(), m_days.end(),
                                  [](const NumberField* f) { return f->value() == 1; });
    if (factors.is_null() && flat) return body;
    Json days = Json::array();
    for (std::size_t d = 0; d < m_days.size(); ++d)
        days.push_back(numberJson(m_days[d]->value(),
                                  factors.is_array() && d < factors.size() ? &factors[d] : nullptr,
                                  3));
    body["weekdayFactors"] = std::move(days);
    return body;
}

Json WorkloadForm::value() const {
    const QString kind = kindOf(m_spec);
    if (kind.isEmpty()) return m_spec;
    Json out = m_spec;
    if (kind == QLatin1String("poisson"))
        out["poisson"] = poissonBody();
    else if (kind == QLatin1String("profile"))
        out["profile"] = profileBody();
    else
        out = m_fields.at(kind)->valueOver(std::move(out));
    return m_common->valueOver(std::move(out));
}

void WorkloadForm::onEdited(const QString& key) {
    m_spec = value();
    emit edited(key);
}

void WorkloadForm::onRateUnitChosen() {
    // The same rate in the new unit: 0.25/s is 900/h.
    const double per = kRateUnits[m_rateUnit->currentIndex()].second;
    m_rate->setQuietly(m_rate->value() * per / m_ratePer);
    m_ratePer = per;
    onEdited(QStringLiteral("poisson"));
}

void WorkloadForm::chooseKind(const QString& kind) {
    m_kind->setCurrentIndex(static_cast<int>(kKinds.indexOf(kind)));
    onKindChosen();
}

Json WorkloadForm::seededBody(const QString& kind) const {
    const std::vector<double> hours = hourlyArrivals(m_spec, m_path);
    const double day = std::accumulate(hours.begin(), hours.end(), 0.0);
    if (kind == QLatin1String("schedule")) return "rate(1 hour)";
    if (kind == QLatin1String("poisson")) return {{"ratePerHour", day > 0 ? day / 24 : 10}};
    if (kind == QLatin1String("profile"))
        return {{"dailyPerHour", day > 0 ? Json(hours) : Json(std::vector<double>(24, 1.0))}};
    if (kind == QLatin1String("burst"))
        return {{"count", day > 0 ? static_cast<std::int64_t>(day) : 100},
                {"at", "1h"},
                {"spreadSeconds", 60},
                {"every", "1d"}};
    if (kind == QLatin1String("stream"))
        return {{"recordsPerSecond", 100}, {"batchSize", 100}, {"batchWindowSeconds", 1}};
    return {{"file", "arrivals.csv"}};
}

void WorkloadForm::onKindChosen() {
    const QString kind = m_kind->currentData().toString();
    if (kind == kindOf(m_spec)) return;
    // The new kind keeps the window and, unless it is a stream (whose executions carry their
    // batch), the input and records per execution; its own fields keep the current volume.
    Json next{{kind.toStdString(), seededBody(kind)}};
    const bool stream = kind == QLatin1String("stream");
    for (const char* key : {"input", "start", "end", "recordsPerExecution"}) {
        const bool kept = !stream || (std::string_view(key) != "input" &&
                                      std::string_view(key) != "recordsPerExecution");
        if (kept && m_spec.contains(key)) next[key] = m_spec[key];
    }
    setValue(next);
    emit edited(QStringLiteral("kind"));
}

} // namespace flowcast::ui
