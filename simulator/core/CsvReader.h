#pragma once
// Rows of a CSV text as RFC 4180 writes them: comma-separated, fields optionally in double
// quotes ("" is a quote inside), quoted fields may hold commas and line breaks, LF or CRLF line
// ends. Keeps the line number each row starts on, for errors like "arrivals.csv:12: ...".
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowcast::sim {

class CsvReader {
public:
    explicit CsvReader(std::string text) : m_text(std::move(text)) {}

    /// The whole file, or nullopt when it cannot be read.
    static std::optional<std::string> readFile(const std::filesystem::path& file);

    /// The next non-blank row into `fields`; false at the end or on a syntax error (then
    /// error() is non-empty and line() is where the bad row starts).
    bool next(std::vector<std::string>& fields);
    /// 1-based line on which the last row returned (or the bad one) starts.
    int line() const { return m_rowLine; }
    const std::string& error() const { return m_error; }

private:
    bool readField(std::string& field, bool& endOfRow);

    std::string m_text;
    std::size_t m_pos = 0;
    int m_line = 1;
    int m_rowLine = 0;
    std::string m_error;
};

/// `text` without leading and trailing spaces and tabs.
std::string_view trimmed(std::string_view text);

/// The number `text` spells (surrounding spaces allowed), or nullopt; "inf" and "nan" are not
/// numbers here.
std::optional<double> parseNumber(std::string_view text);

} // namespace flowcast::sim
