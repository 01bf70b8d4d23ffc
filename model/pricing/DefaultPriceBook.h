#pragma once
// The built-in price book: model/pricing/aws-us-east-1.prices.json, embedded into flowcast_model
// at build time (EmbedFile.cmake writes the generated DefaultPriceBook.cpp), so that it is there
// whatever the working directory. Edit the JSON file, never a copy in C++.
#include <string_view>

namespace flowcast::model {

/// The name errors give for the built-in book.
inline constexpr std::string_view kDefaultPriceBookName = "model/pricing/aws-us-east-1.prices.json";

/// The JSON text of the built-in book, byte for byte.
std::string_view defaultPriceBookText();

} // namespace flowcast::model
