#include "model/pricing/OfferImport.h"

#include "model/asl/JsonPointer.h"
#include "model/pricing/PriceBookError.h"
#include "model/pricing/PriceFormat.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace flowcast::model {
namespace {

bool equalsNoCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// A decimal string of the Price List ("0.0000166667", "6000000000", "Inf").
std::optional<double> decimal(const Json& v) {
    if (!v.is_string()) return std::nullopt;
    const std::string& s = v.get_ref<const std::string&>();
    if (s.empty() || !(std::isdigit(static_cast<unsigned char>(s[0])))) return std::nullopt;
    char* end = nullptr;
    const double d = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || !std::isfinite(d)) return std::nullopt;
    return d;
}

// Unit conversions multiply decimal strings by powers of ten and 3600: 12 significant digits
// give back the figure a person would write ($0.0000002 x 1,000,000 = $0.2, not 0.19999...).
double tidy(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.12g", v);
    return std::strtod(text, nullptr);
}

bool sameTiers(const std::vector<PriceTier>& a, const std::vector<PriceTier>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].from != b[i].from || a[i].upTo != b[i].upTo || a[i].price != b[i].price)
            return false;
    return true;
}

// The same prices once units are converted: an offer's per-second price times 3,600 is off the
// book's per-hour figure in its sixth significant digit ($0.0000166667 a GB-second is
// $0.06000012 a GB-hour, the book's $0.06), which is not a change of price.
bool sameAfterConversion(double a, double b) {
    return std::abs(a - b) <= 1e-5 * std::max(std::abs(a), std::abs(b));
}

bool closeTiers(const std::vector<PriceTier>& a, const std::vector<PriceTier>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const bool bounds = sameAfterConversion(a[i].from, b[i].from) &&
                            a[i].upTo.has_value() == b[i].upTo.has_value() &&
                            (!a[i].upTo || sameAfterConversion(*a[i].upTo, *b[i].upTo));
        if (!bounds || !sameAfterConversion(a[i].price, b[i].price)) return false;
    }
    return true;
}

struct OfferTiers {
    std::vector<PriceTier> tiers; ///< in the offer's unit, per 1
    std::string unit;
    std::string effectiveDate;
    std::string pointer; ///< of the term used
};

class TermReader {
public:
    TermReader(const OfferFile& offer, const OfferRule& rule) : m_offer(offer), m_rule(rule) {}

    [[noreturn]] void fail(const std::string& pointer, const std::string& message) const {
        throw PriceBookError(m_offer.file, pointer, message);
    }

