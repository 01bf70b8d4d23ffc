#include "ui/replay/ReplayPanel.h"

#include "model/scenario/ScenarioError.h"
#include "simulator/run/RunPlan.h"
#include "ui/canvas/CanvasScene.h"
#include "ui/plots/GanttPlot.h"
#include "ui/session/DefinitionSession.h"
#include "ui/simulate/SimulationRunner.h"

#include <QHBoxLayout>
#include <QHideEvent>
#include <QLabel>
#include <QPushButton>
#include <QShowEvent>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <set>

namespace flowcast::ui {

namespace {
constexpr int kPlayIntervalMs = 600;

// The run the replay follows: the last simulation's when there is one (the replay shows one of
// its executions), else the scenario's own under the run settings. Throws model::ScenarioError.
sim::RunPlan runPlan(const SimulationRunner::Request& request, const SimulationRunner* runner) {
    sim::RunPlan plan = sim::makePlan(request.scenario, request.counts);
    const SimulationOutcome* outcome = runner ? runner->outcome() : nullptr;
    if (!outcome || !outcome->results.is_object()) return plan;
    const model::Json& results = outcome->results;
    plan.seed = results.value("seed", plan.seed);
    plan.replications = results.value("replications", plan.replications);
    if (const auto it = results.find("horizonSeconds"); it != results.end())
        plan.horizon = it->is_number() ? std::optional(sim::SimTime::fromSeconds(it->get<double>()))
                                       : std::nullopt;
    if (const auto it = results.find("executionsRequested"); it != results.end())
        plan.executions = it->is_number() ? std::optional(it->get<std::uint64_t>()) : std::nullopt;
    return plan;
}

// Why a load found nothing: the run's executions are the only ones there are.
QString notFound(const sim::TimelineRequest& pick) {
    switch (pick.pick) {
    case sim::ExecutionPick::Serial:
        return ReplayPanel::tr("The run has no execution #%1 that ended: it started fewer, or "
                               "#%1 was still running at its horizon.")
            .arg(pick.serial);
    case sim::ExecutionPick::Slowest:
        return ReplayPanel::tr("None of the first %1 executions ended within the run.")
            .arg(pick.among);
    case sim::ExecutionPick::FirstFailure:
        break;
    }
    return ReplayPanel::tr("None of the first %1 executions failed within the run.")
        .arg(pick.among);
}

// "Execution #3: FAILED (Pipeline.GaveUp) in 11 s"
QString titleOf(const sim::ExecutionTimeline& timeline) {
    static const char* const kStatus[] = {"SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"};
    QString title = ReplayPanel::tr("Execution #%1: %2")
                        .arg(timeline.serial())
                        .arg(QLatin1String(kStatus[static_cast<int>(timeline.status())]));
    if (!timeline.error().empty())
        title += QStringLiteral(" (%1)").arg(QString::fromStdString(timeline.error()));
    return title + ReplayPanel::tr(" in %1").arg(
                       GanttPlot::durationText((timeline.ended() - timeline.started()).seconds()));
}

} // namespace

/// One recording: what the worker reads (the definition, which the Program points into, and the
/// scenario) and what it leaves.
struct ReplayPanel::Job {
    SimulationRunner::Request request;
    sim::RunPlan plan; ///< the run whose first replication is replayed
    sim::TimelineRequest pick;
    std::atomic<bool> cancel{false};
    std::optional<sim::ExecutionTimeline> result;
    QString error;
};

ReplayPanel::ReplayPanel(DefinitionSession& session, CanvasScene& canvas, QWidget* parent)
    : QWidget(parent), m_session(session), m_canvas(&canvas) {
    buildControls();
    m_timer = new QTimer(this);
    m_timer->setInterval(kPlayIntervalMs);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (m_step + 1 >= stepCount())
            setPlaying(false);
        else
            stepForward();
    });
    // A load still running is of the old file: it must not show up on the new one.
    connect(&m_session, &DefinitionSession::documentLoaded, this, [this] {
        stopWorker();
        forget(tr("Choose an execution of the scenario and load it."));
    });
    forget(tr("Choose an execution of the scenario and load it."));
}

ReplayPanel::~ReplayPanel() {
    stopWorker();
}

