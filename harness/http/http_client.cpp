#include "http_client.hpp"

#include "async_connection.hpp"
#include "redact.hpp"

#include <chrono>
#include <optional>
#include <strings.h>

#include <boost/asio/io_context.hpp>

namespace harness::http {

// A blocking facade over the one transport (async_connection): it runs a private io_context until the
// connection reports the exchange, keeping headers and body for reports.
struct http_client::impl final : async_connection::listener {
    target_url target;
    client_options options;
    boost::asio::io_context ioc{1};
    connection_pool_context pool;
    async_connection connection;
    header_list headers;
    std::string wire;
    std::optional<outcome_kind> outcome;
    bool connected_once = false;

    impl(target_url t, client_options o)
        : target(std::move(t)), options(std::move(o)), pool(ioc, target, options),
          connection(pool, *this, options.max_response_bytes) {
        connection.scanner().keep_headers(&headers);
    }

    void on_response(async_connection&, outcome_kind result, const response_scanner&) override {
        outcome = result;
    }

    void serialise(const http_request& request) {
        wire.clear();
        wire += request.method + " " + target.base_path + request.target +
                " HTTP/1.1\r\nHost: " + target.authority() + "\r\n";
        bool has_user_agent = false;
        for (const auto& [name, value] : request.headers) {
            has_user_agent =
                has_user_agent || (name.size() == 10 && strncasecmp(name.c_str(), "user-agent", 10) == 0);
            wire += name + ": " + value + "\r\n";
        }
        if (!has_user_agent) {
            wire += "User-Agent: harness/0.1\r\n"; // a replayed capture keeps the browser's own
        }
        if (!request.body.empty() || request.method == "POST" || request.method == "PUT" ||
            request.method == "PATCH") {
            wire += "Content-Length: " + std::to_string(request.body.size()) + "\r\n";
        }
        wire += "\r\n";
        wire += request.body;
    }

    exchange send(const http_request& request) {
        exchange result;
        result.request = redacted(request);
        result.sent_at_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count();
        serialise(request);
        connection.scanner().expect_head_response(request.method == "HEAD");
        outcome.reset();
        connection.send(wire);
        ioc.restart();
        while (!outcome && ioc.run_one() > 0) {
        }
        const response_scanner& scanned = connection.scanner();
        result.outcome = outcome.value_or(outcome_kind::reset);
        result.error = connection.error();
        result.timings = connection.timings();
        result.reused_connection = connection.reused();
        result.http2 = connection.http2();
        // The scanner is reset when the request is written: a connection that failed holds the last reply.
        result.failed_after_headers = result.outcome != outcome_kind::ok &&
                                      result.outcome != outcome_kind::connect &&
                                      result.outcome != outcome_kind::tls && scanned.headers_complete();
        connected_once = connected_once || result.outcome == outcome_kind::ok;
        if (result.outcome == outcome_kind::ok) {
            result.response.status = scanned.status();
            result.response.reason = std::string(scanned.reason());
            for (const auto& [name, value] : headers) {
                result.response.headers.emplace_back(name, redact_header_value(name, value));
            }
            result.response.body = std::string(scanned.body());
        }
        return result;
    }
};

std::optional<http_version> parse_http_version(std::string_view text) {
    if (text == "auto") {
        return http_version::automatic;
    }
    if (text == "1.1") {
        return http_version::http1;
    }
    if (text == "2") {
        return http_version::http2;
    }
    return std::nullopt;
}

std::string_view protocol_name(bool http2) {
    return http2 ? "HTTP/2" : "HTTP/1.1";
}

http_client::http_client(target_url target, client_options options)
    : impl_(std::make_unique<impl>(std::move(target), std::move(options))) {}

http_client::~http_client() {
    impl_->connection.close();
}

exchange http_client::send(const http_request& request) {
    return impl_->send(request);
}

void http_client::close() {
    impl_->connection.close();
}

const target_url& http_client::target() const noexcept {
    return impl_->target;
}

std::string_view http_client::protocol() const noexcept {
    return impl_->connected_once ? protocol_name(impl_->connection.http2()) : std::string_view();
}

} // namespace harness::http
