// EventQueue: (time, sequence) order, FIFO at equal times, O(1) cancellation with stale ids, and
// agreement with a simple reference under a long random mix of operations (fixed seed).
#include "simulator/core/EventQueue.h"
#include "simulator/core/RandomStream.h"

#include <QtTest>

#include <map>
#include <tuple>

using namespace flowcast::sim;

class TestEventQueue : public QObject {
    Q_OBJECT

private slots:
    void ordersByTimeThenSchedulingOrder() {
        EventQueue q;
        q.schedule(SimTime{30}, 0, 1, 0);
        q.schedule(SimTime{10}, 0, 2, 0);
        q.schedule(SimTime{10}, 0, 3, 0); // same time as kind 2, scheduled later: runs after it
        q.schedule(SimTime{20}, 0, 4, 0);
        QCOMPARE(q.size(), std::size_t(4));
        std::vector<std::uint32_t> kinds;
        while (auto e = q.pop()) kinds.push_back(e->kind);
        QCOMPARE(kinds, (std::vector<std::uint32_t>{2, 3, 4, 1}));
        QVERIFY(q.empty());
        QVERIFY(!q.pop().has_value());
    }

    void cancellation() {
        EventQueue q;
        const EventId a = q.schedule(SimTime{5}, 0, 1, 0);
        const EventId b = q.schedule(SimTime{6}, 0, 2, 0);
        QVERIFY(q.cancel(a));
        QVERIFY(!q.cancel(a));           // twice: no
        QVERIFY(!q.cancel(EventId{}));    // the null id: no
        QCOMPARE(q.size(), std::size_t(1));
        QCOMPARE(q.nextTime()->us, qint64(6)); // the tombstone at t=5 is skipped
        const auto e = q.pop();
        QCOMPARE(e->kind, 2u);
        QVERIFY(!q.cancel(b));           // already ran
        // The freed slot is reused with a new generation: the old id cannot cancel the new event.
        const EventId c = q.schedule(SimTime{7}, 0, 3, 0);
        QVERIFY(!q.cancel(a));
        QVERIFY(!q.cancel(b));
        QCOMPARE(q.size(), std::size_t(1));
        QVERIFY(q.cancel(c));
        QVERIFY(q.empty());
    }

    void payloadRoundTrips() {
        EventQueue q;
        q.schedule(SimTime{1}, 7, 9, 0xdeadbeefcafeULL);
        const auto e = q.pop();
        QCOMPARE(e->target, 7u);
        QCOMPARE(e->kind, 9u);
        QCOMPARE(e->payload, quint64(0xdeadbeefcafeULL));
        QCOMPARE(e->time.us, qint64(1));
    }

    void matchesReferenceUnderRandomOperations() {
        // 200,000 operations: schedule (60 %), pop (30 %), cancel a random live id (10 %).
        EventQueue q;
        std::map<std::tuple<std::int64_t, std::uint64_t>, std::uint64_t> reference; // (time, seq) -> payload
        std::vector<std::pair<EventId, std::tuple<std::int64_t, std::uint64_t>>> live;
        RandomStream rng(42);
        std::uint64_t seq = 0;
        std::int64_t now = 0;
        for (int op = 0; op < 200000; ++op) {
            const double r = rng.uniform();
            if (r < 0.6) {
                const std::int64_t t = now + static_cast<std::int64_t>(rng.next() % 1000);
                const EventId id = q.schedule(SimTime{t}, 0, 0, seq);
                reference[{t, seq}] = seq;
                live.push_back({id, {t, seq}});
                ++seq;
            } else if (r < 0.9) {
                const auto e = q.pop();
                QCOMPARE(e.has_value(), !reference.empty());
                if (!e) continue;
                const auto first = reference.begin();
                QCOMPARE(e->time.us, std::get<0>(first->first));
                QCOMPARE(e->payload, first->second);
                now = e->time.us;
                reference.erase(first);
            } else if (!live.empty()) {
                const std::size_t k = rng.next() % live.size();
                const bool wasPending = reference.erase(live[k].second) == 1;
                QCOMPARE(q.cancel(live[k].first), wasPending);
                live[k] = live.back();
                live.pop_back();
            }
            QCOMPARE(q.size(), reference.size());
        }
    }
};

QTEST_APPLESS_MAIN(TestEventQueue)
#include "TestEventQueue.moc"
