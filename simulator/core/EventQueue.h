#pragma once
// The future event list of one simulation: events ordered by (time, sequence), so events at the
// same virtual time run in the order they were scheduled and runs are deterministic
// (simcpp20's rule). A radix heap (Ahuja, Mehlhorn, Orlin and Tarjan 1990), which relies on
// discrete-event time never going backwards; the rare event scheduled below the heap's floor goes
// to a small side heap, so any time may be scheduled and the order stays exact. Cancellation is
// O(1): a cancelled event stays where it is as a tombstone and is dropped when it comes first.
// Small queues (a few dozen events, e.g. one function pool and its arrivals) skip the radix heap:
// their entries stay in one array sorted by (time, sequence), where a new event, usually the
// latest, is inserted from the back and pop takes the front. The queue moves its entries into the
// radix heap when the array would pass kSmallMost and back when the heap's current bucket runs
// out with kSmallFew or fewer entries left, so that neither move can happen on every event.
// Events are plain data (target, kind, payload) kept apart from what is ordered; the kernel
// dispatches them. Buckets keep their buffers up to 4 KB, so a steady run allocates only for the
// few buckets that hold thousands of events at a time.
#include "simulator/core/SimTime.h"

#include <array>
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
    /// At most 2^24 (16.7 million) events pending at once, cancelled ones included until their
    /// time comes; more throws std::length_error.
    EventId schedule(SimTime time, std::uint32_t target, std::uint32_t kind, std::uint64_t payload);
    /// True when the event was still pending.
    bool cancel(EventId id);
    /// Removes and returns the earliest pending event.
    std::optional<Event> pop();
    /// Time of the earliest pending event, if any.
    std::optional<SimTime> nextTime();
    /// What popUntil() found.
    enum class Next : std::uint8_t { Taken, Later, Empty };
    /// Removes the earliest pending event into `event` when its time is <= `limit` (one look at
    /// the queue where nextTime() then pop() take two). Later: the earliest pending event is
    /// after `limit` and stays; Empty: no event is pending. `event` is only written when Taken.
    Next popUntil(SimTime limit, Event& event);

    std::size_t size() const { return m_pending; }
    bool empty() const { return m_pending == 0; }
    void reserve(std::size_t events);

private:
    // What is ordered: 16 bytes. The key is the time with its sign bit flipped, so that unsigned
    // order is time order. Sequence and slot share one word: (sequence << 24) | slot, which
    // orders by sequence because sequences are unique.
    struct Entry {
        std::uint64_t key;
        std::uint64_t sequenceAndSlot;
        std::uint32_t slot() const {
            return static_cast<std::uint32_t>(sequenceAndSlot & kSlotMask);
        }
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
    static constexpr std::uint64_t kSignBit = 1ull << 63;

    static bool before(const Entry& a, const Entry& b) {
        return a.key < b.key || (a.key == b.key && a.sequenceAndSlot < b.sequenceAndSlot);
    }
    static bool after(const Entry& a, const Entry& b) { return before(b, a); }
    static SimTime timeOf(const Entry& e) { return {static_cast<std::int64_t>(e.key ^ kSignBit)}; }
    void place(const Entry& entry);
    void scheduleSlowly(Entry entry);
    void toRadix(std::uint64_t next);
    void toSmall();
    Event take();
    Entry takeBelow();
    void refill();
    bool settle();
    bool settleSlowly();
    void advanceHead();
    void resetCurrent();
    static void release(std::vector<Entry>& bucket);
    std::uint32_t newSlot();

    // A radix heap on base-2^kDigitBits digits. An entry whose key differs from m_floor first in
    // digit L is in bucket (L, D), where D is the key's own digit L: the buckets of level L hold
    // smaller keys than those of any higher level, and bucket (L, D) smaller keys than (L, D + 1),
    // so bucket number (L << kDigitBits) | D is in key order. Keys equal to m_floor are in
    // m_current, in sequence order, from m_head on (m_head is 0 when it is empty).
    //
    // m_floor starts at the lowest time; in the radix heap it only grows, to the smallest key
    // when m_current is refilled. Keys in the buckets and m_current are >= m_floor, those in
    // m_below < m_floor: so m_below, when not empty, holds the earliest events.
    //
    // While m_small, the buckets and m_below are empty and m_current holds every entry from
    // m_head on, sorted by (key, sequence); m_floor is then the key of the last event taken from
    // it (or lower), which becomes the radix heap's floor when the entries move there.
    static constexpr int kDigitBits = 8;
    static constexpr std::uint64_t kDigitMask = (1ull << kDigitBits) - 1;
    static_assert(kDigitBits >= 6, "a level must fill whole words of m_inUse");
    static constexpr std::size_t kKeptEntries = 256; ///< a drained bucket keeps 4 KB at most
    static constexpr std::size_t kBuckets = std::size_t{(64 + kDigitBits - 1) / kDigitBits}
                                            << kDigitBits;
    std::array<std::vector<Entry>, kBuckets> m_buckets;
    std::array<std::uint64_t, kBuckets / 64> m_inUse{}; ///< one bit per bucket that holds entries
    std::uint64_t m_wordsInUse = 0;                     ///< one bit per non-zero word of m_inUse
    std::vector<Entry> m_current;
    std::size_t m_head = 0;
    std::uint64_t m_floor = 0;
    std::vector<Entry> m_below; ///< entries with keys < m_floor: a min-heap on (key, sequence)
    std::vector<Slot> m_slots;
    std::vector<std::uint32_t> m_freeSlots;
    std::uint64_t m_nextSequence = 0;
    std::size_t m_pending = 0;
    std::size_t m_tombstones = 0; ///< cancelled entries still queued
    bool m_small = true;
    /// Above this many entries (pending or cancelled) the array becomes a radix heap ...
    static constexpr std::size_t kSmallMost = 24;
    /// ... and at this many or fewer, when the heap's current bucket is used up, an array again.
    static constexpr std::size_t kSmallFew = 8;
};

