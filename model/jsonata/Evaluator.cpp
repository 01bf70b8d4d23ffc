#include "model/jsonata/Evaluator.h"

#include "model/jsonata/Evaluation.h"
#include "model/jsonata/Functions.h"

#include <algorithm>
#include <exception>
#include <optional>
#include <random>
#include <stdexcept>

#if __has_include(<pthread.h>)
#include <pthread.h>
#define FLOWCAST_JSONATA_LARGE_STACK 1
#endif

namespace flowcast::model::jsonata {

std::shared_ptr<const FunctionLibrary> FunctionLibrary::standard() {
    static const std::shared_ptr<const FunctionLibrary> library = [] {
        auto built = std::make_shared<FunctionLibrary>();
        addStringFunctions(*built);
        addNumericFunctions(*built);
        addCollectionFunctions(*built);
        addHigherOrderFunctions(*built);
        addFormatFunctions(*built);
        addDateTimeFunctions(*built);
        return built;
    }();
    return library;
}

std::shared_ptr<const FunctionLibrary> FunctionLibrary::stepFunctions() {
    static const std::shared_ptr<const FunctionLibrary> library = [] {
        auto built = std::make_shared<FunctionLibrary>(*standard());
        // Step Functions has no $eval ("use $parse() instead"): calling it is T1006.
        built->remove("eval");
        addStepFunctionsFunctions(*built);
        return built;
    }();
    return library;
}

void FunctionLibrary::add(std::string name, std::string_view signature, int arity,
                          NativeFunction::Implementation implementation) {
    auto native = std::make_shared<NativeFunction>();
    native->name = name;
    native->arity = arity;
    native->implementation = std::move(implementation);
    if (!signature.empty()) {
        try {
            native->signature = parseSignature(signature, 0);
        } catch (const ParseFailure& failure) {
            throw std::invalid_argument("bad signature for $" + name + ": " + failure.what());
        }
    }
    Value value = makeNative(native);
    m_functions[std::move(name)] = Entry{std::move(native), std::move(value)};
}

void FunctionLibrary::remove(std::string_view name) {
    if (const auto found = m_functions.find(name); found != m_functions.end())
        m_functions.erase(found);
}

std::shared_ptr<const NativeFunction> FunctionLibrary::find(std::string_view name) const {
    const auto found = m_functions.find(name);
    return found == m_functions.end() ? nullptr : found->second.native;
}

const Value* FunctionLibrary::findValue(std::string_view name) const {
    const auto found = m_functions.find(name);
    return found == m_functions.end() ? nullptr : &found->second.value;
}

Expression::Expression(std::string_view text, std::shared_ptr<const FunctionLibrary> library,
                       const ParseOptions& options)
    : m_library(library ? std::move(library) : FunctionLibrary::standard()) {
    ParseResult parsed = parse(text, options);
    if (!parsed.ok()) throw ExpressionSyntaxError(*parsed.error);
    m_ast = parsed.ast;
}

Expression::Expression(NodePtr ast, std::shared_ptr<const FunctionLibrary> library)
    : m_ast(std::move(ast)), m_library(library ? std::move(library) : FunctionLibrary::standard()) {
}

std::uint64_t freshSeed() {
    // splitmix64 over a per-thread counter that starts from the system's entropy.
    thread_local std::uint64_t state =
        (std::uint64_t{std::random_device{}()} << 32) ^ std::random_device{}();
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

namespace {

// Nesting the caller's stack takes safely: ~0.75 KB per level at -O2, a few times that under
// AddressSanitizer, against the 8 MB of a main thread (worker threads may have less).
constexpr int kCallerStackDepth = 1000;
#if defined(__SANITIZE_ADDRESS__)
#define FLOWCAST_JSONATA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FLOWCAST_JSONATA_ASAN 1
#endif
#endif

#ifdef FLOWCAST_JSONATA_ASAN
// AddressSanitizer reports false errors after an exception on a stack above 64 MB, and its
// frames are larger: a smaller large stack, and less depth on it.
constexpr std::size_t kLargeStackBytes = std::size_t{64} << 20;
constexpr int kLargeStackDepth = 8000;
#else
// The large stack of a deep evaluation: address space only, pages are touched as needed.
constexpr std::size_t kLargeStackBytes = std::size_t{1} << 30;
constexpr int kLargeStackDepth = 1 << 30;
#endif

#ifdef FLOWCAST_JSONATA_LARGE_STACK
// Runs `work` on a new thread with a large stack and waits for it.
template <class Work> auto onLargeStack(Work& work) -> decltype(work()) {
    using Result = decltype(work());
    struct Job {
        Work* task;
        std::optional<Result> result;
        std::exception_ptr error;
    } job{&work, std::nullopt, nullptr};
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setstacksize(&attributes, kLargeStackBytes);
    pthread_t thread;
    const auto entry = [](void* data) -> void* {
        auto* running = static_cast<Job*>(data);
        try {
            running->result.emplace((*running->task)());
        } catch (...) {
            running->error = std::current_exception();
        }
        return nullptr;
    };
    const int failed = pthread_create(&thread, &attributes, entry, &job);
    pthread_attr_destroy(&attributes);
    if (failed != 0)
        throw EvaluationError("U1001").with("message", "No stack for a deep evaluation");
    pthread_join(thread, nullptr);
    if (job.error) std::rethrow_exception(job.error);
    return std::move(*job.result);
}
#endif

// Evaluates on the caller's stack; an evaluation that nests deeper than it can take runs again
// from the start on a large stack. Evaluation has no side effects, and the clock and the random
// seed are fixed first, so the second run computes what the first one would have.
template <class Convert>
auto evaluateGuarded(const FunctionLibrary& library, const Node& ast, const Value& input,
                     const Json& bindings, EvaluateOptions options, Convert convert) {
    if (!options.now) options.now = std::chrono::system_clock::now();
    if (!options.seed) options.seed = freshSeed();
    const auto started = std::chrono::steady_clock::now();
    auto attempt = [&](int stackDepth) {
        EvaluateOptions remaining = options;
        if (options.timeLimit.count() > 0) {
            const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - started);
            remaining.timeLimit = std::max(std::chrono::milliseconds(1), options.timeLimit - spent);
        }
        Evaluation evaluation(library, remaining, stackDepth);
        return convert(evaluation.run(ast, input, bindings));
    };
    try {
        return attempt(kCallerStackDepth);
    } catch (const NeedsLargerStack&) {
#ifdef FLOWCAST_JSONATA_LARGE_STACK
        auto deep = [&] {
            try {
                return attempt(std::min(options.maxDepth, kLargeStackDepth));
            } catch (const NeedsLargerStack&) {
                throw EvaluationError("U1001").with("message", "The expression nests too deeply");
            }
        };
        return onLargeStack(deep);
#else
        throw EvaluationError("U1001").with("message", "The expression nests too deeply");
#endif
    }
}

} // namespace

Value Expression::evaluateValue(const Value& input, const Json& bindings,
                                const EvaluateOptions& options) const {
    return evaluateGuarded(*m_library, *m_ast, input, bindings, options,
                           [](Value result) { return result; });
}

std::optional<Json> Expression::evaluate(const Json& input, const Json& bindings,
                                         const EvaluateOptions& options) const {
    return evaluateGuarded(*m_library, *m_ast, fromJson(input), bindings, options,
                           [](const Value& result) { return toJson(result); });
}

std::optional<Json> Expression::evaluate(std::nullopt_t, const Json& bindings,
                                         const EvaluateOptions& options) const {
    return evaluateGuarded(*m_library, *m_ast, Value(), bindings, options,
                           [](const Value& result) { return toJson(result); });
}

} // namespace flowcast::model::jsonata
