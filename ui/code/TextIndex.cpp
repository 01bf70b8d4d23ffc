#include "ui/code/TextIndex.h"

#include <algorithm>
#include <utility>

namespace flowcast::ui {
namespace {

constexpr std::size_t npos = std::string_view::npos;

// The offset just past the JSON string whose opening quote is at `at`, or npos when it does not
// close.
std::size_t skipString(std::string_view text, std::size_t at) {
    for (std::size_t i = at + 1; i < text.size(); ++i) {
        if (text[i] == '\\')
            ++i;
        else if (text[i] == '"')
            return i + 1;
    }
    return npos;
}

std::size_t skipSpace(std::string_view text, std::size_t i) {
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
        ++i;
    return i;
}

// Every '{' with its matching '}', sorted by the opening brace. Braces inside strings do not
// count; in broken text an unmatched brace is simply left out.
std::vector<std::pair<std::size_t, std::size_t>> objectBraces(std::string_view text) {
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            i = skipString(text, i);
            if (i == npos) break;
            --i;
        } else if (c == '{') {
            open.push_back(i);
        } else if (c == '}' && !open.empty()) {
            pairs.emplace_back(open.back(), i);
            open.pop_back();
        }
    }
    std::sort(pairs.begin(), pairs.end());
    return pairs;
}

bool samePlace(const std::optional<model::TextPosition>& a,
               const std::optional<model::TextPosition>& b) {
    return a && b && a->line == b->line && a->column == b->column;
}

} // namespace

TextIndex::TextIndex(std::string_view text, const std::vector<std::string>& statePointers)
    : m_map(model::SourceMap::build(text)) {
    m_lineStarts.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') m_lineStarts.push_back(i + 1);

    const auto braces = objectBraces(text);
    for (const std::string& pointer : statePointers) {
        const auto at = m_map.locate(pointer);
        // locate() falls back to an ancestor: a state the text no longer holds has its scope's
        // place, and must not claim the scope's whole text.
        if (!at || samePlace(at, m_map.locate(pointer.substr(0, pointer.rfind('/'))))) continue;
        const std::size_t begin = offsetOf(*at);
        if (begin >= text.size() || text[begin] != '"') continue;
        std::size_t i = skipString(text, begin);
        if (i == npos || (i = skipSpace(text, i)) >= text.size() || text[i] != ':') continue;
        i = skipSpace(text, i + 1);
        const auto brace = std::lower_bound(braces.begin(), braces.end(),
                                            std::pair<std::size_t, std::size_t>{i, 0});
        if (brace == braces.end() || brace->first != i) continue;
        m_spans.push_back({begin, brace->second, pointer});
    }
    std::sort(m_spans.begin(), m_spans.end(),
              [](const Span& a, const Span& b) { return a.begin < b.begin; });
}

std::optional<model::TextPosition> TextIndex::locate(std::string_view pointer) const {
    return m_map.locate(pointer);
}

std::string TextIndex::stateAt(std::size_t offset) const {
    // Spans nest, and sorted by their start the innermost holding `offset` is the last one.
    const Span* found = nullptr;
    for (const Span& span : m_spans) {
        if (span.begin > offset) break;
        if (offset <= span.end) found = &span;
    }
    return found ? found->pointer : std::string();
}

std::size_t TextIndex::offsetOf(model::TextPosition position) const {
    const std::size_t line =
        std::clamp<std::size_t>(std::size_t(std::max(position.line, 1)), 1, m_lineStarts.size());
    return m_lineStarts[line - 1] + std::size_t(std::max(position.column, 1)) - 1;
}

} // namespace flowcast::ui
