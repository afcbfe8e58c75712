// request_template: the load generator's request, serialised once per kind, its idempotency key a fixed slot
// patched in place. Each kind carries what makes it that kind (no credential, another scheme, an unknown
// token, a bad field, a body that is not JSON, an unknown conversation), and nothing else differs.

#include "harness/load/request_template.hpp"
#include "load_test_support.hpp"

#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace harness::load {
namespace {

namespace ids = harness::testing::builtin_ids;
using harness::result::request_kind;
using testing::builtin_operation;
using testing::builtin_profile;
using testing::builtin_target;

std::string bytes_of(request_kind kind, const target::target_spec& t = builtin_target()) {
    return std::string(request_template(t, builtin_operation(), builtin_profile(), kind).bytes());
}

std::string body_of(const std::string& wire) {
    return wire.substr(wire.find("\r\n\r\n") + 4);
}

TEST(request_template, a_new_message_is_a_complete_http1_request_of_the_operation) {
    const request_template request(builtin_target(), builtin_operation(), builtin_profile());
    const std::string wire(request.bytes());
    EXPECT_EQ(wire.rfind("POST " + ids::operator_message_route() + " HTTP/1.1\r\n", 0), 0U) << wire;
    EXPECT_NE(wire.find("\r\nHost: 127.0.0.1:8080\r\n"), std::string::npos) << wire;
    EXPECT_NE(wire.find("\r\nAuthorization: Bearer " + std::string(ids::token) + "\r\n"), std::string::npos);
    EXPECT_NE(wire.find("\r\nContent-Type: application/json\r\n"), std::string::npos);
    const std::string body = body_of(wire);
    EXPECT_NE(wire.find("\r\nContent-Length: " + std::to_string(body.size()) + "\r\n"), std::string::npos)
        << wire;
    EXPECT_EQ(request.key().size(), request_template::key_width);
    EXPECT_NE(body.find("\"idempotencyKey\":\"" + std::string(request.key()) + "\""), std::string::npos)
        << body;
}

TEST(request_template, the_key_is_patched_in_place_as_32_hex_digits) {
    request_template request(builtin_target(), builtin_operation(), builtin_profile());
    const std::size_t size = request.bytes().size();
    request.set_key(0x0123456789abcdefULL, 0xfedcba9876543210ULL);
    EXPECT_EQ(request.key(), "0123456789abcdeffedcba9876543210");
    EXPECT_EQ(request.bytes().size(), size) << "the request keeps its length: Content-Length holds";
    EXPECT_NE(
        body_of(std::string(request.bytes())).find("\"idempotencyKey\":\"0123456789abcdeffedcba9876543210\""),
        std::string::npos);
    request.set_key("k-0000000000000000000000000000-1");
    EXPECT_EQ(request.key(), "k-0000000000000000000000000000-1");
}

TEST(request_template, each_credential_kind_sends_its_own_authorization) {
    EXPECT_EQ(bytes_of(request_kind::no_auth).find("Authorization:"), std::string::npos);
    EXPECT_NE(
        bytes_of(request_kind::wrong_scheme).find("Authorization: Basic " + std::string(ids::token) + "\r\n"),
        std::string::npos);
    const std::string unknown = bytes_of(request_kind::unknown_token);
    EXPECT_NE(unknown.find("Authorization: Bearer "), std::string::npos);
    EXPECT_EQ(unknown.find(std::string(ids::token)), std::string::npos)
        << "the unknown token is not the valid one";
    target::target_spec with_more = builtin_target();
    with_more.expired_token = ids::expired_token;
    with_more.other_project_token = ids::other_project_token;
    EXPECT_NE(bytes_of(request_kind::expired_token, with_more)
                  .find("Authorization: Bearer " + std::string(ids::expired_token) + "\r\n"),
              std::string::npos);
    EXPECT_NE(bytes_of(request_kind::other_project, with_more)
                  .find("Authorization: Bearer " + std::string(ids::other_project_token) + "\r\n"),
              std::string::npos);
}

TEST(request_template, a_kind_the_target_cannot_send_names_the_flag_it_needs) {
    for (const auto& [kind, flag] : {std::pair{request_kind::expired_token, "--expired-token-env"},
                                     std::pair{request_kind::other_project, "--other-project-token-env"}}) {
        try {
            (void)bytes_of(kind);
            ADD_FAILURE() << "no error for " << harness::result::to_string(kind);
        } catch (const std::invalid_argument& e) {
            EXPECT_NE(std::string(e.what()).find(flag), std::string::npos) << e.what();
        }
    }
    contract::profile no_company = builtin_profile();
    no_company.company_pointer.clear();
    EXPECT_THROW(
        request_template(builtin_target(), builtin_operation(), no_company, request_kind::other_company),
        std::invalid_argument);
}

TEST(request_template, each_body_kind_breaks_the_body_its_own_way) {
    const std::string valid = body_of(bytes_of(request_kind::new_message));
    EXPECT_NE(valid.find(R"("itemUuid":"load-item")"), std::string::npos) << valid;
    EXPECT_NE(body_of(bytes_of(request_kind::invalid_field)).find(R"("itemUuid":7)"), std::string::npos);
    const std::string reuse = body_of(bytes_of(request_kind::key_reuse));
    EXPECT_NE(reuse, valid) << "a reused key comes with another payload";
    EXPECT_NE(reuse.find("\"idempotencyKey\""), std::string::npos);
    const std::string company = body_of(bytes_of(request_kind::other_company));
    EXPECT_NE(company.find("\"companyUuid\":\""), std::string::npos) << company;
    EXPECT_EQ(company.find(std::string(ids::company)), std::string::npos)
        << "another company than the target's";
    // No key, no slot: set_key leaves the request as it is.
    for (const request_kind kind : {request_kind::no_key, request_kind::not_json}) {
        request_template request(builtin_target(), builtin_operation(), builtin_profile(), kind);
        EXPECT_TRUE(request.key().empty());
        const std::string before(request.bytes());
        request.set_key(1, 2);
        EXPECT_EQ(request.bytes(), before);
        EXPECT_EQ(before.find("idempotencyKey"), std::string::npos);
    }
    const std::string not_json = body_of(bytes_of(request_kind::not_json));
    EXPECT_NE(not_json.back(), '}') << "an unfinished JSON body: " << not_json;
}

TEST(request_template, an_unknown_conversation_changes_the_path_only) {
    const std::string wire = bytes_of(request_kind::unknown_conversation);
    const std::string path = wire.substr(5, wire.find(' ', 5) - 5);
    EXPECT_EQ(path.find(std::string(ids::conversation)), std::string::npos) << path;
    EXPECT_NE(path.find(std::string(ids::project)), std::string::npos) << path;
    EXPECT_EQ(body_of(wire), body_of(bytes_of(request_kind::new_message)));
}

TEST(request_template, the_path_goes_under_the_targets_base_path) {
    target::target_spec t = builtin_target();
    t.url.base_path = "/gw";
    EXPECT_EQ(
        bytes_of(request_kind::new_message, t).rfind("POST /gw" + ids::operator_message_route() + " ", 0),
        0U);
}

} // namespace
} // namespace harness::load
