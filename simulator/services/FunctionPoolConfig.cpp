// FunctionPool's scenario form: reading it, and checking it against the account's concurrency.
#include "model/asl/JsonPointer.h"
#include "model/scenario/ScenarioError.h"
#include "simulator/services/FunctionPool.h"
#include "simulator/services/SpecReader.h"

#include <algorithm>

namespace flowcast::sim {

namespace {

FunctionPool::ScalingRate parseScalingRate(const model::Json& spec, const std::string& pointer) {
    SpecReader reader(spec, pointer, "scalingRate");
    FunctionPool::ScalingRate rate;
    // AWS, 2023-11-27: each function scales by 1,000 execution environments every 10 seconds.
    rate.environments = reader.integer("environments", 1000, 1, 1'000'000);
    rate.per = SimTime::fromSeconds(reader.number("perSeconds", 10, 0.001, 86'400));
    reader.rejectUnknown();
    return rate;
}

} // namespace

FunctionPool::Config FunctionPool::parseConfig(const model::Json& spec, const std::string& pointer,
                                               std::shared_ptr<const Distribution> defaultColdStart,
                                               const std::filesystem::path& baseDir) {
    SpecReader reader(spec, pointer, "a lambda service");
    reader.choice("kind", "lambda", {"lambda"});
    Config config;
    // Lambda memory: 128 MB to 10,240 MB in 1-MB steps; 1,024 MB is Flowcast's default.
    config.memoryMb = reader.integer("memoryMb", 1024, 128, 10'240);
    if (reader.has("coldStart")) {
        reader.accept("coldStart");
        config.coldStart =
            parseDistribution(spec.at("coldStart"), reader.pointer("coldStart"), baseDir);
    } else {
        config.coldStart = std::move(defaultColdStart);
    }
    // Idle environments live 10 min (mikhail.io 2019, pacslab 2020; REFERENCE-DATA); a day is
    // far beyond anything measured.
    config.keepAlive = SimTime::fromSeconds(reader.number("keepAliveSeconds", 600, 0, 86'400));
    if (reader.has("reservedConcurrency"))
        config.reservedConcurrency = reader.integer("reservedConcurrency", 0, 0, 1'000'000);
    config.provisionedConcurrency = reader.integer("provisionedConcurrency", 0, 0, 1'000'000);
    if (config.reservedConcurrency && config.provisionedConcurrency > *config.reservedConcurrency)
        throw model::ScenarioError(
            reader.pointer("provisionedConcurrency"),
            "provisionedConcurrency " + std::to_string(config.provisionedConcurrency) +
                " exceeds reservedConcurrency " + std::to_string(*config.reservedConcurrency));
    if (reader.has("scalingRate") && spec.at("scalingRate").is_null()) {
        reader.accept("scalingRate"); // null: no scaling-rate limit
        config.scalingRate.reset();
    } else if (const model::Json* rate = reader.object("scalingRate")) {
        config.scalingRate = parseScalingRate(*rate, reader.pointer("scalingRate"));
    }
    config.architecture = reader.choice("architecture", "x86_64", {"x86_64", "arm64"}) == "arm64"
                              ? Architecture::Arm64
                              : Architecture::X86_64;
    config.billing = model::PriceBook::defaults().at(durationPriceId(config.architecture)).rules;
    reader.rejectUnknown();
    return config;
}

const char* FunctionPool::durationPriceId(Architecture architecture) {
    return architecture == Architecture::Arm64 ? "lambda.duration.arm64" : "lambda.duration.x86";
}

std::unique_ptr<FunctionPool>
FunctionPool::fromJson(Kernel& kernel, Probe& probe, std::string name, const model::Json& spec,
                       const std::string& pointer, ConcurrencyAccount& account,
                       std::shared_ptr<const Distribution> defaultColdStart,
                       const std::filesystem::path& baseDir, const model::PriceBook& prices) {
    Config config = parseConfig(spec, pointer, std::move(defaultColdStart), baseDir);
    config.billing = prices.at(durationPriceId(config.architecture)).rules;
    // AWS: "You can reserve up to the Unreserved account concurrency value ... minus 100";
    // provisioned concurrency of a function without a reservation comes from the same units.
    const bool reserved = config.reservedConcurrency.has_value();
    const int wanted = reserved ? *config.reservedConcurrency : config.provisionedConcurrency;
    const int available = account.unreservedFree() - ConcurrencyAccount::kMinimumUnreserved;
    if (wanted > 0 && wanted > available) {
        const char* key = reserved ? "reservedConcurrency" : "provisionedConcurrency";
        throw model::ScenarioError(model::pointerChild(pointer, key),
                                   std::string(key) + " " + std::to_string(wanted) +
                                       " exceeds what the account can set aside: " +
                                       std::to_string(std::max(available, 0)) + " (" +
                                       std::to_string(account.unreservedFree()) +
                                       " unreserved of " + std::to_string(account.limit()) +
                                       ", less the 100 AWS keeps unreserved)");
    }
    return std::make_unique<FunctionPool>(kernel, probe, std::move(name), std::move(config),
                                          account);
}

} // namespace flowcast::sim
