#include "request_rate.hpp"

#include <algorithm>

namespace harness::mock {

std::uint64_t request_rate::note(clock::time_point now) noexcept {
    const std::int64_t second = std::chrono::duration_cast<std::chrono::seconds>(now - start_).count();
    std::int64_t current = second_.load(std::memory_order_relaxed);
    if (second > current && second_.compare_exchange_strong(current, second)) {
        // One thread turns the second over; a gap of more than a second means nothing came meanwhile.
        const std::uint64_t finished = count_.exchange(0);
        previous_.store(second == current + 1 ? finished : 0, std::memory_order_relaxed);
    }
    const std::uint64_t so_far = count_.fetch_add(1, std::memory_order_relaxed) + 1;
    return std::max(so_far, previous_.load(std::memory_order_relaxed));
}

} // namespace harness::mock
