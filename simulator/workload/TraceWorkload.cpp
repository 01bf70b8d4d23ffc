#include "simulator/workload/TraceWorkload.h"

#include "model/asl/eval/Timestamp.h"
#include "simulator/core/CsvReader.h"
#include "simulator/core/SpecObject.h"
#include "simulator/exec/VirtualClock.h"

#include <algorithm>

namespace flowcast::sim {

using model::Json;

namespace {

struct Columns {
    std::size_t time = 0;
    std::optional<std::size_t> input;
};

Columns findColumns(const std::vector<std::string>& header, const SpecObject& o,
                    const std::string& where) {
    Columns columns;
    bool hasTime = false;
    std::string names;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string_view name = trimmed(header[i]);
        names += (i ? ", " : "") + std::string(name);
        if (name == "time" && !hasTime) {
            columns.time = i;
            hasTime = true;
        } else if (name == "input" && !columns.input) {
            columns.input = i;
        }
    }
    if (!hasTime) o.fail("file", where + "the header has no 'time' column (found: " + names + ")");
    return columns;
}

SimTime timeOf(std::string_view cell, const SpecObject& o, const std::string& where) {
    const std::string_view text = trimmed(cell);
    SimTime t;
    if (const auto seconds = parseNumber(text)) {
        t = SimTime::fromSeconds(*seconds);
    } else if (const auto stamp = model::eval::parseTimestamp(text)) {
        t = virtualTimeOf(*stamp);
    } else {
        o.fail("file", where + "time '" + std::string(text) +
                           "' is neither seconds nor an ISO-8601 timestamp");
    }
    if (t.us < 0)
        o.fail("file", where + "time '" + std::string(text) +
                           "' is before the simulation starts (2026-01-01T00:00:00Z)");
    return t;
}

std::shared_ptr<const Json> inputOf(const std::string& cell, const SpecObject& o,
                                    const std::string& where) {
    if (trimmed(cell).empty()) return nullptr;
    try {
        return std::make_shared<const Json>(Json::parse(cell));
    } catch (const Json::parse_error& e) {
        // nlohmann's what() starts with "[json.exception.parse_error.101] "; keep the reason.
        std::string reason = e.what();
        if (const auto end = reason.find("] "); end != std::string::npos) reason.erase(0, end + 2);
        o.fail("file", where + "input is not valid JSON: " + reason);
    }
}

} // namespace

TraceWorkload::TraceWorkload(std::string file, std::vector<Row> rows, InputTemplate input,
                             ArrivalWindow window)
    : m_file(std::move(file)), m_rows(std::move(rows)), m_input(std::move(input)),
      m_window(window) {}

std::unique_ptr<TraceWorkload> TraceWorkload::parse(const Json& spec, const std::string& pointer,
                                                    const std::filesystem::path& baseDir,
                                                    InputTemplate input, ArrivalWindow window) {
    const SpecObject o(spec, pointer, "trace");
    o.allowOnly({"file"});
    const std::string name = o.string("file");
    const std::filesystem::path path = baseDir / name;
    const auto text = CsvReader::readFile(path);
    if (!text) o.fail("file", "cannot read file '" + path.string() + "'");
    CsvReader csv(*text);
    std::vector<std::string> fields;
    auto where = [&] { return name + ":" + std::to_string(csv.line()) + ": "; };
    if (!csv.next(fields)) {
        if (!csv.error().empty()) o.fail("file", where() + csv.error());
        o.fail("file", name + " is empty (expected a header line with a 'time' column)");
    }
    const Columns columns = findColumns(fields, o, where());
    std::vector<Row> rows;
    while (csv.next(fields)) {
        if (fields.size() <= columns.time) o.fail("file", where() + "the row has no time");
        Row row{timeOf(fields[columns.time], o, where()), nullptr};
        if (columns.input && *columns.input < fields.size())
            row.input = inputOf(fields[*columns.input], o, where());
        rows.push_back(std::move(row));
    }
    if (!csv.error().empty()) o.fail("file", where() + csv.error());
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Row& a, const Row& b) { return a.time < b.time; });
    return std::unique_ptr<TraceWorkload>(
        new TraceWorkload(name, std::move(rows), std::move(input), window));
}

std::optional<Arrival> TraceWorkload::next(RandomStream& random) {
    while (m_next < m_rows.size() && m_rows[m_next].time < m_window.start)
        ++m_next;
    if (m_next == m_rows.size() || m_window.isPastEnd(m_rows[m_next].time)) return std::nullopt;
    const Row& row = m_rows[m_next++];
    const std::int64_t index = m_index++;
    return Arrival{row.time,
                   row.input ? row.input : m_input.instantiateShared(random, index, row.time)};
}

std::string TraceWorkload::describe() const {
    return "trace(" + m_file + ", " + std::to_string(m_rows.size()) + " rows)";
}

} // namespace flowcast::sim
