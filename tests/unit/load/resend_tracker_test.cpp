// resend_tracker, the load worker's choice of what to send again: a resend patches the key of an earlier
// first send (one whose reply arrived) into the request and expects that reply's data back; the ratio decides
// how often. Its data comparison is in sampled_validator_test.cpp.

#include "harness/load/request_template.hpp"
#include "harness/load/resend_tracker.hpp"
#include "load_test_support.hpp"

#include <string>

#include <gtest/gtest.h>

namespace harness::load {
namespace {

using testing::builtin_operation;
using testing::builtin_profile;
using testing::builtin_target;

request_template new_request() {
    return request_template(builtin_target(), builtin_operation(), builtin_profile());
}

const std::string first_reply = R"({"success":true,"data":{"messageUuid":"m-1","text":"t"}})";

// choose_resend draws from a ring of the 1024 latest first sends: filled, every draw finds a key.
void fill(resend_tracker& tracker, std::string_view key) {
    for (int i = 0; i < 1024; ++i) {
        tracker.remember_first(key, first_reply);
    }
}

TEST(resend_tracker, resends_only_keys_whose_first_reply_arrived) {
    resend_tracker tracker(1.0, 7); // every request a resend, once there is something to resend
    EXPECT_TRUE(tracker.active());
    request_template request = new_request();
    std::uint64_t expected_hash = 0;
    EXPECT_FALSE(tracker.choose_resend(request, expected_hash)) << "nothing was answered yet";
    request.set_key(0xabcULL, 0x1ULL);
    const std::string first_key(request.key());
    fill(tracker, first_key);
    request.set_key(0xabcULL, 0x2ULL); // the next new message
    ASSERT_TRUE(tracker.choose_resend(request, expected_hash));
    EXPECT_EQ(request.key(), first_key) << "the earlier key is patched in";
    EXPECT_NE(expected_hash, 0U) << "the first reply's data is expected back";
    // The same data again is no mismatch; other data is one.
    harness::result::load_stats stats;
    tracker.check_resend(expected_hash, first_reply, stats);
    EXPECT_EQ(stats.resends_checked, 1U);
    EXPECT_EQ(stats.resend_mismatches, 0U);
    tracker.check_resend(expected_hash, R"({"success":true,"data":{"messageUuid":"m-2","text":"t"}})", stats);
    EXPECT_EQ(stats.resend_mismatches, 1U);
}

TEST(resend_tracker, a_first_reply_that_is_not_json_is_not_remembered) {
    resend_tracker tracker(0.0, 7);
    tracker.remember_always();
    request_template request = new_request();
    std::uint64_t expected_hash = 0;
    tracker.remember_first("0123456789abcdef0123456789abcdef", "<html>busy</html>");
    EXPECT_FALSE(tracker.pick_earlier(request, expected_hash));
    tracker.remember_first("0123456789abcdef0123456789abcdef", first_reply);
    EXPECT_TRUE(tracker.pick_earlier(request, expected_hash));
}

TEST(resend_tracker, a_ratio_of_zero_never_resends_unless_a_mix_asks) {
    resend_tracker tracker(0.0, 7);
    EXPECT_FALSE(tracker.active());
    request_template request = new_request();
    tracker.remember_first("0123456789abcdef0123456789abcdef", first_reply);
    std::uint64_t expected_hash = 0;
    for (int i = 0; i < 100; ++i) {
        EXPECT_FALSE(tracker.choose_resend(request, expected_hash));
    }
    tracker.remember_always(); // a mix with resend kinds picks its own
    EXPECT_TRUE(tracker.active());
    ASSERT_TRUE(tracker.pick_earlier(request, expected_hash));
    EXPECT_EQ(request.key(), "0123456789abcdef0123456789abcdef");
}

TEST(resend_tracker, a_ratio_resends_about_that_share) {
    resend_tracker tracker(0.25, 11);
    request_template request = new_request();
    fill(tracker, "0123456789abcdef0123456789abcdef");
    std::uint64_t expected_hash = 0;
    int resends = 0;
    for (int i = 0; i < 4000; ++i) {
        resends += tracker.choose_resend(request, expected_hash) ? 1 : 0;
    }
    EXPECT_GT(resends, 800);
    EXPECT_LT(resends, 1200);
}

} // namespace
} // namespace harness::load
