#pragma once
// Reads and checks one entry of a price book's "prices" object. The same code reads the built-in
// book and a user's partial override: given a base item, the fields present replace the base's
// (a "price" replaces "tiers" and the other way round; an object such as "roundUp" replaces the
// base's whole) and the result must still be complete.
// Every mistake is a PriceBookError naming the file and the JSON Pointer of the value.
#include "model/asl/Json.h"
#include "model/pricing/PriceItem.h"

#include <string>
#include <string_view>

namespace flowcast::model {

class PriceItemReader {
public:
    explicit PriceItemReader(std::string file) : m_file(std::move(file)) {}

    /// `value` is the entry for `id` in "prices"; `base` the item it changes, or null for a new
    /// one. Throws PriceBookError.
    PriceItem read(const Json& value, std::string_view id, const PriceItem* base) const;

    /// Throws PriceBookError(file, pointer, message).
    [[noreturn]] void fail(const std::string& pointer, const std::string& message) const;

private:
    void readFields(const Json& value, const std::string& at, PriceItem& item) const;
    void readTiers(const Json& value, const std::string& pointer, PriceItem& item) const;
    void readRules(const Json& value, const std::string& pointer, bool minimum,
                   PriceItem& item) const;
    void readFreeTier(const Json& value, const std::string& pointer, PriceItem& item) const;
    void readInstance(const Json& value, const std::string& pointer, PriceItem& item) const;
    double number(const Json& value, const std::string& pointer, std::string_view key,
                  bool zeroAllowed) const;
    std::string text(const Json& value, const std::string& pointer, std::string_view key) const;
    void checkKeys(const Json& object, const std::string& pointer,
                   std::initializer_list<std::string_view> known) const;

    std::string m_file;
};

} // namespace flowcast::model
