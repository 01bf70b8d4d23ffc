// The plots (ui/plots) fed with real results: the data-lake ETL sample simulated (30 days, four
// replications, its own seed), its four deployments priced, a break-even sweep (1 to 100 runs a
// day, 4 points, 3 days each), a tornado (±20 %) and a Glue-workers sizing sweep. Each plot must
// draw exactly what it was given, replace it on the next call, and export.
// Set FLOWCAST_PLOT_PNGS=DIR to keep a 900×500 PNG of every plot in DIR.
#include "model/asl/DefinitionFile.h"
#include "model/pricing/PriceBook.h"
#include "model/scenario/Deployment.h"
#include "simulator/cost/CostEngine.h"
#include "simulator/cost/ReportCharts.h"
#include "simulator/cost/SizingSweep.h"
#include "simulator/cost/SweepResult.h"
#include "ui/plots/BreakEvenPlot.h"
#include "ui/plots/CostBarsPlot.h"
#include "ui/plots/LatencyPlot.h"
#include "ui/plots/LevelsPlot.h"
#include "ui/plots/RatesPlot.h"
#include "ui/plots/SignalsPlot.h"
#include "ui/plots/SizingScatterPlot.h"
#include "ui/plots/StateLatencyPlot.h"
#include "ui/plots/ThroughputPlot.h"
#include "ui/plots/TornadoPlot.h"

#include <QtTest>

#include <functional>
#include <memory>
#include <set>

using namespace flowcast;
using ui::PlotWidget;

namespace {

constexpr double kDay = 86400;

sim::RunPlan plan(std::uint64_t seed, int replications, double days) {
    sim::RunPlan p;
    p.seed = seed;
    p.replications = replications;
    p.threads = 1;
    p.horizon = sim::SimTime::fromSeconds(days * kDay);
    return p;
}

// Sum of the values at `key` over every bar plottable: a stacked bar's height.
double stackedAt(QCustomPlot& plot, double key) {
    double sum = 0;
    for (int i = 0; i < plot.plottableCount(); ++i)
        if (auto* bars = qobject_cast<QCPBars*>(plot.plottable(i)))
            for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
                if (it->key == key) sum += it->value;
    return sum;
}

// Legend entries (QCPLegend::itemCount() counts the empty cells of its grid too).
int legendEntries(const QCustomPlot& plot) {
    int entries = 0;
    for (int i = 0; i < plot.legend->itemCount(); ++i)
        entries += plot.legend->item(i) != nullptr;
    return entries;
}

// Distinct colours among every 7th pixel.
int colours(const QImage& image) {
    std::set<QRgb> seen;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            seen.insert(image.pixel(x, y));
    return static_cast<int>(seen.size());
}

} // namespace

class TestPlots : public QObject {
    Q_OBJECT

private:
    std::vector<model::Deployment> m_deployments;
    model::Json m_definition; // the Program keeps a reference to it
    std::unique_ptr<sim::Program> m_program;
    std::unique_ptr<sim::Replications> m_runs; // serverless, 30 days × 4
    std::vector<std::string> m_seriesNames;
    model::PriceBook m_book = model::PriceBook::load(std::nullopt);
    cost::Comparison m_comparison; // with its sweep and tornado
    cost::SweepResult m_sizing;

    // A scenario simulated and priced; its mean latency in seconds goes to `meanSeconds`.
    cost::DeploymentResult priced(const std::string& name, const model::Scenario& s,
                                  int replications, double days, const model::PriceBook& book,
                                  double* meanSeconds = nullptr) {
        sim::Replications runs(*m_program, s, plan(s.seed, replications, days));
        runs.run(nullptr);
        if (meanSeconds) *meanSeconds = runs.merged().executions().latency.mean() / 1e6;
        return cost::evaluate(name, "", runs, *m_program, s, book);
    }

