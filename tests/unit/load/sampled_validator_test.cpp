#include "harness/contract/contract.hpp"
#include "harness/load/interval_log.hpp"
#include "harness/load/load_plan.hpp"
#include "harness/load/reply_recorder.hpp"
#include "harness/load/resend_tracker.hpp"
#include "harness/load/sampled_validator.hpp"
#include "tests/support/builtin_ids.hpp"

#include <gtest/gtest.h>

namespace harness::load {
namespace {

const contract::operation& operation() {
    static const contract::contract c = contract::contract::builtin();
    return *c.served_operation();
}

const std::string good_reply =
    R"({"success":true,"data":{"messageUuid":"0b6f1d7e-5a3c-4f2b-8e9d-1c2b3a4d5e6f","conversationUuid":")" +
    std::string(harness::testing::builtin_ids::conversation) +
    R"(","itemUuid":"i","text":"t","createdAt":1780318200000}})";

TEST(sampled_validator, counts_replies_that_break_the_contract) {
    sampled_validator validator(operation(), 1);
    validator.offer(200, true, good_reply);
    validator.offer(200, true, R"({"success":"yes","data":null})"); // success must be a boolean
    validator.offer(200, false, good_reply);                        // not a JSON content type
    validator.offer(200, true, "<html>busy</html>");                // not JSON
    validator.offer(299, true, good_reply);                         // a status the contract does not list
    const validation_counts counts = validator.finish();
    EXPECT_EQ(counts.validated, 5u);
    EXPECT_EQ(counts.violating, 4u);
    EXPECT_EQ(counts.not_validated, 0u);
    EXPECT_NE(counts.first_violation.find("/success"), std::string::npos) << counts.first_violation;
}

TEST(sampled_validator, samples_one_reply_in_n) {
    sampled_validator validator(operation(), 10);
    for (int i = 0; i < 100; ++i) {
        validator.offer(200, true, good_reply);
    }
    EXPECT_EQ(validator.finish().validated, 10u);
}

TEST(sampled_validator, counts_what_it_could_not_take_instead_of_dropping_it) {
    // Slots of 64 bytes. A reply the worker's judge passes needs no slot, however large; one it turns down is
    // handed over for the named checks to explain, and one too large for a slot is counted as not validated.
    sampled_validator validator(operation(), 1, nullptr, 4, 64);
    ASSERT_GT(std::string_view(good_reply).size(), 64u);
    validator.offer(200, true, good_reply);
    validator.offer(200, true, R"({"success":false})");
    validator.offer(200, true, std::string(R"({"success":false,"data":")") + std::string(100, 'x') + "\"}");
    const validation_counts counts = validator.finish();
    EXPECT_EQ(counts.not_validated, 1u);
    EXPECT_EQ(counts.validated, 2u);
    EXPECT_EQ(counts.violating, 1u);
}

TEST(sampled_validator, validates_nothing_when_off) {
    sampled_validator validator(operation(), 0);
    validator.offer(200, true, "not json");
    const validation_counts counts = validator.finish();
    EXPECT_EQ(counts.validated + counts.violating + counts.not_validated, 0u);
}

// Issue 25 row 7: every rule a reply broke is counted by its check id, with the rule's text and one sample
// reply (status, what the check said, the body redacted and cut short), so the count comes with what to fix.
const harness::result::rule_violation* find_rule(const validation_counts& counts, const std::string& rule) {
    for (const auto& v : counts.violations) {
        if (v.rule == rule) {
            return &v;
        }
    }
    return nullptr;
}

TEST(sampled_validator, counts_violations_by_rule_with_one_sample_each) {
    sampled_validator validator(operation(), 1);
    validator.offer(200, true, R"({"success":"yes","data":null})");
    validator.offer(200, true, R"({"success":"no","data":null})");
    validator.offer(200, false, good_reply);
    validator.offer(200, true, good_reply);
    const validation_counts counts = validator.finish();
    EXPECT_EQ(counts.violating, 3U) << "replies that broke something, each once";
    const auto* schema = find_rule(counts, "schema");
    ASSERT_NE(schema, nullptr);
    EXPECT_EQ(schema->count, 2U);
    EXPECT_NE(schema->rule_text.find("contract: responses/200"), std::string::npos) << schema->rule_text;
    EXPECT_EQ(schema->sample.status, 200);
    EXPECT_NE(schema->sample.message.find("/success"), std::string::npos) << schema->sample.message;
    EXPECT_EQ(schema->sample.body, R"({"success":"yes","data":null})") << "the first reply is the sample";
    const auto* content_type = find_rule(counts, "content_type");
    ASSERT_NE(content_type, nullptr);
    EXPECT_EQ(content_type->count, 1U);
    EXPECT_EQ(counts.violations.front().count, 2U) << "the most broken rule first";
    for (const auto& v : counts.violations) {
        EXPECT_LE(v.count, counts.violating) << v.rule << ": a reply counts once per rule";
    }
}

