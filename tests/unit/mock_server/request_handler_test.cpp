// Every rule of the behaviour profile, through the pure handler: status, error.code, a conforming envelope
// (checked with the contract's own validator) and fieldErrors naming the field.

#include "handler_test_support.hpp"

#include <functional>
#include <set>

namespace harness::mock::testing {
namespace {

class handler : public ::testing::Test {
protected:
    std::unique_ptr<mock_state> state = make_state();

    void expect_failure(const handled& reply, int status, const std::string& code) {
        EXPECT_EQ(reply.status, status) << boost::json::serialize(reply.body);
        ASSERT_TRUE(reply.body.is_object()) << reply.response.body();
        EXPECT_EQ(reply.body.at("success"), false);
        EXPECT_EQ(reply.body.at("error").at("code"), code.c_str());
        EXPECT_EQ(reply.body.at("error").at("errorId").as_string().size(), 36u);
        EXPECT_TRUE(reply.body.at("error").at("timestamp").is_int64());
        EXPECT_EQ(reply.response[http::field::content_type], "application/json");
        const auto found = contract_violations(*state, reply);
        EXPECT_TRUE(found.empty()) << dump(found);
    }
};

TEST_F(handler, success_stores_and_returns_data) {
    const handled reply = post(*state, R"({"itemUuid":"item-1","text":"Привет"})");
    ASSERT_EQ(reply.status, 200) << reply.response.body();
    EXPECT_TRUE(contract_violations(*state, reply).empty()) << dump(contract_violations(*state, reply));
    const auto& data = reply.body.at("data");
    EXPECT_EQ(reply.body.at("success"), true);
    EXPECT_EQ(data.at("messageUuid").as_string().size(), 36u);
    EXPECT_EQ(data.at("conversationUuid"), running_mock::conversation.c_str());
    EXPECT_EQ(data.at("itemUuid"), "item-1");
    EXPECT_EQ(data.at("text"), "Привет");
    EXPECT_TRUE(data.at("createdAt").is_int64());
    EXPECT_EQ(state->messages().total(running_mock::conversation), 1u);
}

TEST_F(handler, optional_fields_absent_or_null_are_accepted) {
    EXPECT_EQ(post(*state, R"({"itemUuid":"i"})").status, 200);
    const handled reply =
        post(*state, R"({"itemUuid":"i","text":null,"companyUuid":null,"idempotencyKey":null})");
    EXPECT_EQ(reply.status, 200);
    EXPECT_TRUE(reply.body.at("data").at("text").is_null());
    EXPECT_EQ(post(*state, R"({"itemUuid":"i","unknownField":{"x":1}})").status, 200);
    EXPECT_EQ(state->messages().total(running_mock::conversation), 3u);
}

TEST_F(handler, every_message_without_key_is_stored_anew) {
    const handled first = post(*state, R"({"itemUuid":"i"})");
    const handled second = post(*state, R"({"itemUuid":"i"})");
    EXPECT_NE(first.body.at("data").at("messageUuid"), second.body.at("data").at("messageUuid"));
    EXPECT_EQ(state->messages().total(running_mock::conversation), 2u);
}

TEST_F(handler, missing_wrong_scheme_malformed_unknown_and_expired_tokens_are_401) {
    const std::string body = R"({"itemUuid":"i"})";
    for (const std::string& authorization :
         {std::string(), std::string("Basic dXNlcjpwYXNz"), std::string("Bearer"), std::string("Bearer "),
          std::string("Bearer two words"), std::string("Bearer no-such-token"),
          "Bearer " + running_mock::expired_token}) {
        SCOPED_TRACE(authorization);
        expect_failure(call(*state, "POST", running_mock::route(), body, authorization), 401, "UNAUTHORIZED");
    }
    EXPECT_EQ(state->messages().total(running_mock::conversation), 0u);
}

TEST_F(handler, scheme_is_case_insensitive) {
    EXPECT_EQ(
        call(*state, "POST", running_mock::route(), R"({"itemUuid":"i"})", "bearer " + running_mock::token)
            .status,
        200);
}

TEST_F(handler, token_of_another_project_is_403_and_stores_nothing) {
    expect_failure(post(*state, R"({"itemUuid":"i"})", running_mock::other_token), 403, "FORBIDDEN");
    EXPECT_EQ(state->messages().total(running_mock::conversation), 0u);
}

TEST_F(handler, company_of_another_project_is_403) {
    expect_failure(
        post(*state, R"({"itemUuid":"i","companyUuid":")" + std::string(builtin_ids::other_company) + "\"}"),
        403, "FORBIDDEN");
    EXPECT_EQ(post(*state, R"({"itemUuid":"i","companyUuid":")" + running_mock::company + "\"}").status, 200);
}

