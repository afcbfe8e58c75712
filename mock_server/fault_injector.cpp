#include "fault_injector.hpp"

#include <random>

namespace harness::mock {

namespace {

double uniform01() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

int uniform_int(int min, int max) {
    thread_local std::mt19937 engine{std::random_device{}()};
    return std::uniform_int_distribution<int>(min, max)(engine);
}

// What a rule that fires adds to the decision; `started` is when the mock started (a stall's period runs
// from it).
void add_effect(const fault_rule& rule, std::chrono::steady_clock::time_point started,
                fault_decision& decision) {
    switch (rule.kind) {
    case fault_kind::latency:
        decision.delay += std::chrono::milliseconds(uniform_int(rule.value_min, rule.value_max));
        break;
    case fault_kind::stall: {
        const auto since_start =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
                .count();
        const auto into_period = since_start % rule.value_max;
        if (into_period < rule.value_min) {
            decision.delay += std::chrono::milliseconds(rule.value_min - into_period);
        }
        break;
    }
    case fault_kind::status:
        decision.status_override = rule.value_min;
        break;
    case fault_kind::reset:
        decision.transport = transport_fault::reset;
        break;
    case fault_kind::goaway:
        decision.transport = transport_fault::goaway;
        break;
    case fault_kind::stall_window:
        break; // a property of the connection, set when it opens (h2_connection)
    case fault_kind::truncate:
        decision.transport = transport_fault::truncate;
        break;
    case fault_kind::drip:
        decision.transport = transport_fault::drip;
        decision.drip_interval = std::chrono::milliseconds(rule.value_min);
        break;
    case fault_kind::malformed_json:
        decision.malformed_json = true;
        break;
    case fault_kind::garbage:
        decision.transport = transport_fault::garbage;
        break;
    case fault_kind::broken_chunked:
        decision.transport = transport_fault::broken_chunked;
        break;
    case fault_kind::hang:
        decision.transport = transport_fault::hang;
        break;
    case fault_kind::huge_body:
        decision.transport = transport_fault::huge_body;
        decision.huge_body_bytes = static_cast<std::size_t>(rule.value_min);
        break;
    case fault_kind::huge_headers:
        decision.transport = transport_fault::huge_headers;
        decision.huge_header_bytes = static_cast<std::size_t>(rule.value_min);
        break;
    case fault_kind::drift:
        decision.drift.set(static_cast<std::size_t>(rule.drift));
        break;
    case fault_kind::liberal:
        decision.liberal = true;
        break;
    case fault_kind::overload_keys:
        decision.overload_keys_above = rule.value_min;
        break;
    case fault_kind::overload_token_cache:
        decision.overload_tokens_above = rule.value_min;
        break;
    }
}

} // namespace

fault_injector::fault_injector() : started_(std::chrono::steady_clock::now()) {}

void fault_injector::set(std::vector<fault_rule> rules) {
    std::lock_guard lock(mutex_);
    rules_.clear();
    for (fault_rule& rule : rules) {
        rules_.push_back({std::move(rule), 0});
    }
    active_.store(!rules_.empty(), std::memory_order_release);
}

std::vector<fault_rule> fault_injector::rules() const {
    std::lock_guard lock(mutex_);
    std::vector<fault_rule> list;
    for (const rule_state& state : rules_) {
        list.push_back(state.rule);
    }
    return list;
}

fault_decision fault_injector::decide() {
    fault_decision decision;
    if (!active_.load(std::memory_order_acquire)) {
        return decision;
    }
    std::lock_guard lock(mutex_);
    for (rule_state& state : rules_) {
        const fault_rule& rule = state.rule;
        ++state.seen;
        const bool fires = rule.every > 0 ? state.seen % rule.every == 0
                                          : rule.probability >= 1.0 || uniform01() < rule.probability;
        if (!fires) {
            continue;
        }
        add_effect(rule, started_, decision);
    }
    return decision;
}

} // namespace harness::mock