    // The deployments (10 days × 2), the sweep, and the tornado as the CLI's compare builds it:
    // price moves re-price the usage, the other moves simulate again.
    void buildComparison() {
        for (const model::Deployment& d : m_deployments)
            m_comparison.deployments.push_back(priced(d.name, d.scenario, 2, 10, m_book));
        for (const double perDay : cost::logGrid(1, 100, 4)) {
            cost::SweepPoint point{perDay, {}, {}};
            for (const model::Deployment& d : m_deployments) {
                const auto r = priced(d.name, cost::atDailyRate(d.scenario, perDay), 1, 3, m_book);
                point.monthlyUsd.push_back(r.cost.monthlyUsd);
                point.failureRate.push_back(r.failureRate());
            }
            m_comparison.sweep.push_back(point);
        }
        m_comparison.crossings = cost::crossings(m_comparison.sweep);
        std::vector<std::string> names;
        std::set<std::string> ids;
        for (const auto& r : m_comparison.deployments) {
            names.push_back(r.name);
            for (const auto& line : r.cost.lines)
                if (line.quote.amountUsd > 0) ids.insert(line.priceId);
        }
        const cost::DeploymentCosts costs = [&](const auto& transform, const auto& prices) {
            std::vector<double> out;
            for (std::size_t i = 0; i < m_deployments.size(); ++i) {
                const model::Scenario& s = m_deployments[i].scenario;
                if (!transform) {
                    const auto& usage = m_comparison.deployments[i].usage.lines;
                    out.push_back(cost::priceUsage(usage, prices).monthlyUsd);
                    continue;
                }
                model::Json document = s.document;
                transform(document);
                model::Scenario moved = model::Scenario::fromJson(document, s.file);
                moved.definition = s.definition;
                out.push_back(priced("", moved, 2, 10, prices).cost.monthlyUsd);
            }
            return out;
        };
        m_comparison.tornado = cost::tornado(names, m_book, {ids.begin(), ids.end()}, 20, costs);
    }

    void buildSizing() {
        const auto axis = cost::SweepAxis::GlueWorkers;
        m_sizing.spec.axis = axis;
        m_sizing.spec.grid = {2, 5, 10, 20, 40};
        m_sizing.spec.deployments = {{"serverless", "parquet-job", 10.0}};
        for (std::size_t i = 0; i < m_sizing.spec.grid.size(); ++i) {
            const double size = m_sizing.spec.grid[i];
            cost::SweepFigures f;
            const auto s = cost::sized(m_deployments[0].scenario, axis, "parquet-job", size);
            const auto r = priced("serverless", s, 1, 10, m_book, &f.latencyMeanSeconds);
            f.monthlyUsd = r.cost.monthlyUsd;
            f.failureRate = r.failureRate();
            f.started = r.started;
            f.ended = r.ended;
            m_sizing.rows.push_back({i, size, {f}});
        }
    }

    // Every plot, fed once; `feed` feeds it again.
    struct Fed {
        std::unique_ptr<PlotWidget> plot;
        std::function<void()> feed;
        QString name;
    };
    template <typename Plot>
    void add(std::vector<Fed>& out, const QString& name, std::function<void(Plot&)> feed) {
        auto plot = std::make_unique<Plot>();
        Plot& p = *plot;
        out.push_back({std::move(plot), [&p, feed] { feed(p); }, name});
        out.back().feed();
    }
    std::vector<Fed> allPlots() {
        std::vector<Fed> out;
        add<ui::LatencyPlot>(out, "latency", [this](auto& p) {
            p.setHistogram(m_runs->merged().executions().latency);
        });
        add<ui::StateLatencyPlot>(out, "states",
                                  [this](auto& p) { p.setMetrics(m_runs->merged()); });
        add<ui::LevelsPlot>(out, "levels",
                            [this](auto& p) { p.setLevels(m_runs->merged(), m_seriesNames); });
        add<ui::RatesPlot>(out, "rates", [this](auto& p) { p.setMetrics(m_runs->merged()); });
        add<ui::ThroughputPlot>(out, "throughput",
                                [this](auto& p) { p.setReplications(replications()); });
        add<ui::SignalsPlot>(out, "signals", [this](auto& p) {
            p.setMetrics(m_runs->merged(), m_runs->serviceNames());
        });
        add<ui::CostBarsPlot>(out, "cost", [this](auto& p) { p.setComparison(m_comparison); });
        add<ui::BreakEvenPlot>(out, "break-even",
                               [this](auto& p) { p.setComparison(m_comparison); });
        add<ui::TornadoPlot>(out, "tornado",
                             [this](auto& p) { p.setTornado(*m_comparison.tornado); });
        add<ui::SizingScatterPlot>(out, "sizing", [this](auto& p) { p.setSweep(m_sizing); });
        return out;
    }

