#pragma once
// What one load thread measured, merged across threads after they join. Every intended request is counted
// exactly once: answered (any status), failed (by outcome class) or too late to send.

#include "harness/hdr/histogram.hpp"
#include "harness/http/exchange.hpp"
#include "load_timeline.hpp"
#include "pool_stats.hpp"
#include "request_kind.hpp"
#include "rule_violation.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace harness::result {

// Outcome classes: the driver's, plus a slot that could not be sent in time.
enum class request_fate : std::size_t {
    answered,
    connect,
    tls,
    timeout,
    reset,
    protocol,
    too_large,
    stream_reset, // HTTP/2's own classes (http::outcome_kind)
    goaway,
    flow_control,
    settings_limit,
    too_late
};
inline constexpr std::size_t request_fate_count = 12;
std::string_view to_string(request_fate fate);
// Fates only HTTP/2 can have: writers leave them out of an HTTP/1.1 run's error line when zero.
bool http2_only(request_fate fate);
request_fate fate_of(http::outcome_kind outcome);
// The timeline's class of a fate other than answered.
failure_class class_of(request_fate fate);

struct load_stats {
    hdr::histogram latency; // from the intended send time (open loop) or the actual one (closed loop), µs
    hdr::histogram service; // from the actual send time, µs
    // The generator's own lateness, µs: how late a slot was sent although a connection was free for it (the
    // thread was busy or woke late), apart from waiting for a connection (the target's queueing).
    hdr::histogram generator_lag;
    std::array<std::uint64_t, 600> statuses{};
    std::array<std::uint64_t, request_fate_count> fates{};
    std::uint64_t intended = 0;  // measured slots (after warmup)
    std::uint64_t warmup = 0;    // slots during warmup, sent but not measured
    std::uint64_t validated = 0; // replies checked against the contract
    std::uint64_t violating = 0; // of those, replies that break it
    std::uint64_t not_validated =
        0;                     // sampled for validation, but the validator was behind (counted, not hidden)
    std::uint64_t resends = 0; // requests that reused an earlier key
    std::uint64_t resends_checked = 0;
    std::uint64_t resend_mismatches = 0; // resends whose data differed from the first reply's
    std::uint64_t unrecorded = 0;        // latencies beyond the histogram's range (counted, not hidden)
    std::uint64_t hot_path_allocations =
        0; // with load_plan::thread_allocations: heap allocations while measuring
    std::uint64_t hot_path_requests = 0; // the requests those allocations were spread over
    std::uint64_t hot_path_seconds = 0;  // and the seconds of the timeline they crossed
    std::string first_failure; // the first transport failure's class and reason, in words ("" when none)
    // Complete HTTP responses outside the measured slots (the preflight's send before time zero): the target
    // has answered, so a run whose measured requests all failed did test it (they are its failures).
    std::uint64_t answered_unmeasured = 0;
    // Messages the target should have stored: 2xx replies to sends that store (a new message, a send without
    // key; warmup included), and sends of those kinds whose reply never came (the target may have stored
    // them).
    std::uint64_t stores_accepted = 0;
    std::uint64_t stores_unanswered = 0;
    // New sends answered with a messageUuid another key got first in this run (load/replay_detector): a class
    // of its own, failing the run. `replay_checked` replies were looked up; `replay_check_stopped` when the
    // table filled and the check stopped.
    std::uint64_t replayed = 0;
    std::uint64_t replay_checked = 0;
    bool replay_check_stopped = false;
    std::string first_replay; // the first, in words ("" when none)
    pool_stats pool;          // the open loop's connection pool: growth and the service times at its cap
    // Per request kind, when the run had a mix (--mix): empty otherwise, indexed by request_kind.
    std::vector<kind_stats> kinds;
    // Per rule (check id), the checked replies that broke it, with one redacted sample each: merged by rule
    // id. A reply that broke two rules counts in both; `violating` counts it once.
    std::vector<rule_violation> violations;

    std::uint64_t accounted() const noexcept; // sum of fates: equals intended when nothing is lost
    std::uint64_t failed() const noexcept;    // fates other than answered
    std::uint64_t count(request_fate fate) const noexcept { return fates[static_cast<std::size_t>(fate)]; }
    std::uint64_t sent_and_failed() const noexcept { return failed() - count(request_fate::too_late); }
    void merge(const load_stats& other);
};

} // namespace harness::result
