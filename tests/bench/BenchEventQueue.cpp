// Benchmark: the classic hold model on the event queue. N events pending; each operation pops the
// earliest and schedules one at its time plus an exponential increment (mean 1 s), so the queue
// size stays N. Also the same through the Kernel (virtual dispatch to a component). Prints rates
// over wall time and over this process's CPU time: the machine is shared, and CPU time is less
// disturbed by other processes than wall time is.
// Usage: BenchEventQueue [PENDING] [OPERATIONS]
// Instructions per hold operation: run under `valgrind --tool=callgrind` and divide the inclusive
// cost of holdOperations() (or Kernel::run) by the number of operations.
#include "simulator/core/Kernel.h"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>

using namespace flowcast::sim;

namespace {

struct Stopwatch {
    std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
    std::clock_t cpu = std::clock();
    double wallSeconds() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
    }
    double cpuSeconds() const { return static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC; }
};

class Holder : public Component {
public:
    Holder(Kernel& k, RandomStream& rng) : m_kernel(k), m_rng(rng) {}
    void handle(const Event&) override {
        m_kernel.schedule(SimTime{static_cast<std::int64_t>(m_rng.exponential(1e6))}, self, 0);
    }
    std::uint32_t self = 0;

private:
    Kernel& m_kernel;
    RandomStream& m_rng;
};

// Out of line so that callgrind attributes exactly the hold loop to one function.
[[gnu::noinline]] std::int64_t holdOperations(EventQueue& q, RandomStream& rng,
                                              std::size_t operations) {
    std::int64_t checksum = 0;
    for (std::size_t i = 0; i < operations; ++i) {
        const Event e = *q.pop();
        checksum += e.time.us & 1;
        q.schedule(SimTime{e.time.us + static_cast<std::int64_t>(rng.exponential(1e6))}, 0, 0,
                   e.payload);
    }
    return checksum;
}

} // namespace

int main(int argc, char** argv) {
    const std::size_t pending = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100'000;
    const std::size_t operations = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 20'000'000;

    EventQueue q;
    q.reserve(pending + 1);
    RandomStream rng(1);
    for (std::size_t i = 0; i < pending; ++i)
        q.schedule(SimTime{static_cast<std::int64_t>(rng.exponential(1e6))}, 0, 0, i);
    Stopwatch watch;
    const std::int64_t checksum = holdOperations(q, rng, operations);
    double wall = watch.wallSeconds();
    double cpu = watch.cpuSeconds();
    std::cout << "EventQueue hold model, " << pending << " pending: " << operations / wall / 1e6
              << " million hold operations/s wall, " << operations / cpu / 1e6
              << " million/s CPU (pop + schedule; " << wall * 1e9 / operations
              << " ns each; checksum " << checksum << ")\n";

    Kernel k(1);
    Holder h(k, k.random("hold"));
    h.self = k.addComponent(h);
    for (std::size_t i = 0; i < pending; ++i)
        k.scheduleAt(SimTime{static_cast<std::int64_t>(k.random("hold").exponential(1e6))}, h.self,
                     0);
    // Run until `operations` events have been handled: the mean gap between events is 1 s / N.
    watch = Stopwatch{};
    const RunResult r = k.run(SimTime{static_cast<std::int64_t>(1e6 * operations / pending)});
    wall = watch.wallSeconds();
    cpu = watch.cpuSeconds();
    std::cout << "Kernel hold model (dispatch to a component), " << pending
              << " pending: " << r.eventsProcessed / wall / 1e6 << " million events/s wall, "
              << r.eventsProcessed / cpu / 1e6 << " million/s CPU (" << r.eventsProcessed
              << " events)\n";
    return 0;
}
