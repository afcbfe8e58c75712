#pragma once
// From what a user asked for (flags or a file, as text) to the shape of a load_plan: open loop at a rate,
// ramping stages or closed loop; this shard's share of the rate; warmup, lag and resend settings. Everything
// is checked here, so the CLI only wires: a bad value throws std::invalid_argument naming the flag and what
// it wants.

#include "load_plan.hpp"

#include <string>
#include <string_view>

namespace harness::load {

struct plan_request {
    double rate = 0;
    bool rate_given = false;
    bool connections_given = false; // connections without a rate: closed loop
    std::string stages;             // "10s:1000,30s:5000"
    std::string duration = "10s";
    std::string warmup = "0s";
    std::string max_lag = "1s";
    int threads = 1;
    int connections = 50;
    int streams = 1;        // requests in flight per connection (HTTP/2 streams)
    int connection_cap = 0; // --connection-cap; 0: derived from the peak rate (connection_budget)
    double resend_percent = 0;
    std::size_t validate_every = 1;
    std::string shard; // "I/N", or empty
};

struct shard_spec {
    int index = 0;
    int count = 1;
};

// "I/N" with 0 <= I < N <= 255.
shard_spec parse_shard(std::string_view text);

// The plan's shape; target, operation, profile, timeout and metrics are the caller's to set.
load_plan build_load_plan(const plan_request& request);

} // namespace harness::load
