// The analytic models (simulator/analytic) against textbook values, a second formula, the
// reference implementation of the warm-pool paper, and the simulator's own reference scenarios.
//
// Reference figures for the warm pool: the algorithm of Mahmoudi & Khazaei's pacsltk (perfmodel
// get_sls_warm_count_dist as published, the paper's reference implementation), transcribed and
// run with numpy 1.24 / scipy 1.10 (LAPACK dense solve) on the same inputs. Both solve the same
// chain, differing by rounding only (1e-15 measured), so they are compared to 1e-9 relative; the
// gap to the issue's figures is explained in warmPool_issueCheck.
#include "simulator/analytic/Erlang.h"
#include "simulator/analytic/StationaryDistribution.h"
#include "simulator/analytic/WarmPoolModel.h"

#include <QtTest>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <stdexcept>

using namespace flowcast::analytic;

namespace {

using Call = std::function<void()>;

// Erlang B from its definition, P(N = c) / P(N <= c) with N ~ Poisson(a), summed in logs: a
// second formula to hold the recurrence to (lgamma is good to ~1e-15 relative here).
double erlangBFromPoisson(int servers, double offered) {
    const auto logTerm = [&](int k) { return k * std::log(offered) - std::lgamma(k + 1.0); };
    double largest = -INFINITY;
    for (int k = 0; k <= servers; ++k)
        largest = std::max(largest, logTerm(k));
    double sum = 0;
    for (int k = 0; k <= servers; ++k)
        sum += std::exp(logTerm(k) - largest);
    return std::exp(logTerm(servers) - largest) / sum;
}

QString messageOf(const Call& call) {
    try {
        call();
    } catch (const std::invalid_argument& error) {
        return QString::fromUtf8(error.what());
    }
    return QStringLiteral("(no exception)");
}

bool closeRelative(double value, double reference, double relative) {
    return std::abs(value - reference) <= relative * std::abs(reference);
}

WarmPoolParams params(double lambda, double warm, double cold, double keepAlive, int cap = 1000) {
    WarmPoolParams p;
    p.arrivalsPerSecond = lambda;
    p.warmServiceSeconds = warm;
    p.coldServiceSeconds = cold;
    p.keepAliveSeconds = keepAlive;
    p.maxConcurrency = cap;
    return p;
}

Eigen::SparseMatrix<double> generator(int size, const std::vector<Eigen::Triplet<double>>& rates) {
    std::vector<Eigen::Triplet<double>> entries = rates;
    std::vector<double> out(static_cast<std::size_t>(size), 0.0);
    for (const auto& rate : rates)
        out[static_cast<std::size_t>(rate.row())] += rate.value();
    for (int i = 0; i < size; ++i)
        entries.emplace_back(i, i, -out[static_cast<std::size_t>(i)]);
    Eigen::SparseMatrix<double> q(size, size);
    q.setFromTriplets(entries.begin(), entries.end());
    return q;
}

} // namespace

Q_DECLARE_METATYPE(Call)

class TestAnalyticModels : public QObject {
    Q_OBJECT

private slots:
    void erlangB_knownValues_data() {
        QTest::addColumn<int>("servers");
        QTest::addColumn<double>("offered");
        QTest::addColumn<double>("expected");
        QTest::addColumn<double>("tolerance");
        // Exact by hand: B = (a^c / c!) / Σ a^k / k!.
        QTest::newRow("1 server, 1 Erlang") << 1 << 1.0 << 0.5 << 1e-15;
        QTest::newRow("2 servers, 1 Erlang") << 2 << 1.0 << 0.2 << 1e-15;
        QTest::newRow("no servers") << 0 << 3.0 << 1.0 << 0.0;
        QTest::newRow("no load") << 5 << 0.0 << 0.0 << 0.0;
        // Erlang B tables: 10 lines at 5 Erlangs block 1.8385 % (to the table's 4 digits).
        QTest::newRow("10 servers, 5 Erlangs") << 10 << 5.0 << 0.018385 << 5e-7;
    }
    void erlangB_knownValues() {
        QFETCH(int, servers);
        QFETCH(double, offered);
        QFETCH(double, expected);
        QFETCH(double, tolerance);
        QVERIFY2(std::abs(erlangB(servers, offered) - expected) <= tolerance,
                 qPrintable(QString::number(erlangB(servers, offered), 'g', 17)));
    }

