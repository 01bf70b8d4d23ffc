#include "simulator/core/RandomStream.h"

#include <cmath>

namespace flowcast::sim {
namespace {

std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// FNV-1a: a stable 64-bit hash of the stream name (std::hash may differ between libraries).
std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : text) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

} // namespace

namespace {

// The right edge of the base layer's rectangle for 256 layers (Marsaglia and Tsang 2000, "The
// ziggurat method for generating random variables", Journal of Statistical Software 5(8)); each
// layer then has the base layer's area, R e^-R + e^-R (its rectangle plus the tail beyond R).
constexpr double kBaseEdge = 7.69711747013104972;

RandomStream::ZigguratTables buildZiggurat() {
    RandomStream::ZigguratTables z{};
    const double area = kBaseEdge * std::exp(-kBaseEdge) + std::exp(-kBaseEdge);
    z.edge[0] = area / std::exp(-kBaseEdge);
    z.edge[1] = kBaseEdge;
    for (int i = 1; i < 255; ++i) // f(edge[i + 1]) = f(edge[i]) + area / edge[i]
        z.edge[i + 1] = -std::log(std::exp(-z.edge[i]) + area / z.edge[i]);
    z.edge[256] = 0; // the top: f = 1 (the recurrence ends within rounding of 0)
    for (int i = 0; i <= 256; ++i)
        z.height[i] = std::exp(-z.edge[i]);
    z.height[0] = z.height[1]; // the base layer's rectangle is f(R) high
    z.height[256] = 1;
    for (int i = 0; i < 256; ++i) {
        z.scale[i] = z.edge[i] * 0x1.0p-53;
        z.inside[i] = static_cast<std::uint64_t>(z.edge[i + 1] / z.edge[i] * 0x1.0p53);
    }
    return z;
}

} // namespace

const RandomStream::ZigguratTables& RandomStream::zigguratTables() {
    static const ZigguratTables tables = buildZiggurat();
    return tables;
}

// A draw outside a layer's inner part: the base layer's overhang is the tail beyond R, which is
// R plus an exponential (memorylessness); another layer's overhang is accepted where a uniform
// height falls under the curve, else the whole draw starts again.
double RandomStream::exponentialSlow(std::size_t layer, std::uint64_t position) {
    const ZigguratTables& z = zigguratTables();
    for (;;) {
        if (layer == 0) return kBaseEdge - std::log(uniformPositive());
        const double x = static_cast<double>(position) * z.scale[layer];
        const double y = z.height[layer] + uniform() * (z.height[layer + 1] - z.height[layer]);
        if (y < std::exp(-x)) return x;
        const std::uint64_t bits = next();
        layer = bits & 0xff;
        position = bits >> 11;
        if (position < z.inside[layer]) return static_cast<double>(position) * z.scale[layer];
    }
}

RandomStream::RandomStream(std::uint64_t seed) {
    std::uint64_t state = seed;
    for (auto& word : m_s)
        word = splitmix64(state);
}

std::uint64_t RandomStreams::streamSeed(std::uint64_t seed, std::string_view name) {
    std::uint64_t state = seed ^ fnv1a(name);
    return splitmix64(state);
}

RandomStream& RandomStreams::stream(std::string_view name) {
    auto it = m_streams.find(name);
    if (it == m_streams.end())
        it = m_streams
                 .emplace(std::string(name),
                          std::make_unique<RandomStream>(streamSeed(m_seed, name)))
                 .first;
    return *it->second;
}

} // namespace flowcast::sim
