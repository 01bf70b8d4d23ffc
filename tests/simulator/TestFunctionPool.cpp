// FunctionPool: warm reuse newest first, keep-alive expiry to the microsecond, throttling by
// reserved / account concurrency and by the scaling rate, provisioned concurrency, billed
// GB-seconds, re-entrant submits from the completion callback, and the scenario form.
#include "model/scenario/ScenarioError.h"
#include "simulator/services/FunctionPool.h"
#include "tests/common/ServiceTestSupport.h"
#include "tests/common/QuotedJson.h"

#include <QtTest>

using namespace flowcast::sim;
using namespace servicetest;

namespace {

// A pool with its kernel, probe, account, listener and submitter, built in one line per test.
struct Rig {
    explicit Rig(FunctionPool::Config config, int accountLimit = 1000)
        : account(accountLimit), listener(kernel) {
        probe.subscribe(observer);
        pool = std::make_unique<FunctionPool>(kernel, probe, "fn", std::move(config), account);
        submitter = std::make_unique<Submitter>(kernel, *pool);
    }
    void at(double seconds, double workSeconds, std::uint32_t attempt) {
        submitter->at(seconds, makeJob(listener, 1, attempt, workSeconds));
    }
    /// The level changes of "fn/<what>" as "time=value" pairs.
    QString levels(const std::string& what) {
        QStringList out;
        for (const auto& [t, value] : observer.series(probe.series("fn/" + what)))
            out << QString::number(t, 'g', 12) + "=" + QString::number(value);
        return out.join(' ');
    }
    QString instances() { return levels("instances"); }

    Kernel kernel{1};
    Probe probe;
    ConcurrencyAccount account;
    RecordingObserver observer;
    RecordingListener listener;
    std::unique_ptr<FunctionPool> pool;
    std::unique_ptr<Submitter> submitter;
};

FunctionPool::Config coldStartOf(double seconds, double keepAliveSeconds = 600) {
    FunctionPool::Config config;
    config.coldStart = constant(seconds);
    config.keepAlive = SimTime::fromSeconds(keepAliveSeconds);
    return config;
}

} // namespace

class TestFunctionPool : public QObject {
    Q_OBJECT

private slots:
    void reusesTheNewestIdleInstance() {
        // t=0 A (1 s) and B (2 s) start cold (INIT 0.1 s) on instances #1 and #2; A ends at
        // 1.1 s, B at 2.1 s; t=3 C (1 s) takes #2, the most recently freed, and ends at 4 s.
        // #1 expires at 1.1 + 10 = 11.1 s, #2 at 4 + 10 = 14 s. (Taking #1 instead would expire
        // #2 at 12.1 s.)
        Rig rig(coldStartOf(0.1, 10));
        rig.at(0, 1, 1);
        rig.at(0, 2, 2);
        rig.at(3, 1, 3);
        rig.kernel.run(SimTime::fromSeconds(100));
        QCOMPARE(rig.pool->coldStarts(), 2u);
        QCOMPARE(rig.instances(), QString("0=0 0=1 0=2 11.1=1 14=0"));
        QCOMPARE(rig.levels("busy"), QString("0=0 0=1 0=2 1.1=1 2.1=0 3=1 4=0"));
        rig.pool->finish(SimTime::fromSeconds(100));
        QCOMPARE(rig.levels("queue"), QString("0=0 100=0"));
        QCOMPARE(rig.listener.of(3)->seconds, 4.0);
    }

    void keepAliveExpiresAtExactly600Seconds_data() {
        QTest::addColumn<qint64>("gapUs");
        QTest::addColumn<quint64>("coldStarts");
        QTest::addColumn<QString>("levels");
        // t=0 A (INIT 0.5 s, work 1 s) ends at 1.5 s; B arrives `gap` later, work 1 s.
        QTest::newRow("1 us before: warm")
            << qint64(600'000'000 - 1) << quint64(1) << "0=0 0=1 1202.499999=0";
        // Expiry and B at the same instant: B's event was scheduled first, yet B finds the
        // instance gone (submit expires what is due before it looks).
        QTest::newRow("exactly 600 s: cold")
            << qint64(600'000'000) << quint64(2) << "0=0 0=1 601.5=0 601.5=1 1203=0";
        // The timer expires it at 601.5 s, long before B.
        QTest::newRow("700 s: cold")
            << qint64(700'000'000) << quint64(2) << "0=0 0=1 601.5=0 701.5=1 1303=0";
    }
    void keepAliveExpiresAtExactly600Seconds() {
        QFETCH(qint64, gapUs);
        Rig rig(coldStartOf(0.5));
        rig.at(0, 1, 1);
        rig.submitter->at(SimTime{1'500'000 + gapUs}.seconds(), makeJob(rig.listener, 1, 2, 1));
        rig.kernel.run(SimTime::fromSeconds(5000));
        QFETCH(quint64, coldStarts);
        QCOMPARE(quint64(rig.pool->coldStarts()), coldStarts);
        QTEST(rig.instances(), "levels");
    }

