// The rules no JSON Schema can say: each holds on a reply that keeps it and fails, with a message that says
// what is wrong, on one that breaks it.

#include "harness/checks/semantic_checks.hpp"
#include "harness/contract/contract.hpp"

#include <gtest/gtest.h>

namespace harness::checks {
namespace {

constexpr std::int64_t sent_ms = 1'796'371'150'142; // 2026-12-04

http::exchange reply(int status, std::string body, http::header_list headers = {},
                     std::int64_t sent = sent_ms) {
    http::exchange e;
    e.outcome = http::outcome_kind::ok;
    e.response.status = status;
    e.response.headers = std::move(headers);
    e.response.body = std::move(body);
    e.sent_at_ms = sent;
    e.timings.total_us = 2000;
    return e;
}

check_outcome timestamp_check(const std::string& timestamp, std::int64_t sent = sent_ms) {
    const auto e = reply(401, R"({"success":false,"error":{"timestamp":)" + timestamp + "}}", {}, sent);
    bool present = false;
    return epoch_millis_field(parsed_reply(e, 0), "/error/timestamp", 300, present);
}

TEST(semantic_checks, epoch_milliseconds_near_the_request) {
    EXPECT_EQ(timestamp_check(std::to_string(sent_ms + 1)).status, check_status::passed);
    const check_outcome seconds = timestamp_check(std::to_string(sent_ms / 1000));
    EXPECT_EQ(seconds.status, check_status::failed);
    EXPECT_NE(seconds.message.find("epoch seconds"), std::string::npos) << seconds.message;
    const check_outcome iso = timestamp_check(R"("2026-12-04T08:14:34.714Z")");
    EXPECT_EQ(iso.status, check_status::failed);
    EXPECT_NE(iso.message.find("ISO-8601"), std::string::npos) << iso.message;
    const check_outcome micro = timestamp_check(std::to_string(sent_ms * 1000));
    EXPECT_EQ(micro.status, check_status::failed);
    const check_outcome hour_late = timestamp_check(std::to_string(sent_ms + 3'600'000));
    EXPECT_EQ(hour_late.status, check_status::failed);
    EXPECT_NE(hour_late.message.find("3600 s after"), std::string::npos) << hour_late.message;
    // Without a recorded send time only the magnitude is judged.
    EXPECT_EQ(timestamp_check(std::to_string(sent_ms + 3'600'000), 0).status, check_status::passed);
    EXPECT_EQ(timestamp_check("1.5e12").status, check_status::failed);
    EXPECT_EQ(timestamp_check("1.5e12").rule.find("time.epoch_millis") != std::string::npos, true);
}

TEST(semantic_checks, an_absent_or_null_time_is_not_judged) {
    const auto e = reply(200, R"({"success":true,"data":{"createdAt":null}})");
    bool present = true;
    epoch_millis_field(parsed_reply(e, 0), "/data/createdAt", 300, present);
    EXPECT_FALSE(present);
    check_outcomes out;
    const auto c = contract::contract::builtin();
    check_semantics(parsed_reply(reply(200, R"({"success":true})"), 0), contract::profile::builtin(),
                    c.operations()[0], out);
    EXPECT_TRUE(out.empty());
}

TEST(semantic_checks, failure_headers_the_profile_asks_for) {
    const auto c = contract::contract::builtin();
    const auto& op = c.operations()[0];
    const auto profile = contract::profile::builtin();
    const auto run = [&](const http::exchange& e) {
        check_outcomes out;
        check_semantics(parsed_reply(e, 0), profile, op, out);
        return out;
    };
    const std::string body = R"({"success":false,"error":{"errorId":"e","code":"C","message":"m"}})";
    const auto allowed = run(reply(405, body, {{"Allow", "GET, POST"}}));
    ASSERT_EQ(allowed.size(), 1u);
    EXPECT_EQ(allowed[0].check, "header:Allow");
    EXPECT_EQ(allowed[0].status, check_status::passed);
    const auto wrong = run(reply(405, body, {{"allow", "GET"}}));
    EXPECT_EQ(wrong[0].status, check_status::failed);
    EXPECT_NE(wrong[0].message.find("does not list POST"), std::string::npos) << wrong[0].message;
    const auto missing = run(reply(401, body));
    ASSERT_EQ(missing.size(), 1u);
    EXPECT_EQ(missing[0].check, "header:WWW-Authenticate");
    EXPECT_EQ(missing[0].status, check_status::failed);
    EXPECT_TRUE(run(reply(400, body)).empty());
}

} // namespace
} // namespace harness::checks
