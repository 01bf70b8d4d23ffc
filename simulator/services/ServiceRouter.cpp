#include "simulator/services/ServiceRouter.h"

#include "model/asl/eval/PayloadSize.h"
#include "model/scenario/ScenarioError.h"
#include "simulator/services/SpecReader.h"
#include "simulator/workload/DurationText.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace flowcast::sim {

using model::Json;
using model::ScenarioError;

namespace {

std::string child(const std::string& pointer, std::string_view key) {
    std::string escaped;
    for (char c : key)
        escaped += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    return pointer + "/" + escaped;
}

std::vector<std::string> splitPath(const std::string& path) {
    std::vector<std::string> keys;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t dot = path.find('.', start);
        keys.push_back(path.substr(start, dot == std::string::npos ? dot : dot - start));
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return keys;
}

// The operation a per-run cluster sees, from the service integration's ARN
// (arn:aws:states:::elasticmapreduce:createCluster.sync, ...:terminateCluster), and likewise an
// EMR Serverless application (emr-serverless:startApplication.sync, ...:stopApplication).
JobOp opFromResource(std::string_view resource) {
    const auto has = [resource](std::string_view api) {
        return resource.find(api) != std::string_view::npos;
    };
    if (has(":createCluster") || has(":startApplication")) return JobOp::Create;
    if (has(":terminateCluster") || has(":stopApplication")) return JobOp::Terminate;
    return JobOp::Run;
}

} // namespace

ServiceRouter::ServiceRouter(Kernel& kernel, Probe& probe, const Program& program,
                             const Json& services, const Json& states, const Json& outages,
                             const std::filesystem::path& baseDir, const model::PriceBook& prices)
    : m_kernel(kernel), m_probe(probe), m_program(program), m_models(program.stateCount()) {
    if (services.is_object()) buildServices(services, baseDir, prices);
    if (states.is_object()) {
        for (auto it = states.begin(); it != states.end(); ++it) {
            const std::string pointer = child("/states", it.key());
            std::optional<std::uint32_t> index;
            for (std::uint32_t i = 0; i < program.stateCount(); ++i)
                if (program.stateNames()[i] == it.key()) index = i;
            if (!index)
                throw ScenarioError(pointer,
                                    "no state named \"" + it.key() + "\" in the definition");
            const model::State& state = program.state(*index);
            if (state.type != model::StateType::Task && !state.isDistributedMap)
                throw ScenarioError(pointer, "state \"" + it.key() +
                                                 "\" is not a Task: only Tasks call services "
                                                 "(and distributed Maps read items)");
            if (state.isDistributedMap && !it.value().contains("itemReader"))
                throw ScenarioError(pointer, "a distributed Map's entry gives its items: "
                                             "\"itemReader\": {\"file\": ...} or {\"items\": N}");
            StateModel& m = m_models[*index];
            m.op = opFromResource(program.state(*index).resource);
            m.random = &kernel.random("state/" + it.key());
            buildState(m, it.value(), pointer, baseDir);
            m.resultsFit = resultsWithinQuota(m);
            if (m.job == JobMode::Status)
                for (int status = 0; status < 3; ++status)
                    m.statusResults[status] = statusResult(m, status);
        }
    }
    // A status task must name a submit task; checked once every state is known.
    for (std::uint32_t i = 0; i < m_models.size(); ++i) {
        const StateModel& m = m_models[i];
        if (m.job == JobMode::Status && m_models[m.statusOf].job != JobMode::Submit)
            throw ScenarioError(child(child("/states", program.stateNames()[i]), "job") +
                                    "/statusOf",
                                "\"" + program.stateNames()[m.statusOf] +
                                    "\" is not a submit task (\"job\": \"submit\")");
    }
    if (outages.is_array()) {
        for (std::size_t i = 0; i < outages.size(); ++i) {
            const std::string pointer = "/outages/" + std::to_string(i);
            SpecReader r(outages[i], pointer, "outage");
            Outage o;
            const std::string service = r.string("service", "");
            auto found = m_services.find(service);
            if (found == m_services.end())
                throw ScenarioError(r.pointer("service"),
                                    "no service named \"" + service + "\" in \"services\"");
            o.service = found->second.get();
            r.accept("from");
            r.accept("to");
            o.from = parseDuration(outages[i].value("from", Json()), r.pointer("from"));
            o.to = parseDuration(outages[i].value("to", Json()), r.pointer("to"));
            if (o.to <= o.from)
                throw ScenarioError(r.pointer("to"), "\"to\" must be after \"from\"");
            o.error = r.string("error", "States.TaskFailed");
            o.cause = r.string("cause", "Service '" + service + "' is unavailable (outage)");
            r.rejectUnknown();
            m_outages.push_back(std::move(o));
        }
    }
}

