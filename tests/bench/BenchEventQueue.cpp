// Benchmark: the classic hold model on the event queue. N events pending; each operation pops the
// earliest and schedules one at its time plus an exponential increment (mean 1 s), so the queue
// size stays N. Also the same through the Kernel (virtual dispatch to a component).
// Usage: BenchEventQueue [PENDING] [OPERATIONS]
#include "simulator/core/Kernel.h"

#include <chrono>
#include <cstdlib>
#include <iostream>

using namespace flowcast::sim;

namespace {

double seconds(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

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

} // namespace

int main(int argc, char** argv) {
    const std::size_t pending = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100'000;
    const std::size_t operations = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 20'000'000;

    EventQueue q;
    q.reserve(pending + 1);
    RandomStream rng(1);
    for (std::size_t i = 0; i < pending; ++i) q.schedule(SimTime{static_cast<std::int64_t>(rng.exponential(1e6))}, 0, 0, i);
    auto start = std::chrono::steady_clock::now();
    std::int64_t checksum = 0;
    for (std::size_t i = 0; i < operations; ++i) {
        const Event e = *q.pop();
        checksum += e.time.us & 1;
        q.schedule(SimTime{e.time.us + static_cast<std::int64_t>(rng.exponential(1e6))}, 0, 0, e.payload);
    }
    double t = seconds(start);
    std::cout << "EventQueue hold model, " << pending << " pending: " << operations / t / 1e6
              << " million hold operations/s (pop + schedule; " << t * 1e9 / operations << " ns each; checksum "
              << checksum << ")\n";

    Kernel k(1);
    Holder h(k, k.random("hold"));
    h.self = k.addComponent(h);
    for (std::size_t i = 0; i < pending; ++i)
        k.scheduleAt(SimTime{static_cast<std::int64_t>(k.random("hold").exponential(1e6))}, h.self, 0);
    // Run until `operations` events have been handled: the mean gap between events is 1 s / N.
    start = std::chrono::steady_clock::now();
    const RunResult r = k.run(SimTime{static_cast<std::int64_t>(1e6 * operations / pending)});
    t = seconds(start);
    std::cout << "Kernel hold model (dispatch to a component), " << pending << " pending: "
              << r.eventsProcessed / t / 1e6 << " million events/s (" << r.eventsProcessed << " events)\n";
    return 0;
}
