// A request as a curl command to paste into a POSIX shell: the full URL with the target's base path, each
// header as sent, the body; every part single-quoted so that nothing in it is read by the shell.

#include "reports/curl_text.hpp"

#include <gtest/gtest.h>

namespace harness::reports {
namespace {

TEST(curl_text, the_full_url_headers_and_body_single_quoted) {
    http::http_request request;
    request.method = "POST";
    request.target = "/v1/messages?x=1&y=$HOME";
    request.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer [redacted]"}};
    request.body = "{\"text\":\"it's $(rm -rf /)\"}";
    EXPECT_EQ(curl_command("http://127.0.0.1:8080/api", request),
              "curl -X POST 'http://127.0.0.1:8080/api/v1/messages?x=1&y=$HOME' -H 'Content-Type: "
              "application/json' "
              "-H 'Authorization: Bearer [redacted]' --data-raw '{\"text\":\"it'\\''s $(rm -rf /)\"}'");
}

TEST(curl_text, no_body_no_data) {
    http::http_request request;
    request.method = "GET";
    request.target = "/health";
    EXPECT_EQ(curl_command("https://gw.example.com", request), "curl -X GET 'https://gw.example.com/health'");
}

} // namespace
} // namespace harness::reports
