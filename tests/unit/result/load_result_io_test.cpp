#include "harness/hdr/histogram_codec.hpp"
#include "harness/json/document_error.hpp"
#include "harness/result/load_result_io.hpp"

#include <stdexcept>

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace harness::result {
namespace {

load_result sample_run(std::int64_t base_us, std::uint32_t seconds, int shard_index = 0,
                       int shard_count = 1) {
    load_result r;
    r.target = "http://127.0.0.1:1";
    r.mode = "open";
    r.started_at = "2026-12-04T05:00:00Z";
    r.start_epoch_seconds = 1'796'000'000;
    r.threads = 1;
    r.connections = 4;
    r.measured_seconds = seconds;
    r.requested_rate = 100;
    r.achieved_rate = 100;
    r.validate_every = 1;
    r.shard_index = shard_index;
    r.shard_count = shard_count;
    for (std::uint32_t s = 0; s < seconds; ++s) {
        hdr::histogram second;
        for (int i = 0; i < 100; ++i) {
            const std::int64_t us = base_us + i;
            second.record(us);
            r.stats.latency.record(us);
            r.stats.service.record(us / 2 + 1);
        }
        r.stats.intended += 100;
        r.stats.fates[static_cast<std::size_t>(request_fate::answered)] += 100;
        r.stats.statuses[200] += 100;
        r.stats.validated += 100;
        r.timeline.push_back(
            {s, 100, 0, 100, second.value_at_percentile(50), second.value_at_percentile(99), second.max()});
        r.intervals.push_back({s, second.max(), hdr::base64_encode(hdr::encode_compressed(second))});
    }
    return r;
}

TEST(load_result_io, a_result_reads_back_as_it_was_written) {
    load_result written = sample_run(1000, 3);
    written.stats.not_validated = 7;
    written.stats.answered_unmeasured = 1;
    evaluate_thresholds(written, {parse_threshold("p99<2ms")});
    const load_result read = parse_load_result(to_json(written), "run.json");
    EXPECT_EQ(read.target, written.target);
    EXPECT_EQ(read.mode, "open");
    EXPECT_EQ(read.stats.intended, 300u);
    EXPECT_EQ(read.stats.accounted(), 300u);
    EXPECT_EQ(read.stats.statuses[200], 300u);
    EXPECT_EQ(read.stats.not_validated, 7u);
    EXPECT_EQ(read.stats.answered_unmeasured, 1u);
    EXPECT_EQ(read.stats.latency.total_count(), written.stats.latency.total_count());
    EXPECT_EQ(read.stats.latency.value_at_percentile(99), written.stats.latency.value_at_percentile(99));
    EXPECT_EQ(read.stats.latency.max(), written.stats.latency.max());
    ASSERT_EQ(read.timeline.size(), 3u);
    EXPECT_EQ(read.timeline[2].p99_us, written.timeline[2].p99_us);
    ASSERT_EQ(read.thresholds.size(), 1u);
    EXPECT_TRUE(read.thresholds[0].passed);
}

TEST(load_result_io, refuses_other_formats_and_broken_files) {
    EXPECT_THROW(parse_load_result("{\"format\":\"harness.verify\",\"formatVersion\":1}", "v.json"),
                 std::invalid_argument);
    EXPECT_THROW(parse_load_result("not json", "x.json"), std::invalid_argument);
    std::string text = to_json(sample_run(1000, 1));
    text.replace(text.find("\"latencyHistogram\":\"") + 20, 4, "!!!!");
    EXPECT_THROW(parse_load_result(text, "broken.json"), std::invalid_argument);
}

// What a wrong member says: file, line and the member's JSON pointer.
std::string error_of(const std::string& text) {
    try {
        (void)parse_load_result(text, "run.json");
    } catch (const json::document_error& e) {
        return e.what();
    }
    return "no error";
}

TEST(load_result_io, a_broken_result_names_the_line_and_pointer) {
    EXPECT_EQ(error_of("{\n \"format\": \"harness.load\",\n \"formatVersion\": 2\n}"),
              "run.json:3:2: /formatVersion: not a harness.load result of format version 1");
    EXPECT_EQ(error_of("[]"), "run.json:1:1: not a harness.load result of format version 1");
    boost::json::value doc = boost::json::parse(to_json(sample_run(1000, 1)));
    doc.at("accounting").as_object()["intended"] = "many";
    EXPECT_NE(error_of(boost::json::serialize(doc)).find("/accounting/intended: expected a count"),
              std::string::npos)
        << error_of(boost::json::serialize(doc));
    doc = boost::json::parse(to_json(sample_run(1000, 1)));
    doc.at("timeline").as_array()[0].as_object().erase("p99Us");
    EXPECT_NE(error_of(boost::json::serialize(doc)).find("/timeline/0: missing 'p99Us'"), std::string::npos)
        << error_of(boost::json::serialize(doc));
    doc = boost::json::parse(to_json(sample_run(1000, 1)));
    doc.at("thresholds").as_array().push_back(boost::json::object{{"threshold", "p99<"}});
    EXPECT_NE(error_of(boost::json::serialize(doc)).find("/thresholds/0/threshold: "), std::string::npos)
        << error_of(boost::json::serialize(doc));
}

TEST(load_result_io, members_added_after_version_1_shipped_read_as_defaults_when_absent) {
    boost::json::value doc = boost::json::parse(to_json(sample_run(1000, 2)));
    auto& root = doc.as_object();
    for (const char* key :
         {"protocol", "streamsPerConnection", "expectedStatus", "generatorLatenessHistogram", "setupSeconds",
          "shard", "missingShards", "missingInputs", "mix", "kinds", "store"}) {
        root.erase(key);
    }
    root.at("contractChecks").as_object().erase("notValidated");
    root.at("accounting").as_object().erase("answeredUnmeasured");
    root.at("thresholds")
        .as_array()
        .push_back(boost::json::object{{"threshold", "p99<2ms"}, {"actual", 1.5}, {"passed", true}});
    for (const char* fate : {"stream_reset", "goaway", "flow_control", "settings_limit"}) {
        root.at("accounting").at("fates").as_object().erase(fate);
    }
    for (auto& second : root.at("timeline").as_array()) {
        second.as_object().erase("histogram");
    }
    const load_result read = parse_load_result(boost::json::serialize(doc), "old.json");
    EXPECT_EQ(read.streams, 1);
    EXPECT_EQ(read.expected_status, 200);
    EXPECT_EQ(read.protocol, "");
    EXPECT_EQ(read.shard_count, 1);
    EXPECT_EQ(read.stats.generator_lag.total_count(), 0u);
    EXPECT_EQ(read.stats.not_validated, 0u);
    EXPECT_EQ(read.stats.intended, 200u);
    EXPECT_TRUE(read.intervals.empty());
    ASSERT_EQ(read.thresholds.size(), 1u);
    EXPECT_FALSE(read.thresholds[0].rule.by_default);
    EXPECT_FALSE(read.store.has_value());
}

TEST(load_result_merge, sums_counts_and_merges_histograms_exactly) {
    const load_result a = sample_run(1000, 2, 0, 2);
    const load_result b = sample_run(5000, 2, 1, 2);
    const load_result merged = merge_load_results({a, b});
    EXPECT_EQ(merged.stats.intended, 400u);
    EXPECT_EQ(merged.stats.latency.total_count(), 400u);
    EXPECT_EQ(merged.stats.latency.max(), b.stats.latency.max());
    EXPECT_EQ(merged.stats.latency.min(), a.stats.latency.min());
    // Half the values are about 1 ms, half about 5 ms: the median sits at the top of the lower half.
    EXPECT_LT(merged.stats.latency.value_at_percentile(50), 1200);
    EXPECT_GT(merged.stats.latency.value_at_percentile(75), 4900);
    EXPECT_DOUBLE_EQ(merged.requested_rate, 200);
    EXPECT_DOUBLE_EQ(merged.achieved_rate, 200);
    ASSERT_EQ(merged.timeline.size(), 2u);
    EXPECT_EQ(merged.timeline[0].requests, 200u);
}

} // namespace
} // namespace harness::result
