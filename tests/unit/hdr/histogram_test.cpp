// The histogram against HdrHistogram's own reference figures, the codec round trip, and base64.

#include "harness/hdr/histogram.hpp"
#include "harness/hdr/histogram_codec.hpp"

#include <random>

#include <gtest/gtest.h>

namespace harness::hdr {
namespace {

// HdrHistogram_c's coordinated-omission test data: 10 000 values of 1000 and one of 100 000 000.
histogram raw_and(bool corrected) {
    histogram h({1, 3'600'000'000LL, 3});
    for (int i = 0; i < 10000; ++i) {
        corrected ? h.record_corrected(1000, 10000) : h.record(1000);
    }
    corrected ? h.record_corrected(100000000, 10000) : h.record(100000000);
    return h;
}

bool within(std::int64_t actual, std::int64_t expected, double relative) {
    return std::abs(static_cast<double>(actual - expected)) <= static_cast<double>(expected) * relative;
}

TEST(histogram, raw_percentiles_hide_the_stall) {
    const histogram h = raw_and(false);
    EXPECT_EQ(h.total_count(), 10001);
    EXPECT_TRUE(within(h.value_at_percentile(30), 1000, 0.001));
    EXPECT_TRUE(within(h.value_at_percentile(99), 1000, 0.001));
    EXPECT_TRUE(within(h.value_at_percentile(99.99), 1000, 0.001));
    EXPECT_TRUE(within(h.value_at_percentile(99.999), 100000000, 0.001));
    EXPECT_TRUE(within(h.max(), 100000000, 0.001));
}

TEST(histogram, corrected_percentiles_show_it) {
    const histogram h = raw_and(true);
    EXPECT_EQ(h.total_count(), 20000);
    EXPECT_TRUE(within(h.value_at_percentile(30), 1000, 0.001));
    EXPECT_TRUE(within(h.value_at_percentile(50), 1000, 0.001));
    EXPECT_TRUE(within(h.value_at_percentile(75), 50000000, 0.001));
    EXPECT_TRUE(within(h.value_at_percentile(90), 80000000, 0.001));
    EXPECT_TRUE(within(h.value_at_percentile(99), 98000000, 0.001));
}

TEST(histogram, values_keep_three_significant_digits_across_the_range) {
    histogram h;
    std::mt19937_64 random(42);
    for (int i = 0; i < 20000; ++i) {
        const std::int64_t v = 1 + static_cast<std::int64_t>(random() % 3'600'000'000ULL);
        ASSERT_TRUE(h.record(v));
        const std::size_t index = h.index_of(v);
        EXPECT_LE(h.lowest_equivalent(v), v);
        EXPECT_GE(h.highest_equivalent(v), v);
        EXPECT_LE(static_cast<double>(h.highest_equivalent(v) - h.lowest_equivalent(v)),
                  static_cast<double>(v) / 1000.0 + 1);
        EXPECT_EQ(h.value_at_index(index), h.lowest_equivalent(v));
    }
    EXPECT_FALSE(h.record(3'600'000'001LL));
    EXPECT_FALSE(h.record(-1));
}

TEST(histogram, mean_stddev_and_merge) {
    histogram a;
    histogram b;
    for (int v = 1; v <= 1000; ++v) {
        (v % 2 ? a : b).record(v);
    }
    histogram all;
    all.add(a);
    all.add(b);
    EXPECT_EQ(all.total_count(), 1000);
    EXPECT_NEAR(all.mean(), 500.5, 0.5);
    EXPECT_NEAR(all.stddev(), 288.67, 0.5);
    EXPECT_EQ(all.value_at_percentile(50), 500);
    EXPECT_EQ(all.max(), 1000);
    EXPECT_EQ(all.min(), 1);
    histogram narrow({1, 1000, 3});
    EXPECT_EQ(narrow.add(raw_and(false)), 1); // the 100 000 000 does not fit: counted, not hidden
}

TEST(histogram_codec, round_trips_counts_exactly) {
    histogram h;
    std::mt19937_64 random(7);
    for (int i = 0; i < 5000; ++i) {
        h.record(1 + static_cast<std::int64_t>(random() % 2'000'000),
                 1 + static_cast<std::int64_t>(random() % 3));
    }
    std::string error;
    const auto decoded = decode_compressed(encode_compressed(h), error);
    ASSERT_TRUE(decoded) << error;
    EXPECT_EQ(decoded->total_count(), h.total_count());
    for (std::size_t i = 0; i < h.counts_length(); ++i) {
        ASSERT_EQ(decoded->count_at_index(i), h.count_at_index(i)) << i;
    }
    EXPECT_EQ(decoded->max(), h.max());
    const auto empty = decode_compressed(encode_compressed(histogram{}), error);
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->total_count(), 0);
}

TEST(histogram_codec, refuses_garbage) {
    std::string error;
    EXPECT_FALSE(decode_compressed("", error));
    EXPECT_FALSE(decode_compressed("\x1c\x84\x93\x14\x00\x00\x00\x05hello", error));
    std::string valid = encode_compressed(raw_and(false));
    valid[12] ^= 0x55;
    EXPECT_FALSE(decode_compressed(valid, error));
}

TEST(base64, matches_rfc4648_vectors) {
    EXPECT_EQ(base64_encode(""), "");
    EXPECT_EQ(base64_encode("f"), "Zg==");
    EXPECT_EQ(base64_encode("fo"), "Zm8=");
    EXPECT_EQ(base64_encode("foo"), "Zm9v");
    EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
    EXPECT_EQ(base64_decode("Zm9vYmE="), "fooba");
    EXPECT_FALSE(base64_decode("Zm9"));
    EXPECT_FALSE(base64_decode("Zm=v"));
}

} // namespace
} // namespace harness::hdr
