#pragma once
// A high-dynamic-range histogram of latencies, in the layout of HdrHistogram (Gil Tene's; the same buckets
// and index arithmetic, written here), so that our .hlog files decode with the reference tools to the same
// values.
//
// Values are integers in a caller-chosen unit (the load generator records microseconds): 1 µs to 1 h at 3
// significant digits by default. record() is allocation-free and O(1); a value above the highest trackable
// one is not recorded and record() says so (the caller counts it). Not thread-safe: one per thread, merged
// with add().

#include <cstdint>
#include <optional>
#include <vector>

namespace harness::hdr {

struct histogram_config {
    std::int64_t lowest_discernible = 1;
    std::int64_t highest_trackable = 3'600'000'000; // 1 h in µs
    int significant_digits = 3;
};

class histogram {
public:
    // Throws std::invalid_argument for an impossible configuration (lowest < 1, highest < 2 * lowest,
    // digits outside 1..5).
    explicit histogram(histogram_config config = {});

    // False (and nothing recorded) when `value` is negative or above highest_trackable.
    bool record(std::int64_t value, std::int64_t count = 1) noexcept;
    // wrk2 / HdrHistogram "corrected" recording: also records the values a stalled sender would have seen
    // every `expected_interval` below `value`. Used only to check our own figures against the reference.
    bool record_corrected(std::int64_t value, std::int64_t expected_interval) noexcept;

    // Adds every count of `other`; returns how many could not be added (other's values beyond our range).
    std::int64_t add(const histogram& other);
    void reset() noexcept;

    std::int64_t total_count() const noexcept { return total_count_; }
    std::int64_t min() const noexcept;
    std::int64_t max() const noexcept; // highest equivalent value of the largest recorded, as HdrHistogram
    double mean() const noexcept;
    double stddev() const noexcept;
    // The value at `percentile` (0..100): the highest equivalent value of the bucket where the count reaches
    // it.
    std::int64_t value_at_percentile(double percentile) const noexcept;

    const histogram_config& config() const noexcept { return config_; }

    // Layout, for encoders and iterators.
    std::size_t counts_length() const noexcept { return counts_.size(); }
    std::int64_t count_at_index(std::size_t index) const noexcept { return counts_[index]; }
    std::size_t index_of(std::int64_t value) const noexcept;
    std::int64_t value_at_index(std::size_t index) const noexcept;
    std::int64_t lowest_equivalent(std::int64_t value) const noexcept;
    std::int64_t highest_equivalent(std::int64_t value) const noexcept;
    std::int64_t median_equivalent(std::int64_t value) const noexcept;
    std::int64_t max_recorded() const noexcept { return max_value_; }
    // Sets a count directly (decoders); keeps total, min and max right.
    void set_count_at_index(std::size_t index, std::int64_t count) noexcept;

private:
    std::int64_t size_of_equivalent_range(std::int64_t value) const noexcept;
    int bucket_index(std::int64_t value) const noexcept;

    histogram_config config_;
    int unit_magnitude_ = 0;
    int sub_bucket_half_count_magnitude_ = 0;
    std::int64_t sub_bucket_count_ = 0;
    std::int64_t sub_bucket_half_count_ = 0;
    std::int64_t sub_bucket_mask_ = 0;
    int bucket_count_ = 0;
    std::vector<std::int64_t> counts_;
    std::int64_t total_count_ = 0;
    std::int64_t min_value_ = INT64_MAX;
    std::int64_t max_value_ = 0;
};

} // namespace harness::hdr
