#include "harness/contract/profile.hpp"
#include "harness/json/document_error.hpp"

#include <gtest/gtest.h>

namespace harness::contract {
namespace {

const std::string data_dir = std::string(HARNESS_TEST_DATA_DIR) + "/profiles/";

TEST(profile, builtin_holds_the_contract_profile_defaults) {
    const profile p = profile::builtin();
    EXPECT_EQ(p.success_status, 200);
    EXPECT_EQ(p.auth_scheme, "bearer");
    EXPECT_EQ(p.auth_header, "Authorization");
    EXPECT_EQ(p.max_body_bytes, 1048576u);
    const std::vector<std::tuple<failure_kind, int, std::string>> expected = {
        {failure_kind::validation, 400, "VALIDATION_ERROR"},
        {failure_kind::unauthenticated, 401, "UNAUTHORIZED"},
        {failure_kind::forbidden, 403, "FORBIDDEN"},
        {failure_kind::not_found, 404, "NOT_FOUND"},
        {failure_kind::method_not_allowed, 405, "METHOD_NOT_ALLOWED"},
        {failure_kind::idempotency_in_progress, 409, "IDEMPOTENCY_IN_PROGRESS"},
        {failure_kind::payload_too_large, 413, "PAYLOAD_TOO_LARGE"},
        {failure_kind::unsupported_media_type, 415, "UNSUPPORTED_MEDIA_TYPE"},
        {failure_kind::idempotency_key_reused, 422, "IDEMPOTENCY_KEY_REUSED"},
        {failure_kind::internal, 500, "INTERNAL_ERROR"},
    };
    for (const auto& [kind, status, code] : expected) {
        EXPECT_EQ(p.failure(kind).status, status) << to_string(kind);
        EXPECT_EQ(p.failure(kind).code, code) << to_string(kind);
    }
    EXPECT_EQ(p.idempotency.key_pointer, "/idempotencyKey");
    EXPECT_EQ(p.idempotency.scope,
              (std::vector<scope_part>{scope_part::project, scope_part::conversation, scope_part::caller}));
    EXPECT_EQ(p.idempotency.on_different_payload, failure_kind::idempotency_key_reused);
    EXPECT_EQ(p.idempotency.on_in_flight, failure_kind::idempotency_in_progress);
}

TEST(profile, a_user_file_overrides_only_what_it_names) {
    const profile p = profile::load(data_dir + "override.yaml");
    EXPECT_EQ(p.failure(failure_kind::validation).status, 422);
    EXPECT_EQ(p.failure(failure_kind::validation).code, "UNPROCESSABLE");
    EXPECT_EQ(p.idempotency.expiry_seconds, 3600);
    EXPECT_EQ(p.failure(failure_kind::forbidden).status, 403);
    EXPECT_EQ(p.idempotency.capacity, profile::builtin().idempotency.capacity);
}

TEST(profile, unknown_keys_fail_with_line_and_pointer) {
    try {
        (void)profile::load(data_dir + "unknown-key.yaml");
        FAIL() << "loaded";
    } catch (const json::document_error& e) {
        EXPECT_EQ(e.where().line, 3) << e.what();
        EXPECT_EQ(e.where().pointer, "/failures/teapot");
        EXPECT_NE(e.message().find("unknown key 'teapot'"), std::string::npos) << e.what();
    }
}

TEST(profile, wrong_value_types_fail_with_line) {
    try {
        (void)profile::load(data_dir + "bad-status.yaml");
        FAIL() << "loaded";
    } catch (const json::document_error& e) {
        EXPECT_EQ(e.where().line, 3) << e.what();
        EXPECT_EQ(e.where().pointer, "/failures/forbidden/status");
    }
}

TEST(profile, echoed_and_payload_fields_default_to_rules_1_and_6) {
    const profile p = profile::builtin();
    EXPECT_EQ(p.echoed_fields, (std::vector<std::string>{"/itemUuid", "/text", "/companyUuid"}));
    EXPECT_EQ(p.idempotency.payload_fields, (std::vector<std::string>{"/companyUuid", "/itemUuid", "/text"}));
    // A profile written before the keys existed keeps the defaults.
    const profile old = profile::load(data_dir + "override.yaml");
    EXPECT_EQ(old.echoed_fields, p.echoed_fields);
    EXPECT_EQ(old.idempotency.payload_fields, p.idempotency.payload_fields);
    const profile custom = profile::parse(
        "success: {echoed_fields: [/text]}\nidempotency: {payload_fields: [/itemUuid, /meta/tag]}", "p.yaml");
    EXPECT_EQ(custom.echoed_fields, std::vector<std::string>{"/text"});
    EXPECT_EQ(custom.idempotency.payload_fields, (std::vector<std::string>{"/itemUuid", "/meta/tag"}));
}

TEST(profile, echoed_and_payload_fields_must_be_distinct_pointers) {
    const std::vector<std::tuple<std::string, int, std::string, std::string>> bad = {
        {"idempotency:\n  payload_fields: [/itemUuid, text]", 2, "/idempotency/payload_fields/1",
         "expected a JSON pointer"},
        {"idempotency:\n  payload_fields: [/text, /text]", 2, "/idempotency/payload_fields/1",
         "listed twice"},
        {"idempotency:\n  payload_fields: /text", 2, "/idempotency/payload_fields", "expected a list"},
        {"success:\n  status: 200\n  echoed_fields: [/]", 3, "/success/echoed_fields/0",
         "expected a JSON pointer"},
        {"success:\n  echoed: [/text]", 2, "/success/echoed", "unknown key 'echoed'"},
    };
    for (const auto& [text, line, pointer, message] : bad) {
        SCOPED_TRACE(text);
        try {
            (void)profile::parse(text, "p.yaml");
            FAIL() << "loaded";
        } catch (const json::document_error& e) {
            EXPECT_EQ(e.where().line, line) << e.what();
            EXPECT_EQ(e.where().pointer, pointer) << e.what();
            EXPECT_NE(e.message().find(message), std::string::npos) << e.what();
        }
    }
}

TEST(profile, bad_yaml_and_missing_files_are_errors) {
    EXPECT_THROW((void)profile::parse("failures: {validation: [", "broken.yaml"), json::document_error);
    EXPECT_THROW((void)profile::load(data_dir + "does-not-exist.yaml"), json::document_error);
    EXPECT_THROW((void)profile::parse("idempotency: {scope: [tenant]}", "scope.yaml"), json::document_error);
}

} // namespace
} // namespace harness::contract
