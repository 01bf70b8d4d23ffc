#pragma once
// ExactSum: a sum of doubles that does not depend on the order of the additions, so metrics
// merged over replications, shards or threads print the same bytes whatever the merge order.
// The total is a 192-bit two's-complement fixed-point number with 96 fraction bits: every double
// of magnitude ≥ 2^-44 (5.7e-14) is added exactly (smaller ones are rounded to 2^-96, 1.3e-29),
// and value() rounds the exact total once, to the nearest double. So a single 0.3 reads back as
// 0.3, and any grouping of the same amounts gives the same double. Range: |total| < 2^95.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace flowcast::sim {

// GCC and Clang's 128-bit integers; __extension__ keeps -Wpedantic quiet about them.
__extension__ typedef unsigned __int128 Uint128;

class ExactSum {
public:
    static constexpr int kFractionBits = 96;

    /// Throws std::out_of_range for NaN, infinities and |amount| ≥ 2^90.
    void add(double amount) {
        const auto bits = std::bit_cast<std::uint64_t>(amount);
        const int biased = static_cast<int>(bits >> 52 & 0x7ff);
        std::uint64_t mantissa = bits & ((std::uint64_t{1} << 52) - 1);
        if (biased == 0x7ff || biased - 1075 + 53 > 90)
            throw std::out_of_range("ExactSum: amount is not a finite number below 2^90");
        if (biased != 0) mantissa |= std::uint64_t{1} << 52;
        if (mantissa == 0) return;
        // amount = ±mantissa · 2^exponent; its lowest bit goes to bit `at` of the total.
        int at = (biased == 0 ? -1074 : biased - 1075) + kFractionBits;
        if (at < 0) {
            mantissa = roundRight(mantissa, -at);
            at = 0;
        }
        Words v{};
        const int word = at / 64;
        const int shift = at % 64;
        v[word] = mantissa << shift;
        if (shift != 0 && word + 1 < 3) v[word + 1] = mantissa >> (64 - shift);
        if (bits >> 63) negate(v);
        addWords(v);
    }
    void add(const ExactSum& other) { addWords(other.m_words); }

    /// The total, rounded to the nearest double (ties to even).
    double value() const {
        Words a = m_words;
        const bool negative = a[2] >> 63;
        if (negative) negate(a);
        int top = 2;
        while (top >= 0 && a[top] == 0)
            --top;
        if (top < 0) return 0.0;
        // The 64 bits below the highest set bit, with every lower bit folded into the last one
        // (a sticky bit), convert to double with the same rounding as the exact total.
        const int low = std::max(0, 64 * top + 63 - std::countl_zero(a[top]) - 63);
        const int word = low / 64;
        const int shift = low % 64;
        std::uint64_t top64 = a[word] >> shift;
        if (shift != 0 && word + 1 < 3) top64 |= a[word + 1] << (64 - shift);
        bool sticky = shift != 0 && (a[word] & ((std::uint64_t{1} << shift) - 1)) != 0;
        for (int i = 0; i < word; ++i)
            sticky = sticky || a[i] != 0;
        const double magnitude =
            std::ldexp(static_cast<double>(top64 | (sticky ? 1 : 0)), low - kFractionBits);
        return negative ? -magnitude : magnitude;
    }
    bool isZero() const { return m_words == Words{}; }

    friend bool operator==(const ExactSum&, const ExactSum&) = default;

private:
    using Words = std::array<std::uint64_t, 3>; // least significant first

    /// mantissa / 2^shift, rounded to nearest, ties to even.
    static std::uint64_t roundRight(std::uint64_t mantissa, int shift) {
        if (shift >= 64) return 0; // mantissa < 2^53: below half of 2^64
        const std::uint64_t kept = mantissa >> shift;
        const std::uint64_t rest = mantissa & ((std::uint64_t{1} << shift) - 1);
        const std::uint64_t half = std::uint64_t{1} << (shift - 1);
        return kept + ((rest > half || (rest == half && (kept & 1))) ? 1 : 0);
    }
    static void negate(Words& v) {
        std::uint64_t carry = 1;
        for (auto& w : v) {
            w = ~w + carry;
            carry = (carry != 0 && w == 0) ? 1 : 0;
        }
    }
    /// Two's-complement addition; wraps (rather than overflowing) beyond the documented range.
    void addWords(const Words& v) {
        std::uint64_t carry = 0;
        for (int i = 0; i < 3; ++i) {
            const Uint128 sum = Uint128{m_words[i]} + v[i] + carry;
            m_words[i] = static_cast<std::uint64_t>(sum);
            carry = static_cast<std::uint64_t>(sum >> 64);
        }
    }

    Words m_words{};
};

} // namespace flowcast::sim
