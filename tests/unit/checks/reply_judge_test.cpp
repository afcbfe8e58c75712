// The reply judge against the named checks it stands in for (check_response with the schema, the echo of
// what was sent, the kind's error.code): on thousands of seeded replies (conforming ones, then mutated:
// members dropped or replaced, the status or content type changed, the echo altered) it says "holds"
// exactly when none of those checks fails. And once warm it allocates nothing.

#include "bench/allocation_counter.hpp"
#include "harness/checks/data_checks.hpp"
#include "harness/checks/profile_checks.hpp"
#include "harness/checks/reply_judge.hpp"
#include "harness/checks/response_checks.hpp"
#include "harness/contract/contract.hpp"
#include "tests/support/schema_differential.hpp"

#include <algorithm>

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace harness::checks {
namespace {

const contract::contract& bundled() {
    static const auto c = contract::contract::builtin();
    return c;
}

const boost::json::value sent =
    boost::json::parse(R"({"itemUuid":"item-1","text":"Grüße 👋 ","idempotencyKey":"k"})");
constexpr int refused_status = 422; // the kind in this test deserves a validation failure
const std::string company = "company-1";

// Every check the judge stands in for, as sampled_validator runs them; true when none failed.
bool named_checks_hold(int status, bool json_type, const std::string& body,
                       const contract::profile& profile) {
    http::exchange reply;
    reply.outcome = http::outcome_kind::ok;
    reply.response.status = status;
    reply.response.headers = {{"Content-Type", json_type ? "application/json" : "(not JSON)"}};
    reply.response.body = body;
    const parsed_reply parsed(reply, 0);
    check_outcomes found;
    run_memory memory;
    check_response(bundled().operations().at(0), parsed, {.schema = true, .error_id_unique = false}, memory,
                   found);
    if (parsed.two_xx()) {
        check_echoed_fields(parsed, sent, profile, company, found);
    }
    if (status == refused_status) {
        found.push_back(failure_code(parsed, profile, contract::failure_kind::validation));
    }
    return std::none_of(found.begin(), found.end(),
                        [](const check_outcome& c) { return c.status == check_status::failed; });
}

TEST(reply_judge, says_holds_exactly_when_the_named_checks_all_hold) {
    const auto& profile = contract::profile::builtin();
    reply_judge judge(bundled().operations().at(0), 1);
    judge.expect_echo(0, sent, profile, company);
    judge.expect_failure_code(0, refused_status, profile.failure(contract::failure_kind::validation).code);
    const boost::json::value success = boost::json::parse(
        R"({"success":true,"data":{"messageUuid":"m-1","conversationUuid":"c","itemUuid":"item-1",
            "text":"Grüße 👋 ","companyUuid":"company-1","createdAt":1780318200000},"error":null})");
    boost::json::value failure = boost::json::parse(
        R"({"success":false,"data":null,"error":{"errorId":"e-1","code":"","message":"bad"}})");
    failure.at("error").at("code") = profile.failure(contract::failure_kind::validation).code;
    harness::contract::testing::value_generator mutate(bundled().document().root(), 5);
    const std::vector<int> statuses = {200, 201, 400, 401, refused_status, 409, 500, 302, 418};
    std::mt19937 random(11);
    std::size_t held = 0, broke = 0;
    for (int i = 0; i < 6000; ++i) {
        const bool success_base = random() % 2 == 0;
        boost::json::value body = success_base ? success : failure;
        if (random() % 3 != 0) {
            body = mutate.mutated(body);
        }
        const int status =
            random() % 4 != 0 ? (success_base ? 200 : refused_status) : statuses[random() % statuses.size()];
        const bool json_type = random() % 20 != 0;
        std::string text = boost::json::serialize(body);
        if (random() % 50 == 0) {
            text.resize(text.size() / 2); // a cut body is not JSON
        }
        const bool expected = named_checks_hold(status, json_type, text, profile);
        ASSERT_EQ(judge.holds(status, json_type, text, 0), expected) << status << " " << text;
        (expected ? held : broke) += 1;
    }
    EXPECT_GT(held, 1000U);
    EXPECT_GT(broke, 1000U);
}

// Replies simdjson and Boost.JSON would read apart (a repeated key: Boost.JSON keeps the last; a fraction
// they may round apart; an object too large to check for repeats) are judged over Boost.JSON's parse, as the
// named checks read them.
TEST(reply_judge, judges_replies_the_two_parsers_read_apart_as_the_named_checks_do) {
    const auto& profile = contract::profile::builtin();
    reply_judge judge(bundled().operations().at(0), 1);
    judge.expect_echo(0, sent, profile, company);
    const std::string data =
        R"("data":{"messageUuid":"m-1","itemUuid":"item-1","text":"Grüße 👋 ","createdAt":1780318200000})";
    std::string many_members = R"({"success":true,"data":{"messageUuid":"m-1","itemUuid":"item-1",)"
                               R"("text":"Grüße 👋 ","createdAt":1780318200000)";
    for (int i = 0; i < 70; ++i) {
        many_members += ",\"extra" + std::to_string(i) + "\":" + std::to_string(i);
    }
    many_members += "}}";
    const std::vector<std::string> bodies = {
        R"({"success":false,"success":true,)" + data + "}",
        R"({"success":true,"success":false,)" + data + "}",
        R"({"success":true,"data":{"text":"other","messageUuid":"m-1","itemUuid":"item-1","text":"Grüße 👋 ",)"
        R"("createdAt":1780318200000}})",
        R"({"success":true,"data":{"messageUuid":"m-1","itemUuid":"item-1","text":"Grüße 👋 ","createdAt":1.5}})",
        R"({"success":true,"data":{"messageUuid":"m-1","itemUuid":"item-1","text":"Grüße 👋 ",)"
        R"("createdAt":1780318200000,"score":0.1}})",
        many_members,
    };
    std::size_t held = 0;
    for (const std::string& body : bodies) {
        const bool expected = named_checks_hold(200, true, body, profile);
        EXPECT_EQ(judge.holds(200, true, body, 0), expected) << body;
        held += expected ? 1 : 0;
    }
    EXPECT_GT(held, 0U);
    EXPECT_LT(held, bodies.size());
}

TEST(reply_judge, allocates_nothing_once_warm) {
    const auto& profile = contract::profile::builtin();
    reply_judge judge(bundled().operations().at(0), 1);
    judge.expect_echo(0, sent, profile, company);
    const std::string body =
        R"({"success":true,"data":{"messageUuid":"m-1","itemUuid":"item-1","text":"Grüße 👋 ","createdAt":1},"error":null})";
    ASSERT_TRUE(judge.holds(200, true, body, 0));
    const auto before = harness::bench::allocation_count();
    bool all = true;
    for (int i = 0; i < 1000; ++i) {
        all = judge.holds(200, true, body, 0) && all;
    }
    EXPECT_TRUE(all);
    EXPECT_EQ(harness::bench::allocation_count() - before, 0U);
}

} // namespace
} // namespace harness::checks
