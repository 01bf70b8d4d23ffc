#include "ui/scenario/ServiceForm.h"

#include "ui/scenario/SpecFields.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace flowcast::ui {

using model::Json;

namespace {

// Every kind, its one-line description, and its fields as the simulator reads them (keys,
// ranges and defaults from FunctionPoolConfig.cpp, JobService.cpp, QueryService.cpp,
// ClusterSpec.cpp and EmrServerless.cpp; a default changed there must change here).
struct ServiceKind {
    const char* kind;
    const char* about;
    std::vector<FieldSpec> (*fields)();
};

std::vector<FieldSpec> lambdaFields() {
    return {
        numberField("memoryMb", "Memory", 128, 10'240, 1024, "MB")
            .withTip("128 MB to 10,240 MB in 1-MB steps; CPU and price grow with it"),
        choiceField("architecture", "Architecture", {"x86_64", "arm64"}, "x86_64")
            .withTip("arm64 (Graviton) is priced about 20 % lower per GB-second"),
        numberField("keepAliveSeconds", "Keep-alive when idle", 0, 86'400, 600, "s")
            .withTip("How long an idle environment stays warm: 10 min measured (mikhail.io "
                     "2019, pacslab 2020)"),
        numberField("reservedConcurrency", "Reserved concurrency", 0, 1'000'000, 0, "environments")
            .absentAs("unreserved (account pool)")
            .withTip("The function's own concurrency limit, set aside from the account's"),
        numberField("provisionedConcurrency", "Provisioned concurrency", 0, 1'000'000, 0,
                    "environments")
            .withTip("Environments kept initialised: no cold start while they suffice"),
        distributionField("coldStart", "Cold start", nullptr, "none (0 s)")
            .withTip("Added to an invocation that finds no warm environment"),
    };
}

const QStringList kGlueWorkerTypes{"Standard", "G.025X", "G.1X", "G.2X", "G.4X", "G.8X", "G.12X",
                                   "G.16X",    "R.1X",   "R.2X", "R.4X", "R.8X", "Z.2X"};

std::vector<FieldSpec> glueFields(bool crawler) {
    std::vector<FieldSpec> fields{
        numberField("workers", crawler ? "DPUs" : "Workers", 1, 100'000, crawler ? 2 : 10,
                    crawler ? "DPU" : "workers")
            .withTip("Billed per DPU-hour: workers × the worker type's DPUs"),
        choiceField("workerType", "Worker type", kGlueWorkerTypes, "G.1X")
            .withTip("G.1X = 1 DPU (4 vCPU, 16 GB), G.2X = 2 DPU, G.025X = 0.25 DPU ..."),
        numberField("maxConcurrentRuns", "Max concurrent runs", 1, 100'000, 1, "runs")
            .withTip("The job's MaxConcurrentRuns (AWS's default is 1)"),
        choiceField("onLimit", "Over the limit", {"fail", "queue"}, "fail")
            .withTip("fail: ConcurrentRunsExceededException, as Glue does; queue: wait"),
        distributionField("startupSeconds", "Start-up",
                          Json{{"uniform", {{"min", 10}, {"max", 60}}}},
                          "default: uniform 10–60 s"),
    };
    if (crawler) return fields;
    fields.insert(fields.begin() + 4,
                  booleanField("flex", "Flex execution")
                      .withTip("Spare capacity at a lower price; starts may be delayed"));
    fields.push_back(distributionField("flexDelaySeconds", "Flex start delay",
                                       Json{{"exponential", {{"mean", 120}}}},
                                       "default: exponential, mean 120 s"));
    return fields;
}

std::vector<FieldSpec> athenaFields() {
    return {
        numberField("concurrentQueries", "Concurrent queries", 1, 100'000, 25, "queries")
            .withTip("25 DML queries per region is Athena's example quota; accounts differ"),
        numberField("scanBytesPerSecond", "Scan rate", 1, 1e15, 1e9, "B/s")
            .withTip("Bytes scanned per second of query (1 GB/s is a placeholder)"),
        distributionField("planningSeconds", "Planning and queueing",
                          Json{{"uniform", {{"min", 0.3}, {"max", 1.5}}}},
                          "default: uniform 0.3–1.5 s"),
        distributionField("bytesScanned", "Bytes scanned per query", nullptr,
                          "none (set per state)", "B"),
    };
}

std::vector<FieldSpec> clusterFields() {
    const QString alwaysOn = QStringLiteral("always-on");
    const QString perRun = QStringLiteral("per-run");
    return {
        choiceField("mode", "Mode", {alwaysOn, perRun}, alwaysOn)
            .withTip("always-on: billed around the clock; per-run: created and terminated by "
                     "the pipeline"),
        textField("instanceType", "Instance type", "m5.xlarge"),
        numberField("nodes", "Nodes", 1, 10'000, 4, "nodes"),
        numberField("slotsPerNode", "Slots per node", 1, 1'024, 4, "slots"),
        numberField("slotsPerJob", "Slots per job", 1, 10'240'000, 1, "slots"),
        textField("schedule/from", "Runs daily from", {}, "HH:MM UTC (always on when empty)")
            .when("mode", alwaysOn),
        textField("schedule/to", "Runs daily until", {}, "HH:MM UTC").when("mode", alwaysOn),
        numberField("autoscaling/min", "Autoscaling minimum", 1, 10'000, 2, "nodes")
            .absentAs("no autoscaling")
            .when("mode", alwaysOn),
        numberField("autoscaling/max", "Autoscaling maximum", 1, 10'000, 10, "nodes")
            .absentAs("no autoscaling")
            .when("mode", alwaysOn),
        numberField("autoTerminateIdleSeconds", "Terminate when idle for", 60, 604'800, 3'600, "s")
            .nullAs("never")
            .when("mode", perRun)
            .withTip("EMR's AutoTerminationPolicy IdleTimeout: 60 s to 7 days"),
        distributionField("provisioningSeconds", "Provisioning",
                          Json{{"uniform", {{"min", 300}, {"max", 1200}}}},
                          "default: uniform 5–20 min")
            .when("mode", perRun),
        distributionField("terminationSeconds", "Termination", Json{{"constant", 60}},
                          "default: 60 s")
            .when("mode", perRun),
    };
}

// Worker sizes as AWS allows them: 1, 2, 4, 8 or 16 vCPU, memory in a range per size (the
// simulator says which when a value does not fit), 20-200 GB of disk.
std::vector<FieldSpec> emrServerlessFields() {
    const QString disk = QStringLiteral("20 GB per worker are free; more is billed per GB-hour");
    return {
        numberField("executors", "Executors per run", 0, 10'000, 3, "workers")
            .withTip("Besides the run's driver; every worker is billed per second, 1 min minimum"),
        numberField("driverVcpu", "Driver vCPU", 1, 16, 4, "vCPU").withTip("1, 2, 4, 8 or 16"),
        numberField("driverMemoryGb", "Driver memory", 2, 120, 16, "GB")
            .withTip("4 vCPU: 8-30 GB; 8 vCPU: 16-60 GB in 4-GB steps; 16 vCPU: 32-120 GB"),
        numberField("driverDiskGb", "Driver disk", 20, 200, 20, "GB").withTip(disk),
        numberField("executorVcpu", "Executor vCPU", 1, 16, 4, "vCPU").withTip("1, 2, 4, 8 or 16"),
        numberField("executorMemoryGb", "Executor memory", 2, 120, 16, "GB"),
        numberField("executorDiskGb", "Executor disk", 20, 200, 20, "GB").withTip(disk),
        numberField("initialDrivers", "Pre-initialized drivers", 0, 10'000, 0, "workers")
            .withTip("Billed while the application is started; runs on them start in seconds"),
        numberField("initialExecutors", "Pre-initialized executors", 0, 100'000, 0, "workers"),
        numberField("maxVcpu", "Maximum capacity", 1, 10'000'000, 0, "vCPU")
            .absentAs("no limit")
            .withTip("Runs wait in a queue when their workers would take the application over it"),
        numberField("autoStopIdleSeconds", "Stop when idle for", 60, 604'800, 900, "s")
            .nullAs("never")
            .withTip("Auto-stop: 15 min by default; a stopped application starts cold"),
        distributionField("applicationStartSeconds", "Application start",
                          Json{{"uniform", {{"min", 30}, {"max", 120}}}},
                          "default: uniform 30–120 s (weak)"),
        distributionField("workerStartSeconds", "Worker start-up",
                          Json{{"uniform", {{"min", 15}, {"max", 30}}}},
                          "default: uniform 15–30 s (weak)"),
        distributionField("preInitializedStartSeconds", "Start on pre-initialized workers",
                          Json{{"uniform", {{"min", 1}, {"max", 5}}}}, "default: uniform 1–5 s"),
    };
}

const ServiceKind kKinds[] = {
    {"lambda", "AWS Lambda: a pool of execution environments, warm or cold", lambdaFields},
    {"glue", "AWS Glue Spark job: billed per DPU-hour, 1-minute minimum",
     [] { return glueFields(false); }},
    {"glue-crawler", "AWS Glue crawler: billed per DPU-hour, 10-minute minimum",
     [] { return glueFields(true); }},
    {"athena", "Amazon Athena: queries billed per TB scanned", athenaFields},
    {"cluster", "Amazon EMR on EC2 cluster: slots shared by the jobs it runs", clusterFields},
    {"emr-serverless", "Amazon EMR Serverless: Spark job runs billed per worker vCPU- and GB-hour",
     emrServerlessFields},
};

} // namespace

ServiceForm::ServiceForm(QWidget* parent) : QWidget(parent) {
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("serviceKind"));
    m_about = new QLabel(this);
    m_about->setWordWrap(true);
    m_about->setStyleSheet(QStringLiteral("color: palette(mid)"));
    m_pages = new QStackedWidget(this);
    for (const ServiceKind& k : kKinds) {
        const QString kind = QString::fromLatin1(k.kind);
        m_kind->addItem(kind);
        auto* fields = new SpecFields(k.fields(), m_pages);
        m_pages->addWidget(fields);
        m_fields[kind] = fields;
        connect(fields, &SpecFields::edited, this, [this, fields](const QString& key) {
            m_spec = fields->value();
            emit edited(key);
        });
    }
    auto* top = new QFormLayout;
    top->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    top->addRow(tr("Service kind"), m_kind);
    top->addRow(m_about);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_pages);
    layout->addStretch(1);
    connect(m_kind, &QComboBox::activated, this, &ServiceForm::onKindChosen);
}

void ServiceForm::setBaseDir(const QString& dir) {
    for (auto& [kind, fields] : m_fields)
        fields->setBaseDir(dir);
}

SpecFields* ServiceForm::fields() const {
    return qobject_cast<SpecFields*>(m_pages->currentWidget());
}

void ServiceForm::setValue(const Json& spec) {
    m_spec = spec;
    const QString kind = textIn(spec, "kind");
    const int index = m_kind->findText(kind);
    const QSignalBlocker blocker(m_kind);
    m_kind->setCurrentIndex(std::max(index, 0));
    showPage(m_pages, std::max(index, 0));
    m_about->setText(index >= 0 ? tr(kKinds[index].about)
                                : tr("Unknown kind \"%1\": edit it in the text").arg(kind));
    fields()->setValue(spec);
    m_pages->setEnabled(index >= 0);
}

Json ServiceForm::value() const {
    if (m_kind->findText(textIn(m_spec, "kind")) < 0) return m_spec;
    return fields()->value();
}

void ServiceForm::onKindChosen() {
    const std::string kind = m_kind->currentText().toStdString();
    if (textIn(m_spec, "kind").toStdString() == kind) return;
    // Another model reads other fields: the new kind starts from its defaults.
    setValue(Json{{"kind", kind}});
    emit edited(QStringLiteral("kind"));
}

} // namespace flowcast::ui
