// Every row of the seed's ResponseWrapper and CdpErrorResponse tables, checked through the 200 response's
// schema (the seed's envelope), plus the failure envelope the profile assumes for error statuses.

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

const contract& builtin() {
    static const contract c = contract::builtin();
    return c;
}

const schema_validator& response_validator(int status) {
    return *builtin().operations().at(0).response_for(status)->json->validator;
}

boost::json::object error_object() {
    return {{"errorId", "e-1"}, {"code", "NOT_FOUND"}, {"message", "gone"}};
}

// Runs one table row at `prefix`/field inside `base`, through `validator`.
void check_row(const schema_validator& validator, const boost::json::object& base, const std::string& prefix,
               const field_row& row) {
    auto with_field = [&](const boost::json::value* field_value) {
        boost::json::value doc = base;
        boost::json::object* holder = &doc.as_object();
        if (!prefix.empty()) {
            holder = &doc.as_object().at(prefix.substr(1)).as_object();
        }
        if (field_value == nullptr) {
            holder->erase(row.name);
        } else {
            (*holder)[row.name] = *field_value;
        }
        return doc;
    };
    const std::string pointer = prefix + "/" + row.name;

    const violations when_absent = validator.validate(with_field(nullptr));
    if (row.required) {
        EXPECT_TRUE(has_violation(when_absent, pointer, "required")) << pointer << dump(when_absent);
        EXPECT_EQ(when_absent.size(), 1u) << pointer << dump(when_absent);
    } else {
        EXPECT_TRUE(when_absent.empty()) << pointer << " absent" << dump(when_absent);
    }
    for (const auto& [type, sample] : samples_by_type()) {
        const violations found = validator.validate(with_field(&sample));
        if (accepts(row, type)) {
            EXPECT_TRUE(found.empty()) << pointer << " = " << type << dump(found);
        } else {
            ASSERT_EQ(found.size(), 1u) << pointer << " = " << type << dump(found);
            EXPECT_EQ(found[0].pointer, pointer) << found[0].to_string();
            EXPECT_EQ(found[0].rule, "type") << found[0].to_string();
        }
    }
}

const std::set<std::string> any_type = {"string", "integer", "number", "boolean", "array", "object"};

TEST(response_wrapper, every_row_of_the_seed_table) {
    const boost::json::object base = {{"success", true}};
    for (const field_row& row :
         std::vector<field_row>{{"success", {"boolean"}, true, false}, {"data", any_type, false, true}}) {
        SCOPED_TRACE(row.name);
        check_row(response_validator(200), base, "", row);
    }
}

TEST(response_wrapper, error_field_is_an_optional_nullable_cdp_error_response) {
    const auto& v = response_validator(200);
    EXPECT_TRUE(v.validate(boost::json::object{{"success", false}}).empty());
    EXPECT_TRUE(v.validate(boost::json::object{{"success", false}, {"error", nullptr}}).empty());
    EXPECT_TRUE(v.validate(boost::json::object{{"success", false}, {"error", error_object()}}).empty());
    for (const auto& [type, sample] : samples_by_type()) {
        if (type == "object" || type == "null") {
            continue;
        }
        const violations found = v.validate(boost::json::object{{"success", false}, {"error", sample}});
        ASSERT_EQ(found.size(), 1u) << type << dump(found);
        EXPECT_EQ(found[0].pointer, "/error");
        EXPECT_EQ(found[0].rule, "type");
        EXPECT_EQ(found[0].expected, "object or null");
    }
}

TEST(cdp_error_response, every_row_of_the_seed_table) {
    const boost::json::object base = {{"success", false}, {"error", error_object()}};
    const std::vector<field_row> rows = {
        {"errorId", {"string"}, true, false},     {"code", {"string"}, true, false},
        {"message", {"string"}, true, false},     {"details", {"object"}, false, false},
        {"fieldErrors", {"array"}, false, false}, {"timestamp", {"integer"}, false, false},
        {"meta", {"object"}, false, false},
    };
    for (const field_row& row : rows) {
        SCOPED_TRACE(row.name);
        // fieldErrors' items are CdpFieldError objects: the sample array [1, 2] is checked separately below.
        if (row.name == "fieldErrors") {
            boost::json::object with_list = base;
            with_list["error"].as_object()["fieldErrors"] = boost::json::array{};
            EXPECT_TRUE(response_validator(200).validate(with_list).empty());
            continue;
        }
        check_row(response_validator(200), base, "/error", row);
    }
}

TEST(cdp_error_response, field_errors_wrong_types_fail_at_their_pointer) {
    const auto& v = response_validator(200);
    for (const auto& [type, sample] : samples_by_type()) {
        if (type == "array") {
            continue;
        }
        boost::json::object body = {{"success", false}, {"error", error_object()}};
        body["error"].as_object()["fieldErrors"] = sample;
        const violations found = v.validate(body);
        ASSERT_EQ(found.size(), 1u) << type << dump(found);
        EXPECT_EQ(found[0].pointer, "/error/fieldErrors");
        EXPECT_EQ(found[0].rule, "type");
    }
}

TEST(cdp_field_error, assumed_shape_field_message_rejected_value) {
    const auto& v = response_validator(200);
    boost::json::object body = {{"success", false}, {"error", error_object()}};
    body["error"].as_object()["fieldErrors"] = boost::json::array{boost::json::object{
        {"field", "itemUuid"}, {"message", "must not be null"}, {"rejectedValue", nullptr}}};
    EXPECT_TRUE(v.validate(body).empty()) << dump(v.validate(body));
    body["error"].as_object()["fieldErrors"] = boost::json::array{boost::json::object{{"field", 3}}};
    const violations found = v.validate(body);
    EXPECT_TRUE(has_violation(found, "/error/fieldErrors/0/field", "type")) << dump(found);
    EXPECT_TRUE(has_violation(found, "/error/fieldErrors/0/message", "required")) << dump(found);
}

TEST(failure_envelope, error_statuses_require_success_false_and_an_error) {
    for (int status : {400, 401, 403, 404, 405, 409, 413, 415, 422, 500}) {
        SCOPED_TRACE(status);
        const auto& v = response_validator(status);
        EXPECT_TRUE(v.validate(boost::json::object{{"success", false}, {"error", error_object()}}).empty());
        const violations no_error = v.validate(boost::json::object{{"success", false}});
        EXPECT_TRUE(has_violation(no_error, "/error", "required")) << dump(no_error);
        const violations null_error = v.validate(boost::json::object{{"success", false}, {"error", nullptr}});
        EXPECT_TRUE(has_violation(null_error, "/error", "type")) << dump(null_error);
        const violations success_true =
            v.validate(boost::json::object{{"success", true}, {"error", error_object()}});
        EXPECT_TRUE(has_violation(success_true, "/success", "enum")) << dump(success_true);
    }
}

TEST(response_for, exact_status_then_default) {
    const operation& op = builtin().operations().at(0);
    EXPECT_EQ(op.response_for(200)->status, "200");
    EXPECT_EQ(op.response_for(404)->status, "404");
    EXPECT_EQ(op.response_for(418)->status, "default");
    EXPECT_TRUE(op.response_for(404)->assumed);
    EXPECT_FALSE(op.response_for(200)->assumed);
}

} // namespace
} // namespace harness::contract
