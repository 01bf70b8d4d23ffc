#pragma once
// Where things sit in the code view's JSON text: the line and column of a JSON Pointer (through
// model::SourceMap) and, the other way, which state's object holds a byte offset. Built in a few
// linear passes over one version of the text; CodeView builds a new one when the text changes.
// Keeps no reference to the text. Never throws on text that is not JSON: it knows less.
#include "model/asl/SourceMap.h"
#include "model/asl/TextPosition.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowcast::ui {

class TextIndex {
public:
    /// `statePointers`: every state of the definition the text should hold (any order).
    TextIndex(std::string_view text, const std::vector<std::string>& statePointers);

    /// The pointer's place, or its nearest ancestor's (model::SourceMap::locate).
    std::optional<model::TextPosition> locate(std::string_view pointer) const;
    /// The innermost state whose text (from its name to its closing brace) holds `offset`;
    /// empty when none does.
    std::string stateAt(std::size_t offset) const;

private:
    struct Span {
        std::size_t begin; ///< the opening quote of the state's name
        std::size_t end;   ///< the closing brace of its object
        std::string pointer;
    };

    std::size_t offsetOf(model::TextPosition position) const;

    model::SourceMap m_map;
    std::vector<std::size_t> m_lineStarts;
    std::vector<Span> m_spans; ///< sorted by begin: a nested state comes after its container
};

} // namespace flowcast::ui
