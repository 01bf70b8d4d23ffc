#include "model/pricing/PriceItemReader.h"

#include "model/asl/JsonPointer.h"
#include "model/pricing/PriceBookError.h"
#include "model/pricing/PriceFormat.h"

#include <algorithm>
#include <utility>

namespace flowcast::model {
namespace {

bool isIdChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_';
}

std::string inQuotes(std::string_view key) {
    return "\"" + std::string(key) + "\"";
}

// The item's text fields, in the order a missing one is reported.
constexpr std::pair<const char*, std::string PriceItem::*> kTextFields[] = {
    {"service", &PriceItem::service},
    {"description", &PriceItem::description},
    {"unit", &PriceItem::unit},
    {"source", &PriceItem::source},
    {"note", &PriceItem::note}};

} // namespace

void PriceItemReader::fail(const std::string& pointer, const std::string& message) const {
    throw PriceBookError(m_file, pointer, message);
}

void PriceItemReader::checkKeys(const Json& object, const std::string& pointer,
                                std::initializer_list<std::string_view> known) const {
    for (auto it = object.begin(); it != object.end(); ++it)
        if (std::find(known.begin(), known.end(), it.key()) == known.end())
            fail(pointerChild(pointer, it.key()), "unknown field " + inQuotes(it.key()));
}

double PriceItemReader::number(const Json& value, const std::string& pointer, std::string_view key,
                               bool zeroAllowed) const {
    const bool ok =
        value.is_number() && (zeroAllowed ? value.get<double>() >= 0 : value.get<double>() > 0);
    if (!ok)
        fail(pointer, inQuotes(key) + " must be a number " + (zeroAllowed ? ">= 0" : "> 0") +
                          " (got " + value.dump() + ")");
    // Absurd values are refused rather than priced: no AWS unit price reaches $1,000,000, and
    // no quantity in a book (tier bounds, free tiers, per) reaches 10^15.
    const double limit = key == "price" ? 1e6 : 1e15;
    if (value.get<double>() > limit)
        fail(pointer, inQuotes(key) + " is out of range (got " + value.dump() + ", at most " +
                          (key == "price" ? std::string("1000000") : std::string("1e15")) + ")");
    return value.get<double>();
}

std::string PriceItemReader::text(const Json& value, const std::string& pointer,
                                  std::string_view key) const {
    if (!value.is_string() || value.get_ref<const std::string&>().empty())
        fail(pointer, inQuotes(key) + " must be a non-empty string");
    return value.get<std::string>();
}

PriceItem PriceItemReader::read(const Json& value, std::string_view id,
                                const PriceItem* base) const {
    const std::string at = pointerChild("/prices", id);
    if (id.empty() || !std::all_of(id.begin(), id.end(), isIdChar))
        fail(at,
             "price id " + inQuotes(id) + " may hold only letters, digits, \".\", \"-\" and \"_\"");
    if (!value.is_object())
        fail(at, "price " + inQuotes(id) + " must be an object (got " + jsonTypeName(value) + ")");
    checkKeys(value, at,
              {"service", "description", "unit", "price", "tiers", "per", "freeTier", "roundUp",
               "minimum", "instance", "initBilled", "source", "confidence", "note"});
    if (value.contains("price") && value.contains("tiers"))
        fail(at, "give \"price\" or \"tiers\", not both");

    PriceItem item = base ? *base : PriceItem{};
    item.id = std::string(id);
    readFields(value, at, item);

    // A price that changes needs its own source: the base's would then vouch for a figure it
    // never gave.
    const bool priceSet =
        value.contains("price") || value.contains("tiers") || value.contains("per");
    if (base && priceSet && !value.contains("source"))
        fail(at, "a changed price needs its own \"source\"");
    if (priceSet || !base) item.origin = m_file;
    for (const auto& [key, field] : kTextFields) {
        const bool required =
            key != std::string_view("description") && key != std::string_view("note");
        if (required && (item.*field).empty()) fail(at, std::string("missing ") + inQuotes(key));
    }
    if (item.tiers.empty()) fail(at, "missing \"price\" or \"tiers\"");
    return item;
}

void PriceItemReader::readFields(const Json& value, const std::string& at, PriceItem& item) const {
    for (const auto& [key, field] : kTextFields) {
        if (auto it = value.find(key); it != value.end())
            item.*field = text(*it, pointerChild(at, key), key);
    }
    if (auto it = value.find("price"); it != value.end())
        item.tiers = {
            PriceTier{0, std::nullopt, number(*it, pointerChild(at, "price"), "price", true)}};
    if (auto it = value.find("tiers"); it != value.end())
        readTiers(*it, pointerChild(at, "tiers"), item);
    if (auto it = value.find("per"); it != value.end())
        item.per = number(*it, pointerChild(at, "per"), "per", false);
    if (auto it = value.find("freeTier"); it != value.end())
        readFreeTier(*it, pointerChild(at, "freeTier"), item);
    if (auto it = value.find("roundUp"); it != value.end())
        readRules(*it, pointerChild(at, "roundUp"), false, item);
    if (auto it = value.find("minimum"); it != value.end())
        readRules(*it, pointerChild(at, "minimum"), true, item);
    if (auto it = value.find("instance"); it != value.end())
        readInstance(*it, pointerChild(at, "instance"), item);
    if (auto it = value.find("initBilled"); it != value.end()) {
        if (!it->is_boolean())
            fail(pointerChild(at, "initBilled"), "\"initBilled\" must be true or false");
        item.initBilled = it->get<bool>();
    }
    if (auto it = value.find("confidence"); it != value.end()) {
        if (!it->is_string() || (*it != "high" && *it != "weak"))
            fail(pointerChild(at, "confidence"), "\"confidence\" must be \"high\" or \"weak\"");
        item.weak = *it == "weak";
    }
}

