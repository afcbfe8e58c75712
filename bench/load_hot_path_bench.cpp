// The load generator's per-request work in-process: recording a latency, patching the request's key, reading
// a response, handing a reply to the sampled validator, checking a resend's data, and (for comparison) what
// the validator's own thread spends per reply. Heap allocations per operation on the calling thread are
// reported next to the time (allocation_counter.cpp): every step the worker thread runs must show 0.
//   build/release/bench/load_hot_path_bench [--benchmark_min_time=0.5]

#include "allocation_counter.hpp"
#include "harness/contract/contract.hpp"
#include "harness/hdr/histogram.hpp"
#include "harness/http/response_scanner.hpp"
#include "harness/json/dom_view.hpp"
#include "harness/load/request_template.hpp"
#include "harness/load/resend_tracker.hpp"
#include "harness/load/sampled_validator.hpp"

#include <cstring>
#include <time.h>
#include <vector>

#include <benchmark/benchmark.h>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>

namespace {

using harness::bench::allocation_count;

void report(benchmark::State& state, std::uint64_t before) {
    state.counters["allocs/op"] = benchmark::Counter(static_cast<double>(allocation_count() - before) /
                                                     static_cast<double>(state.iterations()));
}

const harness::contract::contract& contract() {
    static const auto c = harness::contract::contract::builtin();
    return c;
}

void histogram_record(benchmark::State& state) {
    harness::hdr::histogram h;
    std::int64_t value = 1;
    const auto before = allocation_count();
    for (auto _ : state) {
        h.record(value);
        value = (value * 7919 + 13) % 3'000'000 + 1;
    }
    report(state, before);
}
BENCHMARK(histogram_record);

void request_key_patch(benchmark::State& state) {
    harness::target::target_spec target;
    std::string error;
    target.url = *harness::http::parse_target_url("http://127.0.0.1:8080", error);
    target.project = "p";
    target.conversation = "c";
    target.token = "t";
    harness::load::request_template request(target, contract().operations()[0],
                                            harness::contract::profile::builtin());
    std::uint64_t counter = 0;
    const auto before = allocation_count();
    for (auto _ : state) {
        request.set_key(0x1234, ++counter);
        benchmark::DoNotOptimize(request.bytes().data());
    }
    report(state, before);
}
BENCHMARK(request_key_patch);

const std::string response_bytes =
    "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: application/json\r\nContent-Length: 191\r\n"
    "Connection: keep-alive\r\n\r\n"
    R"({"success":true,"data":{"messageUuid":"0b6f1d7e-5a3c-4f2b-8e9d-1c2b3a4d5e6f","conversationUuid":"5b2e8f10-6c3d-4a9e-b1f2-3c4d5e6f7a8b","itemUuid":"load-item","text":"benchmark","createdAt":1780318200000}})";

void response_scan(benchmark::State& state) {
    std::vector<char> body(65536);
    harness::http::response_scanner scanner(body.data(), body.size());
    const auto before = allocation_count();
    for (auto _ : state) {
        scanner.reset();
        harness::http::response_scanner::state result{};
        scanner.feed(response_bytes, result);
        benchmark::DoNotOptimize(result);
    }
    report(state, before);
}
BENCHMARK(response_scan);

// One reply parsed into a stack buffer and checked against the 200 schema: valijson (the reference) against
// the program compiled from the same schema.
void reply_schema(benchmark::State& state, bool compiled) {
    const auto& validator = *contract().operations()[0].response_for(200)->json->validator;
    const std::string body = response_bytes.substr(response_bytes.find("\r\n\r\n") + 4);
    unsigned char buffer[16384];
    const auto before = allocation_count();
    for (auto _ : state) {
        boost::json::monotonic_resource memory(buffer, sizeof buffer);
        boost::system::error_code ec;
        const boost::json::value parsed = boost::json::parse(body, ec, &memory);
        if (compiled) {
            benchmark::DoNotOptimize(validator.compiled().conforms(parsed));
        } else {
            benchmark::DoNotOptimize(validator.reference_violations(parsed));
        }
    }
    report(state, before);
}
void reply_schema_valijson(benchmark::State& state) {
    reply_schema(state, false);
}
void reply_schema_compiled(benchmark::State& state) {
    reply_schema(state, true);
}
BENCHMARK(reply_schema_valijson);
BENCHMARK(reply_schema_compiled);

// The same reply parsed by simdjson (a reused parser, the body copied where its padding is ours, as
// reply_judge does) and checked by the compiled program over that parse: what load judges with.
void reply_schema_compiled_over_simdjson(benchmark::State& state) {
    const auto& validator = *contract().operations()[0].response_for(200)->json->validator;
    const std::string body = response_bytes.substr(response_bytes.find("\r\n\r\n") + 4);
    simdjson::dom::parser parser;
    if (parser.allocate(16384, 32) != simdjson::SUCCESS) {
        state.SkipWithError("simdjson could not allocate");
        return;
    }
    std::vector<char> padded(body.size() + simdjson::SIMDJSON_PADDING);
    const auto before = allocation_count();
    for (auto _ : state) {
        std::memcpy(padded.data(), body.data(), body.size());
        simdjson::dom::element root;
        const bool parsed = parser.parse(padded.data(), body.size(), false).get(root) == simdjson::SUCCESS &&
                            harness::json::reads_like_boost(root);
        benchmark::DoNotOptimize(parsed && validator.compiled().conforms(harness::json::dom_view(root)));
    }
    report(state, before);
}
BENCHMARK(reply_schema_compiled_over_simdjson);

const std::string reply_body = response_bytes.substr(response_bytes.find("\r\n\r\n") + 4);

// What load spends on a reply it validates, on every thread (the worker's and the validation thread's CPU
// time, read from the process): judged where it arrives (the worker), or handed over and judged on the
// validation thread. Run pinned to one core (taskset -c 1), as the benches' client is: that decided where
// load judges. The ring holds every reply, so none goes unvalidated.
void validated_reply(benchmark::State& state, harness::load::judge_site site) {
    constexpr std::size_t replies = 100000;
    const auto cpu_now = [] {
        timespec t{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
        return static_cast<double>(t.tv_sec) * 1e9 + static_cast<double>(t.tv_nsec);
    };
    for (auto _ : state) {
        harness::load::sampled_validator validator(contract().operations()[0], 1, nullptr, 131072, 512, site);
        const double start = cpu_now();
        for (std::size_t i = 0; i < replies; ++i) {
            validator.offer(200, true, reply_body);
        }
        const auto counts = validator.finish();
        state.counters["cpu_ns/reply"] = (cpu_now() - start) / replies;
        state.counters["validated"] = static_cast<double>(counts.validated);
        state.counters["not_validated"] = static_cast<double>(counts.not_validated);
    }
}
void judged_on_worker(benchmark::State& state) {
    validated_reply(state, harness::load::judge_site::worker);
}
void judged_on_thread(benchmark::State& state) {
    validated_reply(state, harness::load::judge_site::validation_thread);
}
BENCHMARK(judged_on_worker)->Iterations(1)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK(judged_on_thread)->Iterations(1)->Repetitions(5)->ReportAggregatesOnly(true);

// The worker's own cost of a reply it judges (allocations counted on the worker only).
void reply_judged_on_worker_allocations(benchmark::State& state) {
    harness::load::sampled_validator validator(contract().operations()[0], 1);
    const auto before = allocation_count();
    for (auto _ : state) {
        validator.offer(200, true, reply_body);
    }
    report(state, before);
    const auto counts = validator.finish();
    state.counters["validated"] = benchmark::Counter(static_cast<double>(counts.validated));
    state.counters["not_validated"] = benchmark::Counter(static_cast<double>(counts.not_validated));
}
BENCHMARK(reply_judged_on_worker_allocations);

// What the worker thread does for a resend's reply: parse into its own buffers, hash /data, compare.
void resend_reply_check(benchmark::State& state) {
    harness::load::resend_tracker tracker(1.0, 1);
    harness::result::load_stats stats;
    const auto before = allocation_count();
    for (auto _ : state) {
        tracker.check_resend(0, reply_body, stats);
    }
    report(state, before);
}
BENCHMARK(resend_reply_check);

} // namespace

BENCHMARK_MAIN();
