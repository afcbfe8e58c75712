#pragma once
// An incremental, allocation-free reader of HTTP/1.1 responses for the load generator's hot path: fed the
// bytes as they arrive, it finds the status, the body (Content-Length or chunked) and whether the server
// keeps the connection. The body is gathered into a caller-owned fixed buffer; bytes of the next response
// stay unread. Over HTTP/2 the same object holds the response, filled from a stream's headers and data
// (h2_header, h2_data), so whoever reads a response reads it one way whatever the protocol.

#include "exchange.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace harness::http {

class response_scanner {
public:
    enum class state { incomplete, complete, error, too_large };

    // `body_buffer` receives the (de-chunked) body; responses whose body exceeds it are too_large.
    response_scanner(char* body_buffer, std::size_t body_capacity)
        : body_(body_buffer), capacity_(body_capacity) {}

    // Also keep every header (name, value) and the reason phrase: for exchanges that are reported, not for
    // the load generator's hot path. `headers` must outlive the scanner's use.
    void keep_headers(header_list* headers) noexcept { headers_ = headers; }

    // The next responses answer HEAD requests: their headers describe a body that is never sent (RFC 9110
    // section 9.3.2). Kept across reset().
    void expect_head_response(bool head) noexcept { head_ = head; }

    void reset() noexcept;

    // Consumes from `data`; returns how many bytes belonged to this response. After `complete`, the rest of
    // `data` (if any) is the start of the next response.
    std::size_t feed(std::string_view data, state& result) noexcept;

    // HTTP/2: one header of the stream's response (":status" included; a 1xx interim status is replaced by
    // the final one), and its body bytes (false when they exceed the buffer).
    void h2_header(std::string_view name, std::string_view value) noexcept;
    bool h2_data(std::string_view data) noexcept;

    int status() const noexcept { return status_; }
    // The status line and every header have arrived (over HTTP/2: the final :status, which comes with its
    // header block), whether or not the body did.
    bool headers_complete() const noexcept {
        return phase_ > phase::headers || (phase_ == phase::status_line && status_ >= 200);
    }
    std::string_view reason() const noexcept { return {reason_, reason_size_}; }
    bool keep_alive() const noexcept { return keep_alive_; }
    bool json_content_type() const noexcept { return json_; }
    std::string_view body() const noexcept { return {body_, body_size_}; }
    const char* error() const noexcept { return error_; }

private:
    enum class phase {
        status_line,
        headers,
        body_length,
        chunk_size,
        chunk_data,
        chunk_crlf,
        trailers,
        done
    };

    bool take_line(std::string_view data, std::size_t& used, std::string_view& line) noexcept;
    // feed's steps: next_line for the phases that read lines, then one member function a phase, returning
    // state::incomplete to go on or the state that ends the response. No table of callables: feed runs for
    // every response of a load run. Inline, and defined in response_scanner.cpp only (feed is their one
    // caller), so that they cost no call.
    inline bool next_line(std::string_view data, std::size_t& used, std::string_view& line,
                          state& result) noexcept;
    inline state read_status_line(std::string_view line) noexcept;
    inline state end_headers() noexcept;
    inline state read_chunk_size(std::string_view line) noexcept;
    bool header(std::string_view line) noexcept;
    bool copy_body(std::string_view data, std::size_t& used) noexcept;

    char* body_;
    std::size_t capacity_;
    std::size_t body_size_ = 0;
    char line_[8192];
    std::size_t line_size_ = 0;
    phase phase_ = phase::status_line;
    int status_ = 0;
    bool keep_alive_ = true;
    bool json_ = false;
    bool chunked_ = false;
    bool has_length_ = false;
    bool head_ = false;
    std::uint64_t remaining_ = 0;
    const char* error_ = nullptr;
    header_list* headers_ = nullptr;
    char reason_[64];
    std::size_t reason_size_ = 0;
};

} // namespace harness::http
