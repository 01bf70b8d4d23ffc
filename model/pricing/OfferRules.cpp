#include "model/pricing/OfferRules.h"

#include <string_view>

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

} // namespace

std::string priceListLocation(std::string_view region) {
    for (const auto& entry : kLocations)
        if (region == entry.first) return entry.second;
    return {};
}

std::vector<OfferRule> offerRulesFor(const PriceBook& book) {
    std::vector<OfferRule> rules;
    for (const PriceItem& item : book.items()) {
        if (auto r = instanceRule(item.id)) {
            rules.push_back(std::move(*r));
            continue;
        }
        for (const FixedRule& f : kFixedRules) {
            if (item.id != f.id) continue;
            OfferRule r{f.id,        f.offerCode, f.productFamily,        {},
                        f.usageType, {},          f.bookUnitsPerOfferUnit};
            for (const auto& a : f.attributes)
                r.attributes.push_back({a.first, a.second, false});
            r.units.assign(f.units.begin(), f.units.end());
            rules.push_back(std::move(r));
        }
    }
    return rules;
}

bool OfferRule::matches(const Json& product, const std::string& region,
                        const std::string& location) const {
    if (!productFamily.empty() && product.value("productFamily", "") != productFamily) return false;
    const Json& given = product.at("attributes");
    const auto attribute = [&](const char* name) -> const std::string* {
        const auto it = given.find(name);
        return it == given.end() ? nullptr : &it->get_ref<const std::string&>();
    };
    // The region: "regionCode" where the offer has it, else the "location" name.
    if (const std::string* code = attribute("regionCode")) {
        if (*code != region) return false;
    } else if (const std::string* named = attribute("location")) {
        if (location.empty() || *named != location) return false;
    } else {
        return false;
    }
    if (!usageType.empty()) {
        // "USE1-Lambda-GB-Second" or "Lambda-GB-Second": a one-word region prefix at most, so
        // that "Lambda-Provisioned-GB-Second" does not pass for "GB-Second".
        const std::string* usage = attribute("usagetype");
        if (!usage) return false;
        const std::string& u = *usage;
        if (u != usageType) {
            const std::string tail = "-" + usageType;
            if (u.size() <= tail.size() || u.compare(u.size() - tail.size(), tail.size(), tail))
                return false;
            if (u.substr(0, u.size() - tail.size()).find('-') != std::string::npos) return false;
        }
    }
    for (const OfferRule::Attribute& a : attributes) {
        const std::string* value = attribute(a.name.c_str());
        if (value ? *value != a.value : !a.optional) return false;
    }
    return true;
}

} // namespace flowcast::model
