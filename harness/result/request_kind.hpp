#pragma once
// The request kinds of a mixed load workload (`harness load --mix`), derived from the contract and profile: a
// new message, a resend of an earlier key, a key reused with another payload, a send without key, each auth
// failure, each validation failure, an unknown conversation. Each kind has its oracle (the profile's success,
// or the failure it deserves) and its own counts and latency histogram, so the p99 of refusals stands next to
// the p99 of stored messages.

#include "harness/contract/profile.hpp"
#include "harness/hdr/histogram.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace harness::result {

enum class request_kind : std::uint8_t {
    new_message,
    resend,
    key_reuse,
    no_key,
    no_auth,
    wrong_scheme,
    unknown_token,
    expired_token,
    other_project,
    other_company,
    invalid_field,
    not_json,
    unknown_conversation,
};
inline constexpr std::size_t request_kind_count = 13;

std::string_view to_string(request_kind kind); // "new", "resend", "key_reuse", …
std::optional<request_kind> request_kind_from_string(std::string_view name);
// Every kind's name, comma-separated, for error messages and help.
std::string request_kind_names();

// What the kind deserves by the profile: nullopt for a success, else the failure kind.
std::optional<contract::failure_kind> expected_failure(request_kind kind, const contract::profile& profile);
// The status the kind's oracle expects.
int expected_status(request_kind kind, const contract::profile& profile);

// One kind's share of a run: every intended request of the kind ends in exactly one of answered / failed (by
// the transport, or too late); an answered one held its oracle or not (another status; or, on the validator's
// thread, another error.code or an envelope breaking the contract).
struct kind_stats {
    std::uint64_t intended = 0;
    std::uint64_t answered = 0;
    std::uint64_t failed = 0;          // transport failures and too-late slots
    std::uint64_t wrong_status = 0;    // answered with another status than the oracle's
    std::uint64_t checked = 0;         // replies the validator checked (sampled)
    std::uint64_t broke_rule = 0;      // of those, another error.code or a broken envelope
    std::uint64_t data_mismatches = 0; // resends whose data differed from the first reply's
    hdr::histogram latency;            // µs, from the intended send time
    int expected_status = 0;           // what the kind's oracle expects (the profile's, recorded for reports)
    std::string rule;                  // the profile rule behind it, in words
    std::string first_problem;         // the first broken rule, in words

    // Requests that did not get what the kind deserves: transport failures, wrong statuses, broken rules,
    // replays with other data (a reply counts once even when it broke two of them).
    std::uint64_t not_held() const noexcept {
        return std::min(intended, failed + wrong_status + broke_rule + data_mismatches);
    }
    std::uint64_t held() const noexcept { return intended - not_held(); }
    void merge(const kind_stats& other);
};

using kind_table = std::array<kind_stats, request_kind_count>;

} // namespace harness::result
