#include "simulator/services/Distribution.h"

#include "model/asl/JsonPointer.h"
#include "model/scenario/ScenarioError.h"
#include "simulator/core/CsvReader.h"
#include "simulator/core/RandomVariates.h"
#include "simulator/core/SpecObject.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <vector>

namespace flowcast::sim {

using model::Json;
using model::ScenarioError;

namespace {

// The standard normal's 0.99 quantile, Phi^-1(0.99): a lognormal's p99 is median * e^(z99 sigma).
constexpr double kZ99 = 2.3263478740408408;

std::string seconds(double value) {
    return formatNumber(value, 6) + " s";
}

class Constant final : public Distribution {
public:
    explicit Constant(double value) : m_value(value) {}
    double sample(RandomStream&) const override { return m_value; }
    double mean() const override { return m_value; }
    std::string describe() const override { return "constant(" + seconds(m_value) + ")"; }

private:
    double m_value;
};

class Uniform final : public Distribution {
public:
    Uniform(double min, double max) : m_min(min), m_max(max) {}
    double sample(RandomStream& random) const override {
        return m_min + (m_max - m_min) * random.uniform();
    }
    double mean() const override { return 0.5 * (m_min + m_max); }
    std::string describe() const override {
        return "uniform(" + seconds(m_min) + " to " + seconds(m_max) + ")";
    }

private:
    double m_min, m_max;
};

class Exponential final : public Distribution {
public:
    explicit Exponential(double mean) : m_mean(mean) {}
    double sample(RandomStream& random) const override { return random.exponential(m_mean); }
    double mean() const override { return m_mean; }
    std::string describe() const override { return "exponential(mean " + seconds(m_mean) + ")"; }

private:
    double m_mean;
};

// Truncated at 0 by resampling, not clamping: clamping would put a point mass on 0 (a duration
// of exactly nothing), while resampling keeps the shape of the density above 0. The mean is at
// least 0, so at least half the draws are kept.
class TruncatedNormal final : public Distribution {
public:
    TruncatedNormal(double mean, double stddev) : m_mu(mean), m_sigma(stddev) {}
    double sample(RandomStream& random) const override {
        for (;;) {
            const double x = m_mu + m_sigma * standardNormal(random);
            if (x >= 0.0) return x;
        }
    }
    // E[X | X >= 0] = mu + sigma phi(alpha) / (1 - Phi(alpha)), alpha = -mu / sigma.
    double mean() const override {
        if (m_sigma == 0.0) return m_mu;
        const double alpha = -m_mu / m_sigma;
        const double tail = 0.5 * std::erfc(alpha / std::sqrt(2.0));
        const double density = std::exp(-0.5 * alpha * alpha) / std::sqrt(2.0 * std::numbers::pi);
        return m_mu + m_sigma * density / tail;
    }
    std::string describe() const override {
        return "normal(mean " + seconds(m_mu) + ", stddev " + seconds(m_sigma) +
               ", truncated at 0)";
    }

private:
    double m_mu, m_sigma;
};

class Lognormal final : public Distribution {
public:
    Lognormal(double mu, double sigma) : m_mu(mu), m_sigma(sigma) {}
    double sample(RandomStream& random) const override {
        return std::exp(m_mu + m_sigma * standardNormal(random));
    }
    double mean() const override { return std::exp(m_mu + 0.5 * m_sigma * m_sigma); }
    std::string describe() const override {
        return "lognormal(median " + seconds(std::exp(m_mu)) + ", p99 " +
               seconds(std::exp(m_mu + kZ99 * m_sigma)) + ")";
    }

private:
    double m_mu, m_sigma;
};

// Resamples the recorded values with equal probability (the empirical distribution function).
class Empirical final : public Distribution {
public:
    Empirical(std::vector<double> values, std::string file)
        : m_values(std::move(values)), m_file(std::move(file)),
          m_mean(std::accumulate(m_values.begin(), m_values.end(), 0.0) /
                 static_cast<double>(m_values.size())) {}
    double sample(RandomStream& random) const override {
        const auto n = m_values.size();
        const auto i = static_cast<std::size_t>(random.uniform() * static_cast<double>(n));
        return m_values[std::min(i, n - 1)];
    }
    double mean() const override { return m_mean; }
    std::string describe() const override {
        return "empirical(" + m_file + ", " + std::to_string(m_values.size()) + " values, mean " +
               seconds(m_mean) + ")";
    }

private:
    std::vector<double> m_values;
    std::string m_file;
    double m_mean;
};

class Mixture final : public Distribution {
public:
    Mixture(std::vector<double> weights, std::vector<std::shared_ptr<const Distribution>> parts)
        : m_parts(std::move(parts)) {
        const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
        double running = 0.0;
        for (double w : weights) {
            m_weights.push_back(w / total);
            running += w / total;
            m_cumulative.push_back(running);
        }
    }
    double sample(RandomStream& random) const override {
        const double u = random.uniform();
        auto it = std::upper_bound(m_cumulative.begin(), m_cumulative.end(), u);
        const auto i = std::min<std::size_t>(it - m_cumulative.begin(), m_parts.size() - 1);
        return m_parts[i]->sample(random);
    }
    double mean() const override {
        double m = 0.0;
        for (std::size_t i = 0; i < m_parts.size(); ++i)
            m += m_weights[i] * m_parts[i]->mean();
        return m;
    }
    std::string describe() const override {
        std::string text = "mixture(";
        for (std::size_t i = 0; i < m_parts.size(); ++i)
            text += (i ? ", " : "") + formatNumber(100.0 * m_weights[i], 4) + "% " +
                    m_parts[i]->describe();
        return text + ")";
    }

private:
    std::vector<double> m_weights, m_cumulative;
    std::vector<std::shared_ptr<const Distribution>> m_parts;
};

std::shared_ptr<const Distribution> parseUniform(const SpecObject& o) {
    o.allowOnly({"min", "max"});
    const double min = o.number("min"), max = o.number("max");
    if (max < min)
        o.fail("max", "max (" + formatNumber(max) + ") must not be less than min (" +
                          formatNumber(min) + ")");
    return std::make_shared<Uniform>(min, max);
}

std::shared_ptr<const Distribution> parseNormal(const SpecObject& o) {
    o.allowOnly({"mean", "stddev"});
    const double mean = o.number("mean");
    if (mean < 0)
        o.fail("mean", "mean (" + formatNumber(mean) +
                           ") must not be negative (the distribution is truncated at 0)");
    return std::make_shared<TruncatedNormal>(mean, o.nonNegative("stddev", 0.0));
}

std::shared_ptr<const Distribution> parseLognormal(const SpecObject& o) {
    o.allowOnly({"median", "p99", "mu", "sigma"});
    if (o.has("median") || o.has("p99")) {
        if (o.has("mu") || o.has("sigma"))
            o.fail("give either median and p99, or mu and sigma, not both");
        const double median = o.positive("median");
        const double p99 = o.number("p99");
        if (!(p99 > median))
            o.fail("p99", "p99 (" + formatNumber(p99) + ") must be greater than median (" +
                              formatNumber(median) + ")");
        return std::make_shared<Lognormal>(std::log(median), std::log(p99 / median) / kZ99);
    }
    if (!o.has("mu") && !o.has("sigma")) o.fail("give median and p99, or mu and sigma");
    const double mu = o.number("mu");
    const double sigma = o.number("sigma");
    if (sigma < 0) o.fail("sigma", "sigma (" + formatNumber(sigma) + ") must not be negative");
    return std::make_shared<Lognormal>(mu, sigma);
}

std::shared_ptr<const Distribution> parseEmpirical(const SpecObject& o,
                                                   const std::filesystem::path& baseDir) {
    o.allowOnly({"file", "column"});
    const std::string name = o.string("file");
    const auto column = static_cast<std::size_t>(o.integer("column", 0, 0));
    const std::filesystem::path path = baseDir / name; // an absolute name replaces baseDir
    const auto text = CsvReader::readFile(path);
    if (!text) o.fail("file", "cannot read file '" + path.string() + "'");
    CsvReader csv(*text);
    std::vector<double> values;
    std::vector<std::string> row;
    bool first = true;
    while (csv.next(row)) {
        const std::string where = name + ":" + std::to_string(csv.line()) + ": ";
        if (row.size() <= column)
            o.fail("file", where + "no column " + std::to_string(column) + " (the row has " +
                               std::to_string(row.size()) + ")");
        const auto value = parseNumber(row[column]);
        // A first row that is not a number is the header line.
        if (!value && !(first && values.empty()))
            o.fail("file", where + "'" + std::string(trimmed(row[column])) + "' is not a number");
        if (value) values.push_back(*value);
        first = false;
    }
    if (!csv.error().empty())
        o.fail("file", name + ":" + std::to_string(csv.line()) + ": " + csv.error());
    if (values.empty()) o.fail("file", name + " has no values");
    return std::make_shared<Empirical>(std::move(values), name);
}

std::shared_ptr<const Distribution> parseMixture(const Json& spec, const std::string& pointer,
                                                 const std::filesystem::path& baseDir) {
    if (!spec.is_array() || spec.empty())
        throw ScenarioError(pointer, "mixture: expected a non-empty array of {\"weight\", \"of\"}");
    std::vector<double> weights;
    std::vector<std::shared_ptr<const Distribution>> parts;
    for (std::size_t i = 0; i < spec.size(); ++i) {
        const SpecObject part(spec[i], model::pointerChild(pointer, i), "mixture");
        part.allowOnly({"weight", "of"});
        weights.push_back(part.number("weight"));
        if (weights.back() < 0)
            part.fail("weight",
                      "weight (" + formatNumber(weights.back()) + ") must not be negative");
        parts.push_back(parseDistribution(part.value("of"), part.pointer("of"), baseDir));
    }
    if (std::accumulate(weights.begin(), weights.end(), 0.0) <= 0)
        throw ScenarioError(pointer, "mixture: the weights add up to 0");
    return std::make_shared<Mixture>(std::move(weights), std::move(parts));
}

} // namespace

std::shared_ptr<const Distribution> parseDistribution(const Json& spec, const std::string& pointer,
                                                      const std::filesystem::path& baseDir) {
    if (spec.is_number()) return std::make_shared<Constant>(spec.get<double>());
    if (!spec.is_object() || spec.size() != 1)
        throw ScenarioError(pointer,
                            std::string("distribution: expected a number or an object "
                                        "with one key naming its kind, got ") +
                                (spec.is_object()
                                     ? "an object with " + std::to_string(spec.size()) + " keys"
                                     : model::jsonTypeName(spec)));
    const std::string& kind = spec.begin().key();
    const Json& body = spec.begin().value();
    const std::string at = model::pointerChild(pointer, kind);
    if (kind == "constant") {
        if (!body.is_number())
            throw ScenarioError(at, std::string("constant: expected a number, got ") +
                                        model::jsonTypeName(body));
        return std::make_shared<Constant>(body.get<double>());
    }
    if (kind == "mixture") return parseMixture(body, at, baseDir);
    if (kind == "uniform") return parseUniform(SpecObject(body, at, kind));
    if (kind == "exponential") {
        const SpecObject o(body, at, kind);
        o.allowOnly({"mean"});
        return std::make_shared<Exponential>(o.positive("mean"));
    }
    if (kind == "normal") return parseNormal(SpecObject(body, at, kind));
    if (kind == "lognormal") return parseLognormal(SpecObject(body, at, kind));
    if (kind == "empirical") return parseEmpirical(SpecObject(body, at, kind), baseDir);
    throw ScenarioError(at, "distribution: unknown kind '" + kind +
                                "' (expected constant, uniform, exponential, normal, lognormal, "
                                "empirical or mixture)");
}

} // namespace flowcast::sim
