// The one JSON media type test: what the four call sites (reply checks, the response scanner, the contract
// loader, the mock) all answer now.
#include "harness/json/media_type.hpp"

#include <gtest/gtest.h>

namespace harness::json {
namespace {

TEST(media_type, application_json_with_any_parameters) {
    EXPECT_TRUE(is_json_media_type("application/json"));
    EXPECT_TRUE(is_json_media_type("application/json; charset=utf-8"));
    EXPECT_TRUE(is_json_media_type("application/json;charset=UTF-8"));
    EXPECT_TRUE(is_json_media_type("application/json ; charset=\"utf-8\""));
}

TEST(media_type, structured_syntax_suffix) {
    EXPECT_TRUE(is_json_media_type("application/problem+json"));
    EXPECT_TRUE(is_json_media_type("application/vnd.api+json; ext=bulk"));
    EXPECT_TRUE(is_json_media_type("application/a+json"));
    EXPECT_FALSE(is_json_media_type("application/+json")); // no subtype before the suffix
    EXPECT_FALSE(is_json_media_type("application/json+xml"));
    EXPECT_FALSE(is_json_media_type("application/jsonx"));
}

TEST(media_type, type_and_subtype_are_case_insensitive) {
    EXPECT_TRUE(is_json_media_type("Application/JSON"));
    EXPECT_TRUE(is_json_media_type("APPLICATION/Problem+JSON"));
}

TEST(media_type, spaces_and_tabs_around_the_type_are_allowed) {
    EXPECT_TRUE(is_json_media_type("  application/json  "));
    EXPECT_TRUE(is_json_media_type("\tapplication/json\t;charset=utf-8"));
    EXPECT_FALSE(is_json_media_type("application / json")); // not a media type
    EXPECT_FALSE(is_json_media_type("application/ json"));
}

TEST(media_type, other_types_are_not_json) {
    EXPECT_FALSE(is_json_media_type(""));
    EXPECT_FALSE(is_json_media_type(";"));
    EXPECT_FALSE(is_json_media_type("json"));
    EXPECT_FALSE(is_json_media_type("application"));
    EXPECT_FALSE(is_json_media_type("text/json"));
    EXPECT_FALSE(is_json_media_type("text/html; charset=utf-8"));
    EXPECT_FALSE(is_json_media_type("text/x+json")); // the suffix counts under application/ only
    EXPECT_FALSE(is_json_media_type("application/xml"));
    EXPECT_FALSE(is_json_media_type("application/x-www-form-urlencoded"));
    EXPECT_FALSE(is_json_media_type("*/*"));
    EXPECT_FALSE(is_json_media_type("application/*"));
    EXPECT_FALSE(is_json_media_type("multipart/form-data; boundary=x+json"));
}

} // namespace
} // namespace harness::json
