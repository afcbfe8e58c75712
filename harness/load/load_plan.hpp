#pragma once
// Everything a load run is told: the target, the contract and profile to check replies against, the shape of
// the load and what to measure. Shared read-only by the workers.

#include "arrival_schedule.hpp"
#include "harness/checks/store_oracle.hpp"
#include "harness/contract/operation.hpp"
#include "harness/contract/profile.hpp"
#include "harness/target/target_spec.hpp"
#include "workload_mix.hpp"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <optional>

namespace harness::load {

class live_metrics;

struct load_plan {
    const harness::target::target_spec* target = nullptr;
    const contract::operation* operation = nullptr;
    const contract::profile* profile = nullptr;
    std::optional<arrival_schedule> schedule; // open loop; nullopt = closed loop
    double closed_loop_seconds = 0;           // closed loop: how long
    double warmup_seconds = 0;                // slots before this are sent but not measured
    int threads = 1;
    int connections = 50; // in all, split over the threads
    int streams = 1;      // requests in flight at once per connection: HTTP/2 streams (h2load -m)
    // Open loop: the pool grows up to this many connections in all when a request is due and every lane is
    // busy (connection_budget); 0 or at most `connections`: it never grows. Split over the threads.
    int connection_cap = 0;
    double cap_allowance_seconds = 0;         // the latency allowance the default cap came from (0: given)
    std::chrono::milliseconds timeout{10000}; // connect and whole response
    double max_lag_seconds = 1.0;    // a slot that cannot be sent within this of its time is too late
    double resend_ratio = 0;         // 0..1: share of requests that reuse an earlier key
    std::optional<workload_mix> mix; // request kinds and their weights (--mix); nullopt: valid sends only
    int shard_index = 0;             // this process's shard (--shard I/N): its keys never meet another's
    int shard_count = 1;
    // The run's identity (result/run_id): salted into every generated key, so no key repeats across runs.
    std::uint64_t run_id = 0;
    int expected_status = 200;      // the profile's success status: any other reply is a failed request
    std::size_t validate_every = 1; // 0: never; N: one reply in N is checked against the contract
    std::size_t max_body_bytes = 1 << 20;
    // Test seam: a count of the calling thread's heap allocations. When set, each worker reports how many
    // allocations its measured requests made (harness::result::load_stats::hot_path_allocations), to show the
    // hot path makes none.
    std::uint64_t (*thread_allocations)() noexcept = nullptr;
    live_metrics* metrics = nullptr; // when set, workers publish counts and latencies for scrapes
    // When set, the run counts the conversation's stored messages before and after (load_result::store).
    checks::store_oracle* store = nullptr;

    double duration() const { return schedule ? schedule->duration() : closed_loop_seconds; }
};

} // namespace harness::load