void PriceItemReader::readTiers(const Json& value, const std::string& pointer,
                                PriceItem& item) const {
    if (!value.is_array() || value.empty()) fail(pointer, "\"tiers\" must be a non-empty array");
    std::vector<PriceTier> tiers;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const Json& t = value[i];
        const std::string at = pointerChild(pointer, i);
        if (!t.is_object())
            fail(at, std::string("a tier must be an object (got ") + jsonTypeName(t) + ")");
        checkKeys(t, at, {"from", "upTo", "price"});
        for (const char* key : {"from", "price"})
            if (!t.contains(key)) fail(at, std::string("missing ") + inQuotes(key));
        PriceTier tier;
        tier.from = number(t["from"], pointerChild(at, "from"), "from", true);
        tier.price = number(t["price"], pointerChild(at, "price"), "price", true);
        if (auto up = t.find("upTo"); up != t.end()) {
            if (!up->is_number() || up->get<double>() <= tier.from)
                fail(pointerChild(at, "upTo"),
                     "\"upTo\" must be a number above \"from\" (got " + up->dump() + ")");
            tier.upTo = up->get<double>();
        }
        if (i == 0 && tier.from != 0)
            fail(pointerChild(at, "from"), "the first tier must start at 0");
        if (i > 0) {
            const PriceTier& prev = tiers.back();
            if (!prev.upTo)
                fail(pointerChild(pointer, i - 1), "only the last tier may leave out \"upTo\"");
            if (tier.from < *prev.upTo)
                fail(pointerChild(at, "from"),
                     "tiers overlap: this one starts at " + formatQuantity(tier.from) +
                         ", before the previous one ends at " + formatQuantity(*prev.upTo));
            if (tier.from > *prev.upTo)
                fail(pointerChild(at, "from"),
                     "tiers leave a gap: this one starts at " + formatQuantity(tier.from) +
                         ", after the previous one ends at " + formatQuantity(*prev.upTo));
        }
        tiers.push_back(tier);
    }
    if (tiers.back().upTo)
        fail(pointerChild(pointerChild(pointer, value.size() - 1), "upTo"),
             "the last tier must leave out \"upTo\", so that every quantity has a price");
    item.tiers = std::move(tiers);
}

void PriceItemReader::readRules(const Json& value, const std::string& pointer, bool minimum,
                                PriceItem& item) const {
    const char* name = minimum ? "minimum" : "roundUp";
    if (!value.is_object())
        fail(pointer, inQuotes(name) + " must be an object such as {\"durationMs\": 1000}");
    // The object given replaces the base's whole: a measure left out has no rule.
    for (Measure m : kMeasures)
        minimum ? item.rules.setMinimum(m, std::nullopt) : item.rules.setStep(m, std::nullopt);
    for (auto it = value.begin(); it != value.end(); ++it) {
        const auto m = std::find_if(kMeasures.begin(), kMeasures.end(),
                                    [&](Measure x) { return measureKey(x) == it.key(); });
        if (m == kMeasures.end())
            fail(pointerChild(pointer, it.key()),
                 "unknown measure " + inQuotes(it.key()) +
                     " (use durationMs, memoryMb, dataKb or dataMb)");
        const double v = number(*it, pointerChild(pointer, it.key()), it.key(), false);
        minimum ? item.rules.setMinimum(*m, v) : item.rules.setStep(*m, v);
    }
}

void PriceItemReader::readFreeTier(const Json& value, const std::string& pointer,
                                   PriceItem& item) const {
    if (!value.is_object())
        fail(pointer, "\"freeTier\" must be an object such as {\"quantity\": 1000000}");
    checkKeys(value, pointer, {"quantity", "pool"});
    if (!value.contains("quantity")) fail(pointer, "missing \"quantity\"");
    item.freeQuantity =
        number(value["quantity"], pointerChild(pointer, "quantity"), "quantity", true);
    item.freePool.clear();
    if (auto it = value.find("pool"); it != value.end())
        item.freePool = text(*it, pointerChild(pointer, "pool"), "pool");
}

void PriceItemReader::readInstance(const Json& value, const std::string& pointer,
                                   PriceItem& item) const {
    if (!value.is_object())
        fail(pointer, "\"instance\" must be an object such as {\"vcpu\": 4, \"memoryGiB\": 16}");
    checkKeys(value, pointer, {"vcpu", "memoryGiB"});
    for (const char* key : {"vcpu", "memoryGiB"})
        if (!value.contains(key)) fail(pointer, std::string("missing ") + inQuotes(key));
    const Json& vcpu = value["vcpu"];
    if (!vcpu.is_number_integer() || vcpu.get<long long>() < 1)
        fail(pointerChild(pointer, "vcpu"),
             "\"vcpu\" must be an integer >= 1 (got " + vcpu.dump() + ")");
    item.instance = InstanceSize{
        static_cast<int>(vcpu.get<long long>()),
        number(value["memoryGiB"], pointerChild(pointer, "memoryGiB"), "memoryGiB", false)};
}

} // namespace flowcast::model
