#pragma once
// The transitions of the profile's idempotency model (harness/explore/profile_model), named once: the
// explore suite's steps take them, and the coverage model lists each as an item ("sequence: …"), so the
// coverage table shows which ones a run exercised.

#include <array>
#include <string_view>

namespace harness::contract::sequence_transition {

inline constexpr std::string_view new_key = "a new key stores a message";
inline constexpr std::string_view no_key = "no key stores a message";
inline constexpr std::string_view replay = "same key, same payload replays";
inline constexpr std::string_view replay_rewritten = "same key, the payload written otherwise replays";
inline constexpr std::string_view conflict = "same key, another payload conflicts";
inline constexpr std::string_view other_scope = "a key of another caller or conversation is new";
inline constexpr std::string_view after_refusal = "a key a refused request carried is new";
inline constexpr std::string_view refused = "a refused request stores and reserves nothing";
inline constexpr std::string_view burst_new = "concurrent copies of a new key store one message";
inline constexpr std::string_view burst_replay = "concurrent copies of a known key replay";
inline constexpr std::string_view burst_distinct = "concurrent distinct keys store one message each";

inline constexpr std::array<std::string_view, 11> all = {
    new_key,       no_key,  replay,    replay_rewritten, conflict,      other_scope,
    after_refusal, refused, burst_new, burst_replay,     burst_distinct};

// The kinds of step the explore suite draws (harness/explore/sequence.hpp's op_kind, in its order): the
// coverage model lists each as "sequence step: NAME".
inline constexpr std::array<std::string_view, 7> step_kinds = {"send",    "resend", "reserialise",   "change",
                                                               "refused", "burst",  "burst_distinct"};

} // namespace harness::contract::sequence_transition
