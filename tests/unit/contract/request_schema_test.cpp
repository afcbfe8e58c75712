// Every row of the seed's request-body table: a conforming value passes; a missing required field, a null in
// a non-nullable field and every wrong JSON type fail, each with the field's JSON pointer and the rule
// broken.

#include "harness/contract/contract.hpp"
#include "schema_test_support.hpp"

#include <gtest/gtest.h>

namespace harness::contract {
namespace {

using testing::accepts;
using testing::dump;
using testing::field_row;
using testing::has_violation;
using testing::samples_by_type;

// LiveChatOperatorMessageGatewayRequestDTO, as the seed's table gives it.
const std::vector<field_row> request_rows = {
    {"companyUuid", {"string"}, false, true},
    {"itemUuid", {"string"}, true, false},
    {"text", {"string"}, false, true},
    {"idempotencyKey", {"string"}, false, true},
};

class request_schema : public ::testing::TestWithParam<field_row> {
protected:
    static const schema_validator& validator() {
        static const contract c = contract::builtin();
        return *c.operations().at(0).request_body->json->validator;
    }

    static boost::json::object conforming_body() {
        return {{"itemUuid", "7d9f3b1e-2c4a-4e8b-9f10-0a1b2c3d4e5f"}};
    }
};

TEST_P(request_schema, conforming_value_passes) {
    boost::json::object body = conforming_body();
    body[GetParam().name] = "a value";
    EXPECT_TRUE(validator().validate(body).empty()) << dump(validator().validate(body));
}

TEST_P(request_schema, absence_follows_required_column) {
    boost::json::object body = conforming_body();
    body.erase(GetParam().name);
    const violations found = validator().validate(body);
    if (GetParam().required) {
        ASSERT_EQ(found.size(), 1u) << dump(found);
        EXPECT_EQ(found[0].pointer, "/" + GetParam().name);
        EXPECT_EQ(found[0].rule, "required");
        EXPECT_EQ(found[0].actual, "absent");
    } else {
        EXPECT_TRUE(found.empty()) << dump(found);
    }
}

TEST_P(request_schema, every_json_type_follows_type_and_nullable_columns) {
    for (const auto& [type, sample] : samples_by_type()) {
        boost::json::object body = conforming_body();
        body[GetParam().name] = sample;
        const violations found = validator().validate(body);
        if (accepts(GetParam(), type)) {
            EXPECT_TRUE(found.empty()) << GetParam().name << " = " << type << dump(found);
        } else {
            ASSERT_EQ(found.size(), 1u) << GetParam().name << " = " << type << dump(found);
            EXPECT_EQ(found[0].pointer, "/" + GetParam().name);
            EXPECT_EQ(found[0].rule, "type");
            EXPECT_EQ(found[0].expected, GetParam().nullable ? "string or null" : "string");
            EXPECT_EQ(found[0].actual.substr(0, type.size()), type) << found[0].to_string();
        }
    }
}

std::string row_name(const ::testing::TestParamInfo<field_row>& row) {
    return row.param.name;
}

INSTANTIATE_TEST_SUITE_P(seed_table, request_schema, ::testing::ValuesIn(request_rows), row_name);

TEST(request_body, full_body_of_the_seed_passes) {
    const contract c = contract::builtin();
    const auto& v = *c.operations().at(0).request_body->json->validator;
    const boost::json::value body = boost::json::parse(
        R"({"companyUuid":"c","itemUuid":"i","text":"Привет, как дела? 👋","idempotencyKey":"k"})");
    EXPECT_TRUE(v.validate(body).empty()) << dump(v.validate(body));
}

TEST(request_body, unknown_fields_are_ignored) {
    const contract c = contract::builtin();
    const auto& v = *c.operations().at(0).request_body->json->validator;
    EXPECT_TRUE(v.validate(boost::json::parse(R"({"itemUuid":"i","channel":"web"})")).empty());
}

TEST(request_body, a_body_that_is_not_an_object_fails_at_the_root) {
    const contract c = contract::builtin();
    const auto& v = *c.operations().at(0).request_body->json->validator;
    for (const char* text : {"[]", "\"itemUuid\"", "7", "null", "true"}) {
        const violations found = v.validate(boost::json::parse(text));
        ASSERT_EQ(found.size(), 1u) << text << dump(found);
        EXPECT_EQ(found[0].pointer, "");
        EXPECT_EQ(found[0].rule, "type");
        EXPECT_EQ(found[0].expected, "object");
    }
}

TEST(request_body, several_faults_are_all_reported) {
    const contract c = contract::builtin();
    const auto& v = *c.operations().at(0).request_body->json->validator;
    const violations found = v.validate(boost::json::parse(R"({"text":5,"companyUuid":[]})"));
    EXPECT_EQ(found.size(), 3u) << dump(found);
    EXPECT_TRUE(has_violation(found, "/itemUuid", "required")) << dump(found);
    EXPECT_TRUE(has_violation(found, "/text", "type")) << dump(found);
    EXPECT_TRUE(has_violation(found, "/companyUuid", "type")) << dump(found);
}

TEST(request_body, violation_reads_as_pointer_rule_expected_got) {
    const contract c = contract::builtin();
    const auto& v = *c.operations().at(0).request_body->json->validator;
    const violations found = v.validate(boost::json::parse(R"({"itemUuid":null})"));
    ASSERT_EQ(found.size(), 1u) << dump(found);
    EXPECT_EQ(found[0].to_string(), "/itemUuid: type rule broken (expected string, got null)");
}

} // namespace
} // namespace harness::contract