    std::vector<const sim::Metrics*> replications() const {
        std::vector<const sim::Metrics*> out;
        for (std::size_t i = 0; i < m_runs->replicationCount(); ++i)
            out.push_back(&m_runs->replication(i));
        return out;
    }

private slots:
    void initTestCase() {
        const auto scenario = model::Scenario::read(
            FLOWCAST_SOURCE_DIR "/samples/data-lake-etl/data-lake-etl.scenario.json");
        const model::FileReport report = model::DefinitionFile::check(scenario.definition);
        QVERIFY(report.valid());
        model::Diagnostics ignored;
        m_definition = model::DefinitionFile::find(*report.json, ignored).at(0).json();
        m_program = std::make_unique<sim::Program>(m_definition);
        m_deployments = model::deploymentsOf(scenario);
        QCOMPARE(m_deployments.size(), std::size_t{4});
        const model::Scenario& serverless = m_deployments[0].scenario;
        m_runs = std::make_unique<sim::Replications>(*m_program, serverless,
                                                     plan(serverless.seed, 4, 30));
        QVERIFY(m_runs->run(nullptr));
        const model::Json results = m_runs->results(false);
        for (const auto& level : results["metrics"]["levels"])
            m_seriesNames.push_back(level["name"].get<std::string>());
        buildComparison();
        buildSizing();
        // Below 1 a day serverless is cheapest; the EMR clusters overtake it within 100 a day.
        QVERIFY(!m_comparison.crossings.empty());
    }

    void emptyBeforeData() {
        std::vector<std::unique_ptr<PlotWidget>> plots;
        plots.push_back(std::make_unique<ui::StateLatencyPlot>());
        plots.push_back(std::make_unique<ui::LevelsPlot>());
        plots.push_back(std::make_unique<ui::ThroughputPlot>());
        plots.push_back(std::make_unique<ui::RatesPlot>());
        plots.push_back(std::make_unique<ui::SignalsPlot>());
        plots.push_back(std::make_unique<ui::CostBarsPlot>());
        plots.push_back(std::make_unique<ui::BreakEvenPlot>());
        plots.push_back(std::make_unique<ui::TornadoPlot>());
        plots.push_back(std::make_unique<ui::SizingScatterPlot>());
        plots.push_back(std::make_unique<ui::LatencyPlot>());
        auto& latency = static_cast<ui::LatencyPlot&>(*plots.back());
        for (const auto& p : plots) {
            QVERIFY(p->isEmpty());
            QCOMPARE(p->emptyMessage(), QString("No data yet"));
            QCOMPARE(p->plottableCount(), 0);
            QCOMPARE(p->itemCount(), 1); // the message
            QVERIFY(!p->xAxis->tickLabels() && !p->yAxis->tickLabels());
        }
        // Data hides the message; an empty histogram brings it back and removes the rest.
        latency.setHistogram(m_runs->merged().executions().latency);
        QVERIFY(!latency.isEmpty());
        QVERIFY(latency.plottableCount() > 0);
        latency.setHistogram(sim::Histogram{});
        QVERIFY(latency.isEmpty());
        QCOMPARE(latency.plottableCount(), 0);
        QCOMPARE(latency.itemCount(), 1);
        QCOMPARE(latency.bars(), nullptr);
    }

    void latencyHistogramAndCdf() {
        const sim::Histogram& h = m_runs->merged().executions().latency;
        QCOMPARE(h.count(), m_runs->merged().executions().ended);
        QCOMPARE(h.count(), std::uint64_t{120}); // one run a night, 30 nights, 4 replications
        ui::LatencyPlot plot;
        plot.setHistogram(h);
        QVERIFY(plot.bars() && plot.cdf());
        const int bins = plot.bars()->dataCount();
        QCOMPARE(bins, 10); // Rice's rule: ⌈2·∛120⌉
        QCOMPARE(plot.cdf()->dataCount(), bins + 1);
        double executions = 0, share = -1;
        for (int k = 0; k < bins; ++k)
            executions += plot.bars()->data()->at(k)->value;
        QCOMPARE(executions, static_cast<double>(h.count()));
        for (int k = 0; k <= bins; ++k) {
            QVERIFY(plot.cdf()->data()->at(k)->value >= share);
            share = plot.cdf()->data()->at(k)->value;
        }
        QCOMPARE(plot.cdf()->data()->at(0)->value, 0.0);
        QCOMPARE(share, 100.0);
        // Nightly runs take about half an hour: minutes, from the fastest to the slowest.
        QCOMPARE(plot.unit().name, QString("min"));
        QCOMPARE(plot.xAxis->label(), QString("end-to-end latency (min)"));
        QCOMPARE(plot.cdf()->data()->at(0)->key, static_cast<double>(h.min()) / 60e6);
        QVERIFY(
            qFuzzyCompare(plot.cdf()->data()->at(bins)->key, static_cast<double>(h.max()) / 60e6));
        const std::array<double, 3> qs{0.5, 0.95, 0.99};
        for (std::size_t i = 0; i < qs.size(); ++i)
            QCOMPARE(plot.percentileMarkers()[i], h.quantile(qs[i]) / 60e6);
        QCOMPARE(plot.itemCount(), 1 + 2 * 3); // the message, and a line and a label per mark
    }

