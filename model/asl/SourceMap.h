#pragma once
// Where each value of a JSON text sits: JSON Pointer -> line and column, so a diagnostic's
// pointer can name a place an editor jumps to. Built by one linear, non-recursive scan of the
// text and kept as a tree of tokens (each key stored once, so memory stays linear in the text).
#include "model/asl/TextPosition.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowcast::model {

class SourceMap {
public:
    /// Texts this large or larger are not mapped (offsets are stored in 32 bits).
    static constexpr std::size_t kMaxTextBytes = std::size_t{1} << 29;
    /// Deeper nesting than this ends the scan (AslReader refuses it anyway).
    static constexpr std::size_t kMaxNestingDepth = 512;

    /// Never throws on bad input: the scan stops at the first thing that is not JSON and the
    /// map keeps what it found before it.
    static SourceMap build(std::string_view jsonText);

    /// 1-based line and column (bytes) of the pointer's key; of the value itself for array
    /// elements and the root "". A pointer that is not in the text falls back to its nearest
    /// ancestor that is. Empty when nothing was mapped or the pointer is malformed.
    std::optional<TextPosition> locate(std::string_view pointer) const;

    bool isEmpty() const { return m_nodes.empty(); }
    std::size_t size() const { return m_nodes.size(); }

private:
    friend class SourceMapScanner;

    static constexpr std::uint32_t kNoParent = UINT32_MAX;

    struct Node {
        std::uint32_t parent;     ///< index in m_nodes, kNoParent for the root
        std::uint32_t tokenBegin; ///< the pointer token (escaped: "~0", "~1") in m_tokens
        std::uint32_t tokenLength;
        std::uint32_t offset; ///< byte offset of the key, or of the value
    };

    std::string_view tokenOf(const Node& node) const;
    std::optional<std::uint32_t> child(std::uint32_t parent, std::string_view token) const;
    void index();

    std::vector<Node> m_nodes;               ///< in document order; m_nodes[0] is the root
    std::string m_tokens;                    ///< every node's token, back to back
    std::vector<std::uint32_t> m_order;      ///< node indices sorted by (parent, token, index)
    std::vector<std::uint32_t> m_lineStarts; ///< offset of each line's first byte
};

} // namespace flowcast::model
