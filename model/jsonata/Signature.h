#pragma once
// A lambda's type signature, e.g. function($a, $b)<s-n?:s>{...}, parsed as jsonata-js does it
// when it compiles the expression. The evaluator validates arguments against `params`.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace flowcast::model::jsonata {

struct SignatureParam {
    std::string type;        ///< "s" "n" "b" "l" "o" "a" "f" "j" "x", or "(sn)" for a choice
    std::string subtype;     ///< type parameter of 'a' or 'f': "a<s>" gives "s"
    std::string regex;       ///< jsonata-js's pattern over type letters, e.g. "[sm]?"
    bool optional = false;   ///< '?'
    bool oneOrMore = false;  ///< '+'
    bool useContext = false; ///< '-': a missing argument is taken from the context value
};

struct Signature {
    std::string definition; ///< the text between and including the angle brackets
    std::vector<SignatureParam> params;
};

/// Parses `definition` ("<...>"). Throws ParseFailure S0401 (type parameter on a type other than
/// a or f) or S0402 (parameterised type inside a choice); its position is `basePosition` plus
/// the offset in `definition`, as jsonata-js reports it.
Signature parseSignature(std::string_view definition, std::size_t basePosition);

} // namespace flowcast::model::jsonata
