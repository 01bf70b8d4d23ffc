#pragma once
// XPath fn:format-integer pictures as jsonata-js reads them ($formatInteger, $parseInteger and
// the integer components of date pictures): decimal digit patterns with grouping separators,
// letters (a, A), roman numerals (i, I), words (w, W, Ww), and the ordinal modifier (;o).
#include <string>
#include <utility>
#include <vector>

namespace flowcast::model::jsonata {

struct IntegerFormat {
    enum class Primary { Decimal, Letters, Roman, Words, Sequence };
    enum class Case { Lower, Upper, Title };
    Primary primary = Primary::Decimal;
    Case letterCase = Case::Lower;
    bool ordinal = false;
    char32_t zeroCode = U'0';
    int mandatoryDigits = 0;
    int optionalDigits = 0;
    bool regular = false; ///< one separator character repeated at a fixed interval
    int groupInterval = 0;
    char32_t groupCharacter = 0;
    std::vector<std::pair<int, char32_t>> separators; ///< (digits to its right, character)
    std::string token;                                ///< the picture, for a Sequence
};

IntegerFormat analyseIntegerPicture(const std::string& picture);
/// Formats an integral value. Throws EvaluationError D3130 for an unsupported sequence.
std::string formatIntegerWith(double value, const IntegerFormat& format);
/// Reads text written in `format` (no validation, as jsonata-js). Throws D3130.
double parseIntegerWith(const std::string& text, const IntegerFormat& format);
/// An ECMAScript regex matching what `format` writes; `occurrences` > 0 fixes the digit count.
std::string integerRegex(const IntegerFormat& format, int occurrences);
/// "One Hundred and Twenty-Three" (ordinal: "One Hundred and Twenty-Third").
std::string numberToWords(double value, bool ordinal);

} // namespace flowcast::model::jsonata
