#pragma once
// Random numbers for the simulator: one named stream per component, each seeded from the scenario
// seed and the stream's name, so adding a component or drawing more numbers in one place never
// changes what another component sees (common random numbers across scenarios). The generator is
// xoshiro256** (Blackman and Vigna), seeded through splitmix64.
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace flowcast::sim {

class RandomStream {
public:
    explicit RandomStream(std::uint64_t seed);

    // Inline: models draw a few numbers per event, and a call each cost as much as the draw.
    std::uint64_t next() {
        const std::uint64_t result = std::rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = std::rotl(m_s[3], 45);
        return result;
    }
    /// Uniform on [0, 1), 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Uniform on (0, 1]: safe to take the logarithm of.
    double uniformPositive() { return (static_cast<double>(next() >> 11) + 1.0) * 0x1.0p-53; }
    /// Exponential with the given mean: the ziggurat method (Marsaglia and Tsang 2000) on 256
    /// layers of equal area. One 64-bit draw gives the layer (low 8 bits) and the position (high
    /// 53 bits); about 99 % of draws end there, without a logarithm.
    double exponential(double mean) {
        const ZigguratTables& z = zigguratTables();
        const std::uint64_t bits = next();
        const std::size_t layer = bits & 0xff;
        const std::uint64_t position = bits >> 11;
        if (position < z.inside[layer])
            return mean * static_cast<double>(position) * z.scale[layer];
        return mean * exponentialSlow(layer, position);
    }

    /// The ziggurat's layers for f(x) = exp(-x): layer i spans heights f(edge[i])..f(edge[i + 1])
    /// and x from 0 to edge[i] (edge[0] is the width that gives the base layer, with the tail
    /// beyond edge[1], the same area). Public for its test.
    struct ZigguratTables {
        double edge[257];
        double height[257];        ///< f(edge[i]); height[256] = 1
        double scale[256];         ///< edge[i] / 2^53
        std::uint64_t inside[256]; ///< 2^53 × edge[i + 1] / edge[i]: wholly under the curve
    };
    static const ZigguratTables& zigguratTables();

private:
    double exponentialSlow(std::size_t layer, std::uint64_t position);

    std::uint64_t m_s[4];
};

class RandomStreams {
public:
    explicit RandomStreams(std::uint64_t seed) : m_seed(seed) {}

    /// The stream called `name`, created on first use. References stay valid.
    RandomStream& stream(std::string_view name);
    /// The seed a stream of this name gets under this scenario seed.
    static std::uint64_t streamSeed(std::uint64_t seed, std::string_view name);
    std::uint64_t seed() const { return m_seed; }

private:
    std::uint64_t m_seed;
    std::map<std::string, std::unique_ptr<RandomStream>, std::less<>> m_streams;
};

} // namespace flowcast::sim
