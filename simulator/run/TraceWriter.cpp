#include "simulator/run/TraceWriter.h"

#include "model/asl/Json.h"

#include <array>

namespace flowcast::sim {

namespace {

constexpr std::array<const char*, 4> kEnd{"SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"};
constexpr std::array<const char*, 4> kResult{"succeeded", "caught", "failed", "aborted"};
constexpr std::array<const char*, 5> kSignal{"request", "coldStart", "throttle", "failure",
                                             "queued"};

} // namespace

void TraceWriter::executionStarted(std::uint64_t serial, SimTime time) {
    m_out << model::Json{{"t", time.seconds()},
                         {"event", "executionStarted"},
                         {"execution", serial}}
                 .dump()
          << "\n";
}

void TraceWriter::executionEnded(const ExecutionEnded& r) {
    model::Json line{{"t", r.ended.seconds()},
                     {"event", "executionEnded"},
                     {"execution", r.serial},
                     {"status", kEnd[static_cast<std::size_t>(r.status)]},
                     {"seconds", (r.ended - r.started).seconds()},
                     {"stateTransitions", r.stateTransitions}};
    if (!r.error.empty()) line["error"] = std::string(r.error);
    m_out << line.dump() << "\n";
}

void TraceWriter::stateEnded(const StateEnded& r) {
    model::Json line{{"t", r.exited.seconds()},
                     {"event", "stateEnded"},
                     {"execution", r.execution},
                     {"state", r.state < m_stateNames.size() ? m_stateNames[r.state] : ""},
                     {"entered", r.entered.seconds()},
                     {"result", kResult[static_cast<std::size_t>(r.result)]},
                     {"retries", r.retries}};
    if (!r.error.empty()) line["error"] = std::string(r.error);
    m_out << line.dump() << "\n";
}

void TraceWriter::serviceSignal(std::uint32_t service, ServiceSignal signal, SimTime time) {
    if (signal == ServiceSignal::Request) return; // one per attempt: the state lines say it
    m_out << model::Json{{"t", time.seconds()},
                         {"event", kSignal[static_cast<std::size_t>(signal)]},
                         {"service", service}}
                 .dump()
          << "\n";
}

} // namespace flowcast::sim