ServiceRouter::~ServiceRouter() = default;

// A status answer is the configured result (or {}) with one string set at statusPath: at most
// the result's text, plus per key its quoted, escaped name, a colon, a comma and braces, plus the
// longest status value escaped.
bool ServiceRouter::resultsWithinQuota(const StateModel& m) {
    if (m.itemCount) return false;
    std::size_t size = m.result ? model::eval::payloadSize(*m.result) : 2;
    if (m.job == JobMode::Status) {
        for (const std::string& key : m.statusPath)
            size += 6 * key.size() + 6;
        std::size_t longest = 0;
        for (const std::string& value : m.statusValues)
            longest = std::max(longest, value.size());
        size += 6 * longest + 2;
    }
    return size <= model::eval::kPayloadLimitBytes;
}

bool ServiceRouter::resultsFit(std::uint32_t stateIndex) const {
    return stateIndex < m_models.size() && m_models[stateIndex].resultsFit;
}

void ServiceRouter::buildServices(const Json& services, const std::filesystem::path& baseDir,
                                  const model::PriceBook& prices) {
    for (auto it = services.begin(); it != services.end(); ++it)
        m_services.emplace(it.key(),
                           makeService(m_kernel, m_probe, it.key(), it.value(),
                                       child("/services", it.key()), baseDir, m_account, prices));
}

void ServiceRouter::buildState(StateModel& m, const Json& spec, const std::string& pointer,
                               const std::filesystem::path& baseDir) {
    SpecReader r(spec, pointer, "state model");
    m.configured = true;
    if (r.has("service")) {
        const std::string name = r.string("service", "");
        auto found = m_services.find(name);
        if (found == m_services.end())
            throw ScenarioError(r.pointer("service"),
                                "no service named \"" + name + "\" in \"services\"");
        m.service = found->second.get();
    }
    if (r.has("duration")) {
        r.accept("duration");
        m.work = WorkModel::parse(spec.at("duration"), r.pointer("duration"), baseDir);
    }
    if (r.has("result")) {
        r.accept("result");
        m.result = spec.at("result");
    }
    if (const Json* failures = spec.contains("failures") ? &spec.at("failures") : nullptr) {
        r.accept("failures");
        if (!failures->is_array())
            throw ScenarioError(r.pointer("failures"), "\"failures\" must be an array");
        double total = 0;
        for (std::size_t i = 0; i < failures->size(); ++i) {
            SpecReader f((*failures)[i], r.pointer("failures") + "/" + std::to_string(i),
                         "failure");
            Failure failure;
            failure.error = f.string("error", "");
            if (failure.error.empty())
                throw ScenarioError(f.pointer("error"), "a failure needs an \"error\" name");
            failure.cause = f.string("cause", "Injected failure (scenario)");
            failure.probability = f.number("probability", 0, 0, 1);
            f.rejectUnknown();
            total += failure.probability;
            m.failures.push_back(std::move(failure));
        }
        if (total > 1 + 1e-12)
            throw ScenarioError(r.pointer("failures"),
                                "failure probabilities add up to more than 1");
    }
    if (r.has("job")) {
        r.accept("job");
        const Json& job = spec.at("job");
        if (job == "submit") {
            m.job = JobMode::Submit;
            if (!m.service)
                throw ScenarioError(r.pointer("job"),
                                    "a submit task needs a \"service\" to run on");
        } else {
            SpecReader j(job, r.pointer("job"), "job");
            const std::string of = j.string("statusOf", "");
            bool found = false;
            for (std::uint32_t i = 0; i < m_program.stateCount(); ++i)
                if (m_program.stateNames()[i] == of) m.statusOf = i, found = true;
            if (!found)
                throw ScenarioError(j.pointer("statusOf"),
                                    "\"statusOf\" must name the submit task, got \"" + of + "\"");
            m.job = JobMode::Status;
            m.statusPath = splitPath(j.string("path", "status"));
            if (const Json* values = j.object("values")) {
                SpecReader v(*values, j.pointer("values"), "status values");
                m.statusValues[0] = v.string("running", "RUNNING");
                m.statusValues[1] = v.string("succeeded", "SUCCEEDED");
                m.statusValues[2] = v.string("failed", "FAILED");
                v.rejectUnknown();
            }
            j.rejectUnknown();
        }
    }
    if (r.has("op")) {
        const std::string op = r.choice("op", "run", {"run", "create", "terminate"});
        m.op = op == "create" ? JobOp::Create : op == "terminate" ? JobOp::Terminate : JobOp::Run;
    }
    if (r.has("bytesScanned")) m.bytesScanned = r.distribution("bytesScanned", Json());
    if (const Json* reader = r.object("itemReader"))
        readItemSource(m, *reader, r.pointer("itemReader"), baseDir);
    r.rejectUnknown();
}