TEST_F(handler, data_echoes_company_uuid_as_sent) {
    // Profile rule 1 (success.echoed_fields): every request field data echoes equals what was sent.
    const handled sent =
        post(*state, R"({"itemUuid":"i","companyUuid":")" + running_mock::company + R"(","text":"t"})");
    ASSERT_EQ(sent.status, 200) << sent.response.body();
    EXPECT_EQ(sent.body.at("data").at("companyUuid"), running_mock::company.c_str());
    for (const char* body : {R"({"itemUuid":"i"})", R"({"itemUuid":"i","companyUuid":null})"}) {
        SCOPED_TRACE(body);
        const handled reply = post(*state, body);
        ASSERT_EQ(reply.status, 200) << reply.response.body();
        EXPECT_TRUE(reply.body.at("data").at("companyUuid").is_null()) << reply.response.body();
        EXPECT_TRUE(contract_violations(*state, reply).empty()) << dump(contract_violations(*state, reply));
    }
}

TEST_F(handler, data_echoes_every_value_code_point_for_code_point) {
    // Profile rule 1: whatever the script, length (two 400 KiB fields fit the 1 MiB body) or characters (NUL,
    // markup, whitespace included).
    const std::vector<std::string> values = {"",
                                             " ",
                                             "  lead and trail  ",
                                             "\\u0000nul\\u0000",
                                             "\\u0001\\u001f\\u007f\\t\\n\\r",
                                             "𝄞 😀 𠜎",
                                             "e\u0301 n\u0303",
                                             "שלום مرحبا",
                                             "<b>&amp;</b>\\\"'",
                                             "\\ud83d\\ude00 \\u2028",
                                             "MiXeD CaSe",
                                             std::string(400 * 1024, 'x')};
    for (const std::string& v : values) {
        SCOPED_TRACE(v.substr(0, 40));
        const std::string body = R"({"itemUuid":")" + v + R"(","text":")" + v + R"(","idempotencyKey":")" +
                                 v.substr(0, 100) + "-key\"}";
        const handled reply = post(*state, body);
        ASSERT_EQ(reply.status, 200) << reply.response.body().substr(0, 300);
        const boost::json::value sent = boost::json::parse(body);
        EXPECT_EQ(reply.body.at("data").at("itemUuid"), sent.at("itemUuid"));
        EXPECT_EQ(reply.body.at("data").at("text"), sent.at("text"));
    }
}

TEST_F(handler, the_liberal_mock_puts_the_callers_company_in_data_when_none_was_sent) {
    // Profile rule 1 allows it, and fields beyond the echoed ones: the liberal mock uses both liberties.
    fault_decision liberal;
    liberal.liberal = true;
    for (const std::string& body :
         {std::string(R"({"itemUuid":"i"})"), std::string(R"({"itemUuid":"i","companyUuid":null})"),
          R"({"itemUuid":"i","companyUuid":")" + running_mock::company + "\"}"}) {
        SCOPED_TRACE(body);
        const handled reply = post(*state, body, running_mock::token, running_mock::route(), liberal);
        ASSERT_EQ(reply.status, 200) << reply.response.body();
        EXPECT_EQ(reply.body.at("data").at("companyUuid"), running_mock::company.c_str());
        EXPECT_EQ(reply.body.at("data").at("itemUuid"), "i");
        EXPECT_EQ(reply.body.at("data").at("channel"), "livechat");
        EXPECT_TRUE(contract_violations(*state, reply).empty()) << dump(contract_violations(*state, reply));
    }
}

TEST_F(handler, unknown_project_and_foreign_conversation_are_404) {
    expect_failure(
        post(*state, R"({"itemUuid":"i"})", running_mock::token,
             running_mock::route("00000000-0000-4000-8000-000000000000", running_mock::conversation)),
        404, "NOT_FOUND");
    expect_failure(post(*state, R"({"itemUuid":"i"})", running_mock::token,
                        running_mock::route(running_mock::project, running_mock::other_conversation)),
                   404, "NOT_FOUND");
}

