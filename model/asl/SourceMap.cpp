#include "model/asl/SourceMap.h"

#include <algorithm>
#include <charconv>
#include <numeric>

namespace flowcast::model {

// One pass over the text with an explicit stack: no recursion, so no nesting can overflow the
// call stack. Tracks only what a pointer needs (keys, array indices, where each value starts);
// strings outside keys and scalars are skipped, never decoded.
class SourceMapScanner {
public:
    SourceMapScanner(std::string_view text, SourceMap& map) : m_text(text), m_map(map) {}

    void run() {
        m_map.m_lineStarts.push_back(0);
        // nlohmann skips a UTF-8 byte order mark, so it holds no value.
        if (m_text.starts_with("\xEF\xBB\xBF")) m_pos = 3;
        while (true) {
            skipSpace();
            if (m_pos >= m_text.size() || !step()) return;
        }
    }

private:
    enum class Expect { Value, ValueOrEnd, Key, KeyOrEnd, Colon, CommaOrEnd, Nothing };
    struct Frame {
        bool object;
        std::uint32_t node;
        std::uint32_t nextIndex;
    };

    bool step() {
        const char c = m_text[m_pos];
        switch (m_expect) {
        case Expect::KeyOrEnd:
            if (c == '}') return close();
            [[fallthrough]];
        case Expect::Key:
            return c == '"' && key();
        case Expect::Colon:
            if (c != ':') return false;
            ++m_pos;
            m_expect = Expect::Value;
            return true;
        case Expect::ValueOrEnd:
            if (c == ']') return close();
            [[fallthrough]];
        case Expect::Value:
            return value(c);
        case Expect::CommaOrEnd:
            if (c == ',') {
                ++m_pos;
                m_expect = m_stack.back().object ? Expect::Key : Expect::Value;
                return true;
            }
            return c == (m_stack.back().object ? '}' : ']') && close();
        case Expect::Nothing:
            return false;
        }
        return false;
    }

    // Object members are recorded at their key: that is where an editor should land.
    bool key() {
        const std::size_t start = m_pos;
        const std::size_t tokenBegin = m_map.m_tokens.size();
        if (!scanString(true)) return false;
        m_current = addNode(m_stack.back().node, tokenBegin, start);
        m_expect = Expect::Colon;
        return true;
    }

    bool value(char c) {
        if (!startsValue(c)) return false;
        if (m_stack.empty()) {
            m_current = addNode(SourceMap::kNoParent, m_map.m_tokens.size(), m_pos);
        } else if (!m_stack.back().object) {
            // Array elements have no key, so they are recorded where the value starts.
            const std::size_t tokenBegin = m_map.m_tokens.size();
            char digits[16];
            const auto end =
                std::to_chars(digits, digits + sizeof digits, m_stack.back().nextIndex++).ptr;
            m_map.m_tokens.append(digits, end);
            m_current = addNode(m_stack.back().node, tokenBegin, m_pos);
        }
        if (c == '{' || c == '[') {
            if (m_stack.size() >= SourceMap::kMaxNestingDepth) return false;
            m_stack.push_back({c == '{', m_current, 0});
            ++m_pos;
            m_expect = c == '{' ? Expect::KeyOrEnd : Expect::ValueOrEnd;
            return true;
        }
        if (c == '"') {
            if (!scanString(false)) return false;
        } else if (!scalar()) {
            return false;
        }
        m_expect = m_stack.empty() ? Expect::Nothing : Expect::CommaOrEnd;
        return true;
    }

    static bool startsValue(char c) {
        return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') ||
               (c >= 'a' && c <= 'z');
    }

    bool close() {
        ++m_pos;
        m_stack.pop_back();
        m_expect = m_stack.empty() ? Expect::Nothing : Expect::CommaOrEnd;
        return true;
    }

    // Numbers and true / false / null; their exact form does not matter for positions.
    bool scalar() {
        const std::size_t start = m_pos;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            const bool part = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' ||
                              c == '+' || c == '.' || c == 'E';
            if (!part) break;
            ++m_pos;
        }
        return m_pos > start;
    }

