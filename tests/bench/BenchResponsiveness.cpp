// How responsive the window stays while a simulation runs from the GUI (issue 6 §2): the
// Simulate view runs a sample's scenario off the GUI thread while a 10 ms timer on the GUI
// thread measures how late each of its ticks fires; the lateness is the time the event loop
// was busy (progress, live snapshots, plot refreshes) and a user's click would have waited.
// Also timed: the GUI thread's plot refresh from live figures. Prints figures; gates nothing.
//
//   BenchResponsiveness [SAMPLE] [HORIZON] [REPLICATIONS]
//   (default: streaming-micro-batch, its own horizon, 4 replications)
#include "ui/plots/LatencyPlot.h"
#include "ui/session/DefinitionSession.h"
#include "ui/simulate/SimulateView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QSpinBox>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace flowcast::ui;

namespace {

double percentile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QString name = argc > 1 ? argv[1] : "streaming-micro-batch";
    const QString horizon = argc > 2 ? argv[2] : "";
    const int replications = argc > 3 ? std::atoi(argv[3]) : 4;
    const QString path = QStringLiteral(FLOWCAST_SOURCE_DIR "/samples/%1/%1.asl.json").arg(name);

    DefinitionSession session;
    if (!session.open(path)) {
        std::fprintf(stderr, "cannot open %s\n", qPrintable(path));
        return 1;
    }
    SimulateView view(session);
    view.resize(1400, 900);
    view.show();
    view.horizonField()->setText(horizon);
    view.replicationsField()->setValue(replications);

    constexpr int kTickMs = 10;
    std::vector<double> lateMs;
    QElapsedTimer clock;
    qint64 last = 0;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(kTickMs);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        lateMs.push_back(std::max(0.0, static_cast<double>(now - last) / 1e6 - kTickMs));
        last = now;
    });
    int refreshes = 0;
    std::vector<double> refreshMs;
    QObject::connect(&view.runner(), &SimulationRunner::liveMetricsChanged, [&] {
        ++refreshes;
        // The view's own slot runs first (connected earlier); time another refresh the same way
        // to know what one costs on this thread.
        QElapsedTimer t;
        t.start();
        if (const auto m = view.runner().liveMetrics())
            view.latencyPlot()->setHistogram(m->executions().latency);
        refreshMs.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    });
    QObject::connect(&view, &SimulateView::runFinished, &app, &QApplication::quit);

    clock.start();
    ticker.start();
    if (!view.run()) {
        std::fprintf(stderr, "cannot run: %s\n", qPrintable(view.statusText()));
        return 1;
    }
    app.exec();
    const double wall = static_cast<double>(clock.elapsed()) / 1000.0;
    std::printf("sample %s, horizon %s, %d replication(s): run %.1f s wall\n", qPrintable(name),
                horizon.isEmpty() ? "scenario's" : qPrintable(horizon), replications, wall);
    std::printf("GUI thread, %zu ticks of %d ms: lateness p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                lateMs.size(), kTickMs, percentile(lateMs, 0.5), percentile(lateMs, 0.99),
                lateMs.empty() ? 0.0 : *std::max_element(lateMs.begin(), lateMs.end()));
    std::printf("live refreshes %d; one latency-plot refresh p50 %.2f ms, max %.2f ms\n", refreshes,
                percentile(refreshMs, 0.5),
                refreshMs.empty() ? 0.0 : *std::max_element(refreshMs.begin(), refreshMs.end()));
    std::printf("%s\n", qPrintable(view.summaryText()));
    return 0;
}
