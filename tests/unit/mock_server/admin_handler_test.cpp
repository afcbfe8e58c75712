// The admin API through the handler: messages per conversation, journal without secrets, reset, faults at run
// time, metrics, and that admin routes never receive faults.

#include "handler_test_support.hpp"
#include "mock_server/request_journal.hpp"

namespace harness::mock::testing {
namespace {

handled admin(mock_state& state, const std::string& method, const std::string& target,
              const std::string& body = "") {
    return call(state, method, target, body, "", body.empty() ? "" : "application/json");
}

TEST(admin, messages_list_per_conversation) {
    auto state = make_state();
    post(*state, R"({"itemUuid":"i1","text":"one"})");
    post(*state, R"({"itemUuid":"i2"})");
    const handled list = admin(*state, "GET", "/__admin/messages?conversation=" + running_mock::conversation);
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(list.body.at("storedTotal"), 2);
    ASSERT_EQ(list.body.at("messages").as_array().size(), 2u);
    EXPECT_EQ(list.body.at("messages").at(0).at("text"), "one");
    EXPECT_TRUE(list.body.at("messages").at(1).at("text").is_null());
    const handled totals = admin(*state, "GET", "/__admin/messages");
    EXPECT_EQ(totals.body.at("conversations").at(0).at("storedTotal"), 2);
    EXPECT_EQ(admin(*state, "GET", "/__admin/messages?conversation=x&limit=abc").status, 400);
}

TEST(admin, journal_keeps_requests_but_never_tokens) {
    auto state = make_state();
    post(*state, R"({"itemUuid":"i","idempotencyKey":"journal-key"})");
    const handled journal = admin(*state, "GET", "/__admin/journal");
    ASSERT_EQ(journal.status, 200);
    const std::string text = journal.response.body();
    EXPECT_NE(text.find("journal-key"), std::string::npos);
    EXPECT_NE(text.find("Bearer <redacted>"), std::string::npos);
    EXPECT_EQ(text.find(running_mock::token), std::string::npos);
}

TEST(admin, journal_leaves_out_query_strings) {
    harness::mock::request_journal journal(4);
    journal.record(1, "POST", "/v1/x?access_token=query-secret-12&page=2", 200, "", "Bearer abcdefgh");
    const std::string text = journal.to_json();
    EXPECT_NE(text.find("\"/v1/x\""), std::string::npos) << text;
    EXPECT_EQ(text.find("query-secret-12"), std::string::npos) << text;
    EXPECT_EQ(text.find("abcdefgh"), std::string::npos) << text;
}

TEST(admin, reset_forgets_messages_and_keys) {
    auto state = make_state();
    const std::string body = R"({"itemUuid":"i","idempotencyKey":"k"})";
    const handled first = post(*state, body);
    EXPECT_EQ(admin(*state, "POST", "/__admin/reset").status, 200);
    EXPECT_EQ(state->messages().total(running_mock::conversation), 0u);
    const handled after = post(*state, body);
    EXPECT_NE(after.body.at("data").at("messageUuid"), first.body.at("data").at("messageUuid"));
}

TEST(admin, faults_are_set_read_and_cleared_at_run_time) {
    auto state = make_state();
    EXPECT_EQ(
        admin(*state, "PUT", "/__admin/faults", R"({"faults":["status=503,every=2","drift=code_null"]})")
            .status,
        200);
    const handled read = admin(*state, "GET", "/__admin/faults");
    EXPECT_EQ(read.body.at("faults").as_array().size(), 2u);
    EXPECT_EQ(read.body.at("faults").at(0), "status=503,every=2");
    // every=2: the first request passes, the second gets 503 (admin requests are not counted).
    mock_request request{http::verb::post, running_mock::route(), 11};
    request.set(http::field::authorization, "Bearer " + running_mock::token);
    request.set(http::field::content_type, "application/json");
    request.body() = R"({"itemUuid":"i"})";
    request.prepare_payload();
    EXPECT_EQ(handle(request, *state).response.result_int(), 200);
    EXPECT_EQ(handle(request, *state).response.result_int(), 503);
    const handled bad = admin(*state, "PUT", "/__admin/faults", R"({"faults":["status=200"]})");
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.at("error").as_string().find("status=200"), std::string::npos);
    EXPECT_EQ(admin(*state, "GET", "/__admin/faults").body.at("faults").as_array().size(), 2u); // unchanged
    EXPECT_EQ(admin(*state, "DELETE", "/__admin/faults").status, 200);
    EXPECT_EQ(admin(*state, "GET", "/__admin/faults").body.at("faults").as_array().size(), 0u);
}

TEST(admin, admin_routes_are_never_faulted) {
    auto state = make_state();
    state->faults().set({parse_fault_spec("status=500"), parse_fault_spec("malformed_json")});
    mock_request request{http::verb::get, "/__admin/health", 11};
    const mock_reply reply = handle(request, *state);
    EXPECT_EQ(reply.response.result_int(), 200);
    EXPECT_EQ(boost::json::parse(reply.response.body()).at("status"), "ok");
}

TEST(admin, metrics_are_prometheus_text) {
    auto state = make_state();
    state->metrics().record(200, std::chrono::microseconds(300));
    state->metrics().record(401, std::chrono::milliseconds(2));
    const handled metrics = admin(*state, "GET", "/metrics");
    EXPECT_EQ(metrics.status, 200);
    const std::string text = metrics.response.body();
    EXPECT_NE(text.find("harness_mock_requests_total{status=\"200\"} 1"), std::string::npos) << text;
    EXPECT_NE(text.find("harness_mock_request_duration_seconds_bucket{le=\"0.0005\"} 1"), std::string::npos)
        << text;
    EXPECT_NE(text.find("harness_mock_request_duration_seconds_count 2"), std::string::npos) << text;
    EXPECT_EQ(metrics.response[http::field::content_type], "text/plain; version=0.0.4; charset=utf-8");
}

TEST(admin, unknown_admin_route_is_404) {
    auto state = make_state();
    EXPECT_EQ(admin(*state, "GET", "/__admin/nothing").status, 404);
    EXPECT_EQ(admin(*state, "DELETE", "/__admin/health").status, 404);
}

} // namespace
} // namespace harness::mock::testing
