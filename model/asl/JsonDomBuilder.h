#pragma once
// nlohmann SAX handler that builds an ordered Json value and, unlike json::parse, notices keys
// that appear twice in one object (JSON text allows it, AWS does not). The last value wins, as
// in JavaScript's JSON.parse, and each repeat becomes a DUPLICATE_KEY diagnostic.
#include "model/asl/Diagnostic.h"
#include "model/asl/Json.h"

#include <string>
#include <vector>

namespace flowcast::model {

class JsonDomBuilder {
public:
    using number_integer_t = Json::number_integer_t;
    using number_unsigned_t = Json::number_unsigned_t;
    using number_float_t = Json::number_float_t;
    using string_t = Json::string_t;
    using binary_t = Json::binary_t;

    bool null() { return addValue(Json(nullptr)); }
    bool boolean(bool v) { return addValue(Json(v)); }
    bool number_integer(number_integer_t v) { return addValue(Json(v)); }
    bool number_unsigned(number_unsigned_t v) { return addValue(Json(v)); }
    bool number_float(number_float_t v, const string_t&) { return addValue(Json(v)); }
    bool string(string_t& v) { return addValue(Json(std::move(v))); }
    bool binary(binary_t&) { return false; }
    bool start_object(std::size_t);
    bool key(string_t& k);
    bool end_object();
    bool start_array(std::size_t);
    bool end_array();
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& ex);

    Json& root() { return m_root; }
    Diagnostics& duplicates() { return m_duplicates; }
    bool failed() const { return m_failed; }
    /// One past the last byte read when the error was found.
    std::size_t errorPosition() const { return m_errorPosition; }
    /// The token being read then, as nlohmann spells it ("<end of input>" at the end).
    const std::string& errorToken() const { return m_errorToken; }
    const std::string& errorMessage() const { return m_errorMessage; }

private:
    struct Frame {
        Json* value;
        std::string token; // reference token from the parent to this value
    };
    Json* slotForNewValue();
    bool addValue(Json&& v);
    bool openContainer(Json&& empty);
    std::string currentPointer() const;

    Json m_root;
    std::vector<Frame> m_stack;
    Json* m_objectSlot = nullptr;
    std::string m_lastKey;
    Diagnostics m_duplicates;
    bool m_failed = false;
    std::size_t m_errorPosition = 0;
    std::string m_errorMessage;
    std::string m_errorToken;
};

} // namespace flowcast::model
