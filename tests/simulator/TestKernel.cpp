// Kernel: events reach their components in (time, sequence) order, the clock follows them, the
// horizon and the stop flag end a run that can be resumed.
#include "simulator/core/Kernel.h"

#include <QtTest>

#include <atomic>

using namespace flowcast::sim;

namespace {

// Records what it sees; on kind 1 it schedules a follow-up 120 ms later (kind 2).
class Recorder : public Component {
public:
    explicit Recorder(Kernel& k) : m_kernel(k) {}
    void handle(const Event& e) override {
        seen.push_back({m_kernel.now().us, e.kind, e.payload});
        if (e.kind == 1) m_kernel.schedule(SimTime::fromMillis(120), self, 2, e.payload);
    }
    struct Seen {
        qint64 time;
        std::uint32_t kind;
        std::uint64_t payload;
        bool operator==(const Seen&) const = default;
    };
    std::vector<Seen> seen;
    std::uint32_t self = 0;

private:
    Kernel& m_kernel;
};

// Reschedules itself every second forever.
class Ticker : public Component {
public:
    explicit Ticker(Kernel& k) : m_kernel(k) {}
    void handle(const Event&) override {
        ++ticks;
        m_kernel.schedule(SimTime::fromSeconds(1), self, 0);
    }
    std::uint64_t ticks = 0;
    std::uint32_t self = 0;

private:
    Kernel& m_kernel;
};

} // namespace

class TestKernel : public QObject {
    Q_OBJECT

private slots:
    void timeline() {
        // t=0 start A; t=0 start B (after A: same time, scheduled later); t=120ms A's follow-up;
        // t=120ms B's follow-up; t=1s a late event cancelled before it runs.
        Kernel k(1);
        Recorder r(k);
        r.self = k.addComponent(r);
        k.scheduleAt(SimTime{0}, r.self, 1, 100);
        k.scheduleAt(SimTime{0}, r.self, 1, 200);
        const EventId late = k.scheduleAt(SimTime::fromSeconds(1), r.self, 3, 300);
        QVERIFY(k.cancel(late));
        const RunResult result = k.run(SimTime::fromSeconds(10));
        QCOMPARE(result.status, RunStatus::Drained);
        QCOMPARE(result.eventsProcessed, quint64(4));
        const std::vector<Recorder::Seen> expected{
            {0, 1, 100}, {0, 1, 200}, {120'000, 2, 100}, {120'000, 2, 200}};
        QVERIFY(r.seen == expected);
        QCOMPARE(k.now().us, qint64(120'000));
    }

    void horizonEndsRunAndResumes() {
        Kernel k(1);
        Ticker t(k);
        t.self = k.addComponent(t);
        k.scheduleAt(SimTime{0}, t.self, 0);
        RunResult first = k.run(SimTime::fromSeconds(9.5));
        QCOMPARE(first.status, RunStatus::HorizonReached);
        QCOMPARE(t.ticks, quint64(10)); // t = 0, 1, ..., 9 s
        QCOMPARE(k.now().us, qint64(9'500'000));
        QCOMPARE(k.pendingEvents(), std::size_t(1));
        k.run(SimTime::fromSeconds(20));
        QCOMPARE(t.ticks, quint64(21));
    }

    void stopFlagEndsRunEarly() {
        Kernel k(1);
        Ticker t(k);
        t.self = k.addComponent(t);
        k.scheduleAt(SimTime{0}, t.self, 0);
        std::atomic<bool> stop{true};
        const RunResult r = k.run(SimTime::fromSeconds(1e6), &stop);
        QCOMPARE(r.status, RunStatus::Stopped);
        QVERIFY(r.eventsProcessed < 1024);
        stop = false;
        QCOMPARE(k.run(SimTime::fromSeconds(100), &stop).status, RunStatus::HorizonReached);
    }

    void schedulingRules() {
        Kernel k(1);
        Recorder r(k);
        r.self = k.addComponent(r);
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, k.scheduleAt(SimTime{0}, 5, 0));
        k.scheduleAt(SimTime{50}, r.self, 0);
        k.scheduleAt(SimTime{150}, r.self, 0);
        QCOMPARE(k.run(SimTime{100}).status, RunStatus::HorizonReached);
        k.schedule(SimTime{-10}, r.self, 7);    // a negative delay runs now (t=100), not in the past
        k.scheduleAt(SimTime{20}, r.self, 8);   // so does a time already passed
        QCOMPARE(k.run(SimTime{200}).status, RunStatus::Drained);
        const std::vector<Recorder::Seen> expected{{50, 0, 0}, {100, 7, 0}, {100, 8, 0}, {150, 0, 0}};
        QVERIFY(r.seen == expected);
    }
};

QTEST_APPLESS_MAIN(TestKernel)
#include "TestKernel.moc"
