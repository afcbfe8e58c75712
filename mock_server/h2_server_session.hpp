#pragma once
// The server side of an HTTP/2 connection for the mock, without I/O: nghttp2 does the framing and HPACK; each
// complete request (its headers and body) becomes the same mock_request the HTTP/1.1 side parses, answered by
// the same pure handle(). The connection owner writes what produce() gives and hands what it reads to
// consume(); requests that are complete wait in ready() until the owner answers them with respond() (at once,
// or after a fault's delay).

#include "request_handler.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace harness::mock {

class h2_server_session {
public:
    struct ready_request {
        std::int32_t stream_id = 0;
        mock_request request;
        bool too_large = false; // the body exceeded max_body_bytes (only its start was kept)
    };

    // `initial_window`: the flow-control window the client may fill per stream; 0 also turns off
    // WINDOW_UPDATE, so the window is never opened: a body beyond the 64 KiB every stream starts with never
    // arrives.
    explicit h2_server_session(std::size_t max_body_bytes, std::uint32_t initial_window = 1U << 20);
    ~h2_server_session();
    h2_server_session(const h2_server_session&) = delete;
    h2_server_session& operator=(const h2_server_session&) = delete;

    // Takes bytes read (the client's preface first). False on a protocol error: the connection must close.
    bool consume(std::string_view in);
    // Appends the bytes to write. False when the session failed.
    bool produce(std::string& out);

    // Requests complete since the last take: answer each with respond().
    std::vector<ready_request> take_ready();
    // The reply to a stream (HEAD: headers only); a stream the client has reset meanwhile is skipped.
    void respond(std::int32_t stream_id, mock_response response, bool head);
    // Resets a stream (RST_STREAM with `error_code`, e.g. INTERNAL_ERROR for the reset fault).
    void reset_stream(std::int32_t stream_id, std::uint32_t error_code);
    // GOAWAY naming `last_stream_id` as the last stream it will answer (-1: the last one it has seen); the
    // client gives up the streams after it, then the connection winds down.
    void goaway(std::uint32_t error_code, std::int32_t last_stream_id = -1);

    // Neither side has anything more to say (after GOAWAY, or the client's).
    bool finished() const;
    const std::string& error() const noexcept;

    struct impl;

private:
    std::unique_ptr<impl> impl_;
};

// The 24 bytes an HTTP/2 client with prior knowledge sends first (RFC 9113 section 3.4).
inline constexpr std::string_view h2_client_preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

} // namespace harness::mock
