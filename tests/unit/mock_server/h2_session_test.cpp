// The HTTP/2 glue of both sides, paired in memory (no sockets): the harness's client session and the mock's
// server session exchange frames through nghttp2, and the mock answers with the same pure handler as over
// HTTP/1.1. Each way a stream can end is shown, each in its own class: a complete reply, the server's
// RST_STREAM (stream_reset; REFUSED_STREAM is a SETTINGS limit, FLOW_CONTROL_ERROR flow control), a GOAWAY
// that cancels streams, a header block beyond SETTINGS_MAX_HEADER_LIST_SIZE, a reply too large for the sink.
// The client session's cases that need no server are in tests/unit/http/h2_client_session_test.cpp.

#include "handler_test_support.hpp"
#include "harness/http/h2_client_session.hpp"
#include "mock_server/h2_server_session.hpp"

#include <nghttp2/nghttp2.h>

namespace harness::mock::testing {
namespace {

struct recording_sink final : harness::http::h2_stream_sink {
    int status = 0;
    std::string content_type;
    std::string body;
    std::size_t capacity = 1 << 20;
    bool ended = false;
    harness::http::outcome_kind outcome = harness::http::outcome_kind::ok;
    std::string why;

    void on_h2_header(std::string_view name, std::string_view value) override {
        if (name == ":status") {
            status = std::stoi(std::string(value));
        } else if (name == "content-type") {
            content_type = value;
        }
    }
    bool on_h2_data(std::string_view data) override {
        if (body.size() + data.size() > capacity) {
            return false;
        }
        body.append(data);
        return true;
    }
    void on_h2_end(harness::http::outcome_kind o, std::string_view w) override {
        ended = true;
        outcome = o;
        why = w;
    }
};

// A server that answers every request with the mock's handler, unless `answer` says otherwise.
struct paired {
    std::unique_ptr<mock_state> state = make_state();
    harness::http::h2_client_session client{"http", "127.0.0.1:8080"};
    h2_server_session server{state->profile().max_body_bytes};
    std::function<void(h2_server_session&, h2_server_session::ready_request&)> answer =
        [this](h2_server_session& s, h2_server_session::ready_request& r) {
            mock_reply reply = handle(r.request, *state, fault_decision{});
            s.respond(r.stream_id, std::move(reply.response), false);
        };

