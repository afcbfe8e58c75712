// The profile model predicts rule 6 as clarified: a new key stores a message; the same key and payload
// (however written) replays the first step; another payload conflicts; another caller or conversation is
// another key; a refused request reserves nothing; concurrent copies of a new key store one message (409
// allowed); and at most `capacity` keys are kept.

#include "harness/explore/profile_model.hpp"

#include <gtest/gtest.h>

namespace harness::explore {
namespace {

namespace hc = harness::contract;

sequence two_keys() {
    sequence s;
    s.keys = {"k1", "K1"};
    s.payloads = {{std::nullopt, "item", std::string("hi")}, {std::nullopt, "item", std::string("other")}};
    return s;
}

std::vector<prediction> predict(const sequence& s, const hc::profile& profile = hc::profile::builtin()) {
    profile_model model(profile);
    std::vector<prediction> out;
    for (std::size_t i = 0; i < s.ops.size(); ++i) {
        out.push_back(model.step(s, i));
    }
    return out;
}

TEST(profile_model, same_key_and_payload_replays_however_written_and_another_payload_conflicts) {
    sequence s = two_keys();
    s.ops = {{.kind = op_kind::send, .key = 0},
             {.kind = op_kind::reserialise, .key = 0, .form = body_form::escaped},
             {.kind = op_kind::change, .key = 0, .payload = 1},
             {.kind = op_kind::send, .key = 1, .payload = 1}};
    const auto p = predict(s);
    EXPECT_EQ(p[0].kind, reply_class::new_message);
    EXPECT_EQ(p[0].stored, 1u);
    EXPECT_EQ(p[1].kind, reply_class::replay);
    EXPECT_EQ(p[1].replay_of, 0u);
    EXPECT_EQ(p[1].stored, 0u);
    EXPECT_EQ(p[2].kind, reply_class::conflict);
    EXPECT_EQ(p[2].failure, hc::failure_kind::idempotency_key_reused);
    EXPECT_EQ(p[3].kind, reply_class::new_message) << "a key differing only in case is another key";
}

TEST(profile_model, another_caller_or_conversation_is_another_key_unless_the_scope_says_otherwise) {
    sequence s = two_keys();
    s.ops = {{.key = 0}, {.key = 0, .caller = 1}, {.key = 0, .conversation = 1}};
    const auto p = predict(s);
    EXPECT_EQ(p[1].kind, reply_class::new_message);
    EXPECT_EQ(p[2].kind, reply_class::new_message);
    hc::profile per_project = hc::profile::builtin();
    per_project.idempotency.scope = {hc::scope_part::project};
    const auto q = predict(s, per_project);
    EXPECT_EQ(q[1].kind, reply_class::replay);
    EXPECT_EQ(q[2].kind, reply_class::replay);
}

TEST(profile_model, a_refused_request_reserves_nothing) {
    sequence s = two_keys();
    s.ops = {{.kind = op_kind::refused, .key = 0, .payload = 1, .refused_for = refusal::payload_too_large},
             {.key = 0}};
    const auto p = predict(s);
    EXPECT_EQ(p[0].kind, reply_class::refusal);
    EXPECT_EQ(p[0].failure, hc::failure_kind::payload_too_large);
    EXPECT_EQ(p[0].stored, 0u);
    EXPECT_EQ(p[1].kind, reply_class::new_message);
    EXPECT_EQ(p[1].transition, "a key a refused request carried is new");
}

TEST(profile_model, concurrent_copies_store_one_message_and_distinct_keys_one_each) {
    sequence s = two_keys();
    s.ops = {{.kind = op_kind::burst, .key = 0, .copies = 5},
             {.kind = op_kind::burst_distinct, .copies = 4},
             {.kind = op_kind::burst, .key = 0, .copies = 3}};
    const auto p = predict(s);
    EXPECT_EQ(p[0].stored, 1u);
    EXPECT_TRUE(p[0].in_flight_allowed);
    EXPECT_EQ(p[1].stored, 4u);
    EXPECT_EQ(p[2].kind, reply_class::replay);
}

TEST(profile_model, past_capacity_the_oldest_key_is_new_again) {
    hc::profile small = hc::profile::builtin();
    small.idempotency.capacity = 1;
    sequence s = two_keys();
    s.ops = {{.key = 0}, {.key = 1}, {.key = 0}};
    const auto p = predict(s, small);
    EXPECT_EQ(p[2].kind, reply_class::new_message);
    EXPECT_EQ(predict(s)[2].kind, reply_class::replay);
}

} // namespace
} // namespace harness::explore
