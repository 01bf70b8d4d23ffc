#pragma once
// A dated price book for one region and currency: every price with its unit, tiers, free tier,
// per-request rounding and minimum, and its source. Immutable once built; the cost engine prices
// usage through quote(). Format (see aws-us-east-1.prices.json, the built-in book):
//
//   { "region": "us-east-1", "currency": "USD", "asOf": "2026-11-21", "description": "...",
//     "prices": { "<id>": { "service": "AWS Lambda", "unit": "GB-s",
//                           "price": 0.2 | "tiers": [{"from": 0, "upTo": 6e9, "price": ...}, ...],
//                           "per": 1000000, "freeTier": {"quantity": 400000, "pool": "..."},
//                           "roundUp": {"durationMs": 1}, "minimum": {"durationMs": 60000},
//                           "instance": {"vcpu": 4, "memoryGiB": 16}, "initBilled": true,
//                           "source": "https://...", "confidence": "weak", "note": "..." } } }
//
// A user's file has the same shape and may be partial: it changes fields of existing ids (a
// changed price needs its own "source"), adds ids (complete ones), and may name another region.
#include "model/asl/Json.h"
#include "model/pricing/PriceItem.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowcast::model {

class PriceItemReader;

/// A monthly quantity priced through the free tier and the tiers.
struct PriceQuote {
    double quantity = 0;       ///< in the item's unit
    double freeQuantity = 0;   ///< the part the free tier covered
    double billedQuantity = 0; ///< quantity - freeQuantity
    double amountUsd = 0;      ///< unrounded; a bill shows cents()
    /// "3,000,000 × 1 s × 0.5 GB − 400,000 GB-s free = 1,100,000 GB-s × $0.0000166667 = $18.33"
    std::string formula;

    std::int64_t cents() const;
};

struct QuoteOptions {
    /// How the quantity was counted ("3,000,000 × 1 s × 0.5 GB"); empty: the quantity itself.
    std::string quantityFormula;
    /// What is left of a free tier shared with other items (same pool); none: the item's own.
    std::optional<double> freeAvailable;
    /// Billed volume of this price already counted this month (other lines of the account):
    /// the volume tiers continue from there.
    double tierOffset = 0;
};

class PriceBook {
public:
    /// The built-in book (us-east-1). Throws PriceBookError if the embedded text is broken.
    static PriceBook builtIn();
    /// The built-in book, read once and shared by every caller (it never changes): the default
    /// of the simulator's billing rules when no book is given.
    static const PriceBook& defaults();
    /// The built-in book, with `userFile` merged over it when there is one.
    static PriceBook load(const std::optional<std::filesystem::path>& userFile);
    /// A complete book from a file or a document; `file` names it in errors.
    static PriceBook readFile(const std::filesystem::path& file);
    static PriceBook fromJson(const Json& document, const std::string& file);

    /// This book with a user's (possibly partial) file merged over it, by id.
    PriceBook withOverrides(const std::filesystem::path& file) const;
    PriceBook withOverrides(const Json& document, const std::string& file) const;

    const std::string& region() const { return m_region; }
    const std::string& currency() const { return m_currency; }
    const std::string& asOf() const { return m_asOf; }
    const std::string& description() const { return m_description; }
    /// The files this book was read from, the built-in one first.
    const std::vector<std::string>& files() const { return m_files; }
    /// Every item, in file order (added ids last).
    const std::vector<PriceItem>& items() const { return m_items; }

    const PriceItem* find(std::string_view id) const;
    /// Throws PriceBookError naming the id when the book has no such price.
    const PriceItem& at(std::string_view id) const;

    /// Prices a month's quantity of `id`: minus the free tier, then through the tiers.
    /// Throws PriceBookError for an unknown id, std::invalid_argument for a negative quantity.
    PriceQuote quote(std::string_view id, double monthlyQuantity,
                     const QuoteOptions& options = {}) const;

    /// The book in its file format (a complete book: it reads back with fromJson).
    Json toJson() const;

private:
    void merge(const Json& document, const std::string& file, bool complete);
    void mergePrices(const Json& prices, const PriceItemReader& reader);

    std::string m_region;
    std::string m_currency;
    std::string m_asOf;
    std::string m_description;
    std::vector<std::string> m_files;
    std::vector<PriceItem> m_items;
};

} // namespace flowcast::model
