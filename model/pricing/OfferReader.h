#pragma once
// Reads one AWS Price List API bulk offer file (offers/v1.0/aws/<offerCode>/.../index.json)
// without holding it in memory: a SAX pass keeps the header, the products the caller wants and
// their on-demand terms, and skips everything else (EC2's offer is gigabytes, mostly Reserved
// terms and products of other regions). AWS writes the products before the terms; on-demand
// terms that come first are all kept until the products are known. Format:
// docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-service-price-list-file-for-services.html
// Every mistake is a PriceBookError naming the file and the JSON Pointer (or line and column).
#include "model/asl/Json.h"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace flowcast::model {

/// What one offer file holds of interest.
struct OfferFile {
    std::string file;
    std::string formatVersion;
    std::string offerCode;
    std::string version;
    std::string publicationDate;
    std::size_t productCount = 0; ///< every product of the file, kept or not
    /// The kept products (sku -> the product object: "productFamily", "attributes").
    std::map<std::string, Json> products;
    /// The on-demand terms of the kept products (sku -> {offerTermCode: term}).
    std::map<std::string, Json> onDemand;
};

class OfferReader {
public:
    /// Decides whether a product is kept; `product` is checked to be an object whose
    /// "attributes" is an object of strings.
    using ProductFilter = std::function<bool(const std::string& sku, const Json& product)>;

    /// Reads `file`; throws PriceBookError for unreadable, malformed or incomplete content.
    static OfferFile read(const std::filesystem::path& file, const ProductFilter& keep);
};

} // namespace flowcast::model
