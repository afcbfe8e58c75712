// Every drift mode breaks exactly the rule it names: the same scenario keeps the rule without the drift and
// breaks it with the drift. This is what lets every check of `verify` be shown failing.

#include "handler_test_support.hpp"
#include "mock_server/envelope_writer.hpp"

#include <set>
#include <string>

namespace harness::mock::testing {
namespace {

fault_decision with_drift(drift_kind kind) {
    fault_decision faults;
    faults.drift.set(static_cast<std::size_t>(kind));
    return faults;
}

// Runs a scenario and says whether the rule holds.
using scenario = std::function<bool(mock_state&, const fault_decision&)>;

bool error_reply_conforms(mock_state& state, const fault_decision& faults) {
    const handled reply = post(state, R"({"itemUuid":"i"})", "", running_mock::route(), faults);
    return reply.status == 401 && contract_violations(state, reply).empty();
}

bool success_reply_conforms(mock_state& state, const fault_decision& faults) {
    const handled reply =
        post(state, R"({"itemUuid":"i"})", running_mock::token, running_mock::route(), faults);
    return reply.status == 200 && contract_violations(state, reply).empty();
}

// Whether `field` comes back in data as sent (`value` escaped as a JSON string), on a 200.
bool echoes(mock_state& state, const fault_decision& faults, const std::string& field,
            const std::string& value) {
    const std::string sent = boost::json::serialize(boost::json::string(value));
    const std::string body = field == "itemUuid" ? R"({"itemUuid":)" + sent + "}"
                                                 : R"({"itemUuid":"i",")" + field + "\":" + sent + "}";
    const handled reply = post(state, body, running_mock::token, running_mock::route(), faults);
    const boost::json::value* echoed =
        reply.status == 200 ? reply.body.at("data").as_object().if_contains(field) : nullptr;
    return echoed != nullptr && echoed->is_string() && echoed->as_string() == std::string_view(value);
}

// Whether one payload sent under key `a`, then under key `b`, gets two messages (two messageUuids).
bool two_keys_two_messages(mock_state& state, const fault_decision& faults, const std::string& a,
                           const std::string& b) {
    const auto send = [&](const std::string& key) {
        const handled reply = post(state, R"({"itemUuid":"one","idempotencyKey":")" + key + "\"}",
                                   running_mock::token, running_mock::route(), faults);
        return reply.body.at("data").at("messageUuid");
    };
    const boost::json::value first = send(a);
    return first != send(b);
}