// The hot paths, inline: the kernel takes and schedules about one event each per event it runs,
// and calls cost as much as a small queue's work.

inline EventId EventQueue::schedule(SimTime time, std::uint32_t target, std::uint32_t kind,
                                    std::uint64_t payload) {
    std::uint32_t slot;
    if (m_freeSlots.empty()) {
        slot = newSlot();
    } else {
        slot = m_freeSlots.back(); // most often the slot pop() just freed: still in cache
        m_freeSlots.pop_back();
    }
    Slot& s = m_slots[slot];
    if (++s.generation == 0) s.generation = 1; // 0 is reserved for "no event"
    s.pending = true;
    s.target = target;
    s.kind = kind;
    s.payload = payload;
    // The entry's two words stay in registers until stored whole: built in memory and read
    // back as one 16-byte value, it cost a store-forwarding stall per event.
    const std::uint64_t key = static_cast<std::uint64_t>(time.us) ^ kSignBit;
    const std::uint64_t order = (m_nextSequence++ << kSlotBits) | slot;
    if (m_small && m_current.size() < m_head + kSmallMost && m_head < kSmallMost) {
        // The array is sorted by (key, sequence) from m_head on. The new entry has the highest
        // sequence, so it goes after every entry whose key is not greater: found from the back,
        // where a new event, usually later than those pending, needs few steps.
        std::size_t i = m_current.size();
        m_current.emplace_back();
        Entry* const entries = m_current.data();
        while (i > m_head && key < entries[i - 1].key) {
            entries[i] = entries[i - 1];
            --i;
        }
        entries[i] = Entry{key, order};
    } else {
        scheduleSlowly(Entry{key, order});
    }
    ++m_pending;
    return {slot, s.generation};
}

// Makes m_current and the side heap each start with a pending event when not empty. False when
// no event is pending. The usual case inline, the rest out of line.
inline bool EventQueue::settle() {
    return (m_head < m_current.size() && m_tombstones == 0) || settleSlowly();
}

// Takes the earliest entry (settle() has made it a pending one).
inline Event EventQueue::take() {
    Entry top;
    if (m_below.empty()) {
        top = m_current[m_head];
        m_floor = top.key; // the radix heap's floor already; the array's last key taken
        if (++m_head == m_current.size()) resetCurrent();
    } else {
        top = takeBelow();
    }
    const std::uint32_t slot = top.slot();
    Slot& s = m_slots[slot];
    const Event e{timeOf(top), top.sequenceAndSlot >> kSlotBits,
                  s.target,    s.kind,
                  s.payload,   {slot, s.generation}};
    s.pending = false;
    m_freeSlots.push_back(slot);
    --m_pending;
    return e;
}

inline EventQueue::Next EventQueue::popUntil(SimTime limit, Event& event) {
    if (!settle()) return Next::Empty;
    const Entry& top = m_below.empty() ? m_current[m_head] : m_below.front();
    if (top.key > (static_cast<std::uint64_t>(limit.us) ^ kSignBit)) return Next::Later;
    event = take();
    return Next::Taken;
}

} // namespace flowcast::sim