    // From the opening quote past the closing one. With `decode`, appends the key as a pointer
    // token (RFC 6901: "~" -> "~0", "/" -> "~1") to the token store. A raw control character
    // (JSON forbids them, a raw newline included) ends the scan, so line starts stay exact.
    bool scanString(bool decode) {
        ++m_pos;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos++];
            if (c == '"') return true;
            if (static_cast<unsigned char>(c) < 0x20) return false;
            if (c != '\\') {
                if (decode) appendTokenChar(c);
                continue;
            }
            if (m_pos >= m_text.size()) return false;
            const char e = m_text[m_pos++];
            if (!decode) continue; // \uXXXX: the hex digits are skipped as plain characters
            if (!escape(e)) return false;
        }
        return false;
    }

    bool escape(char e) {
        if (e == 'u') return unicodeEscape();
        // JSON's one-letter escapes and the characters they stand for.
        constexpr std::string_view kLetters = "\"\\/bfnrt";
        constexpr std::string_view kMeanings = "\"\\/\b\f\n\r\t";
        const auto at = kLetters.find(e);
        if (at == std::string_view::npos) return false;
        appendTokenChar(kMeanings[at]);
        return true;
    }

    // \uXXXX, a UTF-16 surrogate pair taking two of them; a lone surrogate is not JSON.
    bool unicodeEscape() {
        std::uint32_t cp = 0;
        if (!hex4(cp)) return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            std::uint32_t low = 0;
            if (!m_text.substr(m_pos).starts_with("\\u")) return false;
            m_pos += 2;
            if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        appendUtf8(cp);
        return true;
    }

    bool hex4(std::uint32_t& out) {
        if (m_pos + 4 > m_text.size()) return false;
        const char* begin = m_text.data() + m_pos;
        const auto [end, ec] = std::from_chars(begin, begin + 4, out, 16);
        if (ec != std::errc() || end != begin + 4) return false;
        m_pos += 4;
        return true;
    }

    void appendUtf8(std::uint32_t cp) {
        if (cp < 0x80) {
            appendTokenChar(static_cast<char>(cp));
            return;
        }
        std::string& t = m_map.m_tokens;
        if (cp < 0x800) {
            t += static_cast<char>(0xC0 | (cp >> 6));
        } else if (cp < 0x10000) {
            t += static_cast<char>(0xE0 | (cp >> 12));
            t += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        } else {
            t += static_cast<char>(0xF0 | (cp >> 18));
            t += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            t += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        }
        t += static_cast<char>(0x80 | (cp & 0x3F));
    }

    void appendTokenChar(char c) {
        if (c == '~') {
            m_map.m_tokens += "~0";
        } else if (c == '/') {
            m_map.m_tokens += "~1";
        } else {
            m_map.m_tokens += c;
        }
    }

    std::uint32_t addNode(std::uint32_t parent, std::size_t tokenBegin, std::size_t offset) {
        const auto length = m_map.m_tokens.size() - tokenBegin;
        m_map.m_nodes.push_back({parent, static_cast<std::uint32_t>(tokenBegin),
                                 static_cast<std::uint32_t>(length),
                                 static_cast<std::uint32_t>(offset)});
        return static_cast<std::uint32_t>(m_map.m_nodes.size() - 1);
    }

    void skipSpace() {
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == '\n') {
                m_map.m_lineStarts.push_back(static_cast<std::uint32_t>(m_pos + 1));
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            ++m_pos;
        }
    }

    std::string_view m_text;
    SourceMap& m_map;
    std::size_t m_pos = 0;
    Expect m_expect = Expect::Value;
    std::vector<Frame> m_stack;
    std::uint32_t m_current = 0; ///< the member or element whose value comes next
};

SourceMap SourceMap::build(std::string_view jsonText) {
    SourceMap map;
    if (jsonText.size() >= kMaxTextBytes) return map;
    SourceMapScanner(jsonText, map).run();
    map.index();
    return map;
}

void SourceMap::index() {
    m_order.resize(m_nodes.size());
    std::iota(m_order.begin(), m_order.end(), 0u);
    // Duplicate keys stay apart by index; the last one wins, as in the parsed document.
    std::sort(m_order.begin(), m_order.end(), [this](std::uint32_t a, std::uint32_t b) {
        const Node& x = m_nodes[a];
        const Node& y = m_nodes[b];
        if (x.parent != y.parent) return x.parent < y.parent;
        const int byToken = tokenOf(x).compare(tokenOf(y));
        return byToken != 0 ? byToken < 0 : a < b;
    });
}

std::string_view SourceMap::tokenOf(const Node& node) const {
    return std::string_view(m_tokens).substr(node.tokenBegin, node.tokenLength);
}

std::optional<std::uint32_t> SourceMap::child(std::uint32_t parent, std::string_view token) const {
    // The last entry not after (parent, token, any index) is the last occurrence of that key.
    const auto after = std::upper_bound(
        m_order.begin(), m_order.end(), parent, [&](std::uint32_t p, std::uint32_t i) {
            const Node& n = m_nodes[i];
            return p != n.parent ? p < n.parent : token < tokenOf(n);
        });
    if (after == m_order.begin()) return std::nullopt;
    const std::uint32_t found = *(after - 1);
    const Node& n = m_nodes[found];
    if (n.parent != parent || tokenOf(n) != token) return std::nullopt;
    return found;
}

std::optional<TextPosition> SourceMap::locate(std::string_view pointer) const {
    if (m_nodes.empty() || (!pointer.empty() && pointer.front() != '/')) return std::nullopt;
    std::uint32_t node = 0; // the root is the first value in the text
    for (std::size_t at = 0; at < pointer.size();) {
        const std::size_t next = pointer.find('/', at + 1);
        const std::size_t end = next == std::string_view::npos ? pointer.size() : next;
        const auto found = child(node, pointer.substr(at + 1, end - at - 1));
        if (!found) break; // a missing field: its nearest ancestor is the place to look
        node = *found;
        at = end;
    }
    const std::uint32_t offset = m_nodes[node].offset;
    const auto line = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset);
    return TextPosition{static_cast<int>(line - m_lineStarts.begin()),
                        static_cast<int>(offset - *(line - 1)) + 1};
}

} // namespace flowcast::model
