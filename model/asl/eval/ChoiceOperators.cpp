#include "model/asl/eval/ChoiceOperators.h"

#include "model/asl/eval/Timestamp.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <compare>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace flowcast::model::eval {
namespace {

enum class Family { String, Matches, Numeric, Boolean, Timestamp, IsType };
enum class Relation { Equals, LessThan, GreaterThan, LessThanEquals, GreaterThanEquals, None };
enum class TypeTest { None, Null, Present, Numeric, String, Boolean, Timestamp };

struct Operator {
    std::string_view name;
    Family family;
    Relation relation;
    bool pathOperand;
    TypeTest test = TypeTest::None;
};

using F = Family;
using R = Relation;

// The 39 comparison operators (AWS developer guide, Choice state, "Choice Rules (JSONPath)").
constexpr std::array<Operator, 39> kOperators{{
    {"StringEquals", F::String, R::Equals, false},
    {"StringEqualsPath", F::String, R::Equals, true},
    {"StringLessThan", F::String, R::LessThan, false},
    {"StringLessThanPath", F::String, R::LessThan, true},
    {"StringGreaterThan", F::String, R::GreaterThan, false},
    {"StringGreaterThanPath", F::String, R::GreaterThan, true},
    {"StringLessThanEquals", F::String, R::LessThanEquals, false},
    {"StringLessThanEqualsPath", F::String, R::LessThanEquals, true},
    {"StringGreaterThanEquals", F::String, R::GreaterThanEquals, false},
    {"StringGreaterThanEqualsPath", F::String, R::GreaterThanEquals, true},
    {"StringMatches", F::Matches, R::None, false},
    {"NumericEquals", F::Numeric, R::Equals, false},
    {"NumericEqualsPath", F::Numeric, R::Equals, true},
    {"NumericLessThan", F::Numeric, R::LessThan, false},
    {"NumericLessThanPath", F::Numeric, R::LessThan, true},
    {"NumericGreaterThan", F::Numeric, R::GreaterThan, false},
    {"NumericGreaterThanPath", F::Numeric, R::GreaterThan, true},
    {"NumericLessThanEquals", F::Numeric, R::LessThanEquals, false},
    {"NumericLessThanEqualsPath", F::Numeric, R::LessThanEquals, true},
    {"NumericGreaterThanEquals", F::Numeric, R::GreaterThanEquals, false},
    {"NumericGreaterThanEqualsPath", F::Numeric, R::GreaterThanEquals, true},
    {"BooleanEquals", F::Boolean, R::Equals, false},
    {"BooleanEqualsPath", F::Boolean, R::Equals, true},
    {"TimestampEquals", F::Timestamp, R::Equals, false},
    {"TimestampEqualsPath", F::Timestamp, R::Equals, true},
    {"TimestampLessThan", F::Timestamp, R::LessThan, false},
    {"TimestampLessThanPath", F::Timestamp, R::LessThan, true},
    {"TimestampGreaterThan", F::Timestamp, R::GreaterThan, false},
    {"TimestampGreaterThanPath", F::Timestamp, R::GreaterThan, true},
    {"TimestampLessThanEquals", F::Timestamp, R::LessThanEquals, false},
    {"TimestampLessThanEqualsPath", F::Timestamp, R::LessThanEquals, true},
    {"TimestampGreaterThanEquals", F::Timestamp, R::GreaterThanEquals, false},
    {"TimestampGreaterThanEqualsPath", F::Timestamp, R::GreaterThanEquals, true},
    {"IsNull", F::IsType, R::None, false, TypeTest::Null},
    {"IsPresent", F::IsType, R::None, false, TypeTest::Present},
    {"IsNumeric", F::IsType, R::None, false, TypeTest::Numeric},
    {"IsString", F::IsType, R::None, false, TypeTest::String},
    {"IsBoolean", F::IsType, R::None, false, TypeTest::Boolean},
    {"IsTimestamp", F::IsType, R::None, false, TypeTest::Timestamp},
}};

const Operator* findOperator(std::string_view name) {
    for (const auto& op : kOperators)
        if (op.name == name) return &op;
    return nullptr;
}

EvalError runtimeError(std::string cause) {
    return EvalError{"States.Runtime", std::move(cause)};
}

bool holds(Relation relation, std::partial_ordering order) {
    switch (relation) {
    case Relation::Equals:
        return order == 0;
    case Relation::LessThan:
        return order < 0;
    case Relation::GreaterThan:
        return order > 0;
    case Relation::LessThanEquals:
        return order <= 0;
    case Relation::GreaterThanEquals:
        return order >= 0;
    case Relation::None:
        break;
    }
    return false;
}

// Exact order of a double and an integer: converting either to the other's type could round
// (2^53 + 1 has no double; 0.5 has no integer).
template <typename Int> std::partial_ordering compareWithInteger(double d, Int i) {
    constexpr double kLowest = std::is_signed_v<Int> ? -0x1p63 : 0.0;
    constexpr double kBeyond = std::is_signed_v<Int> ? 0x1p63 : 0x1p64;
    if (std::isnan(d)) return std::partial_ordering::unordered;
    if (d < kLowest) return std::partial_ordering::less;
    if (d >= kBeyond) return std::partial_ordering::greater;
    const double whole = std::trunc(d);
    const Int truncated = static_cast<Int>(whole);
    if (truncated != i)
        return truncated < i ? std::partial_ordering::less : std::partial_ordering::greater;
    return d - whole <=> 0.0;
}

std::partial_ordering compareWithInteger(double d, const Json& integer) {
    return integer.is_number_unsigned() ? compareWithInteger(d, integer.get<std::uint64_t>())
                                        : compareWithInteger(d, integer.get<std::int64_t>());
}

// Numbers compare by value whatever their JSON form: 2 == 2.0 (AWS: NumericEquals).
std::partial_ordering compareNumbers(const Json& a, const Json& b) {
    if (a.is_number_float() && b.is_number_float()) return a.get<double>() <=> b.get<double>();
    if (a.is_number_float()) return compareWithInteger(a.get<double>(), b);
    if (b.is_number_float()) return 0 <=> compareWithInteger(b.get<double>(), a);
    if (a.is_number_unsigned() && b.is_number_unsigned())
        return a.get<std::uint64_t>() <=> b.get<std::uint64_t>();
    if (!a.is_number_unsigned() && !b.is_number_unsigned())
        return a.get<std::int64_t>() <=> b.get<std::int64_t>();
    // One signed and one unsigned integer.
    const auto order = [](auto x, auto y) {
        return std::cmp_less(x, y)    ? std::partial_ordering::less
               : std::cmp_equal(x, y) ? std::partial_ordering::equivalent
                                      : std::partial_ordering::greater;
    };
    if (a.is_number_unsigned()) return order(a.get<std::uint64_t>(), b.get<std::int64_t>());
    return order(a.get<std::int64_t>(), b.get<std::uint64_t>());
}

// UTF-8 to UTF-16 code units; a byte that does not start a well-formed sequence stands for itself.
std::u16string toUtf16(std::string_view s) {
    std::u16string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto b0 = static_cast<unsigned char>(s[i]);
        const std::size_t length = b0 < 0x80           ? 1
                                   : (b0 >> 5) == 0x6  ? 2
                                   : (b0 >> 4) == 0xE  ? 3
                                   : (b0 >> 3) == 0x1E ? 4
                                                       : 0;
        char32_t cp = length == 1   ? b0
                      : length == 2 ? (b0 & 0x1F)
                      : length == 3 ? (b0 & 0x0F)
                                    : (b0 & 0x07);
        bool wellFormed = length != 0 && i + length <= s.size();
        for (std::size_t k = 1; wellFormed && k < length; ++k) {
            const auto b = static_cast<unsigned char>(s[i + k]);
            wellFormed = (b & 0xC0) == 0x80;
            cp = (cp << 6) | (b & 0x3F);
        }
        if (!wellFormed) {
            out.push_back(b0);
            ++i;
            continue;
        }
        if (cp >= 0x10000) {
            out.push_back(static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10)));
            out.push_back(static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
        } else {
            out.push_back(static_cast<char16_t>(cp));
        }
        i += length;
    }
    return out;
}

