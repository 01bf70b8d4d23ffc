// EventQueue: (time, sequence) order, FIFO at equal times (also across cancellations, interleaved
// pops and the radix heap's levels), O(1) cancellation with stale ids, nextTime, events scheduled
// below the point the queue has looked ahead to, and agreement with a simple reference under a
// long random mix of operations (fixed seed), also for queues that grow and shrink across the
// size where the sorted array hands over to the radix heap and back, and popUntil.
#include "simulator/core/EventQueue.h"
#include "simulator/core/RandomStream.h"

#include <QtTest>

#include <limits>
#include <map>
#include <utility>

using namespace flowcast::sim;

namespace {

using Kinds = std::vector<std::uint32_t>;

// Pops every pending event and returns their kinds in the order they came.
Kinds drainKinds(EventQueue& q) {
    Kinds kinds;
    while (auto e = q.pop())
        kinds.push_back(e->kind);
    return kinds;
}

} // namespace

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
        QCOMPARE(drainKinds(q), (Kinds{2, 3, 4, 1}));
        QVERIFY(q.empty());
        QVERIFY(!q.pop().has_value());
    }

    void equalTimesStayFifoAcrossCancellationsAndPops() {
        // t=10: kinds 1, 2, 3 scheduled; 1 runs; kind 4 at t=10 (now is 10); 2 cancelled; kind 5
        // at t=10. Then 3, 4, 5 in that order.
        EventQueue q;
        q.schedule(SimTime{10}, 0, 1, 0);
        const EventId two = q.schedule(SimTime{10}, 0, 2, 0);
        q.schedule(SimTime{10}, 0, 3, 0);
        QCOMPARE(q.pop()->kind, 1u);
        q.schedule(SimTime{10}, 0, 4, 0);
        QVERIFY(q.cancel(two));
        q.schedule(SimTime{10}, 0, 5, 0);
        QCOMPARE(drainKinds(q), (Kinds{3, 4, 5}));
    }

    void equalTimesStayFifoWhateverWasPendingWhenScheduled() {
        // Four events at t=3,000 s, each scheduled after the queue has moved closer to that time
        // (t=0, 1 s, 2,000 s, 3,000 s - 1 µs), so that each starts in a different place of the
        // radix heap; one of them is cancelled; a fifth is scheduled after nextTime() has looked
        // at t=3,000 s. Expected: 1, 2, 4, 5 (3 cancelled), each at t=3,000 s.
        const SimTime far = SimTime::fromSeconds(3000);
        EventQueue q;
        q.schedule(far, 0, 1, 0);
        q.schedule(SimTime::fromSeconds(1), 0, 100, 0);
        QCOMPARE(q.pop()->kind, 100u);
        q.schedule(far, 0, 2, 0);
        q.schedule(SimTime::fromSeconds(2000), 0, 100, 0);
        QCOMPARE(q.pop()->kind, 100u);
        const EventId three = q.schedule(far, 0, 3, 0);
        q.schedule(far - SimTime{1}, 0, 100, 0);
        QCOMPARE(q.pop()->kind, 100u);
        q.schedule(far, 0, 4, 0);
        QVERIFY(q.cancel(three));
        QCOMPARE(q.nextTime(), std::optional<SimTime>(far));
        q.schedule(far, 0, 5, 0);
        Kinds kinds;
        while (auto e = q.pop()) {
            QCOMPARE(e->time, far);
            kinds.push_back(e->kind);
        }
        QCOMPARE(kinds, (Kinds{1, 2, 4, 5}));
    }

    void cancellation() {
        EventQueue q;
        const EventId a = q.schedule(SimTime{5}, 0, 1, 0);
        const EventId b = q.schedule(SimTime{6}, 0, 2, 0);
        QVERIFY(q.cancel(a));
        QVERIFY(!q.cancel(a));                // twice: no
        QVERIFY(!q.cancel(EventId{}));        // the null id: no
        QVERIFY(!q.cancel(EventId{1000, 1})); // a slot never used: no
        QCOMPARE(q.size(), std::size_t(1));
        QCOMPARE(q.nextTime()->us, qint64(6)); // the tombstone at t=5 is skipped
        const auto e = q.pop();
        QCOMPARE(e->kind, 2u);
        QVERIFY(!q.cancel(b)); // already ran
        // The freed slots are reused with new generations: the old ids cannot cancel new events.
        const EventId c = q.schedule(SimTime{7}, 0, 3, 0);
        const EventId d = q.schedule(SimTime{8}, 0, 4, 0);
        QVERIFY(!q.cancel(a));
        QVERIFY(!q.cancel(b));
        QCOMPARE(q.size(), std::size_t(2));
        QVERIFY(q.cancel(c));
        QCOMPARE(drainKinds(q), (Kinds{4}));
        QVERIFY(!q.cancel(d));
        QVERIFY(q.empty());
    }

    void nextTimeLooksWithoutTaking() {
        EventQueue q;
        QVERIFY(!q.nextTime().has_value());
        const EventId a = q.schedule(SimTime{40}, 0, 1, 0);
        q.schedule(SimTime{70}, 0, 2, 0);
        QCOMPARE(q.nextTime(), std::optional<SimTime>(SimTime{40}));
        QCOMPARE(q.nextTime(), std::optional<SimTime>(SimTime{40})); // looking twice takes nothing
        QCOMPARE(q.size(), std::size_t(2));
        QVERIFY(q.cancel(a));
        QCOMPARE(q.nextTime(), std::optional<SimTime>(SimTime{70}));
        QCOMPARE(q.pop()->kind, 2u);
        QVERIFY(!q.nextTime().has_value());
        QVERIFY(q.empty());
    }

    void earlierEventAfterLookingAhead() {
        // What the kernel does at a horizon: nextTime() sees t=100 beyond the horizon, then the
        // caller schedules at t=50 and t=100. Expected: t=50 (kind 2), t=50 (kind 4), t=100
        // (kind 1), t=100 (kind 3).
        EventQueue q;
        q.schedule(SimTime{100}, 0, 1, 0);
        QCOMPARE(q.nextTime(), std::optional<SimTime>(SimTime{100}));
        q.schedule(SimTime{50}, 0, 2, 0);
        q.schedule(SimTime{100}, 0, 3, 0);
        q.schedule(SimTime{50}, 0, 4, 0);
        QCOMPARE(q.nextTime(), std::optional<SimTime>(SimTime{50}));
        QCOMPARE(drainKinds(q), (Kinds{2, 4, 1, 3}));
    }

    void equalTimesBelowTheLookAheadStayFifo() {
        // t=100 (kind 1) seen by nextTime(), then cancelled; kinds 2 to 6 at t=50, below the time
        // seen, and 4 cancelled. Expected: 2, 3, 5, 6.
        EventQueue q;
        const EventId one = q.schedule(SimTime{100}, 0, 1, 0);
        QCOMPARE(q.nextTime()->us, qint64(100));
        QVERIFY(q.cancel(one));
        EventId four;
        for (std::uint32_t kind = 2; kind <= 6; ++kind) {
            const EventId id = q.schedule(SimTime{50}, 0, kind, 0);
            if (kind == 4) four = id;
        }
        QVERIFY(q.cancel(four));
        QCOMPARE(q.nextTime()->us, qint64(50));
        QCOMPARE(drainKinds(q), (Kinds{2, 3, 5, 6}));
    }

    void timesBeforeTheLastPopStillComeFirst() {
        // Not something the kernel does (it clamps to now), but the queue keeps its order anyway.
        EventQueue q;
        q.schedule(SimTime{100}, 0, 1, 0);
        q.schedule(SimTime{200}, 0, 2, 0);
        QCOMPARE(q.pop()->kind, 1u);
        q.schedule(SimTime{40}, 0, 3, 0);
        QCOMPARE(drainKinds(q), (Kinds{3, 2}));
    }

    void negativeAndExtremeTimes() {
        constexpr std::int64_t lowest = std::numeric_limits<std::int64_t>::min();
        constexpr std::int64_t highest = std::numeric_limits<std::int64_t>::max();
        EventQueue q;
        q.schedule(SimTime{highest}, 0, 1, 0);
        q.schedule(SimTime{0}, 0, 2, 0);
        q.schedule(SimTime{-1}, 0, 3, 0);
        q.schedule(SimTime{lowest}, 0, 4, 0);
        q.schedule(SimTime{1}, 0, 5, 0);
        QCOMPARE(drainKinds(q), (Kinds{4, 3, 2, 5, 1}));
    }

    void payloadRoundTrips() {
        EventQueue q;
        q.schedule(SimTime{1}, 7, 9, 0xdeadbeefcafeULL);
        const auto e = q.pop();
        QCOMPARE(e->target, 7u);
        QCOMPARE(e->kind, 9u);
        QCOMPARE(e->payload, quint64(0xdeadbeefcafeULL));
        QCOMPARE(e->time.us, qint64(1));
        QCOMPARE(e->sequence, quint64(0));
    }

    void popUntilTakesOnlyUpToTheLimit() {
        EventQueue q;
        Event e;
        QCOMPARE(q.popUntil(SimTime{100}, e), EventQueue::Next::Empty);
        const EventId a = q.schedule(SimTime{40}, 0, 1, 0);
        q.schedule(SimTime{70}, 0, 2, 7);
        QCOMPARE(q.popUntil(SimTime{39}, e), EventQueue::Next::Later);
        QCOMPARE(q.size(), std::size_t(2));
        QVERIFY(q.cancel(a));
        QCOMPARE(q.popUntil(SimTime{69}, e), EventQueue::Next::Later); // the tombstone is skipped
        QCOMPARE(q.popUntil(SimTime{70}, e), EventQueue::Next::Taken); // the limit is included
        QCOMPARE(e.kind, 2u);
        QCOMPARE(e.payload, quint64(7));
        QCOMPARE(e.time.us, qint64(70));
        QCOMPARE(q.popUntil(SimTime{1000}, e), EventQueue::Next::Empty);
        QVERIFY(q.empty());
    }

    void matchesReferenceWhileGrowingAndShrinking() {
        // Like a simulation whose pending events come and go: the number pending heads for 0-3
        // and for 45-99 in turn (a new target every 300 operations), so the queue crosses the
        // sizes where its sorted array becomes a radix heap, and back, about 70 times. Times: now +
        // up to 2 s (a tenth at now exactly), never before now, as the kernel schedules; pops
        // through pop() and popUntil(), nextTime(), cancellations. Checked against a std::map at
        // every step.
        using Key = std::pair<std::int64_t, std::uint64_t>; // (time, sequence)
        EventQueue q;
        std::map<Key, std::uint32_t> reference; // the kind
        std::vector<std::pair<EventId, Key>> issued;
        RandomStream rng(7);
        std::uint64_t sequence = 0;
        std::int64_t now = 0;
        std::size_t target = 0, crossingsUp = 0, crossingsDown = 0;
        bool large = false;
        for (int op = 0; op < 120000; ++op) {
            if (op % 300 == 0) // low and high in turn
                target = op % 600 == 0 ? rng.next() % 4 : 45 + rng.next() % 55;
            const double r = rng.uniform();
            if (r < (reference.size() < target ? 0.6 : 0.3)) {
                const std::uint64_t n = rng.next();
                const std::int64_t t =
                    n % 10 == 0 ? now : now + static_cast<std::int64_t>(n % 2000000);
                const auto kind = static_cast<std::uint32_t>(n >> 40);
                const EventId id = q.schedule(SimTime{t}, 0, kind, 0);
                reference[{t, sequence}] = kind;
                issued.push_back({id, {t, sequence}});
                ++sequence;
            } else if (r < 0.8) {
                Event e;
                const std::int64_t limit = now + static_cast<std::int64_t>(rng.next() % 1000000);
                const bool usePop = rng.uniform() < 0.5;
                if (usePop) {
                    const auto popped = q.pop();
                    QCOMPARE(popped.has_value(), !reference.empty());
                    if (!popped) continue;
                    e = *popped;
                } else {
                    const EventQueue::Next next = q.popUntil(SimTime{limit}, e);
                    if (reference.empty()) {
                        QCOMPARE(next, EventQueue::Next::Empty);
                        continue;
                    }
                    if (reference.begin()->first.first > limit) {
                        QCOMPARE(next, EventQueue::Next::Later);
                        continue;
                    }
                    QCOMPARE(next, EventQueue::Next::Taken);
                }
                const auto first = reference.begin();
                QCOMPARE(e.time.us, first->first.first);
                QCOMPARE(e.sequence, first->first.second);
                QCOMPARE(e.kind, first->second);
                now = e.time.us;
                reference.erase(first);
            } else if (r < 0.9) {
                const auto t = q.nextTime();
                QCOMPARE(t.has_value(), !reference.empty());
                if (t) QCOMPARE(t->us, reference.begin()->first.first);
            } else if (!issued.empty()) {
                const std::size_t i = rng.next() % issued.size();
                const bool wasPending = reference.erase(issued[i].second) == 1;
                QCOMPARE(q.cancel(issued[i].first), wasPending);
                issued[i] = issued.back();
                issued.pop_back();
            }
            QCOMPARE(q.size(), reference.size());
            if (!large && reference.size() > 40) {
                large = true;
                ++crossingsUp;
            } else if (large && reference.size() < 4) {
                large = false;
                ++crossingsDown;
            }
        }
        // The mix did what it is meant to: the size crossed both thresholds many times.
        QVERIFY(crossingsUp > 40);
        QVERIFY(crossingsDown > 40);
        while (!reference.empty()) {
            const auto e = q.pop();
            QVERIFY(e.has_value());
            QCOMPARE(e->sequence, reference.begin()->first.second);
            reference.erase(reference.begin());
        }
        QVERIFY(!q.pop().has_value());
    }

    void matchesReferenceUnderRandomOperations() {
        // 150,000 operations: schedule (45 %), pop (30 %), nextTime (10 %), cancel an id issued
        // earlier, pending or not (15 %). Times: now + 0..999 µs (60 %, so many equal times), now +
        // up to 1,000 s or 2^40 µs (30 %, far levels of the radix heap), now - 0..999 µs (10 %).
        struct Expected {
            std::uint32_t target, kind;
            std::uint64_t payload;
            EventId id;
        };
        using Key = std::pair<std::int64_t, std::uint64_t>; // (time, sequence)
        EventQueue q;
        std::map<Key, Expected> reference;
        std::vector<std::pair<EventId, Key>> issued;
        RandomStream rng(42);
        std::uint64_t sequence = 0;
        std::int64_t now = 0;
        std::size_t pops = 0, cancels = 0;
        for (int op = 0; op < 150000; ++op) {
            const double r = rng.uniform();
            if (r < 0.45) {
                const double when = rng.uniform();
                const std::uint64_t n = rng.next();
                const std::int64_t t = when < 0.6 ? now + static_cast<std::int64_t>(n % 1000)
                                       : when < 0.8
                                           ? now + static_cast<std::int64_t>(n % 1000000000)
                                       : when < 0.9 ? now + static_cast<std::int64_t>(n >> 24)
                                                    : now - static_cast<std::int64_t>(n % 1000);
                const auto target = static_cast<std::uint32_t>(n >> 40);
                const auto kind = static_cast<std::uint32_t>(n & 0xffff);
                const EventId id = q.schedule(SimTime{t}, target, kind, ~sequence);
                reference[{t, sequence}] = {target, kind, ~sequence, id};
                issued.push_back({id, {t, sequence}});
                ++sequence;
            } else if (r < 0.75) {
                const auto e = q.pop();
                QCOMPARE(e.has_value(), !reference.empty());
                if (!e) continue;
                const auto first = reference.begin();
                QCOMPARE(e->time.us, first->first.first);
                QCOMPARE(e->sequence, first->first.second);
                QCOMPARE(e->target, first->second.target);
                QCOMPARE(e->kind, first->second.kind);
                QCOMPARE(e->payload, first->second.payload);
                QCOMPARE(e->id.slot, first->second.id.slot);
                QCOMPARE(e->id.generation, first->second.id.generation);
                now = e->time.us;
                reference.erase(first);
                ++pops;
            } else if (r < 0.85) {
                const auto t = q.nextTime();
                QCOMPARE(t.has_value(), !reference.empty());
                if (t) QCOMPARE(t->us, reference.begin()->first.first);
            } else if (!issued.empty()) {
                const auto& [id, key] = issued[rng.next() % issued.size()];
                const bool wasPending = reference.erase(key) == 1;
                QCOMPARE(q.cancel(id), wasPending);
                cancels += wasPending;
            }
            QCOMPARE(q.size(), reference.size());
        }
        // The mix did what it is meant to: many pops and cancels, events left to drain.
        QVERIFY(pops > 40000);
        QVERIFY(cancels > 5000);
        QVERIFY(reference.size() > 1000);
        for (const auto& [key, expected] : reference) {
            const auto e = q.pop();
            QVERIFY(e.has_value());
            QCOMPARE(e->time.us, key.first);
            QCOMPARE(e->sequence, key.second);
            QCOMPARE(e->payload, expected.payload);
        }
        QVERIFY(!q.pop().has_value());
        QVERIFY(q.empty());
    }
};

QTEST_APPLESS_MAIN(TestEventQueue)
#include "TestEventQueue.moc"
