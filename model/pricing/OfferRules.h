#pragma once
// Which products of which AWS Price List offer price which item of the price book: a table for
// the serverless items (usage types as the Price List and Cost Explorer write them) and rules made
// from the book's instance items (ec2.TYPE, emr.TYPE, sagemaker.ml.TYPE) for the types it has.
#include "model/asl/Json.h"
#include "model/pricing/PriceBook.h"

#include <string>
#include <string_view>
#include <vector>

namespace flowcast::model {

/// Which products of which offer price a book item: the offer code, the product family and
/// attributes a product must have, its usage type without the region prefix ("USE1-"), the units
/// the offer may state, and how many of the book's units one offer unit is.
struct OfferRule {
    struct Attribute {
        std::string name;
        std::string value;
        bool optional = false; ///< a product without the attribute matches too
    };
    std::string id;
    std::string offerCode;
    std::string productFamily; ///< empty: any
    std::vector<Attribute> attributes;
    std::string usageType; ///< empty: not checked
    std::vector<std::string> units;
    double bookUnitsPerOfferUnit = 1; ///< 1 / 3600 for GB-second -> GB-hour

    /// Whether `product` (an offer's product object, "attributes" all strings) is this item's
    /// in `region`: by "regionCode", else by the "location" name.
    bool matches(const Json& product, const std::string& region, const std::string& location) const;
};

/// The rules for the items of `book` an offer can price, in the book's order.
std::vector<OfferRule> offerRulesFor(const PriceBook& book);
/// The Price List's "location" of a region ("US East (N. Virginia)"); empty when unknown.
std::string priceListLocation(std::string_view region);

} // namespace flowcast::model
