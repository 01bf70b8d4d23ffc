#pragma once
// XPath/XSLT picture strings for dates (fn:format-dateTime) as jsonata-js implements them in
// src/datetime.js: formatting milliseconds and parsing text back to milliseconds.
#include <optional>
#include <string>

namespace flowcast::model::jsonata {

/// Milliseconds since the epoch as text. No picture: ISO 8601 in UTC ("...T...Z").
/// `timezone` is "±HHMM". Throws EvaluationError (D3132, D3133, D3134, D3135).
std::string formatDateTime(double millis, const std::string* picture, const std::string* timezone);
/// Text read with a picture string, as milliseconds; nullopt when it does not match.
/// Components the picture leaves out before the first one it has come from `nowMillis`.
/// Throws EvaluationError (D3136 when the picture cannot determine a time).
std::optional<double> parseDateTime(const std::string& text, const std::string& picture,
                                    double nowMillis);
/// An ISO 8601 timestamp (already checked against jsonata-js's pattern), as JS's Date.parse.
std::optional<double> parseIso8601(const std::string& text);

} // namespace flowcast::model::jsonata
