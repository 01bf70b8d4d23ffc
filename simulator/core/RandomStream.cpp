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
