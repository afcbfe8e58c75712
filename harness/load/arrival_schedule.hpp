#pragma once
// When each request of an open-loop run is due: a constant rate, or ramping stages ("10s:1000,30s:5000,10s:0"
// ramps linearly from the previous rate to each stage's target over its duration, as k6's ramping arrival
// rate). The schedule is absolute: arrival i is due at time_of(i) seconds after the start, however late the
// sender is.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace harness::load {

struct stage {
    double seconds = 0;
    double target_rate = 0; // requests per second at the end of the stage
};

// "10s:1000,30s:5000,500ms:0" -> stages; throws std::invalid_argument naming the bad part.
std::vector<stage> parse_stages(std::string_view text);
// "10s", "500ms", "2m" -> seconds; throws std::invalid_argument.
double parse_duration(std::string_view text);

class arrival_schedule {
public:
    arrival_schedule(double rate, double seconds); // constant
    explicit arrival_schedule(const std::vector<stage>& stages, double start_rate = 0);

    double duration() const noexcept { return duration_; }
    std::uint64_t total_arrivals() const noexcept { return total_; }
    double max_rate() const noexcept { return max_rate_; }
    // Seconds from the start at which arrival i (0-based) is due; i < total_arrivals().
    double time_of(std::uint64_t i) const noexcept;
    // The requested rate at time t (for the timeline).
    double rate_at(double t) const noexcept;

private:
    struct segment {
        double t0, t1, r0, r1, n0, n1;
    };
    void add(double seconds, double from, double to);

    std::vector<segment> segments_;
    double duration_ = 0;
    std::uint64_t total_ = 0;
    double max_rate_ = 0;
};

} // namespace harness::load
