#pragma once
// Random numbers for the simulator: one named stream per component, each seeded from the scenario
// seed and the stream's name, so adding a component or drawing more numbers in one place never
// changes what another component sees (common random numbers across scenarios). The generator is
// xoshiro256** (Blackman and Vigna), seeded through splitmix64.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace flowcast::sim {

class RandomStream {
public:
    explicit RandomStream(std::uint64_t seed);

    std::uint64_t next();
    /// Uniform on [0, 1), 53 random bits.
    double uniform();
    /// Uniform on (0, 1]: safe to take the logarithm of.
    double uniformPositive();
    /// Exponential with the given mean (inverse transform).
    double exponential(double mean);

private:
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