    // The term of `sku` with the latest effective date, as tiers in the offer's unit.
    OfferTiers read(const std::string& sku, const Json& term) const {
        const std::string at = pointerChild("/terms/OnDemand", sku);
        if (!term.is_object() || term.empty())
            fail(at, "the on-demand terms of a product must be a non-empty object");
        const Json* chosen = nullptr;
        std::string chosenAt, chosenDate;
        for (auto it = term.begin(); it != term.end(); ++it) {
            const std::string codeAt = pointerChild(at, it.key());
            if (!it->is_object()) fail(codeAt, "a term must be an object");
            const auto date = it->find("effectiveDate");
            if (date == it->end() || !date->is_string() ||
                date->get_ref<const std::string&>().size() < 10)
                fail(pointerChild(codeAt, "effectiveDate"),
                     "missing or malformed \"effectiveDate\" (such as \"2026-11-01T00:00:00Z\")");
            const std::string day = date->get<std::string>().substr(0, 10);
            if (!chosen || day > chosenDate) {
                chosen = &*it;
                chosenAt = codeAt;
                chosenDate = day;
            }
        }
        OfferTiers out = dimensions(*chosen, chosenAt);
        out.effectiveDate = chosenDate;
        out.pointer = chosenAt;
        return out;
    }

private:
    OfferTiers dimensions(const Json& term, const std::string& at) const {
        const auto dims = term.find("priceDimensions");
        const std::string dimsAt = pointerChild(at, "priceDimensions");
        if (dims == term.end()) fail(at, "missing \"priceDimensions\"");
        if (!dims->is_object() || dims->empty())
            fail(dimsAt, "\"priceDimensions\" must be a non-empty object");
        struct Dim {
            double begin;
            std::optional<double> end;
            double price;
            std::string at;
        };
        std::vector<Dim> list;
        OfferTiers out;
        for (auto it = dims->begin(); it != dims->end(); ++it) {
            const std::string dAt = pointerChild(dimsAt, it.key());
            if (!it->is_object()) fail(dAt, "a price dimension must be an object");
            const std::string unit = text(*it, dAt, "unit");
            if (std::none_of(m_rule.units.begin(), m_rule.units.end(),
                             [&](const std::string& u) { return equalsNoCase(u, unit); }))
                fail(pointerChild(dAt, "unit"), "unit \"" + unit + "\" is not one \"" + m_rule.id +
                                                    "\" can take (expected \"" +
                                                    m_rule.units.front() + "\")");
            out.unit = unit;
            list.push_back({range(*it, dAt, {"beginRange", "startingRange"}, false).value_or(0),
                            range(*it, dAt, {"endRange", "endingRange"}, true), usd(*it, dAt),
                            dAt});
        }
        std::sort(list.begin(), list.end(),
                  [](const Dim& a, const Dim& b) { return a.begin < b.begin; });
        for (std::size_t i = 0; i < list.size(); ++i) {
            const Dim& d = list[i];
            if (i == 0 && d.begin != 0)
                fail(pointerChild(d.at, "beginRange"), "the first range must begin at 0");
            if (i > 0 && (!list[i - 1].end || *list[i - 1].end != d.begin))
                fail(pointerChild(d.at, "beginRange"),
                     "ranges must follow each other: this one begins at " +
                         formatQuantity(d.begin) + ", the one before ends at " +
                         (list[i - 1].end ? formatQuantity(*list[i - 1].end) : "Inf"));
            if (d.end && *d.end <= d.begin)
                fail(pointerChild(d.at, "endRange"), "\"endRange\" must be above \"beginRange\"");
            out.tiers.push_back({d.begin, d.end, d.price});
        }
        if (out.tiers.back().upTo)
            fail(pointerChild(list.back().at, "endRange"), "the last range must end at \"Inf\"");
        return out;
    }

    std::string text(const Json& dim, const std::string& at, const char* key) const {
        const auto v = dim.find(key);
        if (v == dim.end()) fail(at, std::string("missing \"") + key + "\"");
        if (!v->is_string() || v->get_ref<const std::string&>().empty())
            fail(pointerChild(at, key), std::string("\"") + key + "\" must be a non-empty string");
        return v->get<std::string>();
    }

    // beginRange / endRange (the AWS page calls them startingRange / endingRange); "Inf": none.
    std::optional<double> range(const Json& dim, const std::string& at,
                                std::pair<const char*, const char*> keys, bool end) const {
        const char* key = dim.contains(keys.first) ? keys.first : keys.second;
        const auto v = dim.find(key);
        if (v == dim.end()) return std::nullopt;
        if (end && *v == "Inf") return std::nullopt;
        const auto d = decimal(*v);
        // No quantity in a price book reaches 10^15 (PriceItemReader's limit).
        if (!d || *d > 1e15)
            fail(pointerChild(at, key), std::string("\"") + key + "\" must be a decimal string" +
                                            (end ? " or \"Inf\"" : "") + " below 1e15 (got " +
                                            v->dump() + ")");
        return d;
    }

    double usd(const Json& dim, const std::string& at) const {
        const auto ppu = dim.find("pricePerUnit");
        const std::string ppuAt = pointerChild(at, "pricePerUnit");
        if (ppu == dim.end()) fail(at, "missing \"pricePerUnit\"");
        if (!ppu->is_object()) fail(ppuAt, "\"pricePerUnit\" must be an object");
        const auto v = ppu->find("USD");
        if (v == ppu->end())
            fail(ppuAt, "no \"USD\" price (the price book is in USD; other currencies are not "
                        "converted)");
        const auto d = decimal(*v);
        if (!d || *d > 1e6) // no AWS unit price reaches $1,000,000 (PriceItemReader's limit)
            fail(pointerChild(ppuAt, "USD"),
                 "a price must be a decimal string such as \"0.20\", below 1000000 (got " +
                     v->dump() + ")");
        return *d;
    }

