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
          "shard", "missingShards", "missingInputs", "mix", "kinds", "store", "harnessVersion"}) {
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
    EXPECT_EQ(read.harness_build, ""); // not this binary's version: the file never said which build made it
}

// A run carries the build that made it, and keeps it through its JSON (a report rendered later names that
// build, not the one rendering it).
TEST(load_result_io, the_build_that_made_a_run_reads_back) {
    load_result written = sample_run(1000, 2);
    EXPECT_EQ(written.harness_build, harness_build_text());
    EXPECT_NE(harness_build_text().find(" (commit "), std::string::npos) << harness_build_text();
    written.harness_build = "9.8.7 (commit 0123456789ab)";
    EXPECT_EQ(parse_load_result(to_json(written), "run.json").harness_build, "9.8.7 (commit 0123456789ab)");
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

// Issue 25 row 7: violations by rule with a sample reply, and each second's failures by class, in the JSON.
rule_violation violation(std::string rule, std::uint64_t count, std::string body) {
    return {std::move(rule),
            "contract: responses/200 -> ResponseWrapper",
            count,
            {200, "breaks ResponseWrapper: /success", std::move(body)}};
}

TEST(load_result_io, violations_by_rule_and_classes_by_second_read_back) {
    load_result written = sample_run(1000, 2);
    written.stats.violating = 5;
    written.stats.violations = {violation("schema", 5, R"({"success":"true"})"),
                                violation("success_flag", 2, "")};
    written.timeline[1].classes[static_cast<std::size_t>(failure_class::reset)] = 3;
    written.timeline[1].classes[static_cast<std::size_t>(failure_class::status)] = 2;
    const std::string text = to_json(written);
    const boost::json::value doc = boost::json::parse(text);
    EXPECT_EQ(boost::json::serialize(doc.at("timeline").at(1).at("classes")), R"({"reset":3,"status":2})");
    EXPECT_FALSE(doc.at("timeline").at(0).as_object().contains("classes"))
        << "only seconds that had failures";
    EXPECT_EQ(doc.at("violations").at(0).at("sample").at("body").as_string(), R"({"success":"true"})");
    const load_result read = parse_load_result(text, "run.json");
    ASSERT_EQ(read.stats.violations.size(), 2u);
    EXPECT_EQ(read.stats.violations[0].rule, "schema");
    EXPECT_EQ(read.stats.violations[0].rule_text, "contract: responses/200 -> ResponseWrapper");
    EXPECT_EQ(read.stats.violations[0].count, 5u);
    EXPECT_EQ(read.stats.violations[0].sample.status, 200);
    EXPECT_EQ(read.stats.violations[0].sample.message, "breaks ResponseWrapper: /success");
    EXPECT_EQ(read.stats.violations[0].sample.body, R"({"success":"true"})");
    EXPECT_EQ(read.timeline[1].classes, written.timeline[1].classes);
    EXPECT_EQ(read.timeline[0].classes, failure_class_counts{});
}

TEST(load_result_io, results_before_violations_and_classes_read_without_them) {
    load_result written = sample_run(1000, 1);
    written.stats.violations = {violation("schema", 1, "")};
    written.timeline[0].classes[0] = 1;
    boost::json::value doc = boost::json::parse(to_json(written));
    doc.as_object().erase("violations");
    doc.at("timeline").as_array()[0].as_object().erase("classes");
    const load_result read = parse_load_result(boost::json::serialize(doc), "old.json");
    EXPECT_TRUE(read.stats.violations.empty());
    EXPECT_EQ(read.timeline[0].classes, failure_class_counts{});
    doc.at("timeline").as_array()[0].as_object()["classes"] = boost::json::object{{"gremlins", 1}};
    EXPECT_NE(
        error_of(boost::json::serialize(doc)).find("/timeline/0/classes/gremlins: unknown failure class"),
        std::string::npos)
        << error_of(boost::json::serialize(doc));
}

TEST(load_result_merge, merges_violations_by_rule_and_sums_classes_by_second) {
    load_result a = sample_run(1000, 2, 0, 2);
    load_result b = sample_run(1000, 2, 1, 2);
    a.stats.violations = {violation("schema", 2, "first")};
    b.stats.violations = {violation("status_declared", 1, "x"), violation("schema", 3, "second")};
    a.timeline[0].classes[static_cast<std::size_t>(failure_class::violation)] = 2;
    b.timeline[0].classes[static_cast<std::size_t>(failure_class::violation)] = 3;
    b.timeline[1].classes[static_cast<std::size_t>(failure_class::too_late)] = 4;
    const load_result merged = merge_load_results({a, b});
    ASSERT_EQ(merged.stats.violations.size(), 2u);
    EXPECT_EQ(merged.stats.violations[0].rule, "schema") << "the most broken rule first";
    EXPECT_EQ(merged.stats.violations[0].count, 5u);
    EXPECT_EQ(merged.stats.violations[0].sample.body, "first") << "the first sample is kept";
    EXPECT_EQ(merged.stats.violations[1].rule, "status_declared");
    ASSERT_EQ(merged.timeline.size(), 2u);
    EXPECT_EQ(merged.timeline[0].classes[static_cast<std::size_t>(failure_class::violation)], 5u);
    EXPECT_EQ(merged.timeline[1].classes[static_cast<std::size_t>(failure_class::too_late)], 4u);
}

// A user's threshold on stored in a run without a store count: "not counted", and it does not hold, after
// a round trip too.
TEST(load_result_io, a_threshold_not_counted_reads_back_failed) {
    load_result written = sample_run(1000, 1);
    evaluate_thresholds(written, {parse_threshold("stored==0")});
    const load_result read = parse_load_result(to_json(written), "run.json");
    ASSERT_EQ(read.thresholds.size(), 1u);
    EXPECT_FALSE(read.thresholds[0].passed);
    EXPECT_EQ(format_metric_value(read.thresholds[0].rule, read.thresholds[0].actual), "not counted");
    EXPECT_FALSE(read.passed());
}

} // namespace
} // namespace harness::result
