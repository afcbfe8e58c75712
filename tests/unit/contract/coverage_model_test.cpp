// The coverage model is derived from the contract and the profile: what they declare, and nothing listed by
// hand.

#include "harness/contract/coverage_model.hpp"

#include <algorithm>
#include <map>

#include <gtest/gtest.h>

namespace harness::contract {
namespace {

std::map<std::string, coverage_item> by_id(const std::vector<coverage_item>& items) {
    std::map<std::string, coverage_item> map;
    for (const coverage_item& item : items) {
        EXPECT_TRUE(map.emplace(item.id, item).second) << "duplicate id " << item.id;
    }
    return map;
}

TEST(coverage_model, the_builtin_contract_and_profile) {
    const auto c = contract::builtin();
    const auto items = by_id(derive_coverage_model(c, c.operations()[0], profile::builtin()));
    // 11 declared statuses (default is not one to provoke), 10 failure kinds, 4 string fields x 11 shapes,
    // 6 pairs + all 4 bad together, 6 other methods, 2 path parameters x 3 + trailing slash, 36 rules of the
    // profile (rule_catalogue), latency; values: 3 free string fields x 10 families (the key without the
    // empty string) + a seeded sample each, 2 key pairs, the company as the caller's, bodies of the limit - 1
    // and the limit; the 11 transitions of the explore suite's model and its 7 kinds of step
    // (contract/sequence_transitions).
    EXPECT_EQ(items.size(),
              11u + 10u + 44u + 7u + 6u + 7u + 36u + 1u + (30u - 1u + 3u + 2u + 1u + 2u) + 11u + 7u);
    EXPECT_TRUE(items.contains("sequence step: reserialise"));
    EXPECT_TRUE(items.contains("sequence: same key, another payload conflicts"));
    EXPECT_TRUE(items.contains("value text: astral plane"));
    EXPECT_TRUE(items.contains("value idempotencyKey: differing only in case"));
    EXPECT_FALSE(items.contains("value idempotencyKey: empty string"));
    EXPECT_FALSE(items.contains("value companyUuid: astral plane")); // the caller's company only
    EXPECT_TRUE(items.contains("value companyUuid: the caller's company"));
    EXPECT_EQ(items.at("value body: 1048576 bytes").sample, 1048576u);
    EXPECT_FALSE(items.contains("response default"));
    EXPECT_TRUE(items.at("response 404").needs.empty());
    EXPECT_NE(items.at("response 500").needs.find("--failing-conversation"), std::string::npos);
    EXPECT_NE(items.at("response 409").needs.find("in flight"), std::string::npos);
    EXPECT_FALSE(items.at("field itemUuid: null").conforms);
    EXPECT_TRUE(items.at("field text: null").conforms);
    EXPECT_TRUE(items.at("field itemUuid: empty string").conforms); // the schema sets no minLength
    EXPECT_FALSE(items.at("field idempotencyKey: as array").conforms);
    EXPECT_FALSE(items.contains("field text: as string"));
    EXPECT_TRUE(items.contains("method HEAD"));
    EXPECT_FALSE(items.contains("method POST"));
    EXPECT_TRUE(items.contains("path conversationUuid: other case"));
    EXPECT_EQ(items.at("rule failures.method_not_allowed.headers: Allow").evidence,
              std::vector<std::string>{"header:Allow"});
    EXPECT_EQ(items.at("rule time.epoch_millis: /error/timestamp").evidence,
              std::vector<std::string>{"epoch_millis:/error/timestamp"});
    EXPECT_EQ(items.at("rule failures.unauthenticated").evidence,
              (std::vector<std::string>{"status in failure unauthenticated",
                                        "error_code in failure unauthenticated"}));
}

TEST(coverage_model, more_declared_means_more_items) {
    const auto c = contract::load(HARNESS_TEST_DATA_DIR "/contracts/with-429-and-priority.openapi.yaml");
    const auto items = by_id(derive_coverage_model(c, c.operations()[0], profile::builtin()));
    EXPECT_TRUE(items.contains("response 429"));
    EXPECT_NE(items.at("response 429").needs.find("no failure kind of the profile answers 429"),
              std::string::npos);
    EXPECT_TRUE(items.contains("field priority: as string"));
    EXPECT_FALSE(items.contains("field priority: empty string")); // an integer takes no strings
    EXPECT_TRUE(items.contains("fields itemUuid + priority bad together"));
    // A profile without a latency budget or time fields has no items for them.
    const profile quiet = profile::parse("slo: null\ntime: {epoch_millis: []}\n", "quiet.yaml");
    const auto fewer = by_id(derive_coverage_model(c, c.operations()[0], quiet));
    EXPECT_FALSE(fewer.contains("latency budget"));
    EXPECT_FALSE(fewer.contains("rule time.epoch_millis: /data/createdAt"));
}

} // namespace
} // namespace harness::contract
