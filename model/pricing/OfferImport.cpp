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

// The Price List's "location" of a region, for products that carry no "regionCode" (older
// offers). Regions missing here are matched by "regionCode" only.
constexpr std::pair<const char*, const char*> kLocations[] = {
    {"us-east-1", "US East (N. Virginia)"},
    {"us-east-2", "US East (Ohio)"},
    {"us-west-1", "US West (N. California)"},
    {"us-west-2", "US West (Oregon)"},
    {"ca-central-1", "Canada (Central)"},
    {"eu-west-1", "EU (Ireland)"},
    {"eu-west-2", "EU (London)"},
    {"eu-west-3", "EU (Paris)"},
    {"eu-central-1", "EU (Frankfurt)"},
    {"eu-north-1", "EU (Stockholm)"},
    {"ap-south-1", "Asia Pacific (Mumbai)"},
    {"ap-northeast-1", "Asia Pacific (Tokyo)"},
    {"ap-northeast-2", "Asia Pacific (Seoul)"},
    {"ap-southeast-1", "Asia Pacific (Singapore)"},
    {"ap-southeast-2", "Asia Pacific (Sydney)"},
    {"sa-east-1", "South America (Sao Paulo)"}};

struct FixedRule {
    const char* id;
    const char* offerCode;
    const char* productFamily;
    const char* usageType;
    std::initializer_list<std::pair<const char*, const char*>> attributes;
    std::initializer_list<const char*> units;
    double bookUnitsPerOfferUnit;
};

// The serverless items. Usage types as the Price List and Cost Explorer write them, without the
// region prefix ("USE1-Lambda-GB-Second"; us-east-1 often has none).
const FixedRule kFixedRules[] = {
    {"stepfunctions.standard.transitions",
     "AmazonStates",
     "",
     "StateTransition",
     {},
     {"StateTransitions", "StateTransition"},
     1},
    {"stepfunctions.express.requests",
     "AmazonStates",
     "",
     "StepFunctions-Express-Requests",
     {},
     {"Requests", "Request"},
     1},
    {"stepfunctions.express.duration",
     "AmazonStates",
     "",
     "StepFunctions-Express-GB-Second",
     {},
     {"GB-Second", "GB-Seconds"},
     1.0 / 3600},
    {"lambda.requests", "AWSLambda", "Serverless", "Request", {}, {"Requests", "Request"}, 1},
    {"lambda.duration.x86",
     "AWSLambda",
     "Serverless",
     "Lambda-GB-Second",
     {},
     {"Lambda-GB-Second", "GB-Second", "GB-Seconds"},
     1},
    {"lambda.duration.arm64",
     "AWSLambda",
     "Serverless",
     "Lambda-GB-Second-ARM",
     {},
     {"Lambda-GB-Second", "GB-Second", "GB-Seconds"},
     1},
    {"lambda.ephemeralStorage",
     "AWSLambda",
     "Serverless",
     "Lambda-Storage-Ephemeral-GB-Second",
     {},
     {"GB-Second", "GB-Seconds", "Lambda-GB-Second"},
     1},
    {"glue.etl.dpuHours", "AWSGlue", "", "ETL-DPU-Hour", {}, {"DPU-Hour"}, 1},
    {"glue.etl.flex.dpuHours", "AWSGlue", "", "ETL-Flex-DPU-Hour", {}, {"DPU-Hour"}, 1},
    {"glue.crawler.dpuHours", "AWSGlue", "", "Crawler-DPU-Hour", {}, {"DPU-Hour"}, 1},
    {"athena.sql.scanned", "AmazonAthena", "", "DataScannedInTB", {}, {"Terabytes", "TB"}, 1},
    {"s3.standard.storage",
     "AmazonS3",
     "Storage",
     "TimedStorage-ByteHrs",
     {{"volumeType", "Standard"}},
     {"GB-Mo"},
     1},
    {"s3.standard.putRequests", "AmazonS3", "API Request", "Requests-Tier1", {}, {"Requests"}, 1},
    {"s3.standard.getRequests", "AmazonS3", "API Request", "Requests-Tier2", {}, {"Requests"}, 1},
    {"dynamodb.ondemand.writes",
     "AmazonDynamoDB",
     "Amazon DynamoDB PayPerRequest Throughput",
     "WriteRequestUnits",
     {},
     {"WriteRequestUnits"},
     1},
    {"dynamodb.ondemand.reads",
     "AmazonDynamoDB",
     "Amazon DynamoDB PayPerRequest Throughput",
     "ReadRequestUnits",
     {},
     {"ReadRequestUnits"},
     1},
    {"dynamodb.storage",
     "AmazonDynamoDB",
     "Database Storage",
     "TimedStorage-ByteHrs",
     {},
     {"GB-Mo"},
     1},
    {"sns.publishes", "AmazonSNS", "API Request", "Requests-Tier1", {}, {"Requests"}, 1},
    {"sqs.standard.requests",
     "AWSQueueService",
     "API Request",
     "Requests-Tier1",
     {{"queueType", "Standard"}},
     {"Requests"},
     1},
    {"sqs.fifo.requests",
     "AWSQueueService",
     "API Request",
     "Requests-FIFO-Tier1",
     {{"queueType", "FIFO (first-in, first-out)"}},
     {"Requests"},
     1},
    {"kinesis.provisioned.shardHours",
     "AmazonKinesis",
     "Kinesis Streams",
     "Storage-ShardHour",
     {},
     {"ShardHour", "ShardHours"},
     1},
    {"kinesis.provisioned.putUnits",
     "AmazonKinesis",
     "Kinesis Streams",
     "PutRequestPayloadUnits",
     {},
     {"PutRequestPayloadUnits"},
     1},
    {"kinesis.ondemand.streamHours",
     "AmazonKinesis",
     "Kinesis Streams",
     "OnDemand-StreamHour",
     {},
     {"StreamHour", "StreamHours", "Hrs"},
     1},
    {"kinesis.ondemand.dataIn",
     "AmazonKinesis",
     "Kinesis Streams",
     "OnDemand-BilledIncomingBytes",
     {},
     {"GB", "GigaBytes"},
     1},
    {"kinesis.ondemand.dataOut",
     "AmazonKinesis",
     "Kinesis Streams",
     "OnDemand-BilledOutgoingBytes",
     {},
     {"GB", "GigaBytes"},
     1},
};