    void erlangB_matchesThePoissonForm_data() {
        QTest::addColumn<int>("servers");
        QTest::addColumn<double>("offered");
        QTest::newRow("100 at 80") << 100 << 80.0;
        QTest::newRow("1000 at 2016") << 1000 << 2016.0;
        QTest::newRow("10000 at 9000") << 10000 << 9000.0;
        QTest::newRow("10000 at 12000") << 10000 << 12000.0;
    }
    void erlangB_matchesThePoissonForm() {
        // Beyond c = 170, a^c / c! overflows a double: the recurrence must not.
        QFETCH(int, servers);
        QFETCH(double, offered);
        const double b = erlangB(servers, offered);
        QVERIFY(b > 0 && b < 1);
        QVERIFY2(closeRelative(b, erlangBFromPoisson(servers, offered), 1e-10),
                 qPrintable(QString("%1 vs %2")
                                .arg(b, 0, 'g', 17)
                                .arg(erlangBFromPoisson(servers, offered), 0, 'g', 17)));
    }

    void erlangB_concurrencyCap() {
        // The issue: λ = 1,000/s, service ~2 s, 1,000 concurrent executions → 0.5045. "~2 s" is
        // SimFaaS's warm mean 2.016 s (TestFunctionPoolReference): 2,016 Erlangs give 0.504455;
        // exactly 2 s would give 0.5005.
        const double b = erlangB(1000, 1000 * 2.016);
        QCOMPARE(std::round(b * 1e4) / 1e4, 0.5045);
        QVERIFY(closeRelative(b, 0.5044545818988837, 1e-12));
    }

    void erlangC_knownValues_data() {
        QTest::addColumn<int>("servers");
        QTest::addColumn<double>("offered");
        QTest::addColumn<double>("expected");
        // Kleinrock, Queueing Systems vol. 1 (1975): M/M/2 at a = 1 waits with probability 1/3;
        // M/M/1: with probability ρ. M/M/4 at a = 3.2: 0.596432 (by hand from the definition).
        QTest::newRow("M/M/2, a 1") << 2 << 1.0 << 1.0 / 3;
        QTest::newRow("M/M/1, a 0.8") << 1 << 0.8 << 0.8;
        QTest::newRow("M/M/4, a 3.2") << 4 << 3.2 << 0.59643247178740;
        QTest::newRow("no load") << 3 << 0.0 << 0.0;
    }
    void erlangC_knownValues() {
        QFETCH(int, servers);
        QFETCH(double, offered);
        QFETCH(double, expected);
        QVERIFY(std::abs(erlangC(servers, offered) - expected) <= 1e-13);
    }

    void mmcMeanWait() {
        // TestClusterReference's M/M/4 at ρ = 0.8: λ = 3.2/s, μ = 1/s: Wq = 0.7455 s (seconds,
        // since the service time is in seconds; the cluster simulated 0.7427 s).
        const double wq = mmcMeanWaitSeconds(4, 3.2, 1.0);
        QCOMPARE(std::round(wq * 1e4) / 1e4, 0.7455);
        QVERIFY(closeRelative(wq, 0.74554058973425, 1e-12));
        // M/M/1: Wq = ρ / (μ − λ) = 0.8 / 0.2 = 4 s; in minutes of service, 4 × 60 s.
        QVERIFY(closeRelative(mmcMeanWaitSeconds(1, 0.8, 1.0), 4.0, 1e-14));
        QVERIFY(closeRelative(mmcMeanWaitSeconds(1, 0.8 / 60, 60.0), 240.0, 1e-14));
    }

