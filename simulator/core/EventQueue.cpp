#include "simulator/core/EventQueue.h"

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace flowcast::sim {

void EventQueue::reserve(std::size_t events) {
    m_slots.reserve(events);
    m_freeSlots.reserve(events);
}

std::uint32_t EventQueue::newSlot() {
    if (m_slots.size() > kSlotMask)
        throw std::length_error("EventQueue: more than 16.7 million pending events");
    m_slots.emplace_back();
    return static_cast<std::uint32_t>(m_slots.size() - 1);
}

// Where an entry belongs: m_current when its key is the floor, else its bucket. Inlined: it runs
// about three times per event (once when scheduled, then once per level it moves down).
[[gnu::always_inline]] inline void EventQueue::place(const Entry& entry) {
    const std::uint64_t differ = entry.key ^ m_floor;
    if (differ == 0) {
        m_current.push_back(entry);
        return;
    }
    const int level = (std::bit_width(differ) - 1) / kDigitBits;
    const std::size_t bucket = (static_cast<std::size_t>(level) << kDigitBits) |
                               ((entry.key >> (level * kDigitBits)) & kDigitMask);
    m_buckets[bucket].push_back(entry);
    m_inUse[bucket / 64] |= 1ull << (bucket % 64);
    m_wordsInUse |= 1ull << (bucket / 64);
}

// What schedule() does not do inline: a full array (its entries move into the radix heap first,
// or the taken entries before them go), the radix heap, the side heap.
void EventQueue::scheduleSlowly(Entry entry) {
    if (m_small) {
        if (m_current.size() - m_head >= kSmallMost) {
            toRadix(entry.key);
            place(entry);
            return;
        }
        // m_head >= kSmallMost: drop the taken entries, then insert as schedule() does.
        m_current.erase(m_current.begin(), m_current.begin() + static_cast<std::ptrdiff_t>(m_head));
        m_head = 0;
        std::size_t i = m_current.size();
        m_current.push_back(entry);
        while (i > 0 && entry.key < m_current[i - 1].key) {
            m_current[i] = m_current[i - 1];
            --i;
        }
        m_current[i] = entry;
    } else if (entry.key >= m_floor) {
        place(entry);
    } else {
        // The kernel never schedules before the event it took last, and the floor only passes
        // that time when nextTime() has looked ahead: past a horizon, after which the caller may
        // schedule before the time it saw. Rare (and over once that time is reached), so a plain
        // binary heap will do.
        m_below.push_back(entry);
        std::push_heap(m_below.begin(), m_below.end(), after);
    }
}

// The array's entries move into the radix heap, before an entry with key `next` is placed. The
// floor is the key of the last event taken, or the smallest key when an event was scheduled
// before that: at most every key, and as high as can be, so that events scheduled from now on go
// into the buckets rather than the side heap. Entries are placed in (key, sequence) order, so
// each bucket keeps equal keys in sequence order.
void EventQueue::toRadix(std::uint64_t next) {
    std::vector<Entry> entries(m_current.begin() + static_cast<std::ptrdiff_t>(m_head),
                               m_current.end());
    m_current.clear();
    m_head = 0;
    m_small = false;
    m_floor = std::min(m_floor, next);
    if (!entries.empty()) m_floor = std::min(m_floor, entries.front().key);
    for (const Entry& e : entries)
        place(e);
}

// m_current is used up and few entries are left in the buckets and the side heap (or none): they
// become the sorted array again. m_floor stays (the key of the last event taken or a look-ahead's).
void EventQueue::toSmall() {
    m_current.clear();
    m_head = 0;
    while (m_wordsInUse != 0) {
        const int word = std::countr_zero(m_wordsInUse);
        std::uint64_t bits = m_inUse[word];
        while (bits != 0) {
            std::vector<Entry>& bucket =
                m_buckets[static_cast<std::size_t>(word) * 64 + std::countr_zero(bits)];
            m_current.insert(m_current.end(), bucket.begin(), bucket.end());
            release(bucket);
            bits &= bits - 1;
        }
        m_inUse[word] = 0;
        m_wordsInUse &= m_wordsInUse - 1;
    }
    m_current.insert(m_current.end(), m_below.begin(), m_below.end());
    release(m_below);
    std::sort(m_current.begin(), m_current.end(), before);
    m_small = true;
}

bool EventQueue::cancel(EventId id) {
    if (id.generation == 0 || id.slot >= m_slots.size()) return false;
    Slot& s = m_slots[id.slot];
    if (!s.pending || s.generation != id.generation) return false;
    s.pending = false; // the entry becomes a tombstone, dropped when it comes first
    --m_pending;
    ++m_tombstones;
    return true;
}

// Empties a bucket. A bucket holds thousands of entries only while the floor passes through it;
// keeping every bucket's largest buffer took the hold benchmark to a peak RSS of 121 MB, against
// 12 MB with the 4-ary heap and 17 MB now (100,000 pending, 300 s of simulated time).
[[gnu::always_inline]] inline void EventQueue::release(std::vector<Entry>& bucket) {
    if (bucket.capacity() > kKeptEntries)
        std::vector<Entry>().swap(bucket);
    else
        bucket.clear();
}

void EventQueue::resetCurrent() {
    release(m_current);
    m_head = 0;
}

[[gnu::always_inline]] inline void EventQueue::advanceHead() {
    if (++m_head == m_current.size()) resetCurrent();
}

// m_current is used up (and empty: advanceHead() saw to that): the first bucket in use, (L, D),
// holds the smallest keys. Its minimum becomes the floor. Its entries agree with the new floor in
// every digit from L up, so they all move to lower levels or to m_current; entries in other buckets
// stay where they are, since the new floor agrees with the old one above digit L. At level 0 the
// keys of a bucket are all equal, so the bucket just becomes m_current, as does a bucket of one
// entry (a small queue's usual case). An entry moves at most once per level: about twice for
// 100,000 pending events spread over seconds, where a heap moves it log4(100,000) = 8 times.
//
// Equal keys are always in one bucket, and every move appends them in the order they were in, so
// each bucket keeps them in scheduling order: m_current needs no sort.
void EventQueue::refill() {
    const int word = std::countr_zero(m_wordsInUse);
    const std::size_t bucket =
        static_cast<std::size_t>(word) * 64 + std::countr_zero(m_inUse[word]);
    if ((m_inUse[word] &= m_inUse[word] - 1) == 0) m_wordsInUse &= m_wordsInUse - 1;
    std::vector<Entry>& entries = m_buckets[bucket];
    if (bucket <= kDigitMask || entries.size() == 1) {
        m_floor = entries.front().key;
        m_current.swap(entries);
        return;
    }
    std::uint64_t floor = entries.front().key;
    for (const Entry& e : entries)
        floor = std::min(floor, e.key);
    m_floor = floor;
    // From level 1 the entries go to level 0 or m_current: they run within the next few dozen
    // pops, and pop() reads their slots, which are scattered over the table.
    const bool soon = (bucket >> kDigitBits) == 1;
    for (const Entry& e : entries) {
        if (soon) __builtin_prefetch(&m_slots[e.slot()]);
        place(e);
    }
    release(entries);
}

bool EventQueue::settleSlowly() {
    for (;;) {
        if (m_head == m_current.size()) {
            if (!m_small && m_pending + m_tombstones <= kSmallFew) {
                toSmall();
                if (m_current.empty()) break;
            } else {
                if (m_wordsInUse == 0) break; // also when m_small: the array is empty
                refill();
            }
        }
        if (m_tombstones == 0) return true; // then the side heap has none either
        const Entry& e = m_current[m_head];
        if (m_slots[e.slot()].pending) break;
        m_freeSlots.push_back(e.slot());
        --m_tombstones;
        advanceHead();
    }
    while (m_tombstones > 0 && !m_below.empty() && !m_slots[m_below.front().slot()].pending) {
        m_freeSlots.push_back(m_below.front().slot());
        --m_tombstones;
        std::pop_heap(m_below.begin(), m_below.end(), after);
        m_below.pop_back();
        if (m_below.empty()) release(m_below);
    }
    return m_head < m_current.size() || !m_below.empty();
}

std::optional<SimTime> EventQueue::nextTime() {
    if (!settle()) return std::nullopt;
    return timeOf(m_below.empty() ? m_current[m_head] : m_below.front());
}

// Takes the side heap's first entry (the earliest: settle() has made it a pending one).
EventQueue::Entry EventQueue::takeBelow() {
    const Entry top = m_below.front();
    std::pop_heap(m_below.begin(), m_below.end(), after);
    m_below.pop_back();
    if (m_below.empty()) release(m_below);
    return top;
}

std::optional<Event> EventQueue::pop() {
    if (!settle()) return std::nullopt;
    return take();
}

} // namespace flowcast::sim