void ReplayPanel::buildControls() {
    QLayout* pick = buildPicker();
    QLayout* steps = buildStepper();
    m_gantt = new GanttPlot;
    m_gantt->setObjectName(QStringLiteral("replayGantt"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addLayout(pick);
    layout->addLayout(steps);
    layout->addWidget(m_gantt, 1);
}

// Which execution: a number and Load, or the slowest / first failure of the first N.
QLayout* ReplayPanel::buildPicker() {
    m_execution = new QSpinBox;
    m_execution->setObjectName(QStringLiteral("replayExecution"));
    m_execution->setRange(1, 1'000'000);
    m_execution->setPrefix(QStringLiteral("#"));
    m_execution->setToolTip(tr("The execution's number: 1 is the first the workload started"));
    m_load = new QPushButton(tr("Load"));
    m_load->setObjectName(QStringLiteral("replayLoad"));
    m_slowest = new QPushButton(tr("Slowest"));
    m_slowest->setObjectName(QStringLiteral("replaySlowest"));
    m_firstFailure = new QPushButton(tr("First failure"));
    m_firstFailure->setObjectName(QStringLiteral("replayFirstFailure"));
    m_among = new QSpinBox;
    m_among->setObjectName(QStringLiteral("replayAmong"));
    m_among->setRange(1, 100'000);
    m_among->setValue(1000);
    m_among->setPrefix(tr("of the first "));
    m_among->setToolTip(tr("Slowest and First failure look at this many executions"));
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("replayStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_load, &QPushButton::clicked, this, [this] { load(sim::ExecutionPick::Serial); });
    connect(m_slowest, &QPushButton::clicked, this, [this] { load(sim::ExecutionPick::Slowest); });
    connect(m_firstFailure, &QPushButton::clicked, this,
            [this] { load(sim::ExecutionPick::FirstFailure); });

    auto* row = new QHBoxLayout;
    for (QWidget* w : std::initializer_list<QWidget*>{new QLabel(tr("Execution")), m_execution,
                                                      m_load, m_slowest, m_firstFailure, m_among})
        row->addWidget(w);
    row->addSpacing(12);
    row->addWidget(m_status, 1);
    return row;
}

// Walking the steps: first, back, play / pause, forward, last, a slider and the step's text.
QLayout* ReplayPanel::buildStepper() {
    const auto tool = [this](const char* name, QStyle::StandardPixmap icon, const QString& tip) {
        auto* button = new QToolButton;
        button->setObjectName(QLatin1String(name));
        button->setIcon(style()->standardIcon(icon));
        button->setToolTip(tip);
        button->setAutoRaise(true);
        return button;
    };
    m_first = tool("replayFirst", QStyle::SP_MediaSkipBackward, tr("First step"));
    m_back = tool("replayBack", QStyle::SP_MediaSeekBackward, tr("Step back"));
    m_play = tool("replayPlay", QStyle::SP_MediaPlay, tr("Play / pause"));
    m_forward = tool("replayForward", QStyle::SP_MediaSeekForward, tr("Step forward"));
    m_last = tool("replayLast", QStyle::SP_MediaSkipForward, tr("Last step"));
    connect(m_first, &QToolButton::clicked, this, [this] { setStep(0); });
    connect(m_back, &QToolButton::clicked, this, &ReplayPanel::stepBack);
    connect(m_play, &QToolButton::clicked, this, [this] { setPlaying(!isPlaying()); });
    connect(m_forward, &QToolButton::clicked, this, &ReplayPanel::stepForward);
    connect(m_last, &QToolButton::clicked, this, [this] { setStep(stepCount()); });
    m_slider = new QSlider(Qt::Horizontal);
    m_slider->setObjectName(QStringLiteral("replaySlider"));
    connect(m_slider, &QSlider::valueChanged, this,
            [this](int value) { setStep(static_cast<std::size_t>(std::max(value, 0))); });
    m_stepLabel = new QLabel;
    m_stepLabel->setObjectName(QStringLiteral("replayStep"));
    m_stepLabel->setMinimumWidth(320);

    auto* row = new QHBoxLayout;
    for (QWidget* w : std::initializer_list<QWidget*>{m_first, m_back, m_play, m_forward, m_last})
        row->addWidget(w);
    row->addWidget(m_slider, 1);
    row->addWidget(m_stepLabel);
    return row;
}

bool ReplayPanel::load(sim::ExecutionPick pick) {
    QString why;
    std::optional<SimulationRunner::Request> request =
        SimulationRunner::requestFor(m_session, SimulationRunner::Kind::Simulate, {}, why);
    if (!request) {
        setStatus(why, true);
        return false;
    }
    auto job = std::make_shared<Job>();
    try {
        job->plan = runPlan(*request, m_runner);
    } catch (const model::ScenarioError& e) {
        setStatus(tr("scenario: %1").arg(QString::fromUtf8(e.what())), true);
        return false;
    }
    job->request = std::move(*request);
    job->pick.pick = pick;
    job->pick.serial = static_cast<std::uint64_t>(m_execution->value());
    job->pick.among = static_cast<std::uint64_t>(m_among->value());
    stopWorker();
    setPlaying(false);
    m_job = job;
    setStatus(tr("Simulating to find the execution…"));
    m_worker = std::thread([this, job] {
        try {
            const sim::Program program(job->request.definition);
            job->result = sim::ExecutionTimeline::record(program, job->request.scenario, job->plan,
                                                         job->pick, &job->cancel);
        } catch (const model::ScenarioError& e) {
            job->error = tr("scenario: %1").arg(QString::fromUtf8(e.what()));
        } catch (const std::exception& e) {
            job->error = tr("the state machine cannot run: %1").arg(QString::fromUtf8(e.what()));
        }
        QMetaObject::invokeMethod(
            this, [this, job] { onJobDone(job); }, Qt::QueuedConnection);
    });
    return true;
}

void ReplayPanel::stopWorker() {
    if (m_job) m_job->cancel = true;
    if (m_worker.joinable()) m_worker.join();
    m_job.reset();
}

void ReplayPanel::onJobDone(const std::shared_ptr<Job>& job) {
    if (job != m_job) return; // replaced by a newer load, or its file was closed
    if (m_worker.joinable()) m_worker.join();
    m_job.reset();
    if (!job->result) {
        const QString why = job->error.isEmpty() ? notFound(job->pick) : job->error;
        forget(why);
        setStatus(why, true);
        emit loaded(false);
        return;
    }
    m_timeline = std::move(job->result);
    m_execution->setValue(static_cast<int>(m_timeline->serial()));
    m_gantt->setTimeline(*m_timeline);
    m_gantt->setTitle(titleOf(*m_timeline));
    m_gantt->replot();
    const QString which = job->pick.pick == sim::ExecutionPick::Slowest
                              ? tr(", the slowest of the first %1")
                          : job->pick.pick == sim::ExecutionPick::FirstFailure
                              ? tr(", the first failure of the first %1")
                              : QString();
    setStatus(tr("#%1%2 · seed %3")
                  .arg(m_timeline->serial())
                  .arg(which.isEmpty() ? which : which.arg(job->pick.among))
                  .arg(sim::firstReplicationSeed(job->plan)));
    m_slider->setRange(0, std::max(0, static_cast<int>(stepCount()) - 1));
    m_step = 0;
    if (stepCount() > 0)
        showStep();
    else // an execution that entered no state: nothing to walk
        enableSteps(false);
    emit loaded(true);
}

void ReplayPanel::forget(const QString& why) {
    setPlaying(false);
    m_timeline.reset();
    m_step = 0;
    m_gantt->setTitle(tr("Execution timeline"));
    m_gantt->clearTimeline(why);
    m_slider->setRange(0, 0);
    enableSteps(false);
    setStatus({});
    if (m_canvas) m_canvas->setActiveStates({});
}

void ReplayPanel::enableSteps(bool enabled) {
    if (!enabled) m_stepLabel->clear();
    for (QWidget* w :
         std::initializer_list<QWidget*>{m_first, m_back, m_play, m_forward, m_last, m_slider})
        w->setEnabled(enabled);
}

void ReplayPanel::setStep(std::size_t step) {
    if (!m_timeline || stepCount() == 0) return;
    step = std::min(step, stepCount() - 1);
    if (step == m_step && m_slider->value() == static_cast<int>(step)) return;
    m_step = step;
    showStep();
}

void ReplayPanel::stepForward() {
    setStep(m_step + 1);
}

void ReplayPanel::stepBack() {
    if (m_step > 0) setStep(m_step - 1);
}

void ReplayPanel::setPlaying(bool playing) {
    if (playing && (!m_timeline || stepCount() == 0)) playing = false;
    if (playing && m_step + 1 >= stepCount()) setStep(0); // from the start again
    if (playing)
        m_timer->start();
    else
        m_timer->stop();
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

bool ReplayPanel::isPlaying() const {
    return m_timer->isActive();
}

void ReplayPanel::showStep() {
    const sim::ReplayStep& step = m_timeline->steps()[m_step];
    m_gantt->setCurrentTime((step.time - m_timeline->started()).seconds());
    const std::vector<std::string> active = m_timeline->activeStates(m_step);
    if (m_canvas) m_canvas->setActiveStates(std::set<std::string>(active.begin(), active.end()));
    const QSignalBlocker quiet(m_slider);
    m_slider->setValue(static_cast<int>(m_step));
    m_stepLabel->setText(stepText());
    m_first->setEnabled(m_step > 0);
    m_back->setEnabled(m_step > 0);
    m_play->setEnabled(true);
    m_slider->setEnabled(true);
    m_forward->setEnabled(m_step + 1 < stepCount());
    m_last->setEnabled(m_step + 1 < stepCount());
    emit stepChanged(static_cast<int>(m_step));
}

QString ReplayPanel::stepText() const {
    if (!m_timeline || stepCount() == 0) return {};
    const sim::ReplayStep& step = m_timeline->steps()[m_step];
    const sim::StateVisit& visit = m_timeline->visits()[step.visit];
    return tr("step %1 of %2 · t = %3 · %4 %5")
        .arg(m_step + 1)
        .arg(stepCount())
        .arg(GanttPlot::durationText((step.time - m_timeline->started()).seconds()),
             QString::fromStdString(visit.name), step.entered ? tr("entered") : tr("left"));
}

QString ReplayPanel::statusText() const {
    return m_status->text();
}

void ReplayPanel::setStatus(const QString& text, bool problem) {
    m_status->setText(text);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #b91c1c") : QString());
}

// The glow belongs to the panel: it goes when the panel is hidden (another mode, closed) and
// comes back with it. A minimised window keeps it.
void ReplayPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (!event->spontaneous() && m_timeline && stepCount() > 0) showStep();
}

void ReplayPanel::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    if (!event->spontaneous() && m_canvas) m_canvas->setActiveStates({});
}

} // namespace flowcast::ui
