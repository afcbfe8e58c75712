// Content hashes: json_hash ignores member order; json_hash_at looks only at the values the pointers name
// (the mock's "same payload", profile rule 6), an absent one equal to null.
#include "harness/json/hash.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace harness::json {
namespace {

const std::vector<std::string> payload = {"/companyUuid", "/itemUuid", "/text"};

std::uint64_t at(const char* text) {
    return json_hash_at(boost::json::parse(text), payload);
}

TEST(json_hash, member_order_does_not_matter) {
    EXPECT_EQ(json_hash(boost::json::parse(R"({"a":1,"b":[true,null]})")),
              json_hash(boost::json::parse(R"({"b":[true,null],"a":1})")));
    EXPECT_NE(json_hash(boost::json::parse(R"({"a":1})")), json_hash(boost::json::parse(R"({"a":2})")));
}

TEST(json_hash_at, only_the_named_values_count_and_absent_is_null) {
    const std::uint64_t base = at(R"({"itemUuid":"i","text":"t"})");
    EXPECT_EQ(at(R"({"text":"t","itemUuid":"i"})"), base);
    EXPECT_EQ(at(R"({"itemUuid":"i","text":"t","companyUuid":null})"), base);
    EXPECT_EQ(at(R"({"itemUuid":"i","text":"t","unknown":{"x":[1]},"idempotencyKey":"k"})"), base);
    EXPECT_EQ(at(R"({"itemUuid":"\u0069","text":"\u0074"})"), base);
    EXPECT_EQ(at(R"({"itemUuid":"i"})"), at(R"({"itemUuid":"i","text":null})"));
}

TEST(json_hash_at, another_value_or_another_field_is_another_hash) {
    const std::uint64_t base = at(R"({"itemUuid":"i","text":"t"})");
    EXPECT_NE(at(R"({"itemUuid":"i","text":"T"})"), base);
    EXPECT_NE(at(R"({"itemUuid":"i","text":""})"), at(R"({"itemUuid":"i"})"));
    EXPECT_NE(at(R"({"itemUuid":"i","text":"t","companyUuid":"c"})"), base);
    // The same value under another payload field is another payload.
    EXPECT_NE(at(R"({"itemUuid":"x"})"), at(R"({"text":"x"})"));
    EXPECT_NE(at(R"({"companyUuid":"x"})"), at(R"({"itemUuid":"x"})"));
    // Strings are not split at a boundary: ("ab", "c") and ("a", "bc") differ.
    EXPECT_NE(at(R"({"itemUuid":"ab","text":"c"})"), at(R"({"itemUuid":"a","text":"bc"})"));
}

TEST(json_hash_at, nested_pointers_and_no_pointers) {
    const std::vector<std::string> nested = {"/meta/tag"};
    EXPECT_EQ(json_hash_at(boost::json::parse(R"({"meta":{"tag":"x","other":1}})"), nested),
              json_hash_at(boost::json::parse(R"({"meta":{"tag":"x"}})"), nested));
    EXPECT_EQ(json_hash_at(boost::json::parse(R"({"a":1})"), {}), json_hash_at(boost::json::parse("{}"), {}));
}

} // namespace
} // namespace harness::json
