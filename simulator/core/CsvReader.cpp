#include "simulator/core/CsvReader.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

namespace flowcast::sim {

std::optional<std::string> CsvReader::readFile(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool CsvReader::readField(std::string& field, bool& endOfRow) {
    field.clear();
    const std::size_t size = m_text.size();
    if (m_pos < size && m_text[m_pos] == '"') {
        const int openedOn = m_line;
        ++m_pos;
        for (;;) {
            if (m_pos >= size) {
                m_rowLine = openedOn;
                m_error = "unterminated quoted field";
                return false;
            }
            const char c = m_text[m_pos++];
            if (c == '"') {
                if (m_pos < size && m_text[m_pos] == '"') {
                    field += '"';
                    ++m_pos;
                    continue;
                }
                break;
            }
            if (c == '\n') ++m_line;
            field += c;
        }
        // Only spaces may follow the closing quote before the separator.
        while (m_pos < size && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t'))
            ++m_pos;
        if (m_pos < size && m_text[m_pos] != ',' && m_text[m_pos] != '\n' &&
            m_text[m_pos] != '\r') {
            m_error = "unexpected text after a closing quote";
            return false;
        }
    } else {
        while (m_pos < size && m_text[m_pos] != ',' && m_text[m_pos] != '\n' &&
               m_text[m_pos] != '\r')
            field += m_text[m_pos++];
    }
    endOfRow = m_pos >= size || m_text[m_pos] != ',';
    if (!endOfRow) {
        ++m_pos;
    } else if (m_pos < size) {
        if (m_text[m_pos] == '\r') ++m_pos;
        if (m_pos < size && m_text[m_pos] == '\n') ++m_pos;
        ++m_line;
    }
    return true;
}

bool CsvReader::next(std::vector<std::string>& fields) {
    for (;;) {
        fields.clear();
        if (m_pos >= m_text.size() || !m_error.empty()) return false;
        m_rowLine = m_line;
        bool endOfRow = false;
        std::string field;
        while (!endOfRow) {
            if (!readField(field, endOfRow)) return false;
            fields.push_back(field);
        }
        const bool blank = fields.size() == 1 && trimmed(fields[0]).empty();
        if (!blank) return true;
    }
}

std::string_view trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

std::optional<double> parseNumber(std::string_view text) {
    text = trimmed(text);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    if (text.empty()) return std::nullopt;
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

} // namespace flowcast::sim
