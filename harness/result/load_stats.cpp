#include "load_stats.hpp"

#include <algorithm>

namespace harness::result {

std::string_view to_string(request_fate fate) {
    static constexpr std::array<std::string_view, request_fate_count> names = {
        "answered",  "connect",      "tls",    "timeout",      "reset",          "protocol",
        "too_large", "stream_reset", "goaway", "flow_control", "settings_limit", "too_late"};
    return names[static_cast<std::size_t>(fate)];
}

bool http2_only(request_fate fate) {
    return fate == request_fate::stream_reset || fate == request_fate::goaway ||
           fate == request_fate::flow_control || fate == request_fate::settings_limit;
}

request_fate fate_of(http::outcome_kind outcome) {
    switch (outcome) {
    case http::outcome_kind::ok:
        return request_fate::answered;
    case http::outcome_kind::connect:
        return request_fate::connect;
    case http::outcome_kind::tls:
        return request_fate::tls;
    case http::outcome_kind::timeout:
        return request_fate::timeout;
    case http::outcome_kind::reset:
        return request_fate::reset;
    case http::outcome_kind::protocol:
        return request_fate::protocol;
    case http::outcome_kind::too_large:
        return request_fate::too_large;
    case http::outcome_kind::stream_reset:
        return request_fate::stream_reset;
    case http::outcome_kind::goaway:
        return request_fate::goaway;
    case http::outcome_kind::flow_control:
        return request_fate::flow_control;
    case http::outcome_kind::settings_limit:
        return request_fate::settings_limit;
    }
    return request_fate::reset;
}

failure_class class_of(request_fate fate) {
    // failure_class lists the fates but answered first, in request_fate's order.
    static_assert(static_cast<std::size_t>(failure_class::too_late) + 1 ==
                  static_cast<std::size_t>(request_fate::too_late));
    return static_cast<failure_class>(static_cast<std::size_t>(fate) - 1);
}

std::uint64_t load_stats::accounted() const noexcept {
    std::uint64_t total = 0;
    for (std::uint64_t n : fates) {
        total += n;
    }
    return total;
}

std::uint64_t load_stats::failed() const noexcept {
    return accounted() - fates[static_cast<std::size_t>(request_fate::answered)];
}

void load_stats::merge(const load_stats& other) {
    unrecorded += latency.add(other.latency);
    service.add(other.service);
    generator_lag.add(other.generator_lag);
    for (std::size_t i = 0; i < statuses.size(); ++i) {
        statuses[i] += other.statuses[i];
    }
    for (std::size_t i = 0; i < fates.size(); ++i) {
        fates[i] += other.fates[i];
    }
    intended += other.intended;
    warmup += other.warmup;
    answered_unmeasured += other.answered_unmeasured;
    validated += other.validated;
    violating += other.violating;
    not_validated += other.not_validated;
    resends += other.resends;
    resends_checked += other.resends_checked;
    resend_mismatches += other.resend_mismatches;
    unrecorded += other.unrecorded;
    hot_path_allocations += other.hot_path_allocations;
    stores_accepted += other.stores_accepted;
    stores_unanswered += other.stores_unanswered;
    hot_path_requests += other.hot_path_requests;
    hot_path_seconds = std::max(hot_path_seconds, other.hot_path_seconds);
    pool.merge(other.pool);
    replayed += other.replayed;
    replay_checked += other.replay_checked;
    replay_check_stopped = replay_check_stopped || other.replay_check_stopped;
    if (first_replay.empty()) {
        first_replay = other.first_replay;
    }
    if (first_failure.empty()) {
        first_failure = other.first_failure;
    }
    if (kinds.size() < other.kinds.size()) {
        kinds.resize(other.kinds.size());
    }
    for (std::size_t i = 0; i < other.kinds.size(); ++i) {
        kinds[i].merge(other.kinds[i]);
    }
    merge_violations(violations, other.violations);
}

} // namespace harness::result
