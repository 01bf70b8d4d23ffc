#pragma once
// Timestamps as Choice rules and Wait states read them: RFC 3339 with an uppercase T and Z or a
// numeric offset, any number of fraction digits. Parsed to an instant so that equal moments
// written in different offsets compare equal.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flowcast::model::eval {

/// A moment in UTC: whole seconds since 1970-01-01T00:00:00Z and the fraction digits after them.
struct Timestamp {
    std::int64_t epochSeconds = 0;
    std::string fraction; ///< decimal digits, trailing zeros removed ("5" is half a second)

    // Member order is time order: the digit strings have no trailing zeros, so comparing them
    // character by character compares the fractions ("05" < "5" < "51").
    friend auto operator<=>(const Timestamp&, const Timestamp&) = default;
};

/// The instant `text` denotes, or nullopt when it is not
/// "YYYY-MM-DDThh:mm:ss[.f+](Z|+hh:mm|-hh:mm)" with a real calendar date (leap years checked; a
/// leap second 60 is accepted as the validator accepts it, and counts as the next minute's second
/// 0).
std::optional<Timestamp> parseTimestamp(std::string_view text);

} // namespace flowcast::model::eval