    void badArguments_data() {
        QTest::addColumn<Call>("call");
        QTest::addColumn<QString>("message");
        QTest::newRow("B, servers")
            << Call([] { erlangB(-1, 1); }) << "erlangB: servers must be >= 0";
        QTest::newRow("B, load") << Call([] { erlangB(3, -0.5); })
                                 << "erlangB: offered load must be finite and >= 0 Erlangs";
        QTest::newRow("B, NaN") << Call([] { erlangB(3, NAN); })
                                << "erlangB: offered load must be finite and >= 0 Erlangs";
        QTest::newRow("C, servers")
            << Call([] { erlangC(0, 0.5); }) << "erlangC: servers must be >= 1";
        QTest::newRow("C, unstable") << Call([] { erlangC(4, 4.5); })
                                     << "erlangC: offered load 4.5 Erlangs is not below the 4 "
                                        "servers (the queue is unstable)";
        QTest::newRow("Wq, rate") << Call([] { mmcMeanWaitSeconds(2, -1, 1); })
                                  << "mmcMeanWaitSeconds: arrival rate must be finite and >= 0 "
                                     "per second";
        QTest::newRow("Wq, service") << Call([] { mmcMeanWaitSeconds(2, 1, 0); })
                                     << "mmcMeanWaitSeconds: mean service time must be finite and "
                                        "> 0 seconds";
        QTest::newRow("Wq, unstable")
            << Call([] { mmcMeanWaitSeconds(2, 1, 2); })
            << "mmcMeanWaitSeconds: offered load 2 Erlangs is not below the 2 servers (the queue "
               "is unstable)";
        QTest::newRow("pool, rate") << Call([] { WarmPoolModel::solve(params(0, 2, 25, 600)); })
                                    << "WarmPoolModel: arrivalsPerSecond must be finite and > 0";
        QTest::newRow("pool, warm") << Call([] { WarmPoolModel::solve(params(1, -2, 25, 600)); })
                                    << "WarmPoolModel: warmServiceSeconds must be finite and > 0";
        QTest::newRow("pool, cold") << Call([] { WarmPoolModel::solve(params(1, 2, NAN, 600)); })
                                    << "WarmPoolModel: coldServiceSeconds must be finite and > 0";
        QTest::newRow("pool, keep-alive")
            << Call([] { WarmPoolModel::solve(params(1, 2, 25, INFINITY)); })
            << "WarmPoolModel: keepAliveSeconds must be finite and > 0";
        QTest::newRow("pool, cap") << Call([] { WarmPoolModel::solve(params(1, 2, 25, 600, 0)); })
                                   << "WarmPoolModel: maxConcurrency must be in 1..1000000";
        QTest::newRow("pool, huge cap")
            << Call([] { WarmPoolModel::solve(params(1, 2, 25, 600, 1'000'001)); })
            << "WarmPoolModel: maxConcurrency must be in 1..1000000";
        QTest::newRow("solver, anchor") << Call([] {
            stationaryDistribution(generator(2, {{0, 1, 1.0}, {1, 0, 1.0}}), 2);
        }) << "stationaryDistribution: anchor state 2 is not in 0..1";
        QTest::newRow("solver, shape")
            << Call([] { stationaryDistribution(Eigen::SparseMatrix<double>(2, 3), 0); })
            << "stationaryDistribution: the generator must be square and non-empty";
    }
    void badArguments() {
        QFETCH(Call, call);
        QFETCH(QString, message);
        QCOMPARE(messageOf(call), message);
    }

    void stationary_birthDeath() {
        // M/M/1/5 at ρ = 0.5: π_n ∝ ρ^n, n = 0..5.
        std::vector<Eigen::Triplet<double>> rates;
        for (int n = 0; n < 5; ++n) {
            rates.emplace_back(n, n + 1, 1.0);
            rates.emplace_back(n + 1, n, 2.0);
        }
        const std::vector<double> pi = stationaryDistribution(generator(6, rates), 0);
        const double total = (1 - std::pow(0.5, 6)) / 0.5;
        for (int n = 0; n < 6; ++n)
            QVERIFY(
                closeRelative(pi[static_cast<std::size_t>(n)], std::pow(0.5, n) / total, 1e-14));
    }

