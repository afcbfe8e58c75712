#include "plan_builder.hpp"

#include "connection_budget.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace harness::load {

namespace {

bool whole_number(std::string_view text, int& value) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

} // namespace

shard_spec parse_shard(std::string_view text) {
    const auto slash = text.find('/');
    shard_spec shard;
    if (slash == std::string_view::npos || !whole_number(text.substr(0, slash), shard.index) ||
        !whole_number(text.substr(slash + 1), shard.count) || shard.count < 1 || shard.count > 255 ||
        shard.index < 0 || shard.index >= shard.count) {
        throw std::invalid_argument("--shard '" + std::string(text) + "' must be I/N with 0 <= I < N <= 255");
    }
    return shard;
}

load_plan build_load_plan(const plan_request& request) {
    load_plan plan;
    plan.threads = request.threads;
    plan.connections = std::max(request.connections, request.threads);
    plan.streams = request.streams;
    plan.warmup_seconds = parse_duration(request.warmup);
    plan.max_lag_seconds = parse_duration(request.max_lag);
    plan.resend_ratio = request.resend_percent / 100.0;
    plan.validate_every = request.validate_every;
    const double duration = parse_duration(request.duration);
    double share = 1.0;
    if (!request.shard.empty()) {
        const shard_spec shard = parse_shard(request.shard);
        plan.shard_index = shard.index;
        plan.shard_count = shard.count;
        share = 1.0 / shard.count;
    }
    if (!request.stages.empty()) {
        if (request.rate_given) {
            throw std::invalid_argument("give --rate or --stages, not both");
        }
        std::vector<stage> stages = parse_stages(request.stages);
        for (stage& s : stages) {
            s.target_rate *= share;
        }
        plan.schedule.emplace(stages);
    } else if (request.connections_given && !request.rate_given) {
        plan.closed_loop_seconds = duration;
    } else {
        const double rate = request.rate_given ? request.rate : 1000.0;
        if (rate <= 0) {
            throw std::invalid_argument("--rate must be above 0");
        }
        plan.schedule.emplace(rate * share, duration);
    }
    if (plan.schedule) {
        const connection_budget budget =
            derive_connection_budget(plan.schedule->max_rate(), plan.streams, plan.connections,
                                     request.connection_cap, open_file_budget());
        plan.connection_cap = budget.cap;
        plan.cap_allowance_seconds = budget.allowance_seconds;
    }
    if (plan.duration() <= plan.warmup_seconds) {
        throw std::invalid_argument("the run (" + std::to_string(plan.duration()) +
                                    " s) must be longer than the warmup (" +
                                    std::to_string(plan.warmup_seconds) + " s)");
    }
    return plan;
}

} // namespace harness::load