    void stateBoxes() {
        const sim::Metrics& m = m_runs->merged();
        ui::StateLatencyPlot plot;
        plot.setMetrics(m);
        std::vector<std::size_t> visited;
        for (std::size_t i = 0; i < m.stateNames().size(); ++i)
            if (m.state(i).visits() > 0) visited.push_back(i);
        QVERIFY(visited.size() < m.stateNames().size()); // the failure path never ran
        QCOMPARE(plot.stateIndices(), visited);
        QCOMPARE(plot.boxes()->dataCount(), static_cast<int>(visited.size()));
        const auto ticks = plot.yAxis->ticker().dynamicCast<QCPAxisTickerText>();
        QVERIFY(ticks);
        for (std::size_t k = 0; k < visited.size(); ++k) {
            const auto& latency = m.state(visited[k]).latency;
            const QString instant = latency.quantile(0.95) > 0 ? "" : " (0 s)";
            QCOMPARE(ticks->ticks().value(static_cast<double>(k)),
                     QString::fromStdString(m.stateNames()[visited[k]]) + instant);
            const QCPStatisticalBoxData& box = *plot.boxes()->data()->at(static_cast<int>(k));
            if (latency.quantile(0.05) > 0) QCOMPARE(box.minimum, latency.quantile(0.05) / 1e6);
            if (latency.quantile(0.5) > 0) QCOMPARE(box.median, latency.quantile(0.5) / 1e6);
            QVERIFY(box.maximum >= box.upperQuartile);
        }
        // Bookkeeping states of milliseconds beside a Glue job of ten minutes.
        QVERIFY(plot.isLogarithmic());
    }

    void levelSeries() {
        const sim::Metrics& m = m_runs->merged();
        ui::LevelsPlot plot;
        plot.setLevels(m, m_seriesNames);
        std::vector<std::size_t> expected;
        for (std::size_t id = 0; id < m_seriesNames.size(); ++id)
            if (m.levelSeries(id) && m.levelSeries(id)->max() > 0) expected.push_back(id);
        QVERIFY(!expected.empty());
        QVERIFY(expected.size() < m_seriesNames.size()); // no queue ever formed
        QCOMPARE(plot.seriesIds(), expected);
        QCOMPARE(plot.graphCount(), static_cast<int>(expected.size()));
        QCOMPARE(legendEntries(plot), plot.graphCount());
        QCOMPARE(plot.unit().name, QString("days"));
        for (int g = 0; g < plot.graphCount(); ++g) {
            const sim::LevelSeries& s = *m.levelSeries(expected[static_cast<std::size_t>(g)]);
            QCPGraph* graph = plot.graph(g);
            QCOMPARE(graph->name(),
                     QString::fromStdString(m_seriesNames[expected[static_cast<std::size_t>(g)]]));
            QCOMPARE(graph->dataCount(), static_cast<int>(s.bucketCount()) + 1);
            for (std::size_t k = 0; k < s.bucketCount(); ++k)
                QCOMPARE(graph->data()->at(static_cast<int>(k))->value, s.bucketMean(k));
            QVERIFY(qFuzzyCompare(graph->data()->at(graph->dataCount() - 1)->key,
                                  s.bucketWidth().seconds() * s.bucketCount() / kDay));
        }
    }

    void throughputPerReplication() {
        ui::ThroughputPlot plot;
        plot.setReplications(replications());
        QCOMPARE(plot.replicationCount(), 4);
        double total = 0;
        for (std::size_t r = 0; r < 4; ++r) {
            const sim::Metrics& run = m_runs->replication(r);
            const double perDay =
                static_cast<double>(run.executions().ended) / (run.simulated().seconds() / kDay);
            QVERIFY(qFuzzyCompare(stackedAt(plot, static_cast<double>(r)), perDay));
            total += perDay;
        }
        QVERIFY(qFuzzyCompare(plot.meanPerDay(), total / 4));
        QVERIFY(plot.statusBars(sim::EndStatus::Succeeded));
        QCOMPARE(plot.statusBars(sim::EndStatus::Aborted), nullptr);
        // A replication that has not simulated anything yet has no bar.
        const sim::Metrics unfinished(m_runs->merged().stateNames());
        plot.setReplications({&m_runs->replication(0), &unfinished});
        QCOMPARE(plot.replicationCount(), 1);
    }

