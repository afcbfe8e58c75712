// Each named check holds on a reply that keeps its rule and fails on one that breaks it, citing the rule.

#include "harness/checks/expectation_checks.hpp"
#include "harness/checks/profile_checks.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace harness::checks {
namespace {

const contract::profile& profile() {
    static const contract::profile p = contract::profile::builtin();
    return p;
}

http::exchange reply(int status, std::string body, http::header_list headers = {}) {
    http::exchange e;
    e.outcome = http::outcome_kind::ok;
    e.response.status = status;
    e.response.headers = std::move(headers);
    e.response.body = std::move(body);
    return e;
}

bool held(const check_outcome& o) {
    return o.status == check_status::passed;
}

TEST(profile_checks, the_failure_a_request_deserves) {
    const auto refused = reply(401, R"({"success":false,"error":{"code":"UNAUTHORIZED"}})");
    const auto wrong_code = reply(401, R"({"success":false,"error":{"code":"NOPE"}})");
    const auto accepted = reply(200, R"({"success":true,"data":{}})");
    const auto kind = contract::failure_kind::unauthenticated;
    EXPECT_TRUE(held(failure_status(parsed_reply(refused, 0), profile(), kind)));
    EXPECT_TRUE(held(failure_code(parsed_reply(refused, 0), profile(), kind)));
    EXPECT_FALSE(held(failure_code(parsed_reply(wrong_code, 0), profile(), kind)));
    const check_outcome broken = failure_status(parsed_reply(accepted, 3), profile(), kind, "has no token");
    EXPECT_FALSE(held(broken));
    EXPECT_EQ(broken.exchange, 3);
    EXPECT_NE(broken.message.find("but the request has no token: the profile says 401"), std::string::npos);
    EXPECT_NE(broken.rule.find("failures.unauthenticated"), std::string::npos) << broken.rule;
}

TEST(profile_checks, field_errors_name_each_bad_field) {
    const auto e = reply(400, R"({"error":{"fieldErrors":[{"field":"itemUuid"}]}})");
    EXPECT_TRUE(held(field_error_named(parsed_reply(e, 0), "itemUuid")));
    const check_outcome missing = field_error_named(parsed_reply(e, 0), "text");
    EXPECT_FALSE(held(missing));
    EXPECT_NE(missing.rule.find("failures.validation"), std::string::npos);
}

TEST(profile_checks, replay_and_scope) {
    const auto first = reply(200, R"({"data":{"messageUuid":"a"}})");
    const auto same = reply(200, R"({"data":{"messageUuid":"a"}})");
    const auto other = reply(200, R"({"data":{"messageUuid":"b"}})");
    const boost::json::value first_data = boost::json::parse(R"({"messageUuid":"a"})");
    EXPECT_TRUE(held(same_data_as(parsed_reply(same, 1), &first_data, "first")));
    EXPECT_FALSE(held(same_data_as(parsed_reply(other, 1), &first_data, "first")));
    EXPECT_FALSE(held(same_data_as(parsed_reply(same, 1), nullptr, "first")));
    EXPECT_TRUE(held(new_message(parsed_reply(other, 1), &first_data, "first")));
    EXPECT_FALSE(held(new_message(parsed_reply(same, 1), &first_data, "first")));
    std::vector<parsed_reply> copies{parsed_reply(first, 0), parsed_reply(same, 1)};
    EXPECT_TRUE(held(one_data_across_copies(copies)));
    copies.emplace_back(other, 2);
    EXPECT_FALSE(held(one_data_across_copies(copies)));
}

TEST(profile_checks, stored_messages_need_an_oracle) {
    using enum store_expectation;
    EXPECT_EQ(stored_messages(std::nullopt, std::nullopt, 0, "s", refused).status, check_status::skipped);
    EXPECT_TRUE(held(stored_messages(5, 6, 1, "s", new_messages)));
    EXPECT_FALSE(held(stored_messages(5, 7, 1, "s", new_messages)));
    EXPECT_FALSE(held(stored_messages(5, 6, 0, "s", refused)));
}

// A failed "stored" check cites the rule the step relies on: a replay that stored a second message breaks the
// replay rule, not "a refused request stores nothing".
TEST(profile_checks, stored_messages_cite_the_rule_of_their_step) {
    using enum store_expectation;
    EXPECT_NE(stored_messages(5, 6, 0, "resend", replay).rule.find("idempotency.on_same_payload"),
              std::string::npos);
    EXPECT_NE(stored_messages(5, 6, 0, "no_token", refused).rule.find("a refused request stores nothing"),
              std::string::npos);
    EXPECT_NE(stored_messages(5, 7, 1, "first", new_messages).rule.find("exactly one message is stored"),
              std::string::npos);
}

TEST(profile_checks, a_valid_request_is_never_refused_as_invalid_nor_with_a_server_error) {
    EXPECT_TRUE(held(valid_request_status(parsed_reply(reply(200, "{}"), 0), profile())));
    EXPECT_TRUE(held(valid_request_status(parsed_reply(reply(403, "{}"), 0), profile())));
    EXPECT_TRUE(held(valid_request_status(parsed_reply(reply(422, "{}"), 0), profile())));
    EXPECT_FALSE(held(valid_request_status(parsed_reply(reply(502, "<html>"), 0), profile())));
    // A valid request refused as invalid breaks the contract as a server error does.
    EXPECT_FALSE(held(valid_request_status(parsed_reply(reply(400, "{}"), 0), profile())));
    EXPECT_FALSE(held(valid_request_status(parsed_reply(reply(415, "{}"), 0), profile())));
}

TEST(expectation_checks, json_and_header_expectations) {
    const auto e = reply(200, R"({"data":{"text":"Hello"}})", {{"X-Request-Id", "r-1"}});
    const parsed_reply r(e, 0);
    json_expectation equals{"/data/text", json_check_kind::equals, "Hello", ""};
    EXPECT_TRUE(held(json_value_holds(r, equals, equals.value)));
    EXPECT_FALSE(held(json_value_holds(r, equals, "Bye")));
    EXPECT_FALSE(held(json_value_holds(r, {"/data/none", json_check_kind::exists, {}, ""}, {})));
    EXPECT_TRUE(held(json_value_holds(r, {"/data/text", json_check_kind::matches, {}, "^H"}, {})));
    EXPECT_TRUE(held(header_holds(r, {"x-request-id", std::nullopt, std::string("^r-"), false})));
    EXPECT_FALSE(held(header_holds(r, {"X-Request-Id", std::nullopt, std::nullopt, true})));
}

} // namespace
} // namespace harness::checks