bool fits(Family family, const Json& value) {
    switch (family) {
    case Family::String:
    case Family::Matches:
        return value.is_string();
    case Family::Numeric:
        return value.is_number();
    case Family::Boolean:
        return value.is_boolean();
    case Family::Timestamp:
        return value.is_string() && parseTimestamp(value.get_ref<const std::string&>()).has_value();
    case Family::IsType:
        return value.is_boolean();
    }
    return false;
}

// What a literal operand must be, for the cause of a malformed rule.
std::string requirement(Family family) {
    switch (family) {
    case Family::String:
    case Family::Matches:
        return "compares with a string";
    case Family::Numeric:
        return "compares with a number";
    case Family::Boolean:
        return "compares with true or false";
    case Family::Timestamp:
        return "compares with an RFC 3339 timestamp";
    case Family::IsType:
        return "takes true or false";
    }
    return "";
}

bool passesTypeTest(TypeTest test, const Json* value) {
    if (test == TypeTest::Present) return value != nullptr;
    switch (test) {
    case TypeTest::Null:
        return value->is_null();
    case TypeTest::Numeric:
        return value->is_number();
    case TypeTest::String:
        return value->is_string();
    case TypeTest::Boolean:
        return value->is_boolean();
    case TypeTest::Timestamp:
        return fits(Family::Timestamp, *value);
    default:
        return false;
    }
}

