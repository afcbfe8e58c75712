#pragma once
// The client side of an HTTP/2 connection, without I/O: nghttp2 does the framing and HPACK, this class the
// glue. The connection owner writes what produce() gives to the socket and hands what it reads to consume();
// each request is a stream whose reply goes to its sink: headers, data, then exactly one end (complete, reset
// by the server, cancelled by its GOAWAY, refused by a SETTINGS limit, a flow-control error, too large, or
// the connection lost).

#include "exchange.hpp"
#include "request_bytes.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace harness::http {

// Where one stream's reply goes.
class h2_stream_sink {
public:
    virtual ~h2_stream_sink() = default;
    // Every response header, ":status" first (a 1xx interim response's headers come too).
    virtual void on_h2_header(std::string_view name, std::string_view value) = 0;
    // Body bytes; false when they do not fit (the stream is then cancelled and ends too_large).
    virtual bool on_h2_data(std::string_view data) = 0;
    // The stream's end, once: ok for a complete response; `why` in words otherwise.
    virtual void on_h2_end(outcome_kind outcome, std::string_view why) = 0;
};

class h2_client_session {
public:
    // `scheme` ("http" or "https") and `authority` go into every request's pseudo-headers.
    h2_client_session(std::string scheme, std::string authority);
    ~h2_client_session();
    h2_client_session(const h2_client_session&) = delete;
    h2_client_session& operator=(const h2_client_session&) = delete;

    // Opens a stream for `request` (its bytes must stay valid until the sink's end). Returns the stream id,
    // or 0 when no stream can be opened now (the server's GOAWAY, or the session failed): error() says why.
    std::int32_t submit(const request_view& request, h2_stream_sink& sink);
    // Cancels a stream (RST_STREAM CANCEL, e.g. on a timeout): its sink gets no further call.
    void cancel(std::int32_t stream_id);
    // Part of the stream's request body still waits for the server's flow-control window.
    bool request_body_pending(std::int32_t stream_id) const noexcept;

    // Appends the bytes to write (the connection preface and SETTINGS first). False when the session failed.
    bool produce(std::string& out);
    // Takes bytes read from the connection; ended streams' sinks are called before it returns. False on a
    // protocol error: the connection must close (fail_all()).
    bool consume(std::string_view in);
    // The connection is gone: every open stream ends with `outcome`.
    void fail_all(outcome_kind outcome, std::string_view why);

    std::size_t open_streams() const noexcept;
    bool goaway_received() const noexcept;
    const std::string& error() const noexcept;

    struct impl;

private:
    std::unique_ptr<impl> impl_;
};

} // namespace harness::http