TEST_F(handler, unknown_route_is_404_and_other_method_is_405_with_allow) {
    expect_failure(call(*state, "POST", "/v1/projects/p/livechat", "{}", "Bearer " + running_mock::token),
                   404, "NOT_FOUND");
    for (const char* method : {"GET", "PUT", "DELETE", "PATCH"}) {
        const handled reply =
            call(*state, method, running_mock::route(), "", "Bearer " + running_mock::token);
        expect_failure(reply, 405, "METHOD_NOT_ALLOWED");
        EXPECT_EQ(reply.response[http::field::allow], "POST");
    }
}

TEST_F(handler, non_json_content_type_is_415) {
    for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "application/xml", ""}) {
        SCOPED_TRACE(type);
        expect_failure(call(*state, "POST", running_mock::route(), R"({"itemUuid":"i"})",
                            "Bearer " + running_mock::token, type),
                       415, "UNSUPPORTED_MEDIA_TYPE");
    }
    EXPECT_EQ(call(*state, "POST", running_mock::route(), R"({"itemUuid":"i"})",
                   "Bearer " + running_mock::token, "application/json; charset=utf-8")
                  .status,
              200);
}

TEST_F(handler, body_that_is_not_json_or_not_an_object_is_400) {
    for (const char* body : {"", "{", "not json", "[1,2]", "\"text\"", "42", "null"}) {
        SCOPED_TRACE(body);
        expect_failure(post(*state, body), 400, "VALIDATION_ERROR");
    }
}

TEST_F(handler, field_errors_name_each_bad_field_from_the_validator) {
    const handled reply =
        post(*state, R"({"itemUuid":null,"text":5,"companyUuid":[],"idempotencyKey":true})");
    expect_failure(reply, 400, "VALIDATION_ERROR");
    const auto& errors = reply.body.at("error").at("fieldErrors").as_array();
    std::set<std::string> fields;
    for (const auto& e : errors) {
        fields.insert(std::string(e.at("field").as_string()));
        EXPECT_FALSE(e.at("message").as_string().empty());
    }
    EXPECT_EQ(fields, (std::set<std::string>{"itemUuid", "text", "companyUuid", "idempotencyKey"}));
    for (const auto& e : errors) {
        if (e.at("field") == "itemUuid") {
            EXPECT_EQ(e.at("rejectedValue"), nullptr);
        }
        if (e.at("field") == "text") {
            EXPECT_EQ(e.at("rejectedValue"), 5);
        }
    }
    EXPECT_EQ(state->messages().total(running_mock::conversation), 0u);
}

TEST_F(handler, missing_item_uuid_is_named_without_rejected_value) {
    const handled reply = post(*state, R"({"text":"x"})");
    expect_failure(reply, 400, "VALIDATION_ERROR");
    const auto& error = reply.body.at("error").at("fieldErrors").at(0).as_object();
    EXPECT_EQ(error.at("field"), "itemUuid");
    EXPECT_FALSE(error.contains("rejectedValue"));
}

TEST_F(handler, same_key_same_payload_replays_the_first_data_and_stores_nothing_new) {
    const std::string body = R"({"itemUuid":"i","text":"t","idempotencyKey":"key-1"})";
    const handled first = post(*state, body);
    const handled again = post(*state, body);
    const handled reordered = post(*state, R"({"idempotencyKey":"key-1","text":"t","itemUuid":"i"})");
    ASSERT_EQ(first.status, 200);
    EXPECT_EQ(again.body.at("data"), first.body.at("data"));
    EXPECT_EQ(reordered.body.at("data"), first.body.at("data"));
    EXPECT_EQ(state->messages().total(running_mock::conversation), 1u);
}

TEST_F(handler, same_key_other_payload_is_422) {
    post(*state, R"({"itemUuid":"i","text":"t","idempotencyKey":"key-2"})");
    expect_failure(post(*state, R"({"itemUuid":"i","text":"changed","idempotencyKey":"key-2"})"), 422,
                   "IDEMPOTENCY_KEY_REUSED");
    EXPECT_EQ(state->messages().total(running_mock::conversation), 1u);
}