    void stationary_cycleWithATransientState() {
        // 0 → 1 at rate 1 and never back; 1 → 2 → 3 → 1 at rates 1, 2, 3. State 0 is
        // transient; on the cycle the time in a state is ∝ 1 / its rate: (6, 3, 2) / 11.
        // Not reversible, so detailed balance cannot stand in for the solve here.
        const auto q = generator(4, {{0, 1, 1.0}, {1, 2, 1.0}, {2, 3, 2.0}, {3, 1, 3.0}});
        for (Eigen::Index anchor : {1, 2, 3}) {
            const std::vector<double> pi = stationaryDistribution(q, anchor);
            QCOMPARE(pi[0], 0.0);
            QVERIFY(closeRelative(pi[1], 6.0 / 11, 1e-14));
            QVERIFY(closeRelative(pi[2], 3.0 / 11, 1e-14));
            QVERIFY(closeRelative(pi[3], 2.0 / 11, 1e-14));
        }
        // Anchored on the transient state, the system has no solution: reported, not returned.
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, stationaryDistribution(q, 0));
    }

    void stationary_rejectsWhatDoesNotBalance() {
        // Not a generator: row 0 sums to 1. The system still solves (π = (1, 2) / 3), but state
        // 0's own balance equation, the one the anchor replaced, is off by 1/3: caught.
        Eigen::SparseMatrix<double> q(2, 2);
        const std::vector<Eigen::Triplet<double>> entries{
            {0, 0, -1.0}, {0, 1, 2.0}, {1, 0, 1.0}, {1, 1, -1.0}};
        q.setFromTriplets(entries.begin(), entries.end());
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, stationaryDistribution(q, 0));
    }

    void warmPool_issueCheck() {
        // λ = 100/s, warm 2 s, cold 25 s, keep-alive 600 s. Chain of ~280 states, mode at 251.
        const auto start = std::chrono::steady_clock::now();
        const WarmPoolResult r = WarmPoolModel::solve(params(100, 2, 25, 600));
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        qInfo("λ 100/s: %zu states solved in %.3f ms; instances %.6f, running %.6f (warm %.6f), "
              "idle %.6f, P(cold) %.4g, utilisation %.6f, response %.6f s",
              r.probabilities.size(), ms, r.averageInstances, r.averageRunning,
              r.averageRunningWarm, r.averageIdle, r.coldStartProbability, r.utilisation,
              r.averageResponseSeconds);

        // The paper's reference implementation on the same inputs (see the top of the file).
        QVERIFY(closeRelative(r.averageInstances, 251.40805598101417, 1e-9));
        QVERIFY(closeRelative(r.averageRunning, 200.13653833861937, 1e-9));
        QVERIFY(closeRelative(r.averageRunningWarm, 199.9881271009897, 1e-9));
        QVERIFY(closeRelative(r.coldStartProbability, 5.936449505187144e-05, 1e-7));
        QCOMPARE(r.rejectionProbability, 0.0);
        QVERIFY(!r.reachesCap);

        // The issue's 251.04 and 200.15 are the example output printed in pacsltk's README
        // ("an output similar to the following": 251.043927, 200.148828, P(cold) 0.000065).
        // pacsltk's own algorithm gives 251.408 and 200.137 on those inputs, as this model does,
        // and none of ~300 variants we tried (expiration window, conditional vs partial gap
        // mean, states shifted by one, truncation, dense vs sparse solve) gives the README's:
        // they are not reproduced to the two decimals the issue gives.
        QEXPECT_FAIL("", "pacsltk's README figures differ from pacsltk's code (251.408)", Continue);
        QCOMPARE(std::round(r.averageInstances * 100) / 100, 251.04);
        QEXPECT_FAIL("", "pacsltk's README figures differ from pacsltk's code (200.137)", Continue);
        QCOMPARE(std::round(r.averageRunning * 100) / 100, 200.15);
        // What does hold: that gap is 0.15 % on instances and 0.006 % on running.
        QVERIFY(closeRelative(r.averageInstances, 251.04, 0.002));
        QVERIFY(closeRelative(r.averageRunning, 200.15, 1e-4));
    }

    void warmPool_simFaaSScenario() {
        // SimFaaS's README scenario (TestFunctionPoolReference): λ = 0.9/s, warm 1.991 s, cold
        // 2.244 s, keep-alive 600 s. Simulated: 7.66-7.69 instances (Flowcast 7.668, SimFaaS
        // 7.6612), P(cold) 0.0013-0.0014 (Flowcast 0.00133, SimFaaS 0.00135), running 1.79.
        const WarmPoolResult r = WarmPoolModel::solve(params(0.9, 1.991, 2.244, 600));
        qInfo("λ 0.9/s: instances %.4f (simulated 7.66-7.69: %+.2f %%), P(cold) %.6f (simulated "
              "0.0013-0.0014: %+.1f %%), running %.4f",
              r.averageInstances, 100 * (r.averageInstances / 7.675 - 1), r.coldStartProbability,
              100 * (r.coldStartProbability / 0.00135 - 1), r.averageRunning);
        QVERIFY(closeRelative(r.averageInstances, 7.604669493419591, 1e-9));
        QVERIFY(closeRelative(r.coldStartProbability, 0.0011828791835598101, 1e-9));
        QVERIFY(closeRelative(r.averageRunning, 1.7921693415900968, 1e-9));
        // Against the simulation, with the simulator test's own tolerances (±1.5 % on
        // instances, ±15 % on P(cold), ±1 % on running): the model lands 0.9 % low on instances
        // and 12 % low on P(cold), below every simulated seed (1-10 gave 7.661-7.746 and
        // 0.00128-0.00138), so the gap is the model's: its instances take requests in a fixed order
        // and see Poisson overflow traffic, where Flowcast and SimFaaS send each request to the
        // newest idle instance, and its expiration is a renewal approximation. Running is
        // Little's law, λ × mean service, in both, and agrees.
        QVERIFY(closeRelative(r.averageInstances, 7.675, 0.015));
        QVERIFY(closeRelative(r.coldStartProbability, 0.00135, 0.15));
        QVERIFY(closeRelative(r.averageRunning, 1.79, 0.01));
    }

    void warmPool_atTheCapIsErlangB() {
        // TestFunctionPoolReference's cap: λ = 1,000/s, warm 2.016 s, cold 2.163 s, 1,000
        // instances at most. 2,016 Erlangs keep every instance far too busy to expire, so the
        // pool sits at the cap: an M/M/1000/1000 loss system, rejecting Erlang B of the arrivals.
        const WarmPoolResult r = WarmPoolModel::solve(params(1000, 2.016, 2.163, 600, 1000));
        QVERIFY(r.reachesCap);
        QCOMPARE(r.probabilities.size(), std::size_t{1001});
        QVERIFY(r.probabilities.back() > 1 - 1e-12);
        QVERIFY(closeRelative(r.rejectionProbability, erlangB(1000, 2016), 1e-9));
        QVERIFY(r.coldStartProbability < 1e-12);
        QVERIFY(closeRelative(r.averageInstances, 1000, 1e-12));
    }

    void warmPool_detailedBalance_data() {
        QTest::addColumn<double>("lambda");
        QTest::addColumn<double>("warm");
        QTest::addColumn<double>("cold");
        QTest::addColumn<double>("keepAlive");
        QTest::addColumn<int>("cap");
        QTest::newRow("issue") << 100.0 << 2.0 << 25.0 << 600.0 << 1000;
        QTest::newRow("SimFaaS") << 0.9 << 1.991 << 2.244 << 600.0 << 1000;
        QTest::newRow("capped at 50") << 30.0 << 2.0 << 5.0 << 60.0 << 50;
        QTest::newRow("rare calls") << 0.001 << 0.5 << 3.0 << 600.0 << 1000;
    }
    void warmPool_detailedBalance() {
        // A birth-death chain's stationary law balances each pair of states: π_n b_n =
        // π_{n+1} d_{n+1}. The sparse LU never uses that, so it checks the solve. Tolerance
        // 1e-12 of the largest flow: measured 4e-16 at worst (rounding), and an error that
        // would show in the averages' 9th digit is far larger.
        QFETCH(double, lambda);
        QFETCH(double, warm);
        QFETCH(double, cold);
        QFETCH(double, keepAlive);
        QFETCH(int, cap);
        const WarmPoolResult r = WarmPoolModel::solve(params(lambda, warm, cold, keepAlive, cap));
        const std::size_t size = r.probabilities.size();
        QVERIFY(size >= 2);
        double largest = 0;
        double total = 0;
        for (std::size_t n = 0; n < size; ++n) {
            largest = std::max(largest, r.probabilities[n] * r.coldStartRates[n]);
            total += r.probabilities[n];
        }
        QVERIFY(std::abs(total - 1) < 1e-12);
        for (std::size_t n = 0; n + 1 < size; ++n) {
            const double up = r.probabilities[n] * r.coldStartRates[n];
            const double down = r.probabilities[n + 1] * r.expiryRates[n + 1];
            QVERIFY2(std::abs(up - down) <= 1e-12 * largest,
                     qPrintable(QString("n %1: %2 vs %3").arg(n).arg(up).arg(down)));
        }
        // Truncated chains end where the mass is gone; capped ones end at the cap.
        if (r.reachesCap)
            QCOMPARE(size, static_cast<std::size_t>(cap) + 1);
        else
            QVERIFY(r.probabilities.back() < 1e-15);
        // Busy instances + idle ones are all the instances, and the shares add up.
        QVERIFY(std::abs(r.averageRunning + r.averageIdle - r.averageInstances) < 1e-9);
        QVERIFY(r.averageIdle >= 0);
        QVERIFY(r.coldStartProbability + r.rejectionProbability <= 1);
    }

    void warmPool_longerKeepAliveMeansMoreInstancesFewerColdStarts() {
        // λ = 1/s, warm 1 s, cold 3 s: keep-alive 10 s, 60 s, 600 s, 6,000 s.
        double instances = 0;
        double cold = 1;
        for (double keepAlive : {10.0, 60.0, 600.0, 6000.0}) {
            const WarmPoolResult r = WarmPoolModel::solve(params(1, 1, 3, keepAlive));
            QVERIFY2(r.averageInstances > instances, qPrintable(QString::number(keepAlive)));
            QVERIFY2(r.coldStartProbability < cold, qPrintable(QString::number(keepAlive)));
            instances = r.averageInstances;
            cold = r.coldStartProbability;
        }
    }
};

QTEST_APPLESS_MAIN(TestAnalyticModels)
#include "TestAnalyticModels.moc"
