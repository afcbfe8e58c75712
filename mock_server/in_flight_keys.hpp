#pragma once
// Idempotency keys whose first request the mock still counts as being processed: in liberal mode the first
// reply of a key is held back for a while, and a resend arriving meanwhile gets the profile's on_in_flight
// failure (409) instead of the replay, as a gateway that does not wait for the first request may answer.
// Bounded: expired entries are dropped as new ones come in.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace harness::mock {

class in_flight_keys {
public:
    using clock = std::chrono::steady_clock;

    // `key` counts as in flight until `until`.
    void hold(std::string_view key, clock::time_point until);
    // Whether `key` is in flight at `now`.
    bool in_flight(std::string_view key, clock::time_point now);
    void clear();

private:
    static constexpr std::size_t sweep_above = 1024;
    std::mutex mutex_;
    std::unordered_map<std::string, clock::time_point> until_;
};

} // namespace harness::mock
