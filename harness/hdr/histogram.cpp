#include "histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>

namespace harness::hdr {

histogram::histogram(histogram_config config) : config_(config) {
    if (config.lowest_discernible < 1 || config.highest_trackable < 2 * config.lowest_discernible ||
        config.significant_digits < 1 || config.significant_digits > 5) {
        throw std::invalid_argument("histogram: need 1 <= lowest, 2 * lowest <= highest, 1 <= digits <= 5");
    }
    const auto largest_single_unit_resolution =
        static_cast<std::int64_t>(2 * std::pow(10.0, config.significant_digits));
    const int sub_bucket_count_magnitude =
        static_cast<int>(std::ceil(std::log2(static_cast<double>(largest_single_unit_resolution))));
    sub_bucket_half_count_magnitude_ = std::max(sub_bucket_count_magnitude, 1) - 1;
    unit_magnitude_ = static_cast<int>(std::floor(std::log2(static_cast<double>(config.lowest_discernible))));
    sub_bucket_count_ = std::int64_t{1} << (sub_bucket_half_count_magnitude_ + 1);
    sub_bucket_half_count_ = sub_bucket_count_ / 2;
    sub_bucket_mask_ = (sub_bucket_count_ - 1) << unit_magnitude_;
    // How many buckets (each twice the range of the one before) reach highest_trackable.
    std::int64_t smallest_untrackable = sub_bucket_count_ << unit_magnitude_;
    int buckets = 1;
    while (smallest_untrackable <= config.highest_trackable) {
        if (smallest_untrackable > INT64_MAX / 2) {
            ++buckets;
            break;
        }
        smallest_untrackable <<= 1;
        ++buckets;
    }
    bucket_count_ = buckets;
    counts_.assign(static_cast<std::size_t>((bucket_count_ + 1) * sub_bucket_half_count_), 0);
}

int histogram::bucket_index(std::int64_t value) const noexcept {
    const int pow2_ceiling = 64 - std::countl_zero(static_cast<std::uint64_t>(value | sub_bucket_mask_));
    return pow2_ceiling - unit_magnitude_ - (sub_bucket_half_count_magnitude_ + 1);
}

std::size_t histogram::index_of(std::int64_t value) const noexcept {
    const int bucket = bucket_index(value);
    const std::int64_t sub_bucket = value >> (bucket + unit_magnitude_);
    const std::int64_t bucket_base = static_cast<std::int64_t>(bucket + 1)
                                     << sub_bucket_half_count_magnitude_;
    return static_cast<std::size_t>(bucket_base + (sub_bucket - sub_bucket_half_count_));
}

std::int64_t histogram::value_at_index(std::size_t index) const noexcept {
    int bucket = static_cast<int>(index >> sub_bucket_half_count_magnitude_) - 1;
    std::int64_t sub_bucket =
        static_cast<std::int64_t>(index & static_cast<std::size_t>(sub_bucket_half_count_ - 1)) +
        sub_bucket_half_count_;
    if (bucket < 0) {
        sub_bucket -= sub_bucket_half_count_;
        bucket = 0;
    }
    return sub_bucket << (bucket + unit_magnitude_);
}

std::int64_t histogram::size_of_equivalent_range(std::int64_t value) const noexcept {
    const int bucket = bucket_index(value);
    const std::int64_t sub_bucket = value >> (bucket + unit_magnitude_);
    const int adjusted = sub_bucket >= sub_bucket_count_ ? bucket + 1 : bucket;
    return std::int64_t{1} << (unit_magnitude_ + adjusted);
}

std::int64_t histogram::lowest_equivalent(std::int64_t value) const noexcept {
    const int bucket = bucket_index(value);
    const std::int64_t sub_bucket = value >> (bucket + unit_magnitude_);
    return sub_bucket << (bucket + unit_magnitude_);
}

std::int64_t histogram::highest_equivalent(std::int64_t value) const noexcept {
    return lowest_equivalent(value) + size_of_equivalent_range(value) - 1;
}

std::int64_t histogram::median_equivalent(std::int64_t value) const noexcept {
    return lowest_equivalent(value) + (size_of_equivalent_range(value) >> 1);
}

bool histogram::record(std::int64_t value, std::int64_t count) noexcept {
    if (value < 0 || value > config_.highest_trackable) {
        return false;
    }
    const std::size_t index = index_of(value);
    if (index >= counts_.size()) {
        return false;
    }
    counts_[index] += count;
    total_count_ += count;
    min_value_ = std::min(min_value_, value);
    max_value_ = std::max(max_value_, value);
    return true;
}

bool histogram::record_corrected(std::int64_t value, std::int64_t expected_interval) noexcept {
    if (!record(value)) {
        return false;
    }
    if (expected_interval <= 0 || value <= expected_interval) {
        return true;
    }
    for (std::int64_t missing = value - expected_interval; missing >= expected_interval;
         missing -= expected_interval) {
        record(missing);
    }
    return true;
}

std::int64_t histogram::add(const histogram& other) {
    std::int64_t dropped = 0;
    for (std::size_t i = 0; i < other.counts_.size(); ++i) {
        const std::int64_t count = other.counts_[i];
        if (count != 0 && !record(other.value_at_index(i), count)) {
            dropped += count;
        }
    }
    return dropped;
}

void histogram::set_count_at_index(std::size_t index, std::int64_t count) noexcept {
    if (index >= counts_.size() || count <= 0) {
        return;
    }
    const std::int64_t value = value_at_index(index);
    counts_[index] += count;
    total_count_ += count;
    min_value_ = std::min(min_value_, value);
    max_value_ = std::max(max_value_, value);
}

void histogram::reset() noexcept {
    std::fill(counts_.begin(), counts_.end(), 0);
    total_count_ = 0;
    min_value_ = INT64_MAX;
    max_value_ = 0;
}

std::int64_t histogram::min() const noexcept {
    return total_count_ == 0 ? 0 : lowest_equivalent(min_value_);
}

std::int64_t histogram::max() const noexcept {
    return total_count_ == 0 ? 0 : highest_equivalent(max_value_);
}

double histogram::mean() const noexcept {
    if (total_count_ == 0) {
        return 0;
    }
    double sum = 0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        if (counts_[i] != 0) {
            sum +=
                static_cast<double>(counts_[i]) * static_cast<double>(median_equivalent(value_at_index(i)));
        }
    }
    return sum / static_cast<double>(total_count_);
}

double histogram::stddev() const noexcept {
    if (total_count_ == 0) {
        return 0;
    }
    const double average = mean();
    double squares = 0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        if (counts_[i] != 0) {
            const double deviation = static_cast<double>(median_equivalent(value_at_index(i))) - average;
            squares += deviation * deviation * static_cast<double>(counts_[i]);
        }
    }
    return std::sqrt(squares / static_cast<double>(total_count_));
}

std::int64_t histogram::value_at_percentile(double percentile) const noexcept {
    if (total_count_ == 0) {
        return 0;
    }
    const double requested = std::clamp(percentile, 0.0, 100.0);
    // Rounded to the nearest count, as HdrHistogram_c and the Java 2.1.x tools do, so both report the same
    // value for the same data.
    auto count_at_percentile =
        static_cast<std::int64_t>((requested / 100.0) * static_cast<double>(total_count_) + 0.5);
    count_at_percentile = std::max<std::int64_t>(count_at_percentile, 1);
    std::int64_t running = 0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        running += counts_[i];
        if (running >= count_at_percentile) {
            const std::int64_t value = value_at_index(i);
            return requested == 0.0 ? lowest_equivalent(value) : highest_equivalent(value);
        }
    }
    return max();
}

} // namespace harness::hdr
