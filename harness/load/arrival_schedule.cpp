#include "arrival_schedule.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace harness::load {

double parse_duration(std::string_view text) {
    double value = 0;
    const char* first = text.data();
    const char* last = text.data() + text.size();
    auto [end, ec] = std::from_chars(first, last, value);
    const std::string_view unit(end, static_cast<std::size_t>(last - end));
    if (ec != std::errc() || value < 0) {
        throw std::invalid_argument("'" + std::string(text) + "' is not a duration (e.g. 10s, 500ms, 2m)");
    }
    if (unit == "s" || unit.empty()) {
        return value;
    }
    if (unit == "ms") {
        return value / 1000.0;
    }
    if (unit == "m") {
        return value * 60.0;
    }
    if (unit == "h") {
        return value * 3600.0;
    }
    throw std::invalid_argument("'" + std::string(text) + "': unknown unit '" + std::string(unit) +
                                "' (ms, s, m, h)");
}

std::vector<stage> parse_stages(std::string_view text) {
    std::vector<stage> stages;
    while (!text.empty()) {
        const std::size_t comma = text.find(',');
        const std::string_view part = text.substr(0, comma);
        const std::size_t colon = part.find(':');
        if (colon == std::string_view::npos) {
            throw std::invalid_argument("stage '" + std::string(part) +
                                        "' must be DURATION:RATE, e.g. 30s:5000");
        }
        stage s;
        s.seconds = parse_duration(part.substr(0, colon));
        const std::string_view rate = part.substr(colon + 1);
        auto [end, ec] = std::from_chars(rate.data(), rate.data() + rate.size(), s.target_rate);
        if (ec != std::errc() || end != rate.data() + rate.size() || s.target_rate < 0 || s.seconds <= 0) {
            throw std::invalid_argument("stage '" + std::string(part) +
                                        "': need a positive duration and a rate >= 0");
        }
        stages.push_back(s);
        if (comma == std::string_view::npos) {
            break;
        }
        text.remove_prefix(comma + 1);
    }
    if (stages.empty()) {
        throw std::invalid_argument("no stages given");
    }
    return stages;
}

arrival_schedule::arrival_schedule(double rate, double seconds) {
    add(seconds, rate, rate);
}

arrival_schedule::arrival_schedule(const std::vector<stage>& stages, double start_rate) {
    double from = start_rate;
    for (const stage& s : stages) {
        add(s.seconds, from, s.target_rate);
        from = s.target_rate;
    }
}

void arrival_schedule::add(double seconds, double from, double to) {
    const double t0 = duration_;
    const double n0 = segments_.empty() ? 0.0 : segments_.back().n1;
    const double n1 = n0 + (from + to) / 2.0 * seconds;
    segments_.push_back({t0, t0 + seconds, from, to, n0, n1});
    duration_ += seconds;
    total_ = static_cast<std::uint64_t>(std::floor(n1 + 1e-9));
    max_rate_ = std::max({max_rate_, from, to});
}

double arrival_schedule::time_of(std::uint64_t i) const noexcept {
    const double n = static_cast<double>(i);
    auto it = std::upper_bound(segments_.begin(), segments_.end(), n,
                               [](double value, const segment& s) { return value < s.n1; });
    if (it == segments_.end()) {
        return duration_;
    }
    const segment& s = *it;
    const double d = s.t1 - s.t0;
    const double a = (s.r1 - s.r0) / (2.0 * d);
    const double k = n - s.n0;
    if (k <= 0) {
        return s.t0;
    }
    if (std::abs(a) < 1e-12) {
        return s.t0 + (s.r0 > 0 ? k / s.r0 : 0.0);
    }
    // Solves n0 + r0*x + a*x^2 = n in the form that stays exact for small a and either sign.
    const double root = std::sqrt(std::max(0.0, s.r0 * s.r0 + 4.0 * a * k));
    return s.t0 + 2.0 * k / (s.r0 + root);
}

double arrival_schedule::rate_at(double t) const noexcept {
    for (const segment& s : segments_) {
        if (t < s.t1) {
            return s.r0 + (s.r1 - s.r0) * (t - s.t0) / (s.t1 - s.t0);
        }
    }
    return segments_.empty() ? 0.0 : segments_.back().r1;
}

} // namespace harness::load