TEST_F(handler, the_same_payload_ignores_unknown_fields_order_escapes_and_null_for_absent) {
    // Profile rule 6: the same JSON values of companyUuid, itemUuid and text, an absent field equal to null.
    const handled first = post(*state, R"({"itemUuid":"i","text":"t","idempotencyKey":"k-same"})");
    ASSERT_EQ(first.status, 200) << first.response.body();
    for (const std::string& resend :
         {std::string(R"({"itemUuid":"i","text":"t","idempotencyKey":"k-same","unknownField":{"x":1}})"),
          std::string(R"({"itemUuid":"i","text":"t","idempotencyKey":"k-same","companyUuid":null})"),
          std::string(R"( { "idempotencyKey" : "k-same" , "text":"\u0074", "itemUuid":"\u0069" } )"),
          std::string(R"({"itemUuid":"i","text":"t","idempotencyKey":"k-same","extra":null,"more":[1]})")}) {
        SCOPED_TRACE(resend);
        const handled again = post(*state, resend);
        ASSERT_EQ(again.status, 200) << again.response.body();
        EXPECT_EQ(again.response.body(), first.response.body());
    }
    const handled absent = post(*state, R"({"itemUuid":"i","idempotencyKey":"k-null"})");
    const handled null_text = post(*state, R"({"itemUuid":"i","text":null,"idempotencyKey":"k-null"})");
    ASSERT_EQ(null_text.status, 200) << null_text.response.body();
    EXPECT_EQ(null_text.body.at("data"), absent.body.at("data"));
    EXPECT_EQ(state->messages().total(running_mock::conversation), 2u);
}

TEST_F(handler, another_value_of_a_payload_field_is_another_payload) {
    post(*state, R"({"itemUuid":"i","idempotencyKey":"k-other"})");
    for (const std::string& other : {std::string(R"({"itemUuid":"i","text":"","idempotencyKey":"k-other"})"),
                                     std::string(R"({"itemUuid":"I","idempotencyKey":"k-other"})"),
                                     R"({"itemUuid":"i","companyUuid":")" + running_mock::company +
                                         R"(","idempotencyKey":"k-other"})"}) {
        SCOPED_TRACE(other);
        expect_failure(post(*state, other), 422, "IDEMPOTENCY_KEY_REUSED");
    }
    EXPECT_EQ(state->messages().total(running_mock::conversation), 1u);
}

TEST_F(handler, the_payload_is_what_the_profile_names) {
    auto custom = std::make_unique<mock_state>(
        harness::contract::contract::builtin(),
        harness::contract::profile::parse("idempotency: {payload_fields: [/itemUuid]}", "p.yaml"),
        fixtures::builtin(), state_limits{});
    const handled first = post(*custom, R"({"itemUuid":"i","text":"one","idempotencyKey":"k"})");
    const handled other_text = post(*custom, R"({"itemUuid":"i","text":"two","idempotencyKey":"k"})");
    EXPECT_EQ(other_text.response.body(), first.response.body());
    EXPECT_EQ(post(*custom, R"({"itemUuid":"j","text":"one","idempotencyKey":"k"})").status, 422);
    EXPECT_EQ(custom->messages().total(running_mock::conversation), 1u);
}

TEST_F(handler, the_same_key_is_the_same_string_exactly_at_any_length) {
    const std::string long_key(5000, 'k');
    const std::vector<std::string> keys = {"key",        "Key",          "KEY",          "key ",
                                           "key\\u0000", long_key + "a", long_key + "b", long_key};
    std::set<std::string> uuids;
    for (const std::string& key : keys) {
        const handled reply = post(*state, R"({"itemUuid":"i","idempotencyKey":")" + key + "\"}");
        ASSERT_EQ(reply.status, 200) << reply.response.body();
        uuids.insert(std::string(reply.body.at("data").at("messageUuid").as_string()));
    }
    EXPECT_EQ(uuids.size(), keys.size());
    const handled again = post(*state, R"({"itemUuid":"i","idempotencyKey":")" + long_key + "b\"}");
    EXPECT_TRUE(uuids.contains(std::string(again.body.at("data").at("messageUuid").as_string())));
    EXPECT_EQ(state->messages().total(running_mock::conversation), keys.size());
}

TEST_F(handler, keys_are_scoped_by_conversation_and_caller) {
    const std::string body = R"({"itemUuid":"i","idempotencyKey":"shared-key"})";
    const handled first = post(*state, body);
    const handled other_caller = post(*state, body, running_mock::token_2);
    const handled other_conversation =
        post(*state, body, running_mock::token,
             running_mock::route(running_mock::project, running_mock::conversation_2));
    EXPECT_NE(first.body.at("data").at("messageUuid"), other_caller.body.at("data").at("messageUuid"));
    EXPECT_NE(first.body.at("data").at("messageUuid"), other_conversation.body.at("data").at("messageUuid"));
    EXPECT_EQ(state->messages().total(running_mock::conversation), 2u);
    EXPECT_EQ(state->messages().total(running_mock::conversation_2), 1u);
}

