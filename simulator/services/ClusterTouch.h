#pragma once
// Cluster's private helper (included only by Cluster's .cpp files).
#include "simulator/services/Cluster.h"

namespace flowcast::sim {

// Brackets every change to one instance: bills the time up to now at the old counts, then
// carries the count changes into the service totals and the Probe's levels.
class Cluster::Touch {
public:
    Touch(Cluster& cluster, Instance& in)
        : m_cluster(cluster), m_in(in), m_nodes(count(in)), m_busy(in.busySlots),
          m_queue(in.queue.size()) {
        cluster.accrue(in, cluster.m_kernel.now());
    }
    ~Touch() {
        m_cluster.m_totalNodes += count(m_in) - m_nodes;
        m_cluster.m_totalBusy += m_in.busySlots - m_busy;
        m_cluster.m_totalQueued += m_in.queue.size();
        m_cluster.m_totalQueued -= m_queue;
        m_cluster.emitLevels();
    }
    Touch(const Touch&) = delete;
    Touch& operator=(const Touch&) = delete;

private:
    static int count(const Instance& in) {
        return static_cast<int>(in.nodes.size()) + in.provisioning;
    }
    Cluster& m_cluster;
    Instance& m_in;
    int m_nodes;
    int m_busy;
    std::size_t m_queue;
};

} // namespace flowcast::sim
