#pragma once
// The function library, one file per family. Each adds its functions with jsonata-js's names,
// signatures and declared arities. Internal to model/jsonata.
#include "model/jsonata/Evaluator.h"

#include <string>

namespace flowcast::model::jsonata {

void addStringFunctions(FunctionLibrary& library);
void addNumericFunctions(FunctionLibrary& library);
void addCollectionFunctions(FunctionLibrary& library);
void addHigherOrderFunctions(FunctionLibrary& library);
void addFormatFunctions(FunctionLibrary& library);
void addDateTimeFunctions(FunctionLibrary& library);
void addStepFunctionsFunctions(FunctionLibrary& library);

/// fn.string: how $string and '&' print a value (undefined stays undefined).
Value toJsString(const Value& value, bool pretty = false);
/// The Unicode code points of UTF-8 text (JS's Array.from(string)) and back.
std::u32string toCodePoints(const std::string& text);
std::string fromCodePoints(std::u32string_view codePoints);
/// $round: half to even at `precision` decimals, shifting through the decimal text as
/// jsonata-js does (so 2.675 rounds as written).
double roundHalfEven(double value, int precision);
/// UTF-16 length of UTF-8 text (JS's string.length).
std::size_t utf16Length(std::string_view text);

} // namespace flowcast::model::jsonata