// Both values already have the operator's type.
bool compareFitting(const Operator& op, const Json& value, const Json& operand) {
    switch (op.family) {
    case Family::String:
        return holds(op.relation, compareStrings(value.get_ref<const std::string&>(),
                                                 operand.get_ref<const std::string&>()) <=> 0);
    case Family::Matches:
        return matchesWildcard(value.get_ref<const std::string&>(),
                               operand.get_ref<const std::string&>());
    case Family::Numeric:
        return holds(op.relation, compareNumbers(value, operand));
    case Family::Boolean:
        return value.get<bool>() == operand.get<bool>();
    case Family::Timestamp:
        return holds(op.relation, *parseTimestamp(value.get_ref<const std::string&>()) <=>
                                      *parseTimestamp(operand.get_ref<const std::string&>()));
    case Family::IsType:
        break;
    }
    return false;
}

} // namespace

bool isComparisonOperator(std::string_view name) {
    return findOperator(name) != nullptr;
}

bool hasPathOperand(std::string_view name) {
    const Operator* op = findOperator(name);
    return op && op->pathOperand;
}

Result<bool> applyComparison(std::string_view name, const Json* variable, const Json& operand) {
    const Operator* op = findOperator(name);
    if (!op)
        return runtimeError("\"" + std::string(name) + "\" is not a Choice comparison operator");
    // A *Path operand of the wrong type is data, not a malformed rule: the comparison is false.
    if (!fits(op->family, operand)) {
        if (op->pathOperand) return false;
        return runtimeError(std::string(name) + " " + requirement(op->family) + ", not " +
                            (operand.is_string() ? operand.dump() : operand.type_name()));
    }
    if (!variable && op->test != TypeTest::Present)
        return runtimeError(std::string(name) + " needs a Variable that exists");
    if (op->family == Family::IsType)
        return passesTypeTest(op->test, variable) == operand.get<bool>();
    // "Step Functions doesn't attempt to match a numeric field to a string value" (AWS developer
    // guide, Choice state): a Variable of another type makes the comparison false.
    if (!fits(op->family, *variable)) return false;
    return compareFitting(*op, *variable, operand);
}

int compareStrings(std::string_view a, std::string_view b) {
    // ASCII is the same code units in UTF-16, in the same order: no conversion needed.
    const auto ascii = [](std::string_view s) {
        return std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
    };
    if (ascii(a) && ascii(b)) {
        const int order = a.compare(b);
        return order < 0 ? -1 : order > 0 ? 1 : 0;
    }
    const std::u16string x = toUtf16(a);
    const std::u16string y = toUtf16(b);
    const int order = x.compare(y);
    return order < 0 ? -1 : order > 0 ? 1 : 0;
}

bool matchesWildcard(std::string_view text, std::string_view pattern) {
    constexpr int kStar = -1;
    std::vector<int> tokens; // bytes, or kStar
    tokens.reserve(pattern.size());
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '\\' && i + 1 < pattern.size() &&
            (pattern[i + 1] == '*' || pattern[i + 1] == '\\'))
            tokens.push_back(static_cast<unsigned char>(pattern[++i]));
        else
            tokens.push_back(c == '*' ? kStar : static_cast<unsigned char>(c));
    }
    // Greedy match with one backtrack point (the last star); bytes are enough because a literal
    // UTF-8 character can only match at a character boundary of valid UTF-8 text.
    std::size_t t = 0, p = 0, starP = std::string_view::npos, starT = 0;
    while (t < text.size()) {
        if (p < tokens.size() && tokens[p] == kStar) {
            starP = p++;
            starT = t;
        } else if (p < tokens.size() && tokens[p] == static_cast<unsigned char>(text[t])) {
            ++p;
            ++t;
        } else if (starP != std::string_view::npos) {
            p = starP + 1;
            t = ++starT;
        } else {
            return false;
        }
    }
    while (p < tokens.size() && tokens[p] == kStar)
        ++p;
    return p == tokens.size();
}

} // namespace flowcast::model::eval
