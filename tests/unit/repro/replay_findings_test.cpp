#include "harness/contract/contract.hpp"
#include "harness/contract/profile.hpp"
#include "harness/repro/replay_findings.hpp"
#include "harness/repro/verdict_wording.hpp"
#include "tests/support/builtin_ids.hpp"

#include <gtest/gtest.h>

namespace {

namespace hc = harness::contract;
namespace hr = harness::repro;
using harness::http::exchange;
using harness::http::http_request;

namespace ids = harness::testing::builtin_ids;

const std::string path = ids::operator_message_route();

class ReplayFindings : public ::testing::Test {
protected:
    hc::contract contract_ = hc::contract::builtin();
    hc::profile profile_ = hc::profile::builtin();
    const hc::operation& op() const { return *contract_.served_operation(); }

    static http_request request(std::string body, bool auth = true, std::string type = "application/json") {
        http_request r;
        r.method = "POST";
        r.target = path;
        if (auth) {
            r.headers.emplace_back("Authorization", "Bearer t-123456");
        }
        if (!type.empty()) {
            r.headers.emplace_back("Content-Type", type);
        }
        r.body = std::move(body);
        return r;
    }

    static exchange reply(int status, std::string body, std::int64_t total_us = 1000) {
        exchange e;
        e.response.status = status;
        e.response.headers = {{"Content-Type", "application/json"}};
        e.response.body = std::move(body);
        e.timings.total_us = total_us;
        return e;
    }

    static std::string success(const std::string& message_uuid) {
        return R"({"success":true,"data":{"messageUuid":")" + message_uuid + R"(","conversationUuid":")" +
               std::string(ids::conversation) +
               R"(","itemUuid":"1a445d9b-6a99-4eef-955c-b83d6ab52b68","text":null,"createdAt":1795541946100}})";
    }

    // Each exchange carries the request it answers, as the client's do.
    hr::replay_findings judge(const http_request& sent, std::vector<exchange> exchanges) const {
        hr::captured_request captured;
        captured.origin = "test capture";
        hr::replay_request replayed;
        replayed.request = sent;
        for (exchange& e : exchanges) {
            e.request = sent;
        }
        return hr::judge_replays(captured, replayed, exchanges,
                                 {op(), profile_, "http://127.0.0.1:1", "test"});
    }
};

TEST_F(ReplayFindings, TheRequestAloneDecidesTheExpectedRefusal) {
    const auto no_auth = hr::expect_for(
        request(R"({"itemUuid":"1a445d9b-6a99-4eef-955c-b83d6ab52b68"})", false), op(), profile_);
    ASSERT_TRUE(no_auth.failure);
    EXPECT_EQ(*no_auth.failure, hc::failure_kind::unauthenticated);
    const auto form =
        hr::expect_for(request("a=1", true, "application/x-www-form-urlencoded"), op(), profile_);
    EXPECT_EQ(*form.failure, hc::failure_kind::unsupported_media_type);
    const auto invalid = hr::expect_for(request(R"({"text":"no item"})"), op(), profile_);
    ASSERT_TRUE(invalid.failure);
    EXPECT_EQ(*invalid.failure, hc::failure_kind::validation);
    EXPECT_NE(invalid.summary.find("itemUuid is missing"), std::string::npos) << invalid.summary;
    const auto valid = hr::expect_for(
        request(R"({"itemUuid":"1a445d9b-6a99-4eef-955c-b83d6ab52b68","idempotencyKey":"k-1"})"), op(),
        profile_);
    EXPECT_TRUE(valid.is_operation);
    EXPECT_FALSE(valid.failure);
    EXPECT_EQ(valid.idempotency_key, "k-1");
    http_request prefixed = request("{}");
    prefixed.target = "/api" + path + "?x=1";
    EXPECT_TRUE(hr::expect_for(prefixed, op(), profile_).is_operation);
    http_request other = request("{}");
    other.target = "/health";
    EXPECT_FALSE(hr::expect_for(other, op(), profile_).is_operation);
}