TEST_F(handler, failed_request_does_not_consume_the_key) {
    const std::string key = R"("idempotencyKey":"key-3")";
    EXPECT_EQ(post(*state, R"({"itemUuid":"i",)" + key + "}", running_mock::other_token).status, 403);
    EXPECT_EQ(post(*state, R"({"itemUuid":"i",)" + key + "}").status, 200);
}

TEST_F(handler, a_request_refused_for_any_reason_reserves_no_key) {
    // Profile rule 6: a refused request stores nothing and reserves no key; a later valid request with that
    // key is a first request (a new message), and the key is then held as usual.
    const std::string route = running_mock::route();
    const std::string bearer = "Bearer " + running_mock::token;
    fault_decision injected;
    injected.status_override = 503;
    const std::string failing =
        running_mock::route(running_mock::project, std::string(builtin_ids::failing_conversation));
    struct refusal {
        std::string name;
        int status;
        std::function<handled(const std::string&)> send;
    };
    const std::vector<refusal> refusals = {
        {"unauthenticated", 401,
         [&](const std::string& body) {
             return call(*state, "POST", route, body, "");
         }},
        {"unsupported media type", 415,
         [&](const std::string& body) {
             return call(*state, "POST", route, body, bearer, "text/plain");
         }},
        {"validation", 400,
         [&](const std::string& body) {
             return post(*state, body.substr(0, body.size() - 1) + ",\"text\":5}");
         }},
        {"forbidden token", 403,
         [&](const std::string& body) {
             return post(*state, body, running_mock::other_token);
         }},
        {"forbidden company", 403,
         [&](const std::string& body) {
             return post(*state, body.substr(0, body.size() - 1) + R"(,"companyUuid":")" +
                                     std::string(builtin_ids::other_company) + "\"}");
         }},
        {"unknown project", 404,
         [&](const std::string& body) {
             return post(
                 *state, body, running_mock::token,
                 running_mock::route("00000000-0000-4000-8000-000000000000", running_mock::conversation));
         }},
        {"conversation not in the project", 404,
         [&](const std::string& body) {
             return post(*state, body, running_mock::token,
                         running_mock::route(running_mock::project, running_mock::other_conversation));
         }},
        {"internal", 500,
         [&](const std::string& body) {
             return post(*state, body, running_mock::token, failing);
         }},
        {"injected status", 503,
         [&](const std::string& body) {
             return post(*state, body, running_mock::token, route, injected);
         }},
    };
    std::size_t stored = 0;
    for (const refusal& r : refusals) {
        SCOPED_TRACE(r.name);
        const std::string key = R"("idempotencyKey":"refused-)" + r.name + "\"";
        const handled refused = r.send(R"({"itemUuid":"refused",)" + key + "}");
        EXPECT_EQ(refused.status, r.status) << refused.response.body();
        EXPECT_EQ(state->messages().total(running_mock::conversation), stored);
        const handled valid = post(*state, R"({"itemUuid":"valid",)" + key + "}");
        ASSERT_EQ(valid.status, 200) << valid.response.body();
        EXPECT_EQ(valid.body.at("data").at("itemUuid"), "valid");
        EXPECT_EQ(state->messages().total(running_mock::conversation), ++stored);
        expect_failure(post(*state, R"({"itemUuid":"other",)" + key + "}"), 422, "IDEMPOTENCY_KEY_REUSED");
    }
}

TEST_F(handler, every_error_has_a_fresh_error_id) {
    const handled a = post(*state, "{}");
    const handled b = post(*state, "{}");
    EXPECT_NE(a.body.at("error").at("errorId"), b.body.at("error").at("errorId"));
}

TEST_F(handler, a_profile_override_changes_status_and_code) {
    auto custom = std::make_unique<mock_state>(
        harness::contract::contract::builtin(),
        harness::contract::profile::parse("failures: {validation: {status: 422, code: UNPROCESSABLE}}",
                                          "p.yaml"),
        fixtures::builtin(), state_limits{});
    const handled reply = post(*custom, "{}");
    EXPECT_EQ(reply.status, 422);
    EXPECT_EQ(reply.body.at("error").at("code"), "UNPROCESSABLE");
}

} // namespace
} // namespace harness::mock::testing
