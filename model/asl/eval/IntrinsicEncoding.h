#pragma once
// Byte-level helpers of the intrinsic functions: Base64, digests (OpenSSL EVP), UTF-8 and the
// seeded generator of States.MathRandom. Internal to the intrinsic functions.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flowcast::model::eval {

/// Standard Base64 with '=' padding.
std::string base64Encode(std::string_view bytes);

/// MIME Base64 decoding as AWS documents it (and as Java's MIME decoder does): characters outside
/// the alphabet are skipped, decoding stops at the first '=', missing padding is allowed. nullopt
/// when a final lone character cannot hold a byte.
std::optional<std::string> base64Decode(std::string_view text);

/// Lowercase hex digest for "MD5", "SHA-1", "SHA-256", "SHA-384" or "SHA-512" (exact spelling);
/// nullopt for any other algorithm name.
std::optional<std::string> hashHex(std::string_view data, std::string_view algorithm);

/// Length as Java counts it (UTF-16 code units): AWS's "10,000 characters" limits.
std::size_t utf16Length(std::string_view utf8);

/// `bytes` with every invalid UTF-8 sequence replaced by U+FFFD, so the result is a valid JSON
/// string (decoding bytes into a Java String does the same).
std::string toValidUtf8(std::string_view bytes);

/// Bytes in the UTF-8 character that starts at `at` (1 for a byte that starts none).
std::size_t utf8SequenceLength(std::string_view text, std::size_t at);

/// java.util.Random's linear congruential generator, so that a seeded States.MathRandom gives
/// the same number on every run (and, if AWS uses java.util.Random, the same number as AWS).
class JavaRandom {
public:
    explicit JavaRandom(std::int64_t seed);
    /// Uniform in [0, bound); bound > 0.
    std::int32_t nextInt(std::int32_t bound);

private:
    std::int32_t next(int bits);
    std::uint64_t m_seed;
};

} // namespace flowcast::model::eval
