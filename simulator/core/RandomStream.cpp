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

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

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

RandomStream::RandomStream(std::uint64_t seed) {
    std::uint64_t state = seed;
    for (auto& word : m_s) word = splitmix64(state);
}

std::uint64_t RandomStream::next() {
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

double RandomStream::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

double RandomStream::uniformPositive() { return (static_cast<double>(next() >> 11) + 1.0) * 0x1.0p-53; }

double RandomStream::exponential(double mean) { return -mean * std::log(uniformPositive()); }

std::uint64_t RandomStreams::streamSeed(std::uint64_t seed, std::string_view name) {
    std::uint64_t state = seed ^ fnv1a(name);
    return splitmix64(state);
}

RandomStream& RandomStreams::stream(std::string_view name) {
    auto it = m_streams.find(name);
    if (it == m_streams.end())
        it = m_streams.emplace(std::string(name), std::make_unique<RandomStream>(streamSeed(m_seed, name))).first;
    return *it->second;
}

} // namespace flowcast::sim
