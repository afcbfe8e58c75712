#pragma once
// A run's identity: 64 random bits drawn when it starts (or given with --run-id to repeat one), printed, kept
// in its result, and salted into every key the harness generates, so that no generated idempotency key
// repeats across runs, shards or processes and a second identical run measures new messages, not replays.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace harness::result {

// From the system's random source.
std::uint64_t new_run_id();

// 16 lower-case hex digits.
std::string run_id_text(std::uint64_t id);

// 1 to 16 hex digits; nullopt for anything else.
std::optional<std::uint64_t> parse_run_id(std::string_view text);

// A well-spread 64-bit value of `id` and `stream` (splitmix64): the seed of one generator of the run, such as
// a load thread's keys, so streams of one run and of different runs never share a sequence.
std::uint64_t run_seed(std::uint64_t id, std::uint64_t stream) noexcept;

} // namespace harness::result