    const OfferFile& m_offer;
    const OfferRule& m_rule;
};

} // namespace

std::size_t OfferImport::importedCount() const {
    std::size_t n = 0;
    for (const OfferSummary& o : offers)
        n += o.imported.size();
    return n;
}

OfferImporter::OfferImporter(const PriceBook& book, std::string region)
    : m_book(book), m_region(std::move(region)), m_location(priceListLocation(m_region)),
      m_rules(offerRulesFor(book)) {}

std::vector<std::string> OfferImporter::offerCodes() const {
    std::vector<std::string> codes;
    for (const OfferRule& r : m_rules)
        if (std::find(codes.begin(), codes.end(), r.offerCode) == codes.end())
            codes.push_back(r.offerCode);
    return codes;
}

ImportedPrice OfferImporter::priceOf(const OfferRule& rule, const OfferFile& offer,
                                     const std::vector<std::string>& skus) const {
    const TermReader reader(offer, rule);
    std::optional<OfferTiers> first;
    std::string firstSku;
    for (const std::string& sku : skus) {
        OfferTiers t = reader.read(sku, offer.onDemand.at(sku));
        if (!first) {
            first = std::move(t);
            firstSku = sku;
        } else if (!sameTiers(first->tiers, t.tiers)) {
            reader.fail(pointerChild("/products", sku),
                        "products " + firstSku + " and " + sku + " both match \"" + rule.id +
                            "\" in " + m_region +
                            " but their prices differ; the import cannot "
                            "tell which one the price book means");
        }
    }
    const PriceItem& item = m_book.at(rule.id);
    ImportedPrice out;
    out.id = rule.id;
    out.sku = firstSku;
    out.effectiveDate = first->effectiveDate;
    std::vector<PriceTier> tiers = first->tiers;
    // A leading $0 range is a free tier (SNS's first million requests, DynamoDB's 25 GB): the
    // book takes it off the bottom, then prices the rest from 0.
    if (tiers.size() > 1 && tiers.front().price == 0) {
        const double free = *tiers.front().upTo;
        out.freeQuantity = tidy(free * rule.bookUnitsPerOfferUnit);
        tiers.erase(tiers.begin());
        for (PriceTier& t : tiers) {
            t.from -= free;
            if (t.upTo) *t.upTo -= free;
        }
    }
    for (PriceTier& t : tiers) {
        t.from = tidy(t.from * rule.bookUnitsPerOfferUnit);
        if (t.upTo) t.upTo = tidy(*t.upTo * rule.bookUnitsPerOfferUnit);
        t.price = tidy(t.price / rule.bookUnitsPerOfferUnit * item.per);
    }
    out.tiers = std::move(tiers);
    out.changed = !closeTiers(out.tiers, item.tiers) ||
                  (out.freeQuantity && *out.freeQuantity != item.freeQuantity);
    return out;
}

namespace {

Json itemJson(const ImportedPrice& p, const PriceItem& item, const OfferFile& offer) {
    Json out = Json::object();
    if (p.tiers.size() == 1) {
        out["price"] = p.tiers.front().price;
    } else {
        Json tiers = Json::array();
        for (const PriceTier& t : p.tiers) {
            Json tier = {{"from", t.from}};
            if (t.upTo) tier["upTo"] = *t.upTo;
            tier["price"] = t.price;
            tiers.push_back(std::move(tier));
        }
        out["tiers"] = std::move(tiers);
    }
    if (p.freeQuantity) {
        out["freeTier"] = {{"quantity", *p.freeQuantity}};
        if (!item.freePool.empty()) out["freeTier"]["pool"] = item.freePool;
    }
    out["source"] = "AWS Price List API, offer " + offer.offerCode + " version " + offer.version +
                    " published " + offer.publicationDate + ", SKU " + p.sku;
    out["confidence"] = "high";
    out["note"] = "Price effective " + p.effectiveDate + ", imported from " +
                  std::filesystem::path(offer.file).filename().string() +
                  " by flowcast-cli prices import; the billing rules (free tier, rounding, "
                  "minimum) are the built-in book's unless the offer gave a $0 first range.";
    return out;
}

} // namespace

