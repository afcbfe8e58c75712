// OpenAPI 3.0 schema keywords that JSON Schema draft 7 reads differently.

#include "harness/contract/contract.hpp"
#include "harness/json/document_error.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace harness::contract {
namespace {

// A one-operation document whose request body schema is `schema_yaml` (indented for the body position).
contract with_body_schema(const std::string& schema_yaml) {
    return contract::parse(R"(openapi: 3.0.3
paths:
  /x:
    post:
      requestBody:
        content:
          application/json:
            schema:
)" + schema_yaml + R"(
      responses: {'200': {description: ok}}
)",
                           "inline.yaml");
}

violations check(const contract& c, const char* json) {
    return c.operations().at(0).request_body->json->validator->validate(boost::json::parse(json));
}

TEST(schema_translator, nullable_ref_through_allof_admits_null) {
    const contract c = contract::parse(R"(openapi: 3.0.3
paths:
  /x:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                inner: {nullable: true, allOf: [{$ref: '#/components/schemas/Inner'}]}
      responses: {'200': {description: ok}}
components:
  schemas:
    Inner: {type: object, required: [a], properties: {a: {type: integer}}}
)",
                                       "nullable-ref.yaml");
    EXPECT_TRUE(check(c, R"({"inner":null})").empty());
    EXPECT_TRUE(check(c, R"({"inner":{"a":1}})").empty());
    const violations found = check(c, R"({"inner":{}})");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].pointer, "/inner/a");
}

TEST(schema_translator, nullable_enum_admits_null) {
    const contract c = with_body_schema("              {type: string, nullable: true, enum: [a, b]}");
    EXPECT_TRUE(check(c, R"(null)").empty());
    EXPECT_TRUE(check(c, R"("a")").empty());
    const violations found = check(c, R"("c")");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].rule, "enum");
    EXPECT_EQ(found[0].expected, R"(one of ["a","b",null])");
}

TEST(schema_translator, int32_format_is_a_range) {
    const contract c = with_body_schema("              {type: integer, format: int32}");
    EXPECT_TRUE(check(c, "2147483647").empty());
    const violations found = check(c, "2147483648");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].rule, "maximum");
}

TEST(schema_translator, boolean_exclusive_minimum_of_3_0) {
    const contract c = with_body_schema("              {type: number, minimum: 0, exclusiveMinimum: true}");
    EXPECT_TRUE(check(c, "0.5").empty());
    const violations found = check(c, "0");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].rule, "exclusiveMinimum");
}

TEST(schema_translator, integer_rejects_fractions) {
    const contract c = with_body_schema("              {type: integer}");
    EXPECT_TRUE(check(c, "3").empty());
    EXPECT_EQ(check(c, "3.5").size(), 1u);
}

TEST(schema_translator, type_null_and_type_arrays_are_3_1_only) {
    EXPECT_THROW(with_body_schema("              {type: 'null'}"), json::document_error);
    EXPECT_THROW(with_body_schema("              {type: [string, 'null']}"), json::document_error);
}

TEST(schema_translator, invalid_pattern_is_an_error) {
    EXPECT_THROW(with_body_schema("              {type: string, pattern: '(['}"), json::document_error);
}

TEST(schema_translator, pattern_and_lengths_are_enforced) {
    const contract c = with_body_schema("              {type: string, pattern: '^[a-z]+$', maxLength: 3}");
    EXPECT_TRUE(check(c, R"("abc")").empty());
    const violations too_long = check(c, R"("abcd")");
    ASSERT_EQ(too_long.size(), 1u);
    EXPECT_EQ(too_long[0].rule, "maxLength");
    EXPECT_EQ(check(c, R"("AB")").size(), 1u);
}

} // namespace
} // namespace harness::contract
