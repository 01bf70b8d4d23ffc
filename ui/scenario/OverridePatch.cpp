#include "ui/scenario/OverridePatch.h"

namespace flowcast::ui::overrides {

using model::Json;

namespace {

// `after` written over `before` so that a merge patch gives exactly `after`: RFC 7386 merges an
// object into an object key by key, so every key `after` lacks must be nulled.
Json replacing(const Json& after, const Json& before) {
    if (!after.is_object() || !before.is_object()) return after;
    Json out = after;
    for (auto it = before.begin(); it != before.end(); ++it) {
        const auto kept = after.find(it.key());
        if (kept == after.end())
            out[it.key()] = nullptr;
        else
            out[it.key()] = replacing(*kept, *it);
    }
    return out;
}

const Json* child(const Json& object, const std::string& key) {
    if (!object.is_object()) return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

void writeKey(Json& patch, const Json* base, const std::string& key, const Json* after) {
    if (!after) {
        if (base && !base->is_null()) // RFC 7386: null removes the scenario's value
            patch[key] = nullptr;
        else
            patch.erase(key);
        return;
    }
    patch[key] = base ? replacing(*after, *base) : *after;
}

} // namespace

Json merged(const Json& base, const Json& patch) {
    Json out = base;
    out.merge_patch(patch);
    return out;
}

void writeChange(Json& patch, const Json& base, const Json& before, const Json& after,
                 const QStringList& groups) {
    if (!patch.is_object()) patch = Json::object();
    std::vector<std::string> keys;
    for (const Json* side : {&before, &after})
        if (side->is_object())
            for (auto it = side->begin(); it != side->end(); ++it)
                if (side == &before || !child(before, it.key())) keys.push_back(it.key());
    for (const std::string& key : keys) {
        const Json* was = child(before, key);
        const Json* now = child(after, key);
        if (was && now && *was == *now) continue;
        if (was == now) continue; // both absent
        const bool group = groups.contains(QString::fromStdString(key)) && was && now &&
                           was->is_object() && now->is_object();
        if (group) { // key by key: the group's other fields stay inherited
            Json& inner = patch[key];
            if (!inner.is_object()) inner = Json::object();
            const Json* innerBase = child(base, key);
            writeChange(inner, innerBase ? *innerBase : Json(), *was, *now);
            continue;
        }
        writeKey(patch, child(base, key), key, now);
    }
}

bool clear(Json& patch, const QString& key) {
    const QStringList parts = key.split(QLatin1Char('/'));
    Json* parent = &patch;
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        const auto it = parent->is_object() ? parent->find(parts[i].toStdString()) : parent->end();
        if (!parent->is_object() || it == parent->end()) return false;
        parent = &*it;
    }
    if (!parent->is_object() || !parent->contains(parts.back().toStdString())) return false;
    parent->erase(parts.back().toStdString());
    if (parts.size() > 1 && parent->empty()) patch.erase(parts.front().toStdString());
    return true;
}

QStringList setKeys(const Json& patch, const QStringList& groups) {
    QStringList out;
    if (!patch.is_object()) return out;
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        const QString key = QString::fromStdString(it.key());
        if (!groups.contains(key) || !it->is_object() || it->empty()) {
            out << key;
            continue;
        }
        for (auto inner = it->begin(); inner != it->end(); ++inner)
            out << key + QLatin1Char('/') + QString::fromStdString(inner.key());
    }
    return out;
}

bool sets(const Json& patch, const QString& key) {
    const Json* at = &patch;
    for (const QString& part : key.split(QLatin1Char('/'))) {
        at = child(*at, part.toStdString());
        if (!at) return false;
    }
    return true;
}

} // namespace flowcast::ui::overrides
