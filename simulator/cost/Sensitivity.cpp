#include "simulator/cost/Sensitivity.h"

#include "model/pricing/PriceFormat.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace flowcast::cost {

using model::Json;

void scaleDistribution(Json& d, double f) {
    if (d.is_number()) {
        d = d.get<double>() * f;
        return;
    }
    if (!d.is_object() || d.size() != 1) return;
    // Named, not a structured binding: clang 14 (the fuzz preset) cannot capture those in a lambda.
    auto& entry = *d.get_ref<Json::object_t&>().begin();
    const std::string& form = entry.first;
    Json& spec = entry.second;
    const auto scale = [&](const char* key) {
        if (spec.is_object() && spec.contains(key) && spec[key].is_number())
            spec[key] = spec[key].get<double>() * f;
    };
    if (form == "constant" && spec.is_number()) spec = spec.get<double>() * f;
    if (form == "uniform") scale("min"), scale("max");
    if (form == "exponential") scale("mean");
    if (form == "normal") scale("mean"), scale("stddev");
    if (form == "lognormal") {
        scale("median"), scale("p99");
        if (spec.is_object() && spec.contains("mu") && spec["mu"].is_number())
            spec["mu"] = spec["mu"].get<double>() + std::log(f); // X·f is lognormal(mu + ln f)
    }
    if (form == "mixture" && spec.is_array())
        for (Json& part : spec)
            if (part.is_object() && part.contains("of")) scaleDistribution(part["of"], f);
}

namespace {

template <class Each> void eachObject(Json& document, const char* section, Each&& each) {
    auto it = document.find(section);
    if (it == document.end() || !it->is_object()) return;
    for (auto& [name, value] : it->get_ref<Json::object_t&>())
        if (value.is_object()) each(value);
}

// The answer of one run: the watched deployment's cost and the cheapest deployment's name.
std::pair<double, std::string> answer(const std::vector<double>& costs, std::size_t watched,
                                      const std::vector<std::string>& names) {
    const auto cheapest = std::min_element(costs.begin(), costs.end()) - costs.begin();
    return {costs.at(watched), names.at(static_cast<std::size_t>(cheapest))};
}

// The book with one price moved by `factor` (every tier of a tiered price).
model::PriceBook moved(const model::PriceBook& book, const std::string& id, double factor) {
    const model::PriceItem& item = book.at(id);
    Json entry = Json::object();
    if (item.isTiered()) {
        Json tiers = Json::array();
        for (const auto& t : item.tiers) {
            Json tier{{"from", t.from}, {"price", t.price * factor}};
            if (t.upTo) tier["upTo"] = *t.upTo;
            tiers.push_back(std::move(tier));
        }
        entry["tiers"] = std::move(tiers);
    } else {
        entry["price"] = item.basePrice() * factor;
    }
    entry["source"] = "sensitivity analysis";
    return book.withOverrides(Json{{"prices", {{id, entry}}}}, "(sensitivity)");
}

} // namespace

void scaleStateDurations(Json& document, double factor) {
    eachObject(document, "states", [&](Json& state) {
        if (state.contains("duration")) scaleDistribution(state["duration"], factor);
    });
}

void scaleFailureProbabilities(Json& document, double factor) {
    eachObject(document, "states", [&](Json& state) {
        auto failures = state.find("failures");
        if (failures == state.end() || !failures->is_array()) return;
        for (Json& f : *failures)
            if (f.is_object() && f.contains("probability") && f["probability"].is_number())
                f["probability"] = std::min(1.0, f["probability"].get<double>() * factor);
    });
}

void scaleColdStarts(Json& document, double factor) {
    eachObject(document, "services", [&](Json& service) {
        if (service.value("kind", "") == "lambda" && service.contains("coldStart"))
            scaleDistribution(service["coldStart"], factor);
    });
}

