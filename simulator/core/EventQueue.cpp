#include "simulator/core/EventQueue.h"

#include <stdexcept>

namespace flowcast::sim {

// A 4-ary heap is shallower than a binary one (log4 n levels) and its four children share a
// cache line or two, which matters once 100,000 events are pending.
constexpr std::size_t kArity = 4;

void EventQueue::reserve(std::size_t events) {
    m_heap.reserve(events);
    m_slots.reserve(events);
    m_freeSlots.reserve(events);
}

std::uint32_t EventQueue::allocateSlot() {
    if (!m_freeSlots.empty()) {
        const std::uint32_t slot = m_freeSlots.back();
        m_freeSlots.pop_back();
        return slot;
    }
    if (m_slots.size() > kSlotMask) throw std::length_error("EventQueue: more than 16.7 million pending events");
    m_slots.emplace_back();
    return static_cast<std::uint32_t>(m_slots.size() - 1);
}

EventId EventQueue::schedule(SimTime time, std::uint32_t target, std::uint32_t kind, std::uint64_t payload) {
    const std::uint32_t slot = allocateSlot();
    Slot& s = m_slots[slot];
    if (++s.generation == 0) s.generation = 1; // 0 is reserved for "no event"
    s.pending = true;
    s.target = target;
    s.kind = kind;
    s.payload = payload;
    const Entry entry{time.us, (m_nextSequence++ << kSlotBits) | slot};
    if (m_topTaken) {
        // The hold pattern (an event schedules its successor): put the new event where the
        // popped one was and sift it down once, instead of a removal and an insertion.
        m_topTaken = false;
        m_heap.front() = entry;
        siftDown(0);
    } else {
        m_heap.push_back(entry);
        siftUp(m_heap.size() - 1);
    }
    ++m_pending;
    return {slot, s.generation};
}

bool EventQueue::cancel(EventId id) {
    if (id.generation == 0 || id.slot >= m_slots.size()) return false;
    Slot& s = m_slots[id.slot];
    if (!s.pending || s.generation != id.generation) return false;
    s.pending = false; // the heap entry becomes a tombstone, dropped when it surfaces
    --m_pending;
    ++m_tombstones;
    return true;
}

// Brings the heap to a state where the root, if any, is a pending event.
void EventQueue::settle() {
    if (m_topTaken) {
        m_topTaken = false;
        removeTop();
    }
    while (m_tombstones > 0 && !m_heap.empty() && !m_slots[m_heap.front().slot()].pending) {
        m_freeSlots.push_back(m_heap.front().slot());
        --m_tombstones;
        removeTop();
    }
}

std::optional<SimTime> EventQueue::nextTime() {
    settle();
    if (m_heap.empty()) return std::nullopt;
    return SimTime{m_heap.front().time};
}

std::optional<Event> EventQueue::pop() {
    settle();
    if (m_heap.empty()) return std::nullopt;
    const Entry top = m_heap.front();
    const std::uint32_t slot = top.slot();
    Slot& s = m_slots[slot];
    Event e{SimTime{top.time}, top.sequenceAndSlot >> kSlotBits, s.target, s.kind, s.payload, {slot, s.generation}};
    s.pending = false;
    m_freeSlots.push_back(slot);
    --m_pending;
    m_topTaken = true; // removed lazily: the next schedule() will probably replace it
    return e;
}

void EventQueue::removeTop() {
    m_heap.front() = m_heap.back();
    m_heap.pop_back();
    if (!m_heap.empty()) siftDown(0);
}

void EventQueue::siftUp(std::size_t i) {
    const Entry moving = m_heap[i];
    while (i > 0) {
        const std::size_t parent = (i - 1) / kArity;
        if (!before(moving, m_heap[parent])) break;
        m_heap[i] = m_heap[parent];
        i = parent;
    }
    m_heap[i] = moving;
}

void EventQueue::siftDown(std::size_t i) {
    const std::size_t n = m_heap.size();
    const Entry moving = m_heap[i];
    for (;;) {
        const std::size_t first = i * kArity + 1;
        if (first >= n) break;
        const std::size_t last = first + kArity < n ? first + kArity : n;
        std::size_t best = first;
        for (std::size_t c = first + 1; c < last; ++c)
            if (before(m_heap[c], m_heap[best])) best = c;
        if (!before(m_heap[best], moving)) break;
        m_heap[i] = m_heap[best];
        i = best;
    }
    m_heap[i] = moving;
}

} // namespace flowcast::sim
