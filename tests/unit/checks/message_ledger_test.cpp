// Rules 1 and 6: a messageUuid belongs to one stored message across the whole run, and comes back again only
// as a replay of the same key in the same scope, carrying the first send's createdAt. The ledger passes new
// ids and true replays, and fails an id handed to a send without a key, to another key, another conversation
// or another caller, and a replay stamped anew.

#include "harness/checks/message_ledger.hpp"
#include "harness/contract/contract.hpp"

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

namespace harness::checks {
namespace {

constexpr std::string_view route = "/v1/projects/p-1/livechat/conversations/c-1/messages/operator";

struct send {
    std::string path = std::string(route);
    std::string token = "alice";
    std::optional<std::string> key = std::nullopt;
    std::string message_uuid = "m-1";
    std::int64_t created_at = 1'800'000'000'000;
    int status = 200;
};

http::exchange exchange_of(const send& s) {
    http::exchange e;
    e.outcome = http::outcome_kind::ok;
    e.request.method = "POST";
    e.request.target = s.path;
    e.request.headers = {{"authorization", "Bearer " + s.token}};
    boost::json::object body{{"itemUuid", "i"}};
    if (s.key) {
        body["idempotencyKey"] = *s.key;
    }
    e.request.body = boost::json::serialize(body);
    e.response.status = s.status;
    e.response.body = boost::json::serialize(
        boost::json::object{{"success", s.status < 300},
                            {"data", {{"messageUuid", s.message_uuid}, {"createdAt", s.created_at}}}});
    return e;
}

class ledger_test : public ::testing::Test {
protected:
    // The sighting, and the status of each named outcome ("" when the check made none).
    message_sighting judge(const send& s, check_status* unique = nullptr,
                           check_status* replay_time = nullptr) {
        const http::exchange e = exchange_of(s);
        check_outcomes out;
        const auto sighting = check_message_identity(parsed_reply(e, 0), contract::profile::builtin(),
                                                     contract_.operations()[0], "case 't'", ledger_, out);
        for (const check_outcome& o : out) {
            if (o.check == "message_uuid_unique" && unique != nullptr) {
                *unique = o.status;
            }
            if (o.check == "replay_created_at" && replay_time != nullptr) {
                *replay_time = o.status;
            }
        }
        return sighting;
    }

    contract::contract contract_ = contract::contract::builtin();
    message_ledger ledger_;
};

TEST_F(ledger_test, new_ids_and_true_replays_pass) {
    check_status unique = check_status::skipped;
    check_status replay_time = check_status::skipped;
    EXPECT_EQ(judge({.key = "k", .message_uuid = "m-1"}, &unique), message_sighting::new_message);
    EXPECT_EQ(unique, check_status::passed);
    EXPECT_EQ(judge({.key = "k", .message_uuid = "m-1"}, &unique, &replay_time), message_sighting::replay);
    EXPECT_EQ(unique, check_status::passed);
    EXPECT_EQ(replay_time, check_status::passed);
    EXPECT_EQ(judge({.message_uuid = "m-2"}, &unique), message_sighting::new_message);
    EXPECT_EQ(unique, check_status::passed);
}

TEST_F(ledger_test, an_id_given_to_another_send_fails) {
    judge({.key = "k", .message_uuid = "m-1"});
    const std::string other_conversation = "/v1/projects/p-1/livechat/conversations/c-2/messages/operator";
    for (const send& s : {send{.message_uuid = "m-1"}, send{.key = "K", .message_uuid = "m-1"},
                          send{.path = other_conversation, .key = "k", .message_uuid = "m-1"},
                          send{.token = "bob", .key = "k", .message_uuid = "m-1"}}) {
        check_status unique = check_status::skipped;
        EXPECT_EQ(judge(s, &unique), message_sighting::other_message) << s.path << " " << s.key.value_or("-");
        EXPECT_EQ(unique, check_status::failed);
    }
}

TEST_F(ledger_test, two_sends_without_a_key_never_share_an_id) {
    judge({.message_uuid = "m-1"});
    check_status unique = check_status::skipped;
    EXPECT_EQ(judge({.message_uuid = "m-1"}, &unique), message_sighting::other_message);
    EXPECT_EQ(unique, check_status::failed);
}

TEST_F(ledger_test, a_replay_stamped_anew_fails) {
    judge({.key = "k", .message_uuid = "m-1", .created_at = 1'800'000'000'000});
    check_status replay_time = check_status::skipped;
    judge({.key = "k", .message_uuid = "m-1", .created_at = 1'800'000'000'001}, nullptr, &replay_time);
    EXPECT_EQ(replay_time, check_status::failed);
}

TEST_F(ledger_test, refusals_and_replies_without_an_id_are_not_judged) {
    EXPECT_EQ(judge({.key = "k", .status = 422}), message_sighting::not_a_message);
    send unnamed{.key = "k2", .message_uuid = ""};
    EXPECT_EQ(judge(unnamed), message_sighting::unnamed);
}

} // namespace
} // namespace harness::checks