void scaleClusterNodes(Json& document, double factor) {
    const auto scaled = [factor](const Json& n) {
        return std::max<std::int64_t>(1, std::llround(n.get<double>() * factor));
    };
    eachObject(document, "services", [&](Json& service) {
        if (service.value("kind", "") != "cluster") return;
        if (service.contains("nodes") && service["nodes"].is_number())
            service["nodes"] = scaled(service["nodes"]);
        std::int64_t fewest = service.value("nodes", std::int64_t{4});
        if (auto a = service.find("autoscaling"); a != service.end() && a->is_object()) {
            for (const char* key : {"min", "max"})
                if (a->contains(key) && (*a)[key].is_number()) (*a)[key] = scaled((*a)[key]);
            fewest = a->value("min", fewest);
        }
        // A job must still fit the smaller cluster: it then runs on every slot there is.
        const std::int64_t slots = fewest * service.value("slotsPerNode", std::int64_t{4});
        if (service.value("slotsPerJob", std::int64_t{1}) > slots) service["slotsPerJob"] = slots;
    });
}

Tornado tornado(const std::vector<std::string>& names, const model::PriceBook& book,
                const std::vector<std::string>& priceIds, double percent,
                const DeploymentCosts& costs) {
    Tornado t;
    t.percent = percent;
    const std::vector<double> base = costs({}, book);
    const auto watched =
        static_cast<std::size_t>(std::min_element(base.begin(), base.end()) - base.begin());
    t.deployment = names.at(watched);
    t.baseUsd = base.at(watched);
    const double down = 1 - percent / 100, up = 1 + percent / 100;
    const auto bar = [&](std::string input, const std::vector<double>& low,
                         const std::vector<double>& high) {
        TornadoBar b;
        b.input = std::move(input);
        std::tie(b.lowUsd, b.lowCheapest) = answer(low, watched, names);
        std::tie(b.highUsd, b.highCheapest) = answer(high, watched, names);
        t.bars.push_back(std::move(b));
    };
    for (const std::string& id : priceIds)
        bar("price " + id, costs({}, moved(book, id, down)), costs({}, moved(book, id, up)));
    const std::vector<std::pair<std::string, void (*)(Json&, double)>> knobs{
        {"state durations", scaleStateDurations},
        {"failure probabilities", scaleFailureProbabilities},
        {"cold-start durations", scaleColdStarts},
        {"cluster nodes", scaleClusterNodes}};
    static_assert(kTornadoSimulatedMoves == 8, "four knobs, each moved down and up");
    for (const auto& knob : knobs) {
        const auto scale = knob.second; // not a structured binding: clang 14 cannot capture one
        const std::string& name = knob.first;
        const auto low = costs([&](Json& d) { scale(d, down); }, book);
        const auto high = costs([&](Json& d) { scale(d, up); }, book);
        if (low != base || high != base) bar(name, low, high);
    }
    std::stable_sort(t.bars.begin(), t.bars.end(), [](const TornadoBar& a, const TornadoBar& b) {
        return a.swing() > b.swing();
    });
    return t;
}

Json Tornado::toJson() const {
    Json bars_ = Json::array();
    for (const TornadoBar& b : bars)
        bars_.push_back({{"input", b.input},
                         {"lowUsd", b.lowUsd},
                         {"highUsd", b.highUsd},
                         {"swingUsd", b.swing()},
                         {"lowCheapest", b.lowCheapest},
                         {"highCheapest", b.highCheapest}});
    return {{"percent", percent},
            {"deployment", deployment},
            {"baseUsd", baseUsd},
            {"bars", std::move(bars_)}};
}

std::string Tornado::toText() const {
    std::ostringstream s;
    s << "what moves " << deployment << "'s monthly cost (" << model::formatUsd(baseUsd)
      << ") most, each input at -" << model::formatQuantity(percent) << " % and +"
      << model::formatQuantity(percent) << " %:\n";
    std::size_t width = 10;
    for (const TornadoBar& b : bars)
        width = std::max(width, b.input.size() + 2);
    for (const TornadoBar& b : bars) {
        if (b.swing() < 0.005) continue; // moves nothing at the cent
        s << "  " << b.input << std::string(width - b.input.size(), ' ')
          << model::formatUsd(b.lowUsd) << " .. " << model::formatUsd(b.highUsd) << "  (swing "
          << model::formatUsd(b.swing()) << ")";
        if (b.lowCheapest != deployment || b.highCheapest != deployment)
            s << "  cheapest becomes "
              << (b.lowCheapest != deployment ? b.lowCheapest : b.highCheapest)
              << (b.lowCheapest != deployment ? " at -" : " at +") << model::formatQuantity(percent)
              << " %";
        s << "\n";
    }
    return s.str();
}

} // namespace flowcast::cost
