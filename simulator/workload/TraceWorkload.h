#pragma once
// Replays recorded arrivals from a CSV file with a header line: a "time" column (seconds since
// t = 0, or an ISO-8601 timestamp such as 2026-01-01T00:02:00Z) and an optional "input" column
// of JSON text (a quoted CSV field); other columns are ignored. Rows are replayed in time
// order (ties in file order); a row without input takes the workload's input template.
#include "simulator/workload/InputTemplate.h"
#include "simulator/workload/Workload.h"

#include <vector>

namespace flowcast::sim {

class TraceWorkload final : public Workload {
public:
    /// `spec` is the object under "trace": {"file": "arrivals.csv"}. Reads and checks the whole
    /// file; throws model::ScenarioError naming "file:line" for a bad row.
    static std::unique_ptr<TraceWorkload> parse(const model::Json& spec, const std::string& pointer,
                                                const std::filesystem::path& baseDir,
                                                InputTemplate input, ArrivalWindow window);

    std::optional<Arrival> next(RandomStream& random) override;
    std::string describe() const override;

private:
    struct Row {
        SimTime time;
        std::shared_ptr<const model::Json> input; ///< null: use the template
    };

    TraceWorkload(std::string file, std::vector<Row> rows, InputTemplate input,
                  ArrivalWindow window);

    std::string m_file;
    std::vector<Row> m_rows;
    InputTemplate m_input;
    ArrivalWindow m_window;
    std::size_t m_next = 0;
    std::int64_t m_index = 0;
};

} // namespace flowcast::sim