// A distributed Map's ItemReader, answered from a local file (its text, read as the Map's
// ReaderConfig says) or a count of items (an S3 listing of that many objects, drawn per read).
void ServiceRouter::readItemSource(StateModel& m, const Json& spec, const std::string& pointer,
                                   const std::filesystem::path& baseDir) {
    SpecReader r(spec, pointer, "item reader");
    if (r.has("file") == r.has("items"))
        throw ScenarioError(pointer, "give either \"file\" (a local copy of the items) or "
                                     "\"items\" (how many)");
    if (r.has("file")) {
        const std::filesystem::path file = baseDir / r.string("file", "");
        std::ifstream in(file, std::ios::binary);
        std::error_code ec;
        if (!in || std::filesystem::is_directory(file, ec))
            throw ScenarioError(r.pointer("file"), "cannot read " + file.string());
        std::ostringstream text;
        text << in.rdbuf();
        m.result = Json(text.str());
    } else {
        m.itemCount = r.distribution("items", Json());
    }
    r.rejectUnknown();
}

const ServiceRouter::Outage* ServiceRouter::outageOf(const ServiceModel* service) const {
    const SimTime now = m_kernel.now();
    for (const Outage& o : m_outages)
        if (o.service == service && now >= o.from && now < o.to) return &o;
    return nullptr;
}

