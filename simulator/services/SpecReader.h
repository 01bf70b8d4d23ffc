#pragma once
// Reads one service's scenario object (cluster, glue, athena...): typed fields with ranges and
// defaults, each mistake a model::ScenarioError at the JSON Pointer of the offending value, and
// fields nobody asked for rejected at their own pointer (a misspelt capacity figure must not
// quietly fall back to its default). Lives only while a service is being built.
#include "model/asl/Json.h"
#include "simulator/services/Distribution.h"

#include <filesystem>
#include <initializer_list>
#include <memory>
#include <set>
#include <string>
#include <string_view>

namespace flowcast::sim {

class SpecReader {
public:
    /// Throws when `spec` is not an object; `what` names it in messages ("cluster").
    SpecReader(const model::Json& spec, std::string pointer, std::string what);

    bool has(std::string_view key) const { return m_spec.contains(key); }
    /// JSON Pointer of a field of this object.
    std::string pointer(std::string_view key) const;

    int integer(std::string_view key, int fallback, int min, int max);
    double number(std::string_view key, double fallback, double min, double max);
    bool boolean(std::string_view key, bool fallback);
    /// One of `choices`, or `fallback` when absent.
    std::string choice(std::string_view key, std::string_view fallback,
                       std::initializer_list<std::string_view> choices);
    std::string string(std::string_view key, std::string_view fallback);
    /// The distribution at `key`, or `fallback` (a distribution in scenario form) when absent;
    /// `baseDir` resolves empirical distributions' files.
    std::shared_ptr<const Distribution> distribution(std::string_view key,
                                                     const model::Json& fallback,
                                                     const std::filesystem::path& baseDir = {});
    /// The object at `key`, or nullptr when absent; throws when it is not an object.
    const model::Json* object(std::string_view key);
    /// Marks a field as read without reading it (for fields checked elsewhere).
    void accept(std::string_view key) { m_read.emplace(key); }
    /// Throws for a field present but only allowed in another configuration.
    [[noreturn]] void notAllowed(std::string_view key, std::string_view why) const;
    /// Throws for the first field that no getter asked for.
    void rejectUnknown() const;

private:
    const model::Json* field(std::string_view key);
    [[noreturn]] void fail(std::string_view key, const std::string& message) const;

    const model::Json& m_spec;
    std::string m_pointer;
    std::string m_what;
    std::set<std::string, std::less<>> m_read;
};

} // namespace flowcast::sim
