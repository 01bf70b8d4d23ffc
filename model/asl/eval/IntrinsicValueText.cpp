#include "model/asl/eval/IntrinsicValueText.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <variant>

namespace flowcast::model::eval {

std::string compactJson(const Json& value) {
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string canonicalJson(const Json& root) {
    // A work stack of values still to write and text to emit between them.
    std::vector<std::variant<const Json*, std::string>> todo{&root};
    std::string out;
    while (!todo.empty()) {
        auto task = std::move(todo.back());
        todo.pop_back();
        if (auto* text = std::get_if<std::string>(&task)) {
            out += *text;
            continue;
        }
        const Json& v = *std::get<const Json*>(task);
        if (v.is_object()) {
            std::vector<std::pair<const std::string*, const Json*>> members;
            for (auto it = v.begin(); it != v.end(); ++it)
                members.emplace_back(&it.key(), &*it);
            std::sort(members.begin(), members.end(),
                      [](const auto& a, const auto& b) { return *a.first < *b.first; });
            out += '{';
            todo.emplace_back(std::string("}"));
            for (std::size_t i = members.size(); i-- > 0;) {
                todo.emplace_back(members[i].second);
                todo.emplace_back(compactJson(Json(*members[i].first)) + ":");
                if (i > 0) todo.emplace_back(std::string(","));
            }
        } else if (v.is_array()) {
            out += '[';
            todo.emplace_back(std::string("]"));
            for (std::size_t i = v.size(); i-- > 0;) {
                todo.emplace_back(&v[i]);
                if (i > 0) todo.emplace_back(std::string(","));
            }
        } else if (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>() &&
                   std::fabs(v.get<double>()) < 9.2e18) {
            out += std::to_string(static_cast<std::int64_t>(v.get<double>()));
        } else {
            out += compactJson(v);
        }
    }
    return out;
}

Result<std::vector<std::string>> splitFormatTemplate(std::string_view text) {
    std::vector<std::string> pieces(1);
    auto failure = scanFormatTemplate(
        text, [&](std::string_view run) { pieces.back() += run; },
        [&] {
            pieces.emplace_back();
            return true;
        });
    if (failure) return *failure;
    return pieces;
}

} // namespace flowcast::model::eval
