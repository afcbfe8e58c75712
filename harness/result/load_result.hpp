#pragma once
// The outcome of a load run, the one model its writers read: options, merged statistics, the per-second
// timeline, the interval histograms for the .hlog, and the thresholds' verdicts. JSON format "harness.load",
// version 1 (docs/load.md).

#include "build_info.hpp"
#include "load_stats.hpp"
#include "load_timeline.hpp"
#include "run_verdict.hpp"
#include "threshold.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace harness::result {

// The percentiles every load report shows (wrk2's, without the 100th, which is the max).
inline constexpr std::array<double, 7> report_percentiles = {50, 75, 90, 99, 99.9, 99.99, 99.999};

struct threshold_outcome {
    threshold rule;
    double actual = 0;
    bool passed = false;
};

struct load_result {
    static constexpr int format_version = 1;
    std::string target;
    std::string protocol; // "HTTP/1.1" or "HTTP/2", as the connections negotiated ("" when none connected)
    std::string contract;
    std::string profile;
    std::string mode; // "open" (fixed arrival rate) or "closed"
    std::string started_at;
    std::string run_id; // result/run_id: 16 hex digits ("" in results written before run ids)
    // The build that made the run (build_info); "" when read from a result written before versions were kept.
    std::string harness_build = harness_build_text();
    double start_epoch_seconds = 0;
    int threads = 0;
    int connections = 0;
    int streams = 1; // requests in flight per connection (HTTP/2 streams)
    // Open loop: the most connections the pool may grow to when every lane is busy (0: closed loop, or a
    // result written before the pool grew), and the latency allowance its default was derived from (0 when
    // --connection-cap gave it).
    int connection_cap = 0;
    double cap_allowance_seconds = 0;
    double warmup_seconds = 0;
    double setup_seconds = 0; // opening the connections (and TLS) before time zero: not measured, not charged
    double measured_seconds = 0; // the run after warmup
    double requested_rate = 0;   // open loop: the schedule's mean rate over the measured part; 0 closed
    double achieved_rate = 0;    // answered per measured second
    std::size_t validate_every = 0;
    double resend_ratio = 0;
    std::string mix; // the request kinds' weights (--mix), "" for valid sends only
    bool interrupted = false;
    int shard_index = 0; // --shard I/N; a merged result keeps 0/1
    int shard_count = 1;
    std::vector<int> missing_shards;         // a merge of shards names the ones it did not get
    std::vector<std::string> missing_inputs; // a merge names the result files it could not read
    int expected_status = 200; // the profile's success status: any other reply is a failed request
    load_stats stats;
    std::vector<timeline_entry> timeline;
    std::vector<hlog_line> intervals;
    std::vector<threshold_outcome> thresholds;
    // What a store oracle counted in the conversation before and after the run (absent without one): it must
    // lie between the accepted sends that store and those plus the unanswered ones; more means refused
    // requests or resends stored messages, fewer that accepted messages were lost. Judged by the threshold
    // metric `stored` (default stored==0), apart from the replies' violations.
    struct store_tally {
        std::uint64_t before = 0, after = 0, accepted = 0, unanswered = 0;
        std::uint64_t stored() const noexcept { return after >= before ? after - before : 0; }
        bool holds() const noexcept { return stored() >= accepted && stored() <= accepted + unanswered; }
        // How many messages lie outside [accepted, accepted + unanswered]: stored beyond it, or missing
        // below.
        std::uint64_t against_rules() const noexcept {
            return stored() > accepted + unanswered ? stored() - accepted - unanswered
                   : stored() < accepted            ? accepted - stored()
                                                    : 0;
        }
    };
    std::optional<store_tally> store;
    // Drawn by judge_load_run (evaluate_thresholds and the readers call it): what every writer and the exit
    // code show.
    run_verdict verdict;

    // Failed requests (transport failures by class, too late to send, replies with another status than the
    // expected one) over intended requests.
    double error_ratio() const;
    std::uint64_t unexpected_statuses() const;
    bool passed() const noexcept { return verdict.passed(); }
    // "50 connections", or "50 connections × 10 streams" when each carried several requests at once.
    std::string connections_text() const;
    // The generator, not the target, made a good part of the latency: its own lateness p99 is at least 1 ms
    // and a quarter of the latency's p99 (a busy CPU, too few threads).
    bool generator_fell_behind() const;
};

} // namespace harness::result