    void throttlesAboveReservedConcurrency() {
        // Reserved 2: t=0 three invocations; the third fails at once (t=0, through the kernel,
        // not from inside submit). t=2 a fourth finds an idle instance.
        FunctionPool::Config config = coldStartOf(0.1);
        config.reservedConcurrency = 2;
        Rig rig(config);
        rig.pool->submit(makeJob(rig.listener, 1, 1, 1));
        rig.pool->submit(makeJob(rig.listener, 1, 2, 1));
        rig.pool->submit(makeJob(rig.listener, 1, 3, 1));
        QVERIFY(rig.listener.finished.empty());
        rig.at(2, 1, 4);
        rig.kernel.run(SimTime::fromSeconds(100));
        const Finished* third = rig.listener.of(3);
        QVERIFY(third);
        QCOMPARE(third->seconds, 0.0);
        QVERIFY(third->outcome.failed);
        QCOMPARE(third->outcome.error, std::string("Lambda.TooManyRequestsException"));
        QCOMPARE(third->outcome.cause, std::string("Rate Exceeded."));
        QVERIFY(!rig.listener.of(4)->outcome.failed);
        QCOMPARE(rig.observer.count(ServiceSignal::Request), 4);
        QCOMPARE(rig.observer.count(ServiceSignal::Throttle), 1);
        QCOMPARE(rig.observer.sum(UsageKind::Requests), 3.0); // throttled requests are free
        QCOMPARE(rig.pool->coldStarts(), 2u);
    }

    void sharesTheAccountLimitBetweenPools() {
        // Account limit 3, two functions without reservations: A takes 2 at t=0, B 1, and B's
        // second is throttled although A has nothing idle to lend. At t=2 all are free again.
        Kernel kernel(1);
        Probe probe;
        ConcurrencyAccount account(3);
        RecordingListener listener(kernel);
        FunctionPool a(kernel, probe, "a", coldStartOf(0), account);
        FunctionPool b(kernel, probe, "b", coldStartOf(0), account);
        Submitter toA(kernel, a), toB(kernel, b);
        toA.at(0, makeJob(listener, 1, 1, 1));
        toA.at(0, makeJob(listener, 1, 2, 1));
        toB.at(0, makeJob(listener, 1, 3, 1));
        toB.at(0, makeJob(listener, 1, 4, 1));
        toB.at(2, makeJob(listener, 1, 5, 1));
        toB.at(2, makeJob(listener, 1, 6, 1));
        kernel.run(SimTime::fromSeconds(100));
        QVERIFY(listener.of(4)->outcome.failed);
        QCOMPARE(b.throttles(), 1u);
        QCOMPARE(a.throttles(), 0u);
        QVERIFY(!listener.of(5)->outcome.failed);
        QVERIFY(!listener.of(6)->outcome.failed);
        QCOMPARE(account.unreservedInUse(), 0);
    }

