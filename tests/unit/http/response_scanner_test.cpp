// The load generator's response reader: whole and split deliveries, chunked bodies, keep-alive, and the
// malformed and oversize responses it must classify rather than misread.

#include "harness/http/exchange.hpp"
#include "harness/http/response_scanner.hpp"

#include <vector>

#include <gtest/gtest.h>

namespace harness::http {
namespace {

using state = response_scanner::state;

struct scanned {
    state result = state::incomplete;
    std::size_t used = 0;
};

// Feeds `bytes` in pieces of `piece` bytes.
scanned feed(response_scanner& scanner, std::string_view bytes, std::size_t piece) {
    scanned s;
    for (std::size_t at = 0; at < bytes.size() && s.result == state::incomplete;) {
        const std::size_t n = std::min(piece, bytes.size() - at);
        s.used += scanner.feed(bytes.substr(at, n), s.result);
        at += n;
    }
    return s;
}

TEST(response_scanner, content_length_in_any_split) {
    const std::string bytes = "HTTP/1.1 201 Created\r\nContent-Type: application/json; charset=utf-8\r\n"
                              "Content-Length: 13\r\n\r\n{\"ok\":\"yes\"}\nHTTP/1.1 200 OK\r\n";
    for (std::size_t piece : {1u, 3u, 17u, 1000u}) {
        std::vector<char> body(64);
        response_scanner scanner(body.data(), body.size());
        const scanned s = feed(scanner, bytes, piece);
        ASSERT_EQ(s.result, state::complete) << piece;
        EXPECT_EQ(scanner.status(), 201);
        EXPECT_EQ(scanner.body(), "{\"ok\":\"yes\"}\n");
        EXPECT_TRUE(scanner.json_content_type());
        EXPECT_TRUE(scanner.keep_alive());
        EXPECT_EQ(bytes.substr(s.used, 8), "HTTP/1.1") << "the next response's bytes must stay unread";
    }
}

TEST(response_scanner, chunked_bodies_are_joined) {
    const std::string bytes =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n"
        "Connection: close\r\n\r\n4\r\nWiki\r\n6;ext=1\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\n\r\n";
    for (std::size_t piece : {1u, 5u, 4096u}) {
        std::vector<char> body(64);
        response_scanner scanner(body.data(), body.size());
        ASSERT_EQ(feed(scanner, bytes, piece).result, state::complete) << piece;
        EXPECT_EQ(scanner.body(), "Wikipedia in \r\n\r\nchunks.");
        EXPECT_FALSE(scanner.keep_alive());
        EXPECT_FALSE(scanner.json_content_type());
    }
}

TEST(response_scanner, bodyless_statuses_and_http_1_0) {
    std::vector<char> body(64);
    response_scanner scanner(body.data(), body.size());
    EXPECT_EQ(feed(scanner, "HTTP/1.1 204 No Content\r\n\r\n", 100).result, state::complete);
    scanner.reset();
    EXPECT_EQ(feed(scanner, "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", 100).result, state::complete);
    EXPECT_FALSE(scanner.keep_alive());
}

TEST(response_scanner, malformed_and_oversize_are_classified) {
    std::vector<char> body(16);
    response_scanner scanner(body.data(), body.size());
    for (const char* bad :
         {"SSH-2.0-OpenSSH\r\n", "HTTP/1.1 2x0 OK\r\n", "HTTP/1.1 200 OK\r\nNoColon\r\n\r\n",
          "HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\nbody until close",
          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"}) {
        scanner.reset();
        EXPECT_EQ(feed(scanner, bad, 7).result, state::error) << bad;
        EXPECT_NE(scanner.error(), nullptr);
    }
    scanner.reset();
    EXPECT_EQ(feed(scanner, "HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\n", 100).result, state::too_large);
    scanner.reset();
    EXPECT_EQ(feed(scanner, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n", 100).result,
              state::too_large);
    scanner.reset();
    EXPECT_EQ(feed(scanner, "HTTP/1.1 200 OK\r\nX-Long: " + std::string(9000, 'a') + "\r\n\r\n", 512).result,
              state::error);
}

// How far a reply got before it broke: a truncated body came after the headers, garbage or a half status
// line before them; over HTTP/2 the final :status comes with its header block.
TEST(response_scanner, tells_whether_the_headers_were_complete) {
    std::vector<char> body(64);
    response_scanner scanner(body.data(), body.size());
    EXPECT_FALSE(scanner.headers_complete());
    feed(scanner, "HTTP/1.1 200 OK\r\nContent-Le", 100);
    EXPECT_FALSE(scanner.headers_complete());
    feed(scanner, "ngth: 20\r\n\r\n{\"succ", 100); // truncated here
    EXPECT_TRUE(scanner.headers_complete());
    scanner.reset();
    EXPECT_EQ(feed(scanner, "SSH-2.0-OpenSSH\r\n", 100).result, state::error);
    EXPECT_FALSE(scanner.headers_complete());
    scanner.reset();
    scanner.h2_header(":status", "100");
    EXPECT_FALSE(scanner.headers_complete());
    scanner.h2_header(":status", "200");
    EXPECT_TRUE(scanner.headers_complete());
}

TEST(describe_failure, says_what_broke_and_how_far_the_reply_got) {
    exchange e;
    EXPECT_EQ(describe_failure(e), "");
    e.outcome = outcome_kind::reset;
    EXPECT_EQ(describe_failure(e), "reset before the headers");
    e.failed_after_headers = true;
    EXPECT_EQ(describe_failure(e), "reset after the headers");
    e.outcome = outcome_kind::timeout;
    EXPECT_EQ(describe_failure(e), "timed out after the headers");
    e.outcome = outcome_kind::protocol;
    EXPECT_EQ(describe_failure(e), "a broken body after the headers");
    e.failed_after_headers = false;
    EXPECT_EQ(describe_failure(e), "not an HTTP reply");
    e.outcome = outcome_kind::too_large;
    EXPECT_EQ(describe_failure(e), "a reply over the size cap");
}

} // namespace
} // namespace harness::http
