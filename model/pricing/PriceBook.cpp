#include "model/pricing/PriceBook.h"

#include "model/asl/AslReader.h"
#include "model/asl/JsonPointer.h"
#include "model/pricing/DefaultPriceBook.h"
#include "model/pricing/PriceBookError.h"
#include "model/pricing/PriceFormat.h"
#include "model/pricing/PriceItemReader.h"

#include <algorithm>
#include <stdexcept>

namespace flowcast::model {
namespace {

// The first error of a read, as the house's "line L, column C: message" at its pointer.
Json parsed(const ReadResult& read, const std::string& file) {
    for (const Diagnostic& d : read.diagnostics) {
        if (!d.isError()) continue;
        const std::string where = d.line > 0 ? "line " + std::to_string(d.line) + ", column " +
                                                   std::to_string(d.column) + ": "
                                             : std::string();
        throw PriceBookError(file, d.location, where + d.message);
    }
    if (!read.json) throw PriceBookError(file, "", "the file could not be read");
    return *read.json;
}

bool isDate(const std::string& s) {
    // YYYY-MM-DD with a month 01-12 and a day 01-31; enough to catch "21/11/2026" and typos.
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    const int month = std::stoi(s.substr(5, 2));
    const int day = std::stoi(s.substr(8, 2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool isCurrency(const std::string& s) {
    return s.size() == 3 &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// One tier's share of the billed volume [start, end): the part that falls in [from, upTo).
double shareOf(const PriceTier& tier, double start, double end) {
    const double top = tier.upTo ? std::min(*tier.upTo, end) : end;
    return std::max(0.0, top - std::max(tier.from, start));
}

} // namespace

std::int64_t PriceQuote::cents() const {
    return centsOf(amountUsd);
}

PriceBook PriceBook::builtIn() {
    const std::string file(kDefaultPriceBookName);
    return fromJson(parsed(AslReader::readText(defaultPriceBookText(), TextFormat::Json), file),
                    file);
}

const PriceBook& PriceBook::defaults() {
    static const PriceBook book = builtIn();
    return book;
}

PriceBook PriceBook::load(const std::optional<std::filesystem::path>& userFile) {
    PriceBook book = builtIn();
    return userFile ? book.withOverrides(*userFile) : book;
}

PriceBook PriceBook::readFile(const std::filesystem::path& file) {
    return fromJson(parsed(AslReader::readFile(file), file.string()), file.string());
}

PriceBook PriceBook::fromJson(const Json& document, const std::string& file) {
    PriceBook book;
    book.merge(document, file, true);
    return book;
}

PriceBook PriceBook::withOverrides(const std::filesystem::path& file) const {
    return withOverrides(parsed(AslReader::readFile(file), file.string()), file.string());
}

PriceBook PriceBook::withOverrides(const Json& document, const std::string& file) const {
    PriceBook book = *this;
    book.merge(document, file, false);
    return book;
}

void PriceBook::merge(const Json& document, const std::string& file, bool complete) {
    const PriceItemReader reader(file);
    if (!document.is_object()) reader.fail("", "a price book must be a JSON object");
    for (auto it = document.begin(); it != document.end(); ++it) {
        static constexpr std::string_view kKeys[] = {"region", "currency", "asOf", "description",
                                                     "prices"};
        if (std::find(std::begin(kKeys), std::end(kKeys), it.key()) == std::end(kKeys))
            reader.fail(pointerChild("", it.key()), "unknown field \"" + it.key() + "\"");
    }
    if (complete)
        for (const char* key : {"region", "currency", "asOf", "prices"})
            if (!document.contains(key)) reader.fail("", std::string("missing \"") + key + "\"");
    auto textAt = [&](const char* key, bool (*valid)(const std::string&), const char* what) {
        const Json& v = document.at(key);
        if (!v.is_string() || !valid(v.get_ref<const std::string&>()))
            reader.fail(pointerChild("", key), std::string("\"") + key + "\" must be " + what);
        return v.get<std::string>();
    };
    auto nonEmpty = [](const std::string& s) { return !s.empty(); };
    if (document.contains("region"))
        m_region = textAt("region", nonEmpty, "a non-empty string such as \"us-east-1\"");
    if (document.contains("currency")) {
        const std::string currency =
            textAt("currency", isCurrency, "a three-letter code such as \"USD\"");
        if (!complete && currency != m_currency)
            reader.fail("/currency", "\"currency\" is \"" + currency +
                                         "\" but the book it changes is in \"" + m_currency + "\"");
        m_currency = currency;
    }
    if (document.contains("asOf")) m_asOf = textAt("asOf", isDate, "a date such as \"2026-11-21\"");
    if (document.contains("description"))
        m_description = textAt("description", nonEmpty, "a non-empty string");
    if (auto prices = document.find("prices"); prices != document.end())
        mergePrices(*prices, reader);
    m_files.push_back(file);
}

void PriceBook::mergePrices(const Json& prices, const PriceItemReader& reader) {
    if (!prices.is_object()) reader.fail("/prices", "\"prices\" must be an object");
    for (auto it = prices.begin(); it != prices.end(); ++it) {
        // Merge by id: a known id is changed in place (its position kept), a new one appended.
        auto existing = std::find_if(m_items.begin(), m_items.end(),
                                     [&](const PriceItem& i) { return i.id == it.key(); });
        if (existing != m_items.end()) {
            *existing = reader.read(it.value(), it.key(), &*existing);
        } else {
            m_items.push_back(reader.read(it.value(), it.key(), nullptr));
        }
    }
}

const PriceItem* PriceBook::find(std::string_view id) const {
    auto it = std::find_if(m_items.begin(), m_items.end(),
                           [&](const PriceItem& i) { return i.id == id; });
    return it == m_items.end() ? nullptr : &*it;
}

const PriceItem& PriceBook::at(std::string_view id) const {
    if (const PriceItem* item = find(id)) return *item;
    throw PriceBookError(m_files.empty() ? std::string() : m_files.back(),
                         pointerChild("/prices", id),
                         "the price book has no price \"" + std::string(id) + "\"");
}

PriceQuote PriceBook::quote(std::string_view id, double monthlyQuantity,
                            const QuoteOptions& options) const {
    const PriceItem& item = at(id);
    if (!(monthlyQuantity >= 0))
        throw std::invalid_argument("quote: the quantity of \"" + std::string(id) +
                                    "\" must be >= 0");
    PriceQuote q;
    q.quantity = monthlyQuantity;
    // The free tier comes off the bottom, then the tiers price what is left (as the AWS Pricing
    // Calculator does: "1,500,000 GB-s - 400,000 free = 1,100,000 GB-s x price").
    const double free = std::max(0.0, options.freeAvailable.value_or(item.freeQuantity));
    q.freeQuantity = std::min(free, monthlyQuantity);
    q.billedQuantity = monthlyQuantity - q.freeQuantity;

    const auto amount = [&](double qty) {
        return formatQuantity(qty) + " " + unitLabel(item.unit, qty);
    };
    std::string f =
        options.quantityFormula.empty() ? amount(monthlyQuantity) : options.quantityFormula;
    if (q.freeQuantity > 0)
        f += " − " + amount(q.freeQuantity) + " free = " + amount(q.billedQuantity);
    else if (!options.quantityFormula.empty())
        f += " = " + amount(q.billedQuantity);
    const std::string per = item.per == 1 ? "" : " per " + formatQuantity(item.per);
    std::vector<std::string> parts;
    for (const PriceTier& tier : item.tiers) {
        const double start = std::max(0.0, options.tierOffset);
        const double share = shareOf(tier, start, start + q.billedQuantity);
        if (share <= 0 && !parts.empty()) continue;
        q.amountUsd += share * tier.price / item.per;
        parts.push_back(amount(share) + " × " + formatUnitPrice(tier.price) + per);
    }
    if (parts.size() == 1) {
        f += " × " + formatUnitPrice(item.tiers.front().price) + per;
    } else {
        for (std::size_t i = 0; i < parts.size(); ++i)
            f += (i == 0 ? " = " : " + ") + parts[i];
    }
    q.formula = f + " = " + formatUsd(q.amountUsd);
    return q;
}

namespace {

Json rulesJson(const RequestRules& rules, bool minimum) {
    Json out = Json::object();
    for (Measure m : kMeasures)
        if (const auto v = minimum ? rules.minimum(m) : rules.step(m))
            out[std::string(measureKey(m))] = *v;
    return out;
}

Json itemJson(const PriceItem& item) {
    Json out = Json::object();
    out["service"] = item.service;
    if (!item.description.empty()) out["description"] = item.description;
    out["unit"] = item.unit;
    if (item.isTiered()) {
        Json tiers = Json::array();
        for (const PriceTier& t : item.tiers) {
            Json tier = {{"from", t.from}};
            if (t.upTo) tier["upTo"] = *t.upTo;
            tier["price"] = t.price;
            tiers.push_back(std::move(tier));
        }
        out["tiers"] = std::move(tiers);
    } else {
        out["price"] = item.basePrice();
    }
    if (item.per != 1) out["per"] = item.per;
    if (item.freeQuantity > 0 || !item.freePool.empty()) {
        out["freeTier"] = {{"quantity", item.freeQuantity}};
        if (!item.freePool.empty()) out["freeTier"]["pool"] = item.freePool;
    }
    if (Json r = rulesJson(item.rules, false); !r.empty()) out["roundUp"] = std::move(r);
    if (Json r = rulesJson(item.rules, true); !r.empty()) out["minimum"] = std::move(r);
    if (item.instance)
        out["instance"] = {{"vcpu", item.instance->vcpu}, {"memoryGiB", item.instance->memoryGiB}};
    if (item.initBilled) out["initBilled"] = true;
    out["source"] = item.source;
    if (item.weak) out["confidence"] = "weak";
    if (!item.note.empty()) out["note"] = item.note;
    return out;
}

} // namespace

Json PriceBook::toJson() const {
    Json out = {{"region", m_region}, {"currency", m_currency}, {"asOf", m_asOf}};
    if (!m_description.empty()) out["description"] = m_description;
    Json prices = Json::object();
    for (const PriceItem& item : m_items)
        prices[item.id] = itemJson(item);
    out["prices"] = std::move(prices);
    return out;
}

} // namespace flowcast::model