const std::map<drift_kind, scenario>& scenarios() {
    static const std::map<drift_kind, scenario> table = {
        {drift_kind::success_as_string, success_reply_conforms},
        {drift_kind::error_id_missing, error_reply_conforms},
        {drift_kind::code_null, error_reply_conforms},
        {drift_kind::timestamp_iso, error_reply_conforms},
        {drift_kind::html_content_type,
         [](mock_state& state, const fault_decision& faults) {
             const handled reply =
                 post(state, R"({"itemUuid":"i"})", running_mock::token, running_mock::route(), faults);
             return reply.response[http::field::content_type] == "application/json";
         }},
        {drift_kind::fresh_message_uuid_on_replay,
         [](mock_state& state, const fault_decision& faults) {
             const std::string body = R"({"itemUuid":"i","idempotencyKey":"k"})";
             const handled first = post(state, body);
             const handled again = post(state, body, running_mock::token, running_mock::route(), faults);
             return first.body.at("data") == again.body.at("data");
         }},
        {drift_kind::message_uuid_wraps,
         [](mock_state& state, const fault_decision& faults) {
             // 17 new keys: with a counter wrapping every 16, the 17th gets the 1st one's id.
             std::set<std::string> ids;
             for (int i = 0; i < 17; ++i) {
                 const std::string body =
                     R"({"itemUuid":"i","idempotencyKey":"k)" + std::to_string(i) + "\"}";
                 const handled reply = post(state, body, running_mock::token, running_mock::route(), faults);
                 ids.insert(std::string(reply.body.at("data").at("messageUuid").as_string()));
             }
             return ids.size() == 17;
         }},
        {drift_kind::no_auth_required,
         [](mock_state& state, const fault_decision& faults) {
             return post(state, R"({"itemUuid":"i"})", "", running_mock::route(), faults).status == 401;
         }},
        {drift_kind::store_on_replay,
         [](mock_state& state, const fault_decision& faults) {
             const std::string body = R"({"itemUuid":"i","idempotencyKey":"k"})";
             post(state, body);
             post(state, body, running_mock::token, running_mock::route(), faults);
             return state.messages().total(running_mock::conversation) == 1;
         }},
        {drift_kind::reused_key_accepted,
         [](mock_state& state, const fault_decision& faults) {
             post(state, R"({"itemUuid":"i","idempotencyKey":"k"})");
             return post(state, R"({"itemUuid":"other","idempotencyKey":"k"})", running_mock::token,
                         running_mock::route(), faults)
                        .status == 422;
         }},
        {drift_kind::field_errors_missing,
         [](mock_state& state, const fault_decision& faults) {
             const handled reply =
                 post(state, R"({"itemUuid":1})", running_mock::token, running_mock::route(), faults);
             return reply.status == 400 && reply.body.at("error").as_object().contains("fieldErrors");
         }},
        {drift_kind::error_id_reused,
         [](mock_state& state, const fault_decision& faults) {
             const handled a = post(state, "{}", running_mock::token, running_mock::route(), faults);
             const handled b = post(state, "{}", running_mock::token, running_mock::route(), faults);
             return a.body.at("error").at("errorId") != b.body.at("error").at("errorId");
         }},
        {drift_kind::data_missing,
         [](mock_state& state, const fault_decision& faults) {
             const handled reply =
                 post(state, R"({"itemUuid":"i"})", running_mock::token, running_mock::route(), faults);
             return reply.body.as_object().contains("data");
         }},
        {drift_kind::timestamp_seconds,
         [](mock_state& state, const fault_decision& faults) {
             const handled reply = post(state, R"({"itemUuid":"i"})", "", running_mock::route(), faults);
             return reply.body.at("error").at("timestamp").as_int64() > 1'000'000'000'000;
         }},
        {drift_kind::created_at_seconds,
         [](mock_state& state, const fault_decision& faults) {
             const handled reply =
                 post(state, R"({"itemUuid":"i"})", running_mock::token, running_mock::route(), faults);
             return reply.body.at("data").at("createdAt").as_int64() > 1'000'000'000'000;
         }},
        {drift_kind::allow_missing,
         [](mock_state& state, const fault_decision& faults) {
             const handled reply =
                 call(state, "GET", running_mock::route(), "", "Bearer " + std::string(running_mock::token),
                      "application/json", faults);
             return reply.status == 405 && reply.response[http::field::allow] == "POST";
         }},
        {drift_kind::www_authenticate_missing,
         [](mock_state& state, const fault_decision& faults) {
             const handled reply = post(state, R"({"itemUuid":"i"})", "", running_mock::route(), faults);
             return reply.status == 401 && !reply.response[http::field::www_authenticate].empty();
         }},
        {drift_kind::not_found_as_success,
         [](mock_state& state, const fault_decision& faults) {
             const handled reply =
                 post(state, R"({"itemUuid":"i"})", running_mock::token,
                      running_mock::route(running_mock::project, "no-such-conversation"), faults);
             return reply.status == 404;
         }},
        {drift_kind::not_found_wrong_code,
         [](mock_state& state, const fault_decision& faults) {
             const handled reply = post(state, R"({"itemUuid":"i"})", running_mock::token,
                                        running_mock::route("no-such-project"), faults);
             return reply.body.at("error").at("code") == "NOT_FOUND";
         }},
        {drift_kind::method_as_not_found,
         [](mock_state& state, const fault_decision& faults) {
             return call(state, "PUT", running_mock::route(), R"({"itemUuid":"i"})",
                         "Bearer " + std::string(running_mock::token), "application/json", faults)
                        .status == 405;
         }},
        {drift_kind::first_field_error_only,
         [](mock_state& state, const fault_decision& faults) {
             const handled reply = post(state, R"({"itemUuid":1,"text":2})", running_mock::token,
                                        running_mock::route(), faults);
             return reply.body.at("error").at("fieldErrors").as_array().size() == 2;
         }},
        {drift_kind::http2_answers_otherwise,
         [](mock_state& state, const fault_decision& faults) {
             mock_request request{http::verb::post, running_mock::route(), 20}; // an HTTP/2 request
             request.set(http::field::authorization, "Bearer " + std::string(running_mock::token));
             request.set(http::field::content_type, "application/json");
             request.body() = R"({"text":5})";
             request.prepare_payload();
             return handle(request, state, faults).response.result_int() == 400;
         }},
        {drift_kind::text_trimmed,
         [](mock_state& state, const fault_decision& faults) {
             // Rule 1: data echoes text as sent, its leading and trailing whitespace included.
             const handled reply = post(state, R"({"itemUuid":"i","text":"  padded \t\n"})",
                                        running_mock::token, running_mock::route(), faults);
             return reply.body.at("data").at("text") == "  padded \t\n";
         }},
        {drift_kind::created_at_skewed,
         [](mock_state& state, const fault_decision& faults) {
             // Rule 1: createdAt is the time of storing, within time.tolerance_seconds of the send.
             const std::int64_t sent = epoch_ms_now();
             const handled reply =
                 post(state, R"({"itemUuid":"i"})", running_mock::token, running_mock::route(), faults);
             const std::int64_t created = reply.body.at("data").at("createdAt").as_int64();
             return created >= sent - 300'000 && created <= epoch_ms_now() + 300'000;
         }},
        {drift_kind::replay_restamps_created_at,
         [](mock_state& state, const fault_decision& faults) {
             // Rule 6: a replay carries the first reply's data, its createdAt included.
             const std::string body = R"({"itemUuid":"i","idempotencyKey":"k"})";
             const handled first = post(state, body);
             const handled again = post(state, body, running_mock::token, running_mock::route(), faults);
             return first.body.at("data").at("createdAt") == again.body.at("data").at("createdAt");
         }},
        {drift_kind::double_write,
         [](mock_state& state, const fault_decision& faults) {
             // One accepted send, one stored message.
             post(state, R"({"itemUuid":"i"})", running_mock::token, running_mock::route(), faults);
             return state.messages().total(running_mock::conversation) == 1;
         }},
        {drift_kind::fingerprint_raw_body,
         [](mock_state& state, const fault_decision& faults) {
             // Rule 6: the same values written otherwise are the same payload, so the resend replays.
             post(state, R"({"itemUuid":"i","text":"t","idempotencyKey":"k"})", running_mock::token,
                  running_mock::route(), faults);
             const handled again =
                 post(state, R"({ "idempotencyKey" : "k", "text" : "\u0074", "itemUuid":"i" })",
                      running_mock::token, running_mock::route(), faults);
             return again.status == 200;
         }},
        {drift_kind::key_scope_ignores_caller,
         [](mock_state& state, const fault_decision& faults) {
             // Rule 6: keys are scoped per caller, so another caller's send with the key is a new message.
             const std::string body = R"({"itemUuid":"i","idempotencyKey":"k"})";
             const handled first = post(state, body, running_mock::token, running_mock::route(), faults);
             const handled other = post(state, body, running_mock::token_2, running_mock::route(), faults);
             return other.status == 200 && first.body.at("data") != other.body.at("data");
         }},
        {drift_kind::refusal_reserves_key,
         [](mock_state& state, const fault_decision& faults) {
             // Rule 6: a refused request reserves no key.
             post(state, R"({"itemUuid":7,"idempotencyKey":"k"})", running_mock::token, running_mock::route(),
                  faults);
             return post(state, R"({"itemUuid":"i","idempotencyKey":"k"})", running_mock::token,
                         running_mock::route(), faults)
                        .status == 200;
         }},
        {drift_kind::in_flight_race,
         [](mock_state& state, const fault_decision& faults) {
             // Rule 6: a resend meanwhile never stores a second message (a 409 or the first's data).
             const std::string body = R"({"itemUuid":"i","idempotencyKey":"k"})";
             const handled first = post(state, body, running_mock::token, running_mock::route(), faults);
             const handled again = post(state, body, running_mock::token, running_mock::route(), faults);
             return first.body.at("data") == again.body.at("data") &&
                    state.messages().total(running_mock::conversation) == 1;
         }},
        {drift_kind::message_uuid_from_clock,
         [](mock_state& state, const fault_decision& faults) {
             // Rule 1: a messageUuid is never handed out twice (20 sends take far less than 20 ms here).
             std::set<std::string> ids;
             for (int i = 0; i < 20; ++i) {
                 const handled reply =
                     post(state, R"({"itemUuid":"i"})", running_mock::token, running_mock::route(), faults);
                 ids.insert(std::string(reply.body.at("data").at("messageUuid").as_string()));
             }
             return ids.size() == 20;
         }},
        {drift_kind::wrong_error_code,
         [](mock_state& state, const fault_decision& faults) {
             return post(state, "{}", running_mock::token, running_mock::route(), faults)
                        .body.at("error")
                        .at("code") == "VALIDATION_ERROR";
         }},
        // Values a store must keep (verify's values suite): each drift changes or refuses only its own.
        {drift_kind::text_column_255,
         [](mock_state& state, const fault_decision& faults) {
             const std::string text(256, 'a');
             return echoes(state, faults, "text", text) && echoes(state, faults, "text", text.substr(1));
         }},
        {drift_kind::astral_replaced,
         [](mock_state& state, const fault_decision& faults) {
             return echoes(state, faults, "text", "a😀𠜎b") && echoes(state, faults, "itemUuid", "i😀") &&
                    echoes(state, faults, "text", "é字");
         }},
        {drift_kind::nul_dropped,
         [](mock_state& state, const fault_decision& faults) {
             return echoes(state, faults, "text", std::string("a\0b", 3)) &&
                    echoes(state, faults, "text", "ab");
         }},
        {drift_kind::markup_escaped,
         [](mock_state& state, const fault_decision& faults) {
             return echoes(state, faults, "text", "<b>&amp;\"'</b>") &&
                    echoes(state, faults, "text", "plain");
         }},
        {drift_kind::blank_text_rejected,
         [](mock_state& state, const fault_decision& faults) {
             return echoes(state, faults, "text", " \t\n") && echoes(state, faults, "text", "") &&
                    echoes(state, faults, "text", " x ");
         }},
        {drift_kind::key_case_folded,
         [](mock_state& state, const fault_decision& faults) {
             return two_keys_two_messages(state, faults, "Key-Ab", "key-ab") &&
                    !two_keys_two_messages(state, faults, "same", "same");
         }},
        {drift_kind::key_prefix_64,
         [](mock_state& state, const fault_decision& faults) {
             const std::string prefix(64, 'p');
             return two_keys_two_messages(state, faults, prefix + "-a", prefix + "-b") &&
                    two_keys_two_messages(state, faults, "k-a", "k-b");
         }},
        {drift_kind::body_limit_inclusive,
         [](mock_state& state, const fault_decision& faults) {
             const auto sized = [&](std::size_t bytes) {
                 const std::string head = R"({"itemUuid":"i","text":")";
                 return post(state, head + std::string(bytes - head.size() - 2, 'x') + "\"}",
                             running_mock::token, running_mock::route(), faults)
                     .status;
             };
             const std::size_t limit = state.profile().max_body_bytes;
             return sized(limit) == 200 && sized(limit - 1) == 200;
         }},
        {drift_kind::latin1_replaced,
         [](mock_state& state, const fault_decision& faults) {
             return echoes(state, faults, "text", "Привет 字") && echoes(state, faults, "text", "café ÿ");
         }},
        {drift_kind::nfc_composed,
         [](mock_state& state, const fault_decision& faults) {
             return echoes(state, faults, "text", "Cafe\xCC\x81") && echoes(state, faults, "text", "Café");
         }},
        {drift_kind::bidi_stripped,
         [](mock_state& state, const fault_decision& faults) {
             return echoes(state, faults, "text",
                           "\xE2\x80\x8F"
                           "abc\xE2\x80\xAE") &&
                    echoes(state, faults, "text", "שלום");
         }},
        {drift_kind::item_lower_cased,
         [](mock_state& state, const fault_decision& faults) {
             return echoes(state, faults, "itemUuid", "Item-ABC") &&
                    echoes(state, faults, "itemUuid", "item-abc");
         }},
    };
    return table;
}