std::optional<TaskOutcome> ServiceRouter::start(const TaskCall& call) {
    StateModel& m = m_models[call.stateIndex];
    // An echoed input the state throws away is not copied: null stands for it.
    if (!m.configured) return TaskOutcome::success(call.resultUsed ? call.input : Json());
    RandomStream& random = *m.random;
    if (m.service) {
        if (const Outage* o = outageOf(m.service)) return TaskOutcome::failure(o->error, o->cause);
    }
    std::string problem;
    const double seconds = m.work ? m.work->seconds(random, call.input, &problem) : 0.0;
    if (!problem.empty())
        return TaskOutcome::failure("States.Runtime", "Scenario model of state '" +
                                                          std::string(call.state) +
                                                          "': " + problem);
    const SimTime work = SimTime::fromSeconds(seconds);
    std::optional<std::pair<std::string, std::string>> failure;
    if (!m.failures.empty()) {
        double u = random.uniform();
        for (const Failure& f : m.failures) {
            if (u < f.probability) {
                failure.emplace(f.error, f.cause);
                break;
            }
            u -= f.probability;
        }
    }
    if (m.job == JobMode::Status) {
        if (failure) return TaskOutcome::failure(failure->first, failure->second, work);
        return statusOutcome(m, call, work);
    }
    Json result = m.result ? *m.result : call.resultUsed ? call.input : Json();
    if (m.itemCount) {
        const double drawn = std::max(0.0, std::round(m.itemCount->sample(random)));
        result = Json::array();
        for (std::size_t i = 0; i < static_cast<std::size_t>(drawn); ++i)
            result.push_back({{"Key", "items/" + std::to_string(i)}});
    }
    if (!m.service) {
        if (failure) return TaskOutcome::failure(failure->first, failure->second, work);
        return TaskOutcome::success(std::move(result), work);
    }
    Job job;
    job.state = call.stateIndex;
    job.op = m.op;
    job.work = work;
    job.failure = std::move(failure);
    job.bytesScanned = m.bytesScanned ? m.bytesScanned->sample(random) : 0.0;
    if (m.job == JobMode::Submit) {
        // The submit call returns at once; the job runs on and the tracker learns its end.
        const std::uint32_t attempt = ++m_jobSerial;
        m_jobs[{call.ticket.execution, call.stateIndex}] = {attempt, JobStatus::Running};
        job.ticket = {call.ticket.execution, call.stateIndex, attempt};
        job.listener = this;
        job.result = Json();
        m.service->submit(std::move(job));
        return TaskOutcome::success(std::move(result));
    }
    job.ticket = call.ticket;
    job.listener = &call.listener;
    job.result = std::move(result);
    m.service->submit(std::move(job));
    return std::nullopt;
}

bool ServiceRouter::readsInput(std::uint32_t stateIndex, bool resultUsed) const {
    if (stateIndex >= m_models.size()) return true;
    const StateModel& m = m_models[stateIndex];
    if (!m.configured) return resultUsed;
    if (m.work && m.work->dependsOnInput()) return true;
    if (m.job == JobMode::Status || m.result || m.itemCount) return false; // see start()
    return resultUsed;
}

std::optional<TaskOutcome> ServiceRouter::statusOutcome(const StateModel& m, const TaskCall& call,
                                                        SimTime duration) const {
    auto it = m_jobs.find({call.ticket.execution, m.statusOf});
    if (it == m_jobs.end())
        return TaskOutcome::failure("States.TaskFailed",
                                    "No job submitted by '" + m_program.stateNames()[m.statusOf] +
                                        "' in this execution",
                                    duration);
    return TaskOutcome::success(m.statusResults[static_cast<int>(it->second.status)], duration);
}

Json ServiceRouter::statusResult(const StateModel& m, int status) {
    Json result = m.result ? *m.result : Json::object();
    Json* at = &result;
    for (const std::string& key : m.statusPath) {
        if (!at->is_object()) *at = Json::object();
        at = &(*at)[key];
    }
    *at = m.statusValues[status];
    return result;
}

void ServiceRouter::taskFinished(const TaskTicket& ticket, TaskOutcome outcome) {
    auto it = m_jobs.find({ticket.execution, ticket.frame});
    if (it == m_jobs.end() || it->second.attempt != ticket.attempt)
        return; // forgotten or resubmitted
    it->second.status = outcome.failed ? JobStatus::Failed : JobStatus::Succeeded;
}

void ServiceRouter::forget(std::uint64_t serial) {
    if (m_jobs.empty()) return;
    m_jobs.erase(m_jobs.lower_bound({serial, 0}), m_jobs.lower_bound({serial + 1, 0}));
}

void ServiceRouter::finish(SimTime end) {
    for (auto& [name, service] : m_services)
        service->finish(end);
}

} // namespace flowcast::sim
