#pragma once
// What both HTTP/2 sides (the harness's h2_client_session and the mock's h2_server_session) do the same way
// around nghttp2, without I/O: bytes between a session and a connection's buffers, header fields as nghttp2
// takes and gives them, and a body sent from memory. None of it allocates unless the output buffer must grow,
// so the client's hot path stays free of allocations after warm-up.

#include <cstddef>
#include <cstdint>
#include <nghttp2/nghttp2.h>
#include <string>
#include <string_view>

namespace harness::h2 {

// Appends to `out` every byte the session has to send now (nghttp2_session_mem_send until it has nothing
// more). False when the session failed: `error` then says why, in nghttp2's words after "HTTP/2: ".
bool pump_out(nghttp2_session* session, std::string& out, std::string& error);

// Hands bytes read from the connection to the session, whose callbacks run before it returns. 0, or
// nghttp2's (negative) error code for a protocol error: the caller words it and closes the connection.
int pump_in(nghttp2_session* session, std::string_view in);

// A name/value pair pointing at `name` and `value` (nghttp2 copies both when the headers are submitted).
nghttp2_nv nv(std::string_view name, std::string_view value) noexcept;

// The bytes nghttp2 hands a callback, as text.
inline std::string_view as_text(const std::uint8_t* bytes, std::size_t size) noexcept {
    return {reinterpret_cast<const char*>(bytes), size};
}

// Appends `name` lower-cased (ASCII): HTTP/2 field names are lower case (RFC 9113 section 8.2.1). No
// allocation when `out` has the capacity.
void append_lower(std::string& out, std::string_view name);

// A connection-specific field, which HTTP/2 forbids (RFC 9113 section 8.2.2): never copied from HTTP/1.1.
bool connection_specific(std::string_view lower_name) noexcept;

// An nghttp2 data source's read callback for a body held in memory: copies the next part of `body` from
// `sent` into `buffer` (at most `length` bytes), advances `sent` and sets NGHTTP2_DATA_FLAG_EOF in `flags`
// with the last part. Returns the bytes copied.
ssize_t copy_body(std::string_view body, std::size_t& sent, std::uint8_t* buffer, std::size_t length,
                  std::uint32_t* flags) noexcept;

} // namespace harness::h2