TEST_F(ReplayFindings, AServerErrorWithoutErrorIdIsExplainedInWords) {
    const auto sent = request(R"({"itemUuid":"1a445d9b-6a99-4eef-955c-b83d6ab52b68"})");
    const auto f = judge(
        sent,
        {reply(200, success("cfef1589-e468-482a-9c2d-d94e01de64c6")),
         reply(
             500,
             R"({"success":false,"error":{"code":"INTERNAL_ERROR","message":"boom","timestamp":1795541946100}})")});
    EXPECT_TRUE(f.reproduced());
    EXPECT_EQ(f.breaking_replies, 1);
    EXPECT_TRUE(f.reply_verdicts[0].empty());
    ASSERT_FALSE(f.reply_verdicts[1].empty());
    EXPECT_EQ(
        f.reply_verdicts[1][0],
        "error.errorId is missing; FailureEnvelope requires it (contract: responses/500 -> FailureEnvelope)");
    bool server_error_named = false;
    for (const auto& s : f.reply_verdicts[1]) {
        server_error_named = server_error_named || s.find("keeps the contract got 500") != std::string::npos;
    }
    EXPECT_TRUE(server_error_named);
    ASSERT_FALSE(f.differences.empty());
    EXPECT_NE(f.differences[0].find("the status flips"), std::string::npos);
}

TEST_F(ReplayFindings, ConformingRepliesAreNotAReproduction) {
    const auto sent =
        request(R"({"itemUuid":"1a445d9b-6a99-4eef-955c-b83d6ab52b68","idempotencyKey":"k-1"})");
    const auto f = judge(sent, {reply(200, success("cfef1589-e468-482a-9c2d-d94e01de64c6")),
                                reply(200, success("cfef1589-e468-482a-9c2d-d94e01de64c6"))});
    EXPECT_FALSE(f.reproduced());
    EXPECT_TRUE(f.differences.empty());
}

TEST_F(ReplayFindings, ASecondMessageForOneKeyIsAFailure) {
    const auto sent =
        request(R"({"itemUuid":"1a445d9b-6a99-4eef-955c-b83d6ab52b68","idempotencyKey":"k-1"})");
    const auto f = judge(sent, {reply(200, success("cfef1589-e468-482a-9c2d-d94e01de64c6")),
                                reply(200, success("00000000-e468-482a-9c2d-d94e01de64c6"))});
    EXPECT_TRUE(f.reproduced());
    ASSERT_EQ(f.differences.size(), 1u);
    EXPECT_NE(f.differences[0].find("a different messageUuid for the same idempotencyKey"),
              std::string::npos);
    const auto no_key = judge(request(R"({"itemUuid":"1a445d9b-6a99-4eef-955c-b83d6ab52b68"})"),
                              {reply(200, success("cfef1589-e468-482a-9c2d-d94e01de64c6")),
                               reply(200, success("00000000-e468-482a-9c2d-d94e01de64c6"))});
    EXPECT_FALSE(no_key.reproduced()); // without a key every send is a new message
}

TEST_F(ReplayFindings, AnInvalidRequestMustBeRefusedAsTheProfileSays) {
    const auto sent = request(R"({"text":"no item"})");
    const auto accepted = judge(sent, {reply(200, success("cfef1589-e468-482a-9c2d-d94e01de64c6"))});
    EXPECT_TRUE(accepted.reproduced());
    EXPECT_NE(accepted.reply_verdicts[0][0].find("the profile says 400"), std::string::npos)
        << accepted.reply_verdicts[0][0];
}

TEST_F(ReplayFindings, LatencyOutliersAndTransportFailuresAreDifferences) {
    const auto sent = request(R"({"itemUuid":"1a445d9b-6a99-4eef-955c-b83d6ab52b68"})");
    exchange reset;
    reset.outcome = harness::http::outcome_kind::reset;
    reset.error = "connection reset by peer";
    const auto f = judge(sent, {reply(200, success("a"), 1000), reply(200, success("b"), 1100),
                                reply(200, success("c"), 250'000), reset});
    bool outlier = false;
    for (const auto& d : f.differences) {
        outlier = outlier || d.find("replay 3 took 250.000ms") != std::string::npos;
    }
    EXPECT_TRUE(outlier);
    EXPECT_NE(f.differences[0].find("reset ×1"), std::string::npos) << f.differences[0];
    EXPECT_TRUE(f.reproduced());
}

TEST(VerdictWording, PathsAndSentences) {
    EXPECT_EQ(hr::dotted_path("/error/errorId"), "error.errorId");
    EXPECT_EQ(hr::dotted_path("/error/fieldErrors/0/field"), "error.fieldErrors[0].field");
    EXPECT_EQ(hr::dotted_path(""), "the body");
    EXPECT_EQ(hr::describe_violation({"/success", "type", "boolean", "string \"true\""}, "SuccessEnvelope"),
              "success is string \"true\"; SuccessEnvelope requires boolean");
}

} // namespace