TEST(drift, every_drift_has_a_scenario) {
    for (drift_kind kind : all_drift_kinds()) {
        EXPECT_TRUE(scenarios().contains(kind)) << to_string(kind);
    }
}

TEST(drift, each_drift_breaks_its_rule_and_only_with_the_drift) {
    for (drift_kind kind : all_drift_kinds()) {
        SCOPED_TRACE(std::string(to_string(kind)));
        const scenario& run = scenarios().at(kind);
        auto clean = make_state();
        EXPECT_TRUE(run(*clean, {})) << "the rule does not hold without the drift";
        auto drifted = make_state();
        EXPECT_FALSE(run(*drifted, with_drift(kind))) << "the drift does not break its rule";
    }
}

TEST(injected_faults, status_override_is_a_conforming_envelope_and_stores_nothing) {
    auto state = make_state();
    for (int status : {500, 503}) {
        fault_decision faults;
        faults.status_override = status;
        const handled reply =
            post(*state, R"({"itemUuid":"i"})", running_mock::token, running_mock::route(), faults);
        EXPECT_EQ(reply.status, status);
        EXPECT_TRUE(contract_violations(*state, reply).empty()) << dump(contract_violations(*state, reply));
        EXPECT_EQ(reply.body.at("error").at("code"),
                  status == 503 ? "SERVICE_UNAVAILABLE" : "INTERNAL_ERROR");
    }
    EXPECT_EQ(state->messages().total(running_mock::conversation), 0u);
}

TEST(injected_faults, malformed_json_is_not_json) {
    auto state = make_state();
    fault_decision faults;
    faults.malformed_json = true;
    const handled reply =
        post(*state, R"({"itemUuid":"i"})", running_mock::token, running_mock::route(), faults);
    EXPECT_EQ(reply.status, 200);
    EXPECT_TRUE(reply.body.is_null()); // did not parse
    EXPECT_EQ(reply.response[http::field::content_length], std::to_string(reply.response.body().size()));
}

} // namespace
} // namespace harness::mock::testing
