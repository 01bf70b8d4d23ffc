#include "model/asl/JsonDomBuilder.h"

#include "model/asl/JsonPointer.h"

namespace flowcast::model {

Json* JsonDomBuilder::slotForNewValue() {
    if (m_stack.empty()) return &m_root;
    Json* top = m_stack.back().value;
    if (top->is_array()) {
        top->push_back(nullptr);
        return &top->back();
    }
    return m_objectSlot;
}

bool JsonDomBuilder::addValue(Json&& v) {
    *slotForNewValue() = std::move(v);
    return true;
}

std::string JsonDomBuilder::currentPointer() const {
    std::string out;
    for (std::size_t i = 1; i < m_stack.size(); ++i)
        out = pointerChild(out, m_stack[i].token);
    return out;
}

bool JsonDomBuilder::openContainer(Json&& empty) {
    std::string token = m_stack.empty() ? std::string()
                        : m_stack.back().value->is_array()
                            ? std::to_string(m_stack.back().value->size())
                            : m_lastKey;
    Json* slot = slotForNewValue();
    *slot = std::move(empty);
    m_stack.push_back({slot, std::move(token)});
    return true;
}

bool JsonDomBuilder::start_object(std::size_t) {
    return openContainer(Json::object());
}

bool JsonDomBuilder::key(string_t& k) {
    Json& obj = *m_stack.back().value;
    auto it = obj.find(k);
    if (it != obj.end()) {
        m_duplicates.push_back({"DUPLICATE_KEY", Severity::Error, pointerChild(currentPointer(), k),
                                "key \"" + k + "\" appears more than once in this object", 0, 0});
        obj.erase(it); // last value wins, at the position of the last occurrence
    }
    m_objectSlot = &obj[k];
    m_lastKey = k;
    return true;
}

bool JsonDomBuilder::end_object() {
    m_stack.pop_back();
    return true;
}

bool JsonDomBuilder::start_array(std::size_t) {
    return openContainer(Json::array());
}

bool JsonDomBuilder::end_array() {
    m_stack.pop_back();
    return true;
}

bool JsonDomBuilder::parse_error(std::size_t position, const std::string& lastToken,
                                 const nlohmann::detail::exception& ex) {
    m_failed = true;
    m_errorPosition = position;
    m_errorToken = lastToken;
    m_errorMessage = ex.what();
    return false;
}

} // namespace flowcast::model
