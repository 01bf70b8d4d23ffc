#include "model/asl/eval/IntrinsicEncoding.h"

#include <openssl/evp.h>

#include <array>

namespace flowcast::model::eval {
namespace {

constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64Value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

// The code point of the valid UTF-8 sequence at `at` and its length, or nullopt.
std::optional<std::pair<char32_t, std::size_t>> decodeUtf8(std::string_view s, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char lead = byte(at);
    if (lead < 0x80) return std::pair<char32_t, std::size_t>{lead, 1};
    std::size_t n = 0;
    char32_t cp = 0, min = 0;
    if ((lead & 0xE0) == 0xC0) {
        n = 2, cp = lead & 0x1F, min = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        n = 3, cp = lead & 0x0F, min = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        n = 4, cp = lead & 0x07, min = 0x10000;
    } else {
        return std::nullopt;
    }
    if (at + n > s.size()) return std::nullopt;
    for (std::size_t i = 1; i < n; ++i) {
        if ((byte(at + i) & 0xC0) != 0x80) return std::nullopt;
        cp = (cp << 6) | (byte(at + i) & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and values beyond Unicode are not characters.
    if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return std::nullopt;
    return std::pair<char32_t, std::size_t>{cp, n};
}

} // namespace

std::string base64Encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const auto v = (std::uint32_t(std::uint8_t(bytes[i])) << 16) |
                       (std::uint32_t(std::uint8_t(bytes[i + 1])) << 8) |
                       std::uint8_t(bytes[i + 2]);
        for (int shift = 18; shift >= 0; shift -= 6)
            out += kBase64Alphabet[(v >> shift) & 0x3F];
    }
    const std::size_t left = bytes.size() - i;
    if (left > 0) {
        std::uint32_t v = std::uint32_t(std::uint8_t(bytes[i])) << 16;
        if (left == 2) v |= std::uint32_t(std::uint8_t(bytes[i + 1])) << 8;
        out += kBase64Alphabet[(v >> 18) & 0x3F];
        out += kBase64Alphabet[(v >> 12) & 0x3F];
        out += left == 2 ? kBase64Alphabet[(v >> 6) & 0x3F] : '=';
        out += '=';
    }
    return out;
}

std::optional<std::string> base64Decode(std::string_view text) {
    std::string out;
    std::uint32_t bits = 0;
    int pending = 0;
    std::size_t sextets = 0;
    for (const char c : text) {
        if (c == '=') break;
        const int v = base64Value(c);
        if (v < 0) continue;
        bits = ((bits << 6) | std::uint32_t(v)) & 0xFFFFFF;
        pending += 6;
        ++sextets;
        if (pending >= 8) {
            pending -= 8;
            out += static_cast<char>((bits >> pending) & 0xFF);
        }
    }
    // Java: "Last unit does not have enough valid bits".
    if (sextets % 4 == 1) return std::nullopt;
    return out;
}

std::optional<std::string> hashHex(std::string_view data, std::string_view algorithm) {
    const EVP_MD* md = algorithm == "MD5"       ? EVP_md5()
                       : algorithm == "SHA-1"   ? EVP_sha1()
                       : algorithm == "SHA-256" ? EVP_sha256()
                       : algorithm == "SHA-384" ? EVP_sha384()
                       : algorithm == "SHA-512" ? EVP_sha512()
                                                : nullptr;
    if (!md) return std::nullopt;
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_Digest(data.data(), data.size(), digest.data(), &size, md, nullptr) != 1)
        return std::nullopt;
    constexpr std::string_view hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < size; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0x0F];
    }
    return out;
}

std::size_t utf16Length(std::string_view utf8) {
    std::size_t units = 0;
    for (const char c : utf8) {
        const auto b = static_cast<unsigned char>(c);
        if ((b & 0xC0) != 0x80) ++units; // a character starts here
        if ((b & 0xF8) == 0xF0) ++units; // beyond the BMP: a surrogate pair in Java
    }
    return units;
}

std::size_t utf8SequenceLength(std::string_view text, std::size_t at) {
    const auto decoded = decodeUtf8(text, at);
    return decoded ? decoded->second : 1;
}

std::string toValidUtf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size();) {
        if (const auto decoded = decodeUtf8(bytes, i)) {
            out.append(bytes.substr(i, decoded->second));
            i += decoded->second;
        } else {
            out += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
            ++i;
        }
    }
    return out;
}

// Constants and algorithm of java.util.Random (Java SE API documentation).
namespace {
constexpr std::uint64_t kMultiplier = 0x5DEECE66DULL;
constexpr std::uint64_t kAddend = 0xBULL;
constexpr std::uint64_t kMask = (1ULL << 48) - 1;
} // namespace

JavaRandom::JavaRandom(std::int64_t seed)
    : m_seed((static_cast<std::uint64_t>(seed) ^ kMultiplier) & kMask) {}

std::int32_t JavaRandom::next(int bits) {
    m_seed = (m_seed * kMultiplier + kAddend) & kMask;
    return static_cast<std::int32_t>(m_seed >> (48 - bits));
}

std::int32_t JavaRandom::nextInt(std::int32_t bound) {
    std::int32_t r = next(31);
    const std::int32_t m = bound - 1;
    if ((bound & m) == 0) // a power of two: the high bits
        return static_cast<std::int32_t>((static_cast<std::int64_t>(bound) * r) >> 31);
    // Rejects the top partial block; Java detects it by int overflow of u - r + m.
    for (std::int32_t u = r; static_cast<std::int64_t>(u) - (r = u % bound) + m > INT32_MAX;
         u = next(31)) {
    }
    return r;
}

} // namespace flowcast::model::eval
