#pragma once
// The one HTTP client of the harness: one keep-alive connection to a target, plain TCP or TLS chosen at
// connect (as wrk's `struct sock`). verify, load and repro all send through it.
//
// Blocking calls, each bounded by the connect and response timeouts. TLS verifies the certificate chain and
// the host name by default, against the system's CAs or --cacert; --insecure turns that off only when asked.
// Errors are values: send() never throws for what the network or the server does.

#include "exchange.hpp"
#include "target_url.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace harness::http {

struct tls_settings {
    std::string ca_file;          // PEM bundle to verify against; empty = the system's CAs
    bool insecure = false;        // skip certificate and host name verification
    std::string client_cert_file; // PEM, for mutual TLS
    std::string client_key_file;
};

// Which HTTP the connection speaks: over https, `automatic` offers h2 and http/1.1 by ALPN and speaks what
// the server chooses; over http it is HTTP/1.1. `http2` over http is h2c with prior knowledge; over https it
// requires the server to choose h2. `http1` never offers h2.
enum class http_version { automatic, http1, http2 };

// "auto", "1.1", "2" (as --http takes them); nullopt for anything else.
std::optional<http_version> parse_http_version(std::string_view text);
// "HTTP/1.1", "HTTP/2": what a connection negotiated, as every output names it.
std::string_view protocol_name(bool http2);
// What a run says of a target asked for h2c with prior knowledge that answered in something else, in the
// harness's own words (nghttp2's are about frames).
inline constexpr std::string_view http1_only_refusal =
    "the target speaks HTTP/1.1 only; use --http 1.1 or auto";

struct client_options {
    http_version http = http_version::automatic;
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds response_timeout{10000};
    std::size_t max_response_bytes = 8 * 1024 * 1024;
    tls_settings tls;
};

class http_client {
public:
    // Throws std::runtime_error when the TLS settings cannot be used (unreadable CA, certificate or key
    // file).
    http_client(target_url target, client_options options);
    ~http_client();
    http_client(const http_client&) = delete;
    http_client& operator=(const http_client&) = delete;

    // Sends on the kept connection (connecting first when there is none). `request.target` is appended to the
    // target's base path; Host, Content-Length and User-Agent are set. The returned exchange is redacted.
    exchange send(const http_request& request);

    // Closes the kept connection; the next send connects anew.
    void close();

    const target_url& target() const noexcept;
    // The protocol of the last exchange's connection: "HTTP/1.1" or "HTTP/2" ("" before any connection).
    std::string_view protocol() const noexcept;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace harness::http
