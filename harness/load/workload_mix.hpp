#pragma once
// A mixed workload (`harness load --mix SPEC`, or `mix:` in the target file): weights over the request kinds
// (harness/result/request_kind). SPEC is `KIND=WEIGHT,…` (e.g. `new=80,resend=10,no_auth=5,invalid_field=5`)
// or `all`: every kind the target's credentials allow, with the default weights below. Drawing a kind costs
// one random number and a scan of 13 thresholds: nothing allocates.

#include "harness/contract/profile.hpp"
#include "harness/result/request_kind.hpp"
#include "harness/target/target_spec.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace harness::load {

class workload_mix {
public:
    // Throws std::invalid_argument naming the bad part (an unknown kind, listing them; a weight that is not a
    // whole number; a kind the target cannot send, naming the flag it needs).
    static workload_mix parse(std::string_view spec, const harness::target::target_spec& target,
                              const contract::profile& profile);
    // From `mix:` in a target file: kind -> weight.
    static workload_mix from_weights(const std::vector<std::pair<std::string, std::uint32_t>>& weights,
                                     const harness::target::target_spec& target,
                                     const contract::profile& profile);

    harness::result::request_kind choose(std::uint64_t random) const noexcept;
    bool has(harness::result::request_kind kind) const noexcept {
        return weights_[static_cast<std::size_t>(kind)] > 0;
    }
    std::uint32_t weight(harness::result::request_kind kind) const noexcept {
        return weights_[static_cast<std::size_t>(kind)];
    }
    // Back in SPEC form, kinds in their order: "new=50,resend=10,…".
    std::string to_string() const;

private:
    void add(harness::result::request_kind kind, std::uint32_t weight);
    void finish();

    std::array<std::uint32_t, harness::result::request_kind_count> weights_{};
    std::array<std::uint64_t, harness::result::request_kind_count> upper_{}; // cumulative weights
    std::uint64_t total_ = 0;
};

} // namespace harness::load
