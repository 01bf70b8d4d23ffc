#pragma once
// Turns AWS Price List API offer files into a price-book override file (`--price-book`): for
// every item of the book an offer covers, the offer's on-demand price in the book's unit, `per`
// and tiers, sourced to the offer's code, version and publication date. Only the price moves:
// free tiers, rounding and minimums stay the book's (a leading $0 tier of the offer becomes the
// item's free tier). Which product is which item: OfferRules.h.
#include "model/asl/Json.h"
#include "model/pricing/OfferReader.h"
#include "model/pricing/OfferRules.h"
#include "model/pricing/PriceBook.h"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace flowcast::model {

/// One item taken from an offer.
struct ImportedPrice {
    std::string id;
    std::string sku;
    std::string effectiveDate;          ///< YYYY-MM-DD
    std::vector<PriceTier> tiers;       ///< in the book's unit, per the book's `per`
    std::optional<double> freeQuantity; ///< from a leading $0 tier
    bool changed = false;               ///< differs from the book it was imported against
};

/// What one offer file gave.
struct OfferSummary {
    std::string file;
    std::string offerCode;
    std::string version;
    std::string publicationDate;
    std::size_t products = 0; ///< products in the file, every region
    std::vector<ImportedPrice> imported;
    std::vector<std::string> notInOffer; ///< items of this offer it has no price for
};

struct OfferImport {
    std::string region;
    std::string asOf; ///< the latest effective date of the prices imported
    std::vector<OfferSummary> offers;
    /// Items whose offer was not given: (offer code, ids), in the book's order.
    std::vector<std::pair<std::string, std::vector<std::string>>> noOffer;
    std::vector<std::string> notImportable; ///< items no offer maps (EMR Serverless, ...)
    Json priceBook;                         ///< the override file
    std::size_t importedCount() const;
};

class OfferImporter {
public:
    /// `book` supplies the items (ids, units, `per`) and `region` picks the products.
    OfferImporter(const PriceBook& book, std::string region);

    /// Reads the offers (one per offer code) and builds the override. Throws PriceBookError
    /// naming the file and JSON Pointer for anything unreadable, unknown or ambiguous.
    OfferImport run(const std::vector<std::filesystem::path>& files) const;

    /// The offer codes that map to at least one item of the book.
    std::vector<std::string> offerCodes() const;

private:
    ImportedPrice priceOf(const OfferRule& rule, const OfferFile& offer,
                          const std::vector<std::string>& skus) const;

    const PriceBook& m_book;
    std::string m_region;
    std::string m_location; ///< the Price List's "location" name of the region, if known
    std::vector<OfferRule> m_rules;
};

} // namespace flowcast::model
