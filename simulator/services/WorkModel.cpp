#include "simulator/services/WorkModel.h"

#include "model/asl/PathSyntax.h"
#include "model/asl/eval/JsonPath.h"
#include "simulator/core/SpecObject.h"

namespace flowcast::sim {

using model::Json;

WorkModel WorkModel::parse(const Json& spec, const std::string& pointer,
                           const std::filesystem::path& baseDir) {
    WorkModel work;
    const bool recordsForm = spec.is_object() && (spec.contains("records") ||
                                                  spec.contains("recordsPerSecondPerWorker"));
    if (!recordsForm) {
        work.m_base = parseDistribution(spec, pointer, baseDir);
        return work;
    }
    const SpecObject o(spec, pointer, "work");
    o.allowOnly({"startup", "records", "recordsPerSecondPerWorker", "workers", "defaultRecords"});
    work.m_base = o.has("startup")
                      ? parseDistribution(o.value("startup"), o.pointer("startup"), baseDir)
                      : parseDistribution(Json(0), pointer, baseDir);
    work.m_recordsPath = o.string("records");
    if (const std::string why = model::checkPath(work.m_recordsPath); !why.empty())
        o.fail("records", "records is not a valid JSONPath: " + why);
    work.m_ratePerWorker = o.positive("recordsPerSecondPerWorker");
    work.m_workers = o.integer("workers", 1, 1);
    if (o.has("defaultRecords")) work.m_defaultRecords = o.nonNegative("defaultRecords", 0);
    return work;
}

std::optional<double> WorkModel::records(const Json& input, std::string& reason) const {
    static const Json noContext = Json::object();
    const model::eval::Scope scope{input, noContext};
    const auto found = model::eval::evaluatePath(m_recordsPath, scope);
    if (!found.ok()) {
        reason = "found no value in the task input";
        return std::nullopt;
    }
    const Json& value = found.value();
    if (!value.is_number()) {
        reason = std::string("is ") + model::jsonTypeName(value) + ", not a number";
        return std::nullopt;
    }
    const double count = value.get<double>();
    if (count < 0) {
        reason = "is negative (" + formatNumber(count) + ")";
        return std::nullopt;
    }
    return count;
}

double WorkModel::seconds(RandomStream& random, const Json& effectiveInput,
                          std::string* error) const {
    if (m_recordsPath.empty()) return m_base->sample(random);
    std::string reason;
    std::optional<double> count = records(effectiveInput, reason);
    if (!count && m_defaultRecords) count = m_defaultRecords;
    if (!count) {
        if (error)
            *error = "work: records at '" + m_recordsPath + "' " + reason +
                     ", and no defaultRecords is set";
        return 0.0;
    }
    return m_base->sample(random) + *count / (m_ratePerWorker * static_cast<double>(m_workers));
}

std::string WorkModel::describe() const {
    if (m_recordsPath.empty()) return m_base->describe();
    return m_base->describe() + " + " + m_recordsPath + " / (" + formatNumber(m_ratePerWorker) +
           "/s x " + std::to_string(m_workers) + ")";
}

} // namespace flowcast::sim
