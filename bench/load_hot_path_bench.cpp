// The load generator's per-request work in-process: recording a latency, patching the request's key, reading
// a response, handing a reply to the sampled validator, checking a resend's data, and (for comparison) what
// the validator's own thread spends per reply. Heap allocations per operation on the calling thread are
// reported next to the time (allocation_counter.cpp): every step the worker thread runs must show 0.
//   build/release/bench/load_hot_path_bench [--benchmark_min_time=0.5]

#include "allocation_counter.hpp"
#include "harness/contract/contract.hpp"
#include "harness/hdr/histogram.hpp"
#include "harness/http/response_scanner.hpp"
#include "harness/load/request_template.hpp"
#include "harness/load/resend_tracker.hpp"
#include "harness/load/sampled_validator.hpp"

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

void reply_validation(benchmark::State& state) {
    const auto& validator = *contract().operations()[0].response_for(200)->json->validator;
    const std::string body = response_bytes.substr(response_bytes.find("\r\n\r\n") + 4);
    unsigned char buffer[16384];
    const auto before = allocation_count();
    for (auto _ : state) {
        boost::json::monotonic_resource memory(buffer, sizeof buffer);
        boost::system::error_code ec;
        const boost::json::value parsed = boost::json::parse(body, ec, &memory);
        benchmark::DoNotOptimize(validator.validate(parsed));
    }
    report(state, before);
}
BENCHMARK(reply_validation);

const std::string reply_body = response_bytes.substr(response_bytes.find("\r\n\r\n") + 4);

// What the worker thread does for a validated reply: the hand-over to the validator's thread.
void validated_reply_handover(benchmark::State& state) {
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
BENCHMARK(validated_reply_handover);

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
