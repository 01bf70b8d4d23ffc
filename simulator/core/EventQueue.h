#pragma once
// The future event list of one simulation: events ordered by (time, sequence), so events at the
// same virtual time run in the order they were scheduled and runs are deterministic
// (simcpp20's rule). Cancellation is O(1): a cancelled event stays in the heap as a tombstone and
// is skipped when it reaches the top. Events are plain data (target, kind, payload); the kernel
// dispatches them, so scheduling never allocates once the queue has grown.
#include "simulator/core/SimTime.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace flowcast::sim {

/// Names a scheduled event for cancel(); stale ids (event ran or was cancelled) are harmless.
struct EventId {
    std::uint32_t slot = 0;
    std::uint32_t generation = 0; ///< 0 never names an event
};

struct Event {
    SimTime time;
    std::uint64_t sequence = 0; ///< scheduling order, the tie-break at equal times
    std::uint32_t target = 0;   ///< the component that handles it
    std::uint32_t kind = 0;     ///< what happens, in the target's own terms
    std::uint64_t payload = 0;  ///< e.g. an execution or job index
    EventId id;
};

class EventQueue {
public:
    EventId schedule(SimTime time, std::uint32_t target, std::uint32_t kind, std::uint64_t payload);
    /// True when the event was still pending.
    bool cancel(EventId id);
    /// Removes and returns the earliest pending event.
    std::optional<Event> pop();
    /// At most 2^24 (16.7 million) events pending at once; more throws std::length_error.
    /// Time of the earliest pending event, if any.
    std::optional<SimTime> nextTime();

    std::size_t size() const { return m_pending; }
    bool empty() const { return m_pending == 0; }
    void reserve(std::size_t events);

private:
    // What the heap orders: 16 bytes, so the four children of a node share one cache line, and
    // comparisons never touch the slots. Sequence and slot share one word: (sequence << 24) |
    // slot, which orders by sequence because sequences are unique.
    struct Entry {
        std::int64_t time;
        std::uint64_t sequenceAndSlot;
        std::uint32_t slot() const { return static_cast<std::uint32_t>(sequenceAndSlot & kSlotMask); }
    };
    struct Slot {
        std::uint32_t generation = 0;
        bool pending = false;
        std::uint32_t target = 0;
        std::uint32_t kind = 0;
        std::uint64_t payload = 0;
    };
    static constexpr int kSlotBits = 24;
    static constexpr std::uint64_t kSlotMask = (1ull << kSlotBits) - 1;

    static bool before(const Entry& a, const Entry& b) {
        return a.time < b.time || (a.time == b.time && a.sequenceAndSlot < b.sequenceAndSlot);
    }
    void siftUp(std::size_t i);
    void siftDown(std::size_t i);
    void removeTop();
    void settle();
    std::uint32_t allocateSlot();

    std::vector<Entry> m_heap; // 4-ary: children of i are 4i+1 .. 4i+4
    std::vector<Slot> m_slots;
    std::vector<std::uint32_t> m_freeSlots;
    std::uint64_t m_nextSequence = 0;
    std::size_t m_pending = 0;
    std::size_t m_tombstones = 0; ///< cancelled entries still in the heap
    bool m_topTaken = false;      ///< pop() left the root in place for the next schedule() to reuse
};

} // namespace flowcast::sim