TEST(sampled_validator, a_sample_body_is_redacted_and_cut_short) {
    sampled_validator validator(operation(), 1);
    validator.redact({"tok-0123456789"});
    const std::string echoed =
        R"({"success":"yes","accessToken":"abc-secret","echo":"Bearer tok-0123456789","pad":")" +
        std::string(2000, 'x') + R"("})";
    validator.offer(200, true, echoed);
    const validation_counts counts = validator.finish();
    ASSERT_FALSE(counts.violations.empty());
    const std::string& body = counts.violations.front().sample.body;
    EXPECT_EQ(body.find("tok-0123456789"), std::string::npos) << body;
    EXPECT_EQ(body.find("abc-secret"), std::string::npos) << body;
    EXPECT_NE(body.find(R"("accessToken":"<redacted>")"), std::string::npos) << body;
    EXPECT_NE(body.find("Bearer <redacted>"), std::string::npos) << body;
    EXPECT_LE(body.size(), harness::result::sample_body_bytes + std::string("…").size());
    EXPECT_TRUE(body.ends_with("…")) << "a cut body says so";
}

// A load thread's validator stamps each reply with its recorder's second and hands the findings over when it
// finishes: the rules into the thread's stats, the violations into the seconds they happened in.
TEST(sampled_validator, hands_violations_to_the_recorder_by_second) {
    using harness::result::failure_class;
    const reply_recorder::clock::time_point zero{std::chrono::hours(1)};
    interval_log intervals(1);
    reply_recorder recorder(0, intervals, nullptr);
    recorder.start(zero);
    harness::target::target_spec target;
    target.token = "tok-0123456789";
    load_plan plan;
    plan.target = &target;
    plan.operation = &operation();
    plan.validate_every = 1;
    sampled_validator validator(plan, recorder);
    validator.offer(200, true, good_reply);
    recorder.advance_to(zero + std::chrono::milliseconds(2500)); // seconds 0 and 1 handed in
    validator.offer(200, true, R"({"success":"yes","echo":"tok-0123456789"})");
    validator.offer(200, false, good_reply);
    recorder.finish();
    const validation_counts counts = validator.finish();
    EXPECT_EQ(counts.violating, 2U);
    ASSERT_EQ(recorder.stats().violations.size(), counts.violations.size());
    EXPECT_EQ(recorder.stats().violations.front().rule, counts.violations.front().rule);
    const auto* schema = find_rule(counts, "schema");
    ASSERT_NE(schema, nullptr);
    EXPECT_EQ(schema->sample.body.find("tok-0123456789"), std::string::npos)
        << "the target's token is redacted";
    const auto timeline = intervals.timeline();
    ASSERT_EQ(timeline.size(), 3U);
    const auto violations = [](const harness::result::timeline_entry& e) {
        return e.classes[static_cast<std::size_t>(failure_class::violation)];
    };
    EXPECT_EQ(violations(timeline[0]), 0U);
    EXPECT_EQ(violations(timeline[1]), 0U);
    EXPECT_EQ(violations(timeline[2]), 2U) << "both broken replies came in second 2";
    (void)validator.finish(); // idempotent: nothing handed over twice
    EXPECT_EQ(violations(intervals.timeline()[2]), 2U);
}

TEST(resend_tracker, finds_a_resend_whose_data_differs_from_the_first_reply) {
    resend_tracker tracker(1.0, 7);
    const std::string key(request_template::key_width, 'k');
    tracker.remember_first(key, good_reply);
    harness::result::load_stats stats;
    std::uint64_t expected = 0;
    harness::target::target_spec target;
    std::string error;
    target.url = *http::parse_target_url("http://127.0.0.1:1", error);
    static const contract::profile profile = contract::profile::builtin();
    request_template request(target, operation(), profile);
    // The ring holds one remembered key: draw until it is picked.
    bool picked = false;
    for (int i = 0; i < 10000 && !picked; ++i) {
        picked = tracker.choose_resend(request, expected);
    }
    ASSERT_TRUE(picked);
    EXPECT_EQ(request.key(), key);
    tracker.check_resend(expected, good_reply, stats);
    EXPECT_EQ(stats.resend_mismatches, 0u);
    std::string other = good_reply;
    other.replace(other.find("0b6f1d7e"), 8, "ffffffff");
    tracker.check_resend(expected, other, stats);
    EXPECT_EQ(stats.resends_checked, 2u);
    EXPECT_EQ(stats.resend_mismatches, 1u);
}

} // namespace
} // namespace harness::load