    void scalingRateLimitsNewEnvironments() {
        // 1,000 new environments per 10 s, refilled at 100/s. t=0: 1,001 invocations of 100 s,
        // the 1,001st throttled. t=10 ms: one token back, so one of two starts. t=10.01 s: a
        // full bucket again (10 s since the last take), 1,000 more start.
        FunctionPool::Config config = coldStartOf(0);
        Rig rig(config, 10'000);
        for (std::uint32_t i = 0; i < 1001; ++i)
            rig.at(0, 100, i);
        rig.at(0.01, 100, 2001);
        rig.at(0.01, 100, 2002);
        for (std::uint32_t i = 0; i < 1000; ++i)
            rig.at(10.01, 100, 3000 + i);
        rig.kernel.run(SimTime::fromSeconds(10.5));
        QCOMPARE(rig.pool->coldStarts(), 2001u);
        QCOMPARE(rig.pool->throttles(), 2u);
        QVERIFY(rig.listener.of(1000)->outcome.failed);
        QCOMPARE(rig.listener.of(2002)->outcome.error,
                 std::string("Lambda.TooManyRequestsException"));
        QCOMPARE(rig.pool->instances(), 2001);
    }

    void provisionedInstancesAreNeverCold() {
        // Provisioned 2, keep-alive 10 s: single invocations at 0, 100 and 5,000 s never start
        // cold and never expire; three at once at 6,000 s spill one over to an on-demand
        // instance (cold, INIT 1 s), which expires at 6,002 + 10 s.
        FunctionPool::Config config = coldStartOf(1, 10);
        config.provisionedConcurrency = 2;
        Rig rig(config);
        rig.at(0, 1, 1);
        rig.at(100, 1, 2);
        rig.at(5000, 1, 3);
        rig.at(6000, 1, 4);
        rig.at(6000, 1, 5);
        rig.at(6000, 1, 6);
        rig.kernel.run(SimTime::fromSeconds(7000));
        rig.pool->finish(SimTime::fromSeconds(7000));
        QCOMPARE(rig.pool->coldStarts(), 1u);
        QCOMPARE(rig.listener.of(6)->seconds, 6002.0);
        QCOMPARE(rig.instances(), QString("0=2 6000=3 6012=2 7000=2"));
        QCOMPARE(rig.pool->provisionedGbSeconds(SimTime::fromSeconds(7000)), 2 * 1.0 * 7000);
    }

    void provisionedWithinReservedConcurrency() {
        // Reserved 2 of which 2 provisioned: nothing is left for on-demand instances.
        FunctionPool::Config config = coldStartOf(1);
        config.reservedConcurrency = 2;
        config.provisionedConcurrency = 2;
        Rig rig(config);
        for (std::uint32_t i = 0; i < 3; ++i)
            rig.at(0, 1, i);
        rig.kernel.run(SimTime::fromSeconds(10));
        QCOMPARE(rig.pool->coldStarts(), 0u);
        QCOMPARE(rig.pool->throttles(), 1u);
        QCOMPARE(rig.account.reserved(), 2);
    }

    void billsGbSecondsRoundedUpToTheMillisecond_data() {
        QTest::addColumn<int>("memoryMb");
        QTest::addColumn<double>("initSeconds");
        QTest::addColumn<double>("workSeconds");
        QTest::addColumn<double>("raw");
        QTest::addColumn<double>("billed");
        QTest::newRow("100 us bills 1 ms") << 1024 << 0.0 << 0.0001 << 0.0001 << 0.001;
        // INIT 0.4 ms + work 1,200.3 ms = 1,200.7 ms -> 1,201 ms, at 2 GB.
        QTest::newRow("INIT billed with the work") << 2048 << 0.0004 << 1.2003 << 2.4014 << 2.402;
        QTest::newRow("whole milliseconds unchanged") << 128 << 0.0 << 1.0 << 0.125 << 0.125;
        QTest::newRow("1 us over") << 512 << 0.25 << 0.000001 << 0.1250005 << 0.1255;
    }
    void billsGbSecondsRoundedUpToTheMillisecond() {
        QFETCH(int, memoryMb);
        QFETCH(double, initSeconds);
        QFETCH(double, workSeconds);
        FunctionPool::Config config = coldStartOf(initSeconds);
        config.memoryMb = memoryMb;
        Rig rig(config);
        rig.at(0, workSeconds, 1);
        rig.kernel.run(SimTime::fromSeconds(10));
        QFETCH(double, raw);
        QFETCH(double, billed);
        QVERIFY(std::abs(rig.observer.sum(UsageKind::GbSecondsRaw) - raw) < 1e-12);
        QVERIFY(std::abs(rig.observer.sum(UsageKind::GbSecondsBilled) - billed) < 1e-12);
        QCOMPARE(rig.observer.sum(UsageKind::InitSeconds), initSeconds);
    }

    void reentrantSubmitFromTheCompletion() {
        // Reserved concurrency 1, INIT 0.5 s, work 1 s. Each end submits the next step from
        // inside the callback: t=1.5 s, 2.5 s, 3.5 s, 4.5 s. The pool has freed the instance and
        // its concurrency before the callback, so each step is warm and none is throttled.
        FunctionPool::Config config = coldStartOf(0.5);
        config.reservedConcurrency = 1;
        Rig rig(config);
        std::uint32_t next = 2;
        rig.listener.then = [&](const Finished&) {
            if (next <= 4) rig.pool->submit(makeJob(rig.listener, 1, next++, 1));
        };
        rig.at(0, 1, 1);
        rig.kernel.run(SimTime::fromSeconds(100));
        QCOMPARE(rig.listener.finished.size(), std::size_t(4));
        for (std::uint32_t i = 1; i <= 4; ++i) {
            QCOMPARE(rig.listener.of(i)->seconds, 0.5 + i);
            QVERIFY(!rig.listener.of(i)->outcome.failed);
        }
        QCOMPARE(rig.pool->coldStarts(), 1u);
        QCOMPARE(rig.pool->throttles(), 0u);
    }

    void injectedFailureEndsAfterTheWork() {
        // t=0 cold (INIT 0.5 s), work 1 s, doomed: fails at 1.5 s with its own error; billed.
        Rig rig(coldStartOf(0.5));
        Job job = makeJob(rig.listener, 1, 1, 1);
        job.failure = std::make_pair(std::string("Lambda.ServiceException"), std::string("boom"));
        rig.submitter->at(0, std::move(job));
        rig.kernel.run(SimTime::fromSeconds(10));
        const Finished* f = rig.listener.of(1);
        QCOMPARE(f->seconds, 1.5);
        QVERIFY(f->outcome.failed);
        QCOMPARE(f->outcome.error, std::string("Lambda.ServiceException"));
        QCOMPARE(f->outcome.cause, std::string("boom"));
        QCOMPARE(rig.observer.count(ServiceSignal::Failure), 1);
        QCOMPARE(rig.observer.sum(UsageKind::GbSecondsBilled), 1.5);
    }

    void readsTheScenarioForm() {
        const auto spec = quotedJson(
            "{'kind': 'lambda', 'memoryMb': 2048, 'keepAliveSeconds': 300, "
            "'reservedConcurrency': 50, 'provisionedConcurrency': 5, "
            "'scalingRate': {'environments': 500, 'perSeconds': 60}, 'architecture': 'arm64'}");
        const FunctionPool::Config c = FunctionPool::parseConfig(spec, "/services/fn");
        QCOMPARE(c.memoryMb, 2048);
        QCOMPARE(c.keepAlive, SimTime::fromSeconds(300));
        QCOMPARE(c.reservedConcurrency, std::optional<int>(50));
        QCOMPARE(c.provisionedConcurrency, 5);
        QCOMPARE(c.scalingRate->environments, 500);
        QCOMPARE(c.scalingRate->per, SimTime::fromSeconds(60));
        QCOMPARE(c.architecture, FunctionPool::Architecture::Arm64);
        QVERIFY(!c.coldStart);

        const auto fallback = constant(0.08);
        const FunctionPool::Config d =
            FunctionPool::parseConfig(quotedJson("{'scalingRate': null}"), "/s", fallback);
        QCOMPARE(d.memoryMb, 1024);
        QCOMPARE(d.keepAlive, SimTime::fromSeconds(600));
        QVERIFY(!d.reservedConcurrency);
        QVERIFY(!d.scalingRate);
        QCOMPARE(d.coldStart, fallback);
        QCOMPARE(d.architecture, FunctionPool::Architecture::X86_64);

        const FunctionPool::Config e = FunctionPool::parseConfig(
            quotedJson("{'coldStart': {'exponential': {'mean': 0.25}}}"), "/s");
        QCOMPARE(e.coldStart->mean(), 0.25);
        QCOMPARE(e.scalingRate->environments, 1000);
        QCOMPARE(e.scalingRate->per, SimTime::fromSeconds(10));
    }

    void takesItsShareOfTheAccount() {
        // One account of 1,000: "a" reserves 300; "b" (no reservation) keeps 5 provisioned
        // environments warm from t = 0, holding 5 of the 700 unreserved units; "c" may then
        // reserve at most 1000 - 300 - 5 - 100 = 595.
        Kernel kernel(1);
        Probe probe;
        ConcurrencyAccount account;
        const auto a = FunctionPool::fromJson(
            kernel, probe, "a", quotedJson("{'kind': 'lambda', 'reservedConcurrency': 300}"),
            "/services/a", account);
        const auto b =
            FunctionPool::fromJson(kernel, probe, "b", quotedJson("{'provisionedConcurrency': 5}"),
                                   "/services/b", account);
        QCOMPARE(account.reserved(), 300);
        QCOMPARE(account.unreservedInUse(), 5);
        QCOMPARE(b->instances(), 5);
        QCOMPARE(a->instances(), 0);
        const auto c = FunctionPool::fromJson(
            kernel, probe, "c", quotedJson("{'reservedConcurrency': 595}"), "/services/c", account);
        QCOMPARE(account.reserved(), 895);
        QVERIFY_THROWS_EXCEPTION(flowcast::model::ScenarioError,
                                 FunctionPool::fromJson(kernel, probe, "d",
                                                        quotedJson("{'reservedConcurrency': 1}"),
                                                        "/services/d", account));
    }

    void rejectsBadConfig_data() {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("message"); // empty: another parser's message, not checked
        QTest::newRow("not an object") << "[]"
                                       << "/services/fn"
                                       << "a lambda service must be an object (got an array)";
        QTest::newRow("unknown key") << "{'memorySize': 512}"
                                     << "/services/fn/memorySize"
                                     << "unknown field \"memorySize\" in a lambda service";
        QTest::newRow("other kind") << "{'kind': 'glue'}"
                                    << "/services/fn/kind"
                                    << "\"kind\" must be one of \"lambda\" (got \"glue\")";
        QTest::newRow("memory too small")
            << "{'memoryMb': 64}"
            << "/services/fn/memoryMb"
            << "\"memoryMb\" must be an integer from 128 to 10240 (got 64)";
        QTest::newRow("negative keep-alive")
            << "{'keepAliveSeconds': -1}"
            << "/services/fn/keepAliveSeconds"
            << "\"keepAliveSeconds\" must be a number from 0 to 86400 (got -1)";
        QTest::newRow("fractional reservation")
            << "{'reservedConcurrency': 1.5}"
            << "/services/fn/reservedConcurrency"
            << "\"reservedConcurrency\" must be an integer from 0 to 1000000 (got 1.5)";
        QTest::newRow("provisioned above reserved")
            << "{'reservedConcurrency': 2, 'provisionedConcurrency': 5}"
            << "/services/fn/provisionedConcurrency"
            << "provisionedConcurrency 5 exceeds reservedConcurrency 2";
        QTest::newRow("scaling rate of nothing")
            << "{'scalingRate': {'environments': 0}}"
            << "/services/fn/scalingRate/environments"
            << "\"environments\" must be an integer from 1 to 1000000 (got 0)";
        QTest::newRow("unknown scaling key") << "{'scalingRate': {'burst': 3000}}"
                                             << "/services/fn/scalingRate/burst"
                                             << "unknown field \"burst\" in scalingRate";
        QTest::newRow("scaling rate a number")
            << "{'scalingRate': 1000}"
            << "/services/fn/scalingRate"
            << "\"scalingRate\" must be an object (got a number)";
        QTest::newRow("architecture")
            << "{'architecture': 'arm'}"
            << "/services/fn/architecture"
            << "\"architecture\" must be one of \"x86_64\", \"arm64\" (got \"arm\")";
        QTest::newRow("reservation the account cannot give")
            << "{'reservedConcurrency': 950}"
            << "/services/fn/reservedConcurrency"
            << "reservedConcurrency 950 exceeds what the account can set aside: 900 (1000 "
               "unreserved of 1000, less the 100 AWS keeps unreserved)";
        QTest::newRow("provisioned the account cannot give")
            << "{'provisionedConcurrency': 901}"
            << "/services/fn/provisionedConcurrency"
            << "provisionedConcurrency 901 exceeds what the account can set aside: 900 (1000 "
               "unreserved of 1000, less the 100 AWS keeps unreserved)";
        QTest::newRow("bad cold start") << "{'coldStart': {'gamma': {'k': 2}}}"
                                        << "/services/fn/coldStart"
                                        << "";
    }
    void rejectsBadConfig() {
        QFETCH(QString, spec);
        QFETCH(QString, pointer);
        QFETCH(QString, message);
        Kernel kernel(1);
        Probe probe;
        ConcurrencyAccount account;
        try {
            FunctionPool::fromJson(kernel, probe, "fn", quotedJson(spec), "/services/fn", account);
            QFAIL("no ScenarioError");
        } catch (const flowcast::model::ScenarioError& e) {
            if (message.isEmpty()) {
                QVERIFY2(QString::fromStdString(e.pointer()).startsWith(pointer),
                         e.pointer().c_str());
            } else {
                QCOMPARE(QString::fromStdString(e.pointer()), pointer);
                QCOMPARE(QString::fromUtf8(e.what()), message);
            }
        }
        QCOMPARE(account.reserved(), 0); // a rejected function takes nothing from the account
    }
};

QTEST_APPLESS_MAIN(TestFunctionPool)
#include "TestFunctionPool.moc"
