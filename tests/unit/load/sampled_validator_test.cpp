#include "harness/contract/contract.hpp"
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
    sampled_validator validator(operation(), 1, nullptr, 4,
                                64); // slots of 64 bytes: the good reply does not fit
    validator.offer(200, true, good_reply);
    validator.offer(200, true, R"({"success":true})");
    const validation_counts counts = validator.finish();
    EXPECT_EQ(counts.not_validated, 1u);
    EXPECT_EQ(counts.validated, 1u);
}

TEST(sampled_validator, validates_nothing_when_off) {
    sampled_validator validator(operation(), 0);
    validator.offer(200, true, "not json");
    const validation_counts counts = validator.finish();
    EXPECT_EQ(counts.validated + counts.violating + counts.not_validated, 0u);
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