    // 30 days of one run a day, four replications (120 starts): the time axis reads in days;
    // buckets are grouped so a point holds about 5 starts and spans whole days, and each point's
    // rate is its count over the time the four runs covered in it: exactly 1 a day.
    void ratesOverTime() {
        const sim::Metrics& m = m_runs->merged();
        ui::RatesPlot plot;
        plot.setMetrics(m);
        QCOMPARE(plot.unit().name, QString("days"));
        const QCPGraph* started = plot.channelGraph(sim::Metrics::Activity::Started);
        const QCPGraph* succeeded = plot.channelGraph(sim::Metrics::Activity::Succeeded);
        QVERIFY(started && succeeded);
        const sim::CountSeries& a = m.activity();
        const std::size_t group = plot.bucketsPerPoint();
        QVERIFY(group >= (a.bucketCount() + 23) / 24);
        QCOMPARE((static_cast<std::int64_t>(group) * a.bucketWidth().us) % 86'400'000'000, 0);
        QCOMPARE(started->data()->size(),
                 static_cast<int>((a.bucketCount() + group - 1) / group) + 1);
        for (std::size_t first = 0, p = 0; first < a.bucketCount(); first += group, ++p) {
            double count = 0, covered = 0;
            for (std::size_t k = first; k < std::min(a.bucketCount(), first + group); ++k) {
                count += static_cast<double>(a.count(0, k));
                covered += static_cast<double>(a.coveredUs(k)) / 1e6;
            }
            QVERIFY(qFuzzyCompare(1 + started->data()->at(static_cast<int>(p))->value,
                                  1 + count / covered * plot.unit().seconds));
            if (covered == 4 * static_cast<double>(group) * a.bucketWidth().seconds())
                QCOMPARE(started->data()->at(static_cast<int>(p))->value, 1.0); // a whole point
        }
        double sum = 0, covered = 0;
        for (std::size_t k = 0; k < a.bucketCount(); ++k) {
            sum += static_cast<double>(a.count(0, k));
            covered += static_cast<double>(a.coveredUs(k)) / 1e6 / 86400;
        }
        QVERIFY(std::abs(sum / covered - 1.0) < 0.05);
        // Nothing throttled the flagship: no line for it, no right axis without signals drawn.
        QCOMPARE(plot.channelGraph(sim::Metrics::Activity::Throttles), nullptr);
        plot.resize(800, 500);
        plot.replot();
        const auto point = started->data()->at(2);
        const QString hover = plot.hoverTextAt(
            QPointF(plot.xAxis->coordToPixel(point->key), plot.yAxis->coordToPixel(point->value)));
        // The nearest line there may be another channel's: any reads per day, with its count.
        QVERIFY2(hover.contains(" per day (") && hover.endsWith(" counted)"), qPrintable(hover));
    }

    void signalBars() {
        const sim::Metrics& m = m_runs->merged();
        ui::SignalsPlot plot;
        plot.setMetrics(m, m_runs->serviceNames());
        QStringList expected;
        for (std::size_t i = 0; i < m.stateNames().size(); ++i) {
            const auto& s = m.state(i);
            if (!s.errors.entries().empty() || s.retries > 0 || s.timeouts > 0)
                expected.push_back(QString::fromStdString(m.stateNames()[i]));
        }
        for (std::size_t id = 0; id < m_runs->serviceNames().size(); ++id) {
            const auto& c = m.service(id).signalCounts;
            using S = sim::ServiceSignal;
            if (c[size_t(S::Failure)] + c[size_t(S::Throttle)] + c[size_t(S::ColdStart)] > 0)
                expected.push_back(QString::fromStdString(m_runs->serviceNames()[id]) +
                                   " (service)");
        }
        QCOMPARE(plot.rowNames(), expected);
        const int row = expected.indexOf("source-function (service)");
        QVERIFY(row >= 0);
        using Signal = ui::SignalsPlot::Signal;
        const auto* coldStarts = plot.signalBars(Signal::ColdStarts);
        QVERIFY(coldStarts);
        // Cold starts: only the Lambda function has them, 10 min keep-alive, a run a night.
        QCOMPARE(plot.barRows(Signal::ColdStarts), QVector<int>{row});
        QCOMPARE(coldStarts->dataCount(), 1);
        QCOMPARE(coldStarts->data()->at(0)->value,
                 double(m.service(0).signalCounts[size_t(sim::ServiceSignal::ColdStart)]));
        QCOMPARE(coldStarts->data()->at(0)->value, 120.0);
        QCOMPARE(qRound(coldStarts->data()->at(0)->key), row);
        QCOMPARE(plot.signalBars(Signal::Throttles), nullptr);
        // Every bar is a count above 0 in its row, with its label.
        int bars = 0;
        for (std::size_t k = 0; k < ui::SignalsPlot::kSignals; ++k)
            if (const auto* b = plot.signalBars(static_cast<Signal>(k))) {
                bars += b->dataCount();
                for (int i = 0; i < b->dataCount(); ++i)
                    QVERIFY(b->data()->at(i)->value > 0 &&
                            std::abs(b->data()->at(i)->key -
                                     plot.barRows(static_cast<Signal>(k))[i]) < 0.5);
            }
        QCOMPARE(plot.itemCount(), 1 + bars);
    }

    void costStackedBars() {
        std::vector<std::string> notDrawn;
        const auto drawn =
            cost::report::drawnServices(cost::report::byService(m_comparison), notDrawn);
        ui::CostBarsPlot plot;
        plot.setComparison(m_comparison);
        QCOMPARE(plot.plottableCount(), static_cast<int>(drawn.services.size()));
        QCOMPARE(plot.deployments(), QStringList({"serverless", "always-on EMR",
                                                  "EMR nightly window", "autoscaling EMR"}));
        for (std::size_t s = 0; s < drawn.services.size(); ++s) {
            QCOMPARE(plot.services()[static_cast<int>(s)],
                     QString::fromStdString(drawn.services[s]));
            QCPBars* bars = plot.serviceBars(static_cast<int>(s));
            QCOMPARE(bars->dataCount(), 4);
            for (int d = 0; d < 4; ++d)
                QCOMPARE(bars->data()->at(d)->value, drawn.usd[s][static_cast<std::size_t>(d)]);
        }
        // Each bar is its deployment's bill, but for services under half a cent.
        for (std::size_t d = 0; d < 4; ++d)
            QVERIFY(std::abs(stackedAt(plot, static_cast<double>(d)) -
                             m_comparison.deployments[d].cost.monthlyUsd) <=
                    0.005 * static_cast<double>(notDrawn.size()) + 1e-9);
        QCOMPARE(plot.itemCount(), 1 + 4); // a total above each bar
    }

    void breakEvenCrossings() {
        const auto& sweep = m_comparison.sweep;
        ui::BreakEvenPlot plot;
        plot.setComparison(m_comparison);
        for (int d = 0; d < 4; ++d) {
            QVERIFY(plot.curve(d));
            QCOMPARE(plot.points(d)->dataCount(), static_cast<int>(sweep.size()));
            for (int i = 0; i < static_cast<int>(sweep.size()); ++i)
                QCOMPARE(
                    plot.points(d)->data()->at(i)->value,
                    sweep[static_cast<std::size_t>(i)].monthlyUsd[static_cast<std::size_t>(d)]);
        }
        QCOMPARE(plot.curve(4), nullptr);
        QCPGraph* rings = plot.crossingMarks();
        QCOMPARE(rings->dataCount(), static_cast<int>(m_comparison.crossings.size()));
        for (int i = 0; i < rings->dataCount(); ++i) {
            const cost::Crossing& k = m_comparison.crossings[static_cast<std::size_t>(i)];
            QCOMPARE(rings->data()->at(i)->key, k.perDay);
            // On both lines: linear in cost and log rate between the sweep points around it.
            std::size_t j = 0;
            while (sweep[j + 1].perDay < k.perDay)
                ++j;
            const double t = std::log(k.perDay / sweep[j].perDay) /
                             std::log(sweep[j + 1].perDay / sweep[j].perDay);
            for (const std::size_t d : {k.cheaperBelow, k.cheaperAbove}) {
                const double usd = sweep[j].monthlyUsd[d] +
                                   t * (sweep[j + 1].monthlyUsd[d] - sweep[j].monthlyUsd[d]);
                QVERIFY(std::abs(rings->data()->at(i)->value - usd) < 1e-6 * usd);
            }
        }
        QCOMPARE(plot.itemCount(), 1 + 2 * rings->dataCount()); // a guide and a label each
        cost::Comparison noSweep = m_comparison;
        noSweep.sweep.clear();
        plot.setComparison(noSweep);
        QVERIFY(plot.isEmpty());
        QCOMPARE(plot.emptyMessage(), QString("No break-even sweep yet"));
    }

    void tornadoBars() {
        const cost::Tornado& t = *m_comparison.tornado;
        QVERIFY(t.bars.size() >= 5);
        ui::TornadoPlot plot;
        plot.setTornado(t);
        QCOMPARE(plot.lowBars()->dataCount(), static_cast<int>(t.bars.size()));
        QCOMPARE(plot.highBars()->dataCount(), static_cast<int>(t.bars.size()));
        QCOMPARE(plot.lowBars()->baseValue(), t.baseUsd);
        QCOMPARE(plot.highBars()->baseValue(), t.baseUsd);
        for (int i = 0; i < static_cast<int>(t.bars.size()); ++i) {
            const cost::TornadoBar& bar = t.bars[static_cast<std::size_t>(i)];
            QCOMPARE(plot.inputs()[i], QString::fromStdString(bar.input));
            QCOMPARE(plot.lowBars()->data()->at(i)->key, i - 0.18);
            QCOMPARE(plot.lowBars()->data()->at(i)->value, bar.lowUsd - t.baseUsd);
            QCOMPARE(plot.highBars()->data()->at(i)->value, bar.highUsd - t.baseUsd);
        }
        QCOMPARE(plot.title(), QString("Sensitivity: each input moved by ±20 %"));
        QCOMPARE(plot.itemCount(), 2); // the message and the baseline
        // A move that makes another deployment the cheapest is noted under the input's name.
        cost::Tornado turned = t;
        turned.bars[0].highCheapest = "EMR nightly window";
        plot.setTornado(turned);
        const auto ticks = plot.yAxis->ticker().dynamicCast<QCPAxisTickerText>();
        QCOMPARE(ticks->ticks().value(0),
                 plot.inputs()[0] + "\n+20 %: EMR nightly window cheapest");
        QCOMPARE(ticks->ticks().value(1), plot.inputs()[1]);
        const QString keep = qEnvironmentVariable("FLOWCAST_PLOT_PNGS");
        if (!keep.isEmpty()) plot.exportPng(keep + "/tornado-note.png", 900, 500);
    }

    void sizingScatter() {
        ui::SizingScatterPlot plot;
        plot.setSweep(m_sizing);
        QCPCurve* curve = plot.curve(0);
        QVERIFY(curve);
        QCOMPARE(plot.curve(1), nullptr);
        QCOMPARE(curve->dataCount(), 5);
        for (int i = 0; i < 5; ++i) {
            const auto& f = m_sizing.rows[static_cast<std::size_t>(i)].deployments[0];
            QCOMPARE(curve->data()->at(i)->key, f.latencyMeanSeconds / plot.unit().seconds);
            QCOMPARE(curve->data()->at(i)->value, f.monthlyUsd);
        }
        QCOMPARE(plot.pointLabels(),
                 QStringList({"2 workers", "5 workers", "10 workers", "20 workers", "40 workers"}));
        // Amdahl: more workers, faster and dearer.
        QVERIFY(curve->data()->at(0)->key > curve->data()->at(4)->key);
        QVERIFY(curve->data()->at(0)->value < curve->data()->at(4)->value);
        cost::SweepResult workload = m_sizing;
        workload.spec.axis = cost::SweepAxis::RunsPerDay;
        plot.setSweep(workload);
        QVERIFY(plot.isEmpty());
        QVERIFY(plot.emptyMessage().startsWith("Not a sizing sweep"));
    }

    void settingTwiceReplaces() {
        for (Fed& f : allPlots()) {
            PlotWidget& p = *f.plot;
            const int plottables = p.plottableCount(), items = p.itemCount(),
                      legend = legendEntries(p), replots = p.replotCount();
            QVERIFY2(plottables > 0 && !p.isEmpty(), qPrintable(f.name));
            f.feed();
            QVERIFY2(p.plottableCount() == plottables, qPrintable(f.name));
            QVERIFY2(p.itemCount() == items, qPrintable(f.name));
            QVERIFY2(legendEntries(p) == legend, qPrintable(f.name));
            QVERIFY2(p.replotCount() == replots + 1, qPrintable(f.name)); // in bulk: once
        }
    }

    void hoverShowsNearestPoint() {
        ui::CostBarsPlot plot;
        plot.setComparison(m_comparison);
        plot.resize(900, 500);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        plot.replot();
        const double usd = plot.serviceBars(0)->data()->at(1)->value;
        const QPointF onBar(plot.xAxis->coordToPixel(1), plot.yAxis->coordToPixel(usd / 2));
        const QString text = plot.hoverTextAt(onBar);
        QVERIFY2(text.startsWith("always-on EMR\n" + plot.services()[0] + ": " +
                                 PlotWidget::usdText(usd) + " a month"),
                 qPrintable(text));
        QTest::mouseMove(&plot, onBar.toPoint()); // what a mouse move shows
        QTRY_COMPARE(QToolTip::text(), text);
        const QPointF between(plot.xAxis->coordToPixel(1.5), plot.yAxis->coordToPixel(usd / 2));
        QCOMPARE(plot.hoverTextAt(between), QString());

        ui::LatencyPlot latency;
        latency.setHistogram(m_runs->merged().executions().latency);
        latency.resize(900, 500);
        latency.show();
        QVERIFY(QTest::qWaitForWindowExposed(&latency));
        latency.replot();
        const auto last = latency.cdf()->data()->at(latency.cdf()->dataCount() - 1);
        const QPointF top(latency.xAxis->coordToPixel(last->key),
                          latency.yAxis2->coordToPixel(last->value) + 3);
        QVERIFY2(latency.hoverTextAt(top).endsWith("100.0 % of executions"),
                 qPrintable(latency.hoverTextAt(top)));
    }

    void refreshKeepsTheUsersZoom() {
        const sim::Histogram& h = m_runs->merged().executions().latency;
        ui::LatencyPlot plot;
        plot.setHistogram(h);
        plot.resize(900, 500);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        const QCPRange home = plot.xAxis->range(); // the wheel zooms in around the centre
        const QPointF centre(plot.axisRect()->center());
        QWheelEvent wheel(centre, plot.mapToGlobal(centre), {}, {0, 120}, Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&plot, &wheel);
        const QCPRange zoomed = plot.xAxis->range();
        QVERIFY(zoomed.size() < home.size());
        plot.setHistogram(h); // a timer's refresh
        QCOMPARE(plot.xAxis->range().lower, zoomed.lower);
        QCOMPARE(plot.xAxis->range().upper, zoomed.upper);
        plot.resetView(); // a double-click
        QCOMPARE(plot.xAxis->range().lower, home.lower);
        QCOMPARE(plot.xAxis->range().upper, home.upper);
    }

    void exportPngAndPdf() {
        QTemporaryDir dir;
        const QString keep = qEnvironmentVariable("FLOWCAST_PLOT_PNGS");
        for (Fed& f : allPlots()) {
            const QString png = dir.filePath(f.name + ".png");
            QVERIFY2(f.plot->exportPng(png, 900, 500), qPrintable(f.name));
            const QImage image(png);
            QCOMPARE(image.size(), QSize(900, 500));
            QVERIFY2(colours(image) > 8, qPrintable(f.name)); // drawn, not blank
            if (!keep.isEmpty()) f.plot->exportPng(keep + "/" + f.name + ".png", 900, 500);
        }
        ui::TornadoPlot empty; // the message exports too
        QVERIFY(empty.exportPng(dir.filePath("empty.png"), 900, 500));
        if (!keep.isEmpty()) empty.exportPng(keep + "/empty.png", 900, 500);
        QVERIFY(!QImage(dir.filePath("empty.png")).isNull());

        ui::LatencyPlot plot;
        plot.setHistogram(m_runs->merged().executions().latency);
        const QString pdf = dir.filePath("latency.pdf");
        QVERIFY(plot.exportPdf(pdf, 900, 500));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.read(5), QByteArray("%PDF-"));
        QVERIFY(file.size() > 1000);
        QVERIFY(!plot.exportPdf("/nonexistent-flowcast-dir/latency.pdf"));
        QVERIFY(!plot.exportPdf(dir.path())); // a folder
        QVERIFY(!plot.exportPng(dir.filePath("missing/latency.png"), 900, 500));
        QVERIFY(!QFile::exists(dir.filePath("missing/latency.png")));
    }
};

QTEST_MAIN(TestPlots)
#include "TestPlots.moc"
