#pragma once
// The mock's request rate, for the faults that show only under load (overload_keys, overload_token_cache): a
// count per wall-clock second, lock-free, approximate where two seconds meet (good enough to tell 50 requests
// per second from 1000).

#include <atomic>
#include <chrono>
#include <cstdint>

namespace harness::mock {

class request_rate {
public:
    using clock = std::chrono::steady_clock;

    // Counts a request at `now`; returns requests per second: the last whole second's count, or this second's
    // so far when that is higher.
    std::uint64_t note(clock::time_point now) noexcept;

private:
    const clock::time_point start_ = clock::now();
    std::atomic<std::int64_t> second_{0};
    std::atomic<std::uint64_t> count_{0};
    std::atomic<std::uint64_t> previous_{0};
};

} // namespace harness::mock
