// Probe: records reach the observers that subscribed for their kind (Observer::reports), in the
// order they subscribed, and no other; wants() tells whether anyone receives a kind.
#include "simulator/core/Observer.h"

#include <QtTest>

#include <string>
#include <vector>

using namespace flowcast::sim;

namespace {

// Logs every call it gets as "<name>:<kind>", into a log shared by all observers of a test.
class Logger final : public Observer {
public:
    Logger(std::string name, unsigned reports, std::vector<std::string>& log)
        : m_name(std::move(name)), m_reports(reports), m_log(log) {}
    unsigned reports() const override { return m_reports; }
    void executionStarted(std::uint64_t, SimTime) override { note("started"); }
    void executionEnded(const ExecutionEnded&) override { note("ended"); }
    void stateEnded(const StateEnded&) override { note("state"); }
    void serviceSignal(std::uint32_t, ServiceSignal, SimTime) override { note("signal"); }
    void level(std::uint32_t, SimTime, double) override { note("level"); }
    void usage(std::uint32_t, UsageKind, double) override { note("usage"); }

private:
    void note(const char* kind) { m_log.push_back(m_name + ":" + kind); }
    std::string m_name;
    unsigned m_reports;
    std::vector<std::string>& m_log;
};

// Overrides level() only and does not say so: it still gets every kind (the default).
class LevelsOnly final : public Observer {
public:
    void level(std::uint32_t, SimTime, double value) override { levels.push_back(value); }
    std::vector<double> levels;
};

void reportOneOfEach(Probe& probe) {
    probe.executionStarted(1, SimTime{});
    probe.executionEnded(ExecutionEnded{});
    probe.stateEnded(StateEnded{});
    probe.serviceSignal(0, ServiceSignal::Request, SimTime{});
    probe.level(0, SimTime{}, 2.5);
    probe.usage(0, UsageKind::Requests, 1);
}

} // namespace

class TestProbe : public QObject {
    Q_OBJECT

private slots:
    void recordsReachOnlyTheObserversOfTheirKind() {
        std::vector<std::string> log;
        Logger all("all", Observer::kAllReports, log);
        Logger levels("levels", Observer::kLevels, log);
        Logger some("some", Observer::kExecutionEnded | Observer::kUsage, log);
        Logger none("none", 0, log);
        Probe probe;
        probe.subscribe(levels); // before `all`: the order of subscription is kept per kind
        probe.subscribe(all);
        probe.subscribe(some);
        probe.subscribe(none);
        reportOneOfEach(probe);
        const std::vector<std::string> expected = {
            "all:started",  "all:ended", "some:ended", "all:state",  "all:signal",
            "levels:level", "all:level", "all:usage",  "some:usage",
        };
        QCOMPARE(log, expected);
    }

    void wantsTellsWhetherAnyoneListens() {
        std::vector<std::string> log;
        Logger levels("levels", Observer::kLevels, log);
        Probe probe;
        QVERIFY(!probe.wants(Observer::kLevels));
        probe.subscribe(levels);
        QVERIFY(probe.wants(Observer::kLevels));
        QVERIFY(!probe.wants(Observer::kUsage));
        QVERIFY(!probe.wants(Observer::kServiceSignals));
        reportOneOfEach(probe); // reports no one wants are dropped
        QCOMPARE(log, std::vector<std::string>{"levels:level"});
    }

    void observersReceiveEverythingByDefault() {
        LevelsOnly observer;
        Probe probe;
        probe.subscribe(observer);
        for (unsigned kind = 1; kind < Observer::kAllReports; kind <<= 1)
            QVERIFY(probe.wants(static_cast<Observer::Report>(kind)));
        reportOneOfEach(probe);
        QCOMPARE(observer.levels, std::vector<double>{2.5});
    }
};

QTEST_APPLESS_MAIN(TestProbe)
#include "TestProbe.moc"
