#pragma once
// A mistake in a price book: which file, where in it (a JSON Pointer) and what is wrong. what()
// reads like a compiler message, "file:/prices/lambda.requests/price: error: message".
#include <stdexcept>
#include <string>

namespace flowcast::model {

class PriceBookError : public std::runtime_error {
public:
    PriceBookError(std::string file, std::string pointer, std::string message)
        : std::runtime_error(file + (pointer.empty() ? "" : ":" + pointer) + ": error: " + message),
          m_file(std::move(file)), m_pointer(std::move(pointer)), m_message(std::move(message)) {}

    const std::string& file() const { return m_file; }
    /// JSON Pointer of the offending value ("" = the whole document).
    const std::string& pointer() const { return m_pointer; }
    /// The message alone, without file and pointer.
    const std::string& message() const { return m_message; }

private:
    std::string m_file;
    std::string m_pointer;
    std::string m_message;
};

} // namespace flowcast::model
