#include "h2_pump.hpp"

#include <algorithm>

namespace harness::h2 {

bool pump_out(nghttp2_session* session, std::string& out, std::string& error) {
    while (true) {
        const std::uint8_t* data = nullptr;
        const ssize_t n = nghttp2_session_mem_send(session, &data);
        if (n < 0) {
            error = std::string("HTTP/2: ") + nghttp2_strerror(static_cast<int>(n));
            return false;
        }
        if (n == 0) {
            return true;
        }
        out.append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(n));
    }
}

int pump_in(nghttp2_session* session, std::string_view in) {
    // Without a callback that pauses, nghttp2 takes all of `in` or fails: the count itself says nothing more.
    const ssize_t n =
        nghttp2_session_mem_recv(session, reinterpret_cast<const std::uint8_t*>(in.data()), in.size());
    return n < 0 ? static_cast<int>(n) : 0;
}

nghttp2_nv nv(std::string_view name, std::string_view value) noexcept {
    // nghttp2's pairs are not const because the same type serves received headers; submitted ones are only
    // read (and copied), never written through.
    return {reinterpret_cast<std::uint8_t*>(const_cast<char*>(name.data())),
            reinterpret_cast<std::uint8_t*>(const_cast<char*>(value.data())), name.size(), value.size(),
            NGHTTP2_NV_FLAG_NONE};
}

void append_lower(std::string& out, std::string_view name) {
    for (const char c : name) {
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
}

bool connection_specific(std::string_view lower_name) noexcept {
    return lower_name == "connection" || lower_name == "keep-alive" || lower_name == "proxy-connection" ||
           lower_name == "transfer-encoding" || lower_name == "upgrade" || lower_name == "te";
}

ssize_t copy_body(std::string_view body, std::size_t& sent, std::uint8_t* buffer, std::size_t length,
                  std::uint32_t* flags) noexcept {
    const std::size_t n = std::min(length, body.size() - sent);
    std::copy_n(body.data() + sent, n, buffer);
    sent += n;
    if (sent == body.size()) {
        *flags |= NGHTTP2_DATA_FLAG_EOF;
    }
    return static_cast<ssize_t>(n);
}

} // namespace harness::h2
