// dom_view reads simdjson's parse as boost_view reads Boost.JSON's, and reads_like_boost() names the
// documents where the two parsers part: a repeated key, a fraction or exponent, an object too large to check.

#include "harness/json/boost_view.hpp"
#include "harness/json/dom_view.hpp"
#include "harness/json/view_queries.hpp"

#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace harness::json {
namespace {

struct parsed {
    explicit parsed(const std::string& text) : padded(text) {
        if (parser.parse(padded).get(root) != simdjson::SUCCESS) {
            ADD_FAILURE() << "simdjson refused " << text;
        }
    }
    simdjson::padded_string padded;
    simdjson::dom::parser parser;
    simdjson::dom::element root;
};

TEST(dom_view, reads_like_boost_only_where_both_parsers_read_the_same_value) {
    EXPECT_TRUE(
        reads_like_boost(parsed(R"({"a":[1,-2,18446744073709551615,"x",null,true],"b":{"c":{}}})").root));
    EXPECT_FALSE(reads_like_boost(parsed(R"({"a":1,"a":2})").root));
    EXPECT_FALSE(reads_like_boost(parsed(R"([{"b":{"a":1,"c":2,"a":3}}])").root));
    EXPECT_FALSE(reads_like_boost(parsed(R"({"a":[1,2.5]})").root));
    EXPECT_FALSE(reads_like_boost(parsed("1e2").root));
    std::string large = "{";
    for (int i = 0; i < 65; ++i) {
        large += (i == 0 ? "\"k" : ",\"k") + std::to_string(i) + "\":0";
    }
    EXPECT_FALSE(reads_like_boost(parsed(large + "}").root));
    EXPECT_TRUE(reads_like_boost(parsed(large.substr(0, large.rfind(",\"k64")) + "}").root));
}

TEST(dom_view, reads_kinds_members_items_and_equality_as_boost_view_does) {
    const std::string text =
        R"({"s":"a\u0000b","i":-3,"u":18446744073709551615,"t":true,"n":null,"arr":[1,{"k":"v"}],"o":{"x":1}})";
    const parsed dom(text);
    const boost::json::value boost_value = boost::json::parse(text);
    const dom_view view(dom.root);
    const boost_view reference(boost_value);
    ASSERT_EQ(view.kind(), boost::json::kind::object);
    EXPECT_EQ(view.size(), reference.size());
    reference.each_member([&](std::string_view key, boost_view member) {
        const auto other = view.member(key);
        EXPECT_TRUE(other.has_value()) << key;
        if (other) {
            EXPECT_EQ(other->kind(), member.kind()) << key;
            EXPECT_TRUE(equal_as_boost(*other, member)) << key;
        }
        return true;
    });
    EXPECT_EQ(view.member("s")->get_string(), std::string_view("a\0b", 3));
    EXPECT_FALSE(view.member("missing"));
    EXPECT_EQ(find_tokens(view, {"arr", "1", "k"})->get_string(), "v");
    EXPECT_FALSE(find_tokens(view, {"arr", "01"}));
    EXPECT_FALSE(find_tokens(view, {"arr", "2"}));
    EXPECT_TRUE(equal_as_boost(view, reference));
    const boost::json::value other = boost::json::parse(R"({"i":-3})");
    EXPECT_FALSE(equal_as_boost(view, boost_view(other)));
    // Integers are equal across int64 and uint64, as Boost.JSON's operator== has them.
    const boost::json::value unsigned_three = std::uint64_t{3};
    const parsed three("3");
    EXPECT_TRUE(equal_as_boost(dom_view(three.root), boost_view(unsigned_three)));
}

} // namespace
} // namespace harness::json
