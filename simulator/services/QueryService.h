#pragma once
// An Athena-like query service: at most concurrentQueries run at once and the rest wait in a FIFO
// queue; a query takes planning + bytesScanned / scanBytesPerSecond + job.work. Each successful
// query reports its bytes as scanned (BytesScanned) and as billed (BytesBilled: rounded up and
// raised to the minimum on its own, as the price book's athena.sql.scanned says: 1 MB steps,
// 10 MB at least); failed queries report neither (Athena does not charge them). Owned by the
// simulation.
#include "model/pricing/PriceBook.h"
#include "simulator/services/Distribution.h"
#include "simulator/services/ServiceModel.h"

#include <deque>
#include <filesystem>
#include <map>
#include <memory>

namespace flowcast::sim {

class QueryService final : public ServiceModel {
public:
    /// The price book id of the bytes a query scans.
    static constexpr const char* kPriceId = "athena.sql.scanned";
    struct Config {
        int concurrentQueries = 25;
        std::shared_ptr<const Distribution> planningSeconds;
        /// Bytes of a query whose job carries none; null = 0 bytes.
        std::shared_ptr<const Distribution> bytesScanned;
        double scanBytesPerSecond = 1e9;
        /// How one query's bytes are billed (its "dataMb" rules; a MB is 1,024² bytes).
        model::RequestRules billing = model::PriceBook::defaults().at(kPriceId).rules;
    };

    /// planningSeconds must be set (fromJson fills the default).
    QueryService(Kernel& kernel, Probe& probe, std::string name, Config config);

    /// {"kind": "athena", "concurrentQueries", "planningSeconds", "bytesScanned",
    /// "scanBytesPerSecond"}, billed by the rules of `prices`; throws model::ScenarioError at the
    /// offending value, model::PriceBookError when `prices` lacks kPriceId.
    static std::unique_ptr<QueryService>
    fromJson(Kernel& kernel, Probe& probe, std::string name, const model::Json& spec,
             const std::string& pointer, const std::filesystem::path& baseDir = {},
             const model::PriceBook& prices = model::PriceBook::defaults());
    /// The config with the built-in book's billing rule.
    static Config parseConfig(const model::Json& spec, const std::string& pointer,
                              const std::filesystem::path& baseDir = {});

    void submit(Job&& job) override;
    void handle(const Event& event) override;

    const Config& config() const { return m_config; }
    int running() const { return m_running; }
    std::size_t queueLength() const { return m_queue.size(); }

private:
    struct Held {
        Job job;
        double bytes = 0;
    };

    void start(std::uint64_t id, Held& held);
    void emitLevels();

    Config m_config;
    std::map<std::uint64_t, Held> m_jobs;
    std::deque<std::uint64_t> m_queue;
    std::uint64_t m_nextJob = 1;
    int m_running = 0;
    std::uint32_t m_runningSeries;
    std::uint32_t m_queueSeries;
    RandomStream& m_planningRandom;
    RandomStream& m_bytesRandom;
};

} // namespace flowcast::sim
