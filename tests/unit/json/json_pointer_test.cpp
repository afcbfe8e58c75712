#include "harness/json/pointer.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace harness::json {
namespace {

TEST(json_pointer, escapes_and_unescapes_rfc6901_tokens) {
    EXPECT_EQ(escape_pointer_token("a/b~c"), "a~1b~0c");
    EXPECT_EQ(unescape_pointer_token("a~1b~0c"), "a/b~c");
    EXPECT_EQ(append_pointer("/paths", "/v1/{id}"), "/paths/~1v1~1{id}");
}

TEST(json_pointer, finds_values_and_reports_missing_ones) {
    const boost::json::value doc = boost::json::parse(R"({"a":{"b/c":[10,20]},"":1})");
    ASSERT_NE(find_pointer(doc, "/a/b~1c/1"), nullptr);
    EXPECT_EQ(*find_pointer(doc, "/a/b~1c/1"), 20);
    EXPECT_EQ(find_pointer(doc, ""), &doc);
    EXPECT_NE(find_pointer(doc, "/"), nullptr); // the key ""
    EXPECT_EQ(find_pointer(doc, "/a/b~1c/2"), nullptr);
    EXPECT_EQ(find_pointer(doc, "/a/b~1c/01"), nullptr);
    EXPECT_EQ(find_pointer(doc, "/a/missing"), nullptr);
    EXPECT_EQ(find_pointer(doc, "a"), nullptr);
}

} // namespace
} // namespace harness::json