OfferImport OfferImporter::run(const std::vector<std::filesystem::path>& files) const {
    OfferImport result;
    result.region = m_region;
    result.priceBook = {{"region", m_region}, {"currency", "USD"}};
    Json prices = Json::object();
    const auto wanted = [this](const std::string&, const Json& product) {
        return std::any_of(m_rules.begin(), m_rules.end(), [&](const OfferRule& r) {
            return r.matches(product, m_region, m_location);
        });
    };
    const std::vector<std::string> codes = offerCodes();
    for (const std::filesystem::path& path : files) {
        const OfferFile offer = OfferReader::read(path, wanted);
        if (std::find(codes.begin(), codes.end(), offer.offerCode) == codes.end()) {
            std::string known;
            for (const std::string& c : codes)
                known += (known.empty() ? "" : ", ") + c;
            throw PriceBookError(
                offer.file, "/offerCode",
                "offer \"" + offer.offerCode +
                    "\" prices nothing in the price book (offers it reads: " + known + ")");
        }
        for (const OfferSummary& seen : result.offers)
            if (seen.offerCode == offer.offerCode)
                throw PriceBookError(offer.file, "/offerCode",
                                     "offer \"" + offer.offerCode + "\" was already read from " +
                                         seen.file);
        OfferSummary summary{offer.file,
                             offer.offerCode,
                             offer.version,
                             offer.publicationDate,
                             offer.productCount,
                             {},
                             {}};
        for (const OfferRule& rule : m_rules) {
            if (rule.offerCode != offer.offerCode) continue;
            std::vector<std::string> skus;
            for (const auto& entry : offer.products)
                if (offer.onDemand.count(entry.first) &&
                    rule.matches(entry.second, m_region, m_location))
                    skus.push_back(entry.first);
            if (skus.empty()) {
                summary.notInOffer.push_back(rule.id);
                continue;
            }
            ImportedPrice p = priceOf(rule, offer, skus);
            prices[p.id] = itemJson(p, m_book.at(p.id), offer);
            result.asOf = std::max(result.asOf, p.effectiveDate);
            summary.imported.push_back(std::move(p));
        }
        result.offers.push_back(std::move(summary));
    }
    for (const PriceItem& item : m_book.items()) {
        const auto rule = std::find_if(m_rules.begin(), m_rules.end(),
                                       [&](const OfferRule& r) { return r.id == item.id; });
        if (rule == m_rules.end()) {
            result.notImportable.push_back(item.id);
            continue;
        }
        const bool given =
            std::any_of(result.offers.begin(), result.offers.end(),
                        [&](const OfferSummary& o) { return o.offerCode == rule->offerCode; });
        if (given) continue;
        auto group = std::find_if(result.noOffer.begin(), result.noOffer.end(),
                                  [&](const auto& g) { return g.first == rule->offerCode; });
        if (group == result.noOffer.end())
            group = result.noOffer.insert(result.noOffer.end(), {rule->offerCode, {}});
        group->second.push_back(item.id);
    }
    if (!result.asOf.empty()) result.priceBook["asOf"] = result.asOf;
    std::string description =
        "On-demand prices imported from the AWS Price List API for " + m_region + " (";
    for (std::size_t i = 0; i < result.offers.size(); ++i)
        description +=
            (i ? ", " : "") + result.offers[i].offerCode + " " + result.offers[i].version;
    result.priceBook["description"] =
        description + ") by flowcast-cli prices import. Give it to --price-book: it changes the "
                      "prices of the built-in book and keeps its billing rules.";
    result.priceBook["prices"] = std::move(prices);
    return result;
}

} // namespace flowcast::model