    // Moves bytes both ways until neither side has anything to say.
    void pump() {
        for (int round = 0; round < 20; ++round) {
            std::string to_server, to_client;
            ASSERT_TRUE(client.produce(to_server));
            ASSERT_TRUE(server.consume(to_server)) << server.error();
            for (auto& r : server.take_ready()) {
                answer(server, r);
            }
            ASSERT_TRUE(server.produce(to_client));
            ASSERT_TRUE(client.consume(to_client)) << client.error();
            if (to_server.empty() && to_client.empty()) {
                return;
            }
        }
    }
};

std::string operator_message(const std::string& body) {
    return "POST " + running_mock::route() +
           " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer " +
           running_mock::token +
           "\r\nConnection: keep-alive\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

TEST(h2_session, a_request_is_answered_by_the_same_handler_as_over_http1) {
    paired p;
    const std::string wire =
        operator_message(R"({"itemUuid":"item-1","text":"Hello","idempotencyKey":"h2-key-1"})");
    harness::http::request_view request;
    ASSERT_TRUE(request.parse(wire));
    recording_sink sink;
    ASSERT_GT(p.client.submit(request, sink), 0) << p.client.error();
    p.pump();
    ASSERT_TRUE(sink.ended);
    EXPECT_EQ(sink.outcome, harness::http::outcome_kind::ok) << sink.why;
    EXPECT_EQ(sink.status, 200);
    EXPECT_EQ(sink.content_type, "application/json");
    EXPECT_NE(sink.body.find("\"messageUuid\""), std::string::npos) << sink.body;
    // The same again replays the first message, as over HTTP/1.1: the handler keeps its state.
    recording_sink again;
    ASSERT_GT(p.client.submit(request, again), 0);
    p.pump();
    EXPECT_EQ(again.body, sink.body);
    // A bad body gets the contract's validation failure.
    const std::string bad_wire = operator_message(R"({"text":5})");
    harness::http::request_view bad;
    ASSERT_TRUE(bad.parse(bad_wire));
    recording_sink refused;
    p.client.submit(bad, refused);
    p.pump();
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("VALIDATION_ERROR"), std::string::npos);
}

TEST(h2_session, every_way_a_stream_ends_is_told_apart) {
    paired p;
    const std::string wire = operator_message(R"({"itemUuid":"item-2"})");
    harness::http::request_view request;
    ASSERT_TRUE(request.parse(wire));
    // RST_STREAM from the server, by its code: REFUSED_STREAM is a SETTINGS limit (more streams than its
    // SETTINGS_MAX_CONCURRENT_STREAMS), FLOW_CONTROL_ERROR flow control, any other a stream reset.
    const auto reset_with = [&](std::uint32_t code) {
        p.answer = [code](h2_server_session& s, h2_server_session::ready_request& r) {
            s.reset_stream(r.stream_id, code);
        };
        recording_sink sink;
        p.client.submit(request, sink);
        p.pump();
        EXPECT_TRUE(sink.ended);
        return sink;
    };
    const recording_sink reset = reset_with(NGHTTP2_INTERNAL_ERROR);
    EXPECT_EQ(reset.outcome, harness::http::outcome_kind::stream_reset);
    EXPECT_NE(reset.why.find("RST_STREAM INTERNAL_ERROR"), std::string::npos) << reset.why;
    const recording_sink refused = reset_with(NGHTTP2_REFUSED_STREAM);
    EXPECT_EQ(refused.outcome, harness::http::outcome_kind::settings_limit) << refused.why;
    EXPECT_NE(refused.why.find("REFUSED_STREAM"), std::string::npos) << refused.why;
    const recording_sink flow = reset_with(NGHTTP2_FLOW_CONTROL_ERROR);
    EXPECT_EQ(flow.outcome, harness::http::outcome_kind::flow_control) << flow.why;
    // A GOAWAY naming the first stream as the last it answers (a deploy draining the server) cancels the
    // second.
    std::int32_t first_id = 0;
    p.answer = [&](h2_server_session& s, h2_server_session::ready_request& r) {
        if (r.stream_id == first_id) {
            s.goaway(NGHTTP2_NO_ERROR, first_id);
            s.respond(r.stream_id, handle(r.request, *p.state, fault_decision{}).response, false);
        }
    };
    recording_sink first, second;
    first_id = p.client.submit(request, first);
    p.client.submit(request, second);
    p.pump();
    EXPECT_TRUE(p.client.goaway_received());
    ASSERT_TRUE(first.ended && second.ended);
    EXPECT_EQ(first.outcome, harness::http::outcome_kind::ok) << first.why;
    EXPECT_EQ(second.outcome, harness::http::outcome_kind::goaway);
    EXPECT_NE(second.why.find("GOAWAY (NO_ERROR, last stream " + std::to_string(first_id) + ") cancelled"),
              std::string::npos)
        << second.why;
    EXPECT_EQ(p.client.submit(request, first), 0) << "a stream opened after GOAWAY";
    EXPECT_NE(p.client.error().find("GOAWAY"), std::string::npos);
}

TEST(h2_session, a_header_block_beyond_the_announced_limit_is_refused_as_a_settings_limit) {
    paired p;
    std::size_t padding = 0;
    p.answer = [&](h2_server_session& s, h2_server_session::ready_request& r) {
        mock_reply reply = handle(r.request, *p.state, fault_decision{});
        add_huge_headers(reply.response, padding);
        s.respond(r.stream_id, std::move(reply.response), false);
    };
    const std::string wire = operator_message(R"({"itemUuid":"item-h"})");
    harness::http::request_view request;
    ASSERT_TRUE(request.parse(wire));
    // 60 KiB of headers fit in the 64 KiB the client announced; 100 KiB do not.
    padding = 60 * 1024;
    recording_sink fits;
    p.client.submit(request, fits);
    p.pump();
    EXPECT_EQ(fits.outcome, harness::http::outcome_kind::ok) << fits.why;
    EXPECT_EQ(fits.status, 200);
    padding = 100 * 1024;
    recording_sink over;
    p.client.submit(request, over);
    p.pump();
    ASSERT_TRUE(over.ended);
    EXPECT_EQ(over.outcome, harness::http::outcome_kind::settings_limit) << over.why;
    EXPECT_NE(over.why.find("SETTINGS_MAX_HEADER_LIST_SIZE"), std::string::npos) << over.why;
    // The connection goes on: the next reply arrives.
    padding = 0;
    recording_sink next;
    p.client.submit(request, next);
    p.pump();
    EXPECT_EQ(next.outcome, harness::http::outcome_kind::ok) << next.why;
}

TEST(h2_session, a_reply_too_large_for_the_sink_is_cancelled_not_kept) {
    paired p;
    const std::string wire = operator_message(R"({"itemUuid":"item-3"})");
    harness::http::request_view request;
    ASSERT_TRUE(request.parse(wire));
    recording_sink small;
    small.capacity = 10;
    p.client.submit(request, small);
    p.pump();
    ASSERT_TRUE(small.ended);
    EXPECT_EQ(small.outcome, harness::http::outcome_kind::too_large) << small.why;
}

// The stall_window fault: a server that never opens its window gets no body beyond the first 64 KiB; the
// request never completes (the client's timeout ends it) and nothing is answered.
TEST(h2_session, a_window_never_opened_holds_a_large_body) {
    paired p;
    h2_server_session stalled(p.state->profile().max_body_bytes * 4, 0);
    const std::string body = R"({"itemUuid":"item-4","text":")" + std::string(100000, 'x') + R"("})";
    const std::string wire = operator_message(body);
    harness::http::request_view request;
    ASSERT_TRUE(request.parse(wire));
    recording_sink sink;
    ASSERT_GT(p.client.submit(request, sink), 0);
    std::size_t delivered = 0;
    for (int round = 0; round < 20; ++round) {
        std::string to_server, to_client;
        ASSERT_TRUE(p.client.produce(to_server));
        delivered += to_server.size();
        ASSERT_TRUE(stalled.consume(to_server));
        EXPECT_TRUE(stalled.take_ready().empty())
            << "the request arrived whole through a window never opened";
        ASSERT_TRUE(stalled.produce(to_client));
        ASSERT_TRUE(p.client.consume(to_client));
    }
    EXPECT_FALSE(sink.ended);
    EXPECT_LT(delivered, body.size()) << "the whole body was sent";
}

} // namespace
} // namespace harness::mock::testing
