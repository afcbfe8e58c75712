#pragma once
// The fault rules in force (set at start, changed at run time through /__admin/faults) and the per-request
// decision of which of them fire. With no rule set, decide() is one atomic load.

#include "fault_spec.hpp"

#include <atomic>
#include <bitset>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <vector>

namespace harness::mock {

// What happens to the reply of one request.
enum class transport_fault {
    none,
    reset,
    truncate,
    drip,
    garbage,
    broken_chunked,
    hang,
    huge_body,
    goaway,
    huge_headers
};

struct fault_decision {
    std::chrono::milliseconds delay{0};
    int status_override = 0; // 0: none
    bool malformed_json = false;
    transport_fault transport = transport_fault::none;
    std::chrono::milliseconds drip_interval{0};
    std::size_t huge_body_bytes = 0;
    std::size_t huge_header_bytes = 0;
    std::bitset<drift_kind_count> drift;
    bool liberal = false; // use every liberty the profile allows (not a fault: verify must pass)
    // Faults that show only under load: above this many requests per second (0: never).
    int overload_keys_above = 0;
    int overload_tokens_above = 0;

    bool has(drift_kind kind) const { return drift.test(static_cast<std::size_t>(kind)); }
};

class fault_injector {
public:
    fault_injector();

    void set(std::vector<fault_rule> rules);
    std::vector<fault_rule> rules() const;

    // Thread-safe; counts the request for every-Nth rules.
    fault_decision decide();

private:
    struct rule_state {
        fault_rule rule;
        std::uint64_t seen = 0;
    };

    std::atomic<bool> active_{false};
    mutable std::mutex mutex_;
    std::vector<rule_state> rules_;
    std::chrono::steady_clock::time_point started_;
};

} // namespace harness::mock
