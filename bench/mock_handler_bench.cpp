// The mock's per-request path in-process (no sockets): the whole handle() for a new key and for a replay, and
// its parts (JSON parse, contract validation). Reports heap allocations per request next to the time, counted
// by this binary's own operator new (allocation_counter.cpp).
//   build/release/bench/mock_handler_bench [--benchmark_min_time=0.5]

#include "allocation_counter.hpp"
#include "mock_server/request_handler.hpp"

#include <string>

#include <benchmark/benchmark.h>
#include <boost/json/parse.hpp>

namespace {

namespace hm = harness::mock;
namespace http = boost::beast::http;

const std::string route = "/v1/projects/7f3c1a2e-0b4d-4c8e-9a1f-2d3e4f5a6b7c/livechat/conversations/"
                          "5b2e8f10-6c3d-4a9e-b1f2-3c4d5e6f7a8b/messages/operator";

hm::mock_state& state() {
    static hm::mock_state s(harness::contract::contract::builtin(), harness::contract::profile::builtin(),
                            hm::fixtures::builtin(), hm::state_limits{});
    return s;
}

hm::mock_request make_request(const std::string& body) {
    hm::mock_request request{http::verb::post, route, 11};
    request.set(http::field::host, "127.0.0.1");
    request.set(http::field::authorization, "Bearer mock-token-operator-1");
    request.set(http::field::content_type, "application/json");
    request.body() = body;
    request.prepare_payload();
    return request;
}

void report_allocations(benchmark::State& bench, std::uint64_t before) {
    bench.counters["allocs/req"] =
        benchmark::Counter(static_cast<double>(harness::bench::allocation_count() - before) /
                           static_cast<double>(bench.iterations()));
}

void handle_new_key(benchmark::State& bench) {
    hm::mock_request request = make_request("");
    std::uint64_t counter = 0;
    std::string body;
    const std::uint64_t before = harness::bench::allocation_count();
    for (auto _ : bench) {
        body = R"({"itemUuid":"bench-item","text":"benchmark message","idempotencyKey":"k-)" +
               std::to_string(++counter) + "\"}";
        request.body() = body;
        request.prepare_payload();
        hm::mock_reply reply = hm::handle(request, state());
        benchmark::DoNotOptimize(reply);
    }
    report_allocations(bench, before);
}
BENCHMARK(handle_new_key);

void handle_replay(benchmark::State& bench) {
    const hm::mock_request request =
        make_request(R"({"itemUuid":"bench-item","text":"benchmark message","idempotencyKey":"replayed"})");
    const std::uint64_t before = harness::bench::allocation_count();
    for (auto _ : bench) {
        hm::mock_reply reply = hm::handle(request, state());
        benchmark::DoNotOptimize(reply);
    }
    report_allocations(bench, before);
}
BENCHMARK(handle_replay);

void handle_validation_failure(benchmark::State& bench) {
    const hm::mock_request request = make_request(R"({"itemUuid":null,"text":5})");
    const std::uint64_t before = harness::bench::allocation_count();
    for (auto _ : bench) {
        hm::mock_reply reply = hm::handle(request, state());
        benchmark::DoNotOptimize(reply);
    }
    report_allocations(bench, before);
}
BENCHMARK(handle_validation_failure);

void validate_request_body(benchmark::State& bench) {
    const auto& validator = *state().operation().request_body->json->validator;
    const boost::json::value body =
        boost::json::parse(R"({"itemUuid":"bench-item","text":"benchmark message","idempotencyKey":"k-1"})");
    const std::uint64_t before = harness::bench::allocation_count();
    for (auto _ : bench) {
        benchmark::DoNotOptimize(validator.validate(body));
    }
    report_allocations(bench, before);
}
BENCHMARK(validate_request_body);

void parse_request_body(benchmark::State& bench) {
    const std::string text = R"({"itemUuid":"bench-item","text":"benchmark message","idempotencyKey":"k-1"})";
    const std::uint64_t before = harness::bench::allocation_count();
    for (auto _ : bench) {
        benchmark::DoNotOptimize(boost::json::parse(text));
    }
    report_allocations(bench, before);
}
BENCHMARK(parse_request_body);

} // namespace

BENCHMARK_MAIN();