bool startsWith(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

bool equalsNoCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// An instance item ("ec2.m5.xlarge", "emr.r5.2xlarge", "sagemaker.ml.m5.large") as a rule.
std::optional<OfferRule> instanceRule(const std::string& id) {
    OfferRule r;
    r.id = id;
    r.units = {"Hrs"};
    if (startsWith(id, "ec2.")) {
        // Linux, shared tenancy, no pre-installed software, an instance in use (not an unused
        // capacity reservation): the price an on-demand instance is billed.
        r.offerCode = "AmazonEC2";
        r.productFamily = "Compute Instance";
        r.attributes = {{"instanceType", id.substr(4)},
                        {"operatingSystem", "Linux"},
                        {"tenancy", "Shared"},
                        {"preInstalledSw", "NA"},
                        {"capacitystatus", "Used", true}};
    } else if (startsWith(id, "emr.")) {
        r.offerCode = "ElasticMapReduce";
        r.productFamily = "Elastic Map Reduce Instance";
        r.attributes = {{"instanceType", id.substr(4)}, {"softwareType", "EMR"}};
    } else if (startsWith(id, "sagemaker.ml.")) {
        r.offerCode = "AmazonSageMaker";
        r.productFamily = "ML Instance";
        r.attributes = {{"instanceName", id.substr(10)}, {"component", "Hosting"}};
    } else {
        return std::nullopt;
    }
    return r;
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
    : m_book(book), m_region(std::move(region)) {
    for (const auto& [code, location] : kLocations)
        if (m_region == code) m_location = location;
    for (const PriceItem& item : book.items()) {
        if (auto r = instanceRule(item.id)) {
            m_rules.push_back(std::move(*r));
            continue;
        }
        for (const FixedRule& f : kFixedRules) {
            if (item.id != f.id) continue;
            OfferRule r{f.id,        f.offerCode, f.productFamily,        {},
                        f.usageType, {},          f.bookUnitsPerOfferUnit};
            for (const auto& a : f.attributes)
                r.attributes.push_back({a.first, a.second, false});
            r.units.assign(f.units.begin(), f.units.end());
            m_rules.push_back(std::move(r));
        }
    }
}

std::vector<std::string> OfferImporter::offerCodes() const {
    std::vector<std::string> codes;
    for (const OfferRule& r : m_rules)
        if (std::find(codes.begin(), codes.end(), r.offerCode) == codes.end())
            codes.push_back(r.offerCode);
    return codes;
}

bool OfferImporter::matches(const OfferRule& rule, const Json& product) const {
    if (!rule.productFamily.empty() && product.value("productFamily", "") != rule.productFamily)
        return false;
    const Json& attributes = product.at("attributes");
    const auto attribute = [&](const char* name) -> const std::string* {
        const auto it = attributes.find(name);
        return it == attributes.end() ? nullptr : &it->get_ref<const std::string&>();
    };
    // The region: "regionCode" where the offer has it, else the "location" name.
    if (const std::string* code = attribute("regionCode")) {
        if (*code != m_region) return false;
    } else if (const std::string* location = attribute("location")) {
        if (m_location.empty() || *location != m_location) return false;
    } else {
        return false;
    }
    if (!rule.usageType.empty()) {
        // "USE1-Lambda-GB-Second" or "Lambda-GB-Second": a one-word region prefix at most, so
        // that "Lambda-Provisioned-GB-Second" does not pass for "GB-Second".
        const std::string* usage = attribute("usagetype");
        if (!usage) return false;
        const std::string& u = *usage;
        if (u != rule.usageType) {
            const std::string tail = "-" + rule.usageType;
            if (u.size() <= tail.size() || u.compare(u.size() - tail.size(), tail.size(), tail))
                return false;
            if (u.substr(0, u.size() - tail.size()).find('-') != std::string::npos) return false;
        }
    }
    for (const OfferRule::Attribute& a : rule.attributes) {
        const std::string* value = attribute(a.name.c_str());
        if (value ? *value != a.value : !a.optional) return false;
    }
    return true;
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
    out.changed = !sameTiers(out.tiers, item.tiers) ||
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
        return std::any_of(m_rules.begin(), m_rules.end(),
                           [&](const OfferRule& r) { return matches(r, product); });
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
                if (offer.onDemand.count(entry.first) && matches(rule, entry.second))
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
