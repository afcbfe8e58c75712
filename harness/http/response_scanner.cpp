#include "response_scanner.hpp"

#include "harness/json/media_type.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace harness::http {

namespace {

// ASCII only, without the locale lookups of std::tolower: header names are ASCII, and this is the hot path.
constexpr char ascii_lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ascii_lower(a[i]) != ascii_lower(b[i])) {
            return false;
        }
    }
    return true;
}

std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

bool contains_token(std::string_view value, std::string_view token) noexcept {
    while (!value.empty()) {
        const std::size_t comma = value.find(',');
        if (iequals(trim(value.substr(0, comma)), token)) {
            return true;
        }
        if (comma == std::string_view::npos) {
            break;
        }
        value.remove_prefix(comma + 1);
    }
    return false;
}

} // namespace

void response_scanner::reset() noexcept {
    body_size_ = 0;
    line_size_ = 0;
    phase_ = phase::status_line;
    status_ = 0;
    keep_alive_ = true;
    json_ = false;
    chunked_ = false;
    has_length_ = false;
    remaining_ = 0;
    error_ = nullptr;
    reason_size_ = 0;
    if (headers_ != nullptr) {
        headers_->clear();
    }
}

void response_scanner::h2_header(std::string_view name, std::string_view value) noexcept {
    if (name == ":status") {
        int status = 0;
        for (const char c : value.substr(0, 3)) {
            status = status * 10 + (c >= '0' && c <= '9' ? c - '0' : 0);
        }
        status_ = status;
        if (status >= 100 && status < 200 && headers_ != nullptr) {
            headers_->clear(); // an interim response's headers are not the reply's
        }
        return;
    }
    if (headers_ != nullptr) {
        headers_->emplace_back(std::string(name), std::string(value));
    }
    if (name == "content-type") {
        json_ = json::is_json_media_type(value);
    }
}

bool response_scanner::h2_data(std::string_view data) noexcept {
    if (data.size() > capacity_ - body_size_) {
        return false;
    }
    std::copy(data.begin(), data.end(), body_ + body_size_);
    body_size_ += data.size();
    return true;
}

// Lines may arrive in pieces: they are gathered in line_ until CRLF.
bool response_scanner::take_line(std::string_view data, std::size_t& used, std::string_view& line) noexcept {
    const std::size_t newline = data.find('\n', used);
    if (line_size_ == 0 && newline != std::string_view::npos) {
        // The whole line is in this read (the usual case): point at it, no copy.
        std::size_t size = newline - used;
        if (size > 0 && data[used + size - 1] == '\r') {
            --size;
        }
        line = size == 0 ? std::string_view(line_, 0) : data.substr(used, size);
        used = newline + 1;
        return true;
    }
    const std::size_t end = newline == std::string_view::npos ? data.size() : newline + 1;
    const std::size_t piece = end - used;
    if (line_size_ + piece > sizeof line_) {
        error_ = "header line too long";
        return false;
    }
    std::memcpy(line_ + line_size_, data.data() + used, piece);
    line_size_ += piece;
    used = end;
    if (newline == std::string_view::npos) {
        line = {};
        return true;
    }
    std::size_t size = line_size_ - 1;
    if (size > 0 && line_[size - 1] == '\r') {
        --size;
    }
    line = std::string_view(line_, size);
    line_size_ = 0;
    return true;
}

bool response_scanner::header(std::string_view line) noexcept {
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
        error_ = "malformed header";
        return false;
    }
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = trim(line.substr(colon + 1));
    if (headers_ != nullptr) {
        headers_->emplace_back(std::string(name), std::string(value));
    }
    if (iequals(name, "content-length")) {
        std::uint64_t n = 0;
        if (value.empty()) {
            error_ = "empty Content-Length";
            return false;
        }
        for (char c : value) {
            if (c < '0' || c > '9' || n > (1ULL << 40)) {
                error_ = "bad Content-Length";
                return false;
            }
            n = n * 10 + static_cast<unsigned>(c - '0');
        }
        has_length_ = true;
        remaining_ = n;
    } else if (iequals(name, "transfer-encoding")) {
        chunked_ = contains_token(value, "chunked");
    } else if (iequals(name, "connection")) {
        if (contains_token(value, "close")) {
            keep_alive_ = false;
        } else if (contains_token(value, "keep-alive")) {
            keep_alive_ = true;
        }
    } else if (iequals(name, "content-type")) {
        json_ = json::is_json_media_type(value);
    }
    return true;
}

// Copies what is left of the current body part; true when it is complete.
bool response_scanner::copy_body(std::string_view data, std::size_t& used) noexcept {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, data.size() - used));
    std::memcpy(body_ + body_size_, data.data() + used, n);
    body_size_ += n;
    used += n;
    remaining_ -= n;
    return remaining_ == 0;
}

inline response_scanner::state response_scanner::read_status_line(std::string_view line) noexcept {
    if (line.size() < 12 || line.substr(0, 5) != "HTTP/" || line[8] != ' ' ||
        !std::isdigit(static_cast<unsigned char>(line[9])) ||
        !std::isdigit(static_cast<unsigned char>(line[10])) ||
        !std::isdigit(static_cast<unsigned char>(line[11]))) {
        error_ = "not an HTTP status line";
        return state::error;
    }
    status_ = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    reason_size_ = line.size() > 13 ? line.substr(13).copy(reason_, sizeof reason_) : 0;
    keep_alive_ = line.substr(5, 3) == "1.1";
    phase_ = phase::headers;
    return state::incomplete;
}

// The empty line after the headers: what follows is no body, a chunked body or Content-Length bytes.
inline response_scanner::state response_scanner::end_headers() noexcept {
    const bool bodyless = head_ || status_ == 204 || status_ == 304 || (status_ >= 100 && status_ < 200);
    if (bodyless) {
        phase_ = phase::done;
    } else if (chunked_) {
        phase_ = phase::chunk_size;
    } else if (has_length_) {
        if (remaining_ > capacity_) {
            return state::too_large;
        }
        phase_ = phase::body_length;
    } else {
        // Body until close is not kept by a load generator that reuses connections.
        error_ = "response without Content-Length or chunked encoding";
        return state::error;
    }
    return state::incomplete;
}

inline response_scanner::state response_scanner::read_chunk_size(std::string_view line) noexcept {
    std::uint64_t n = 0;
    std::size_t digits = 0;
    for (char c : line) {
        const int v = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                      : (c >= 'a' && c <= 'f')                    ? c - 'a' + 10
                      : (c >= 'A' && c <= 'F')                    ? c - 'A' + 10
                                                                  : -1;
        if (v < 0) {
            break;
        }
        n = n * 16 + static_cast<unsigned>(v);
        if (++digits > 12) {
            error_ = "chunk size too large";
            return state::error;
        }
    }
    if (digits == 0) {
        error_ = "bad chunk size";
        return state::error;
    }
    if (n == 0) {
        phase_ = phase::trailers;
    } else if (body_size_ + n > capacity_) {
        return state::too_large;
    } else {
        remaining_ = n;
        phase_ = phase::chunk_data;
    }
    return state::incomplete;
}

// take_line for the phases that read lines: false when feed must return now, `result` set (an error, or
// incomplete: the line is not whole yet).
inline bool response_scanner::next_line(std::string_view data, std::size_t& used, std::string_view& line,
                                        state& result) noexcept {
    if (!take_line(data, used, line)) {
        result = state::error;
        return false;
    }
    return line.data() != nullptr;
}

// A dispatcher of the phases, in one switch that each case leaves as soon as the response is decided: the
// body phases copy bytes, the others take a line and hand it to their member function.
std::size_t response_scanner::feed(std::string_view data, state& result) noexcept {
    std::size_t used = 0;
    result = state::incomplete;
    while (used < data.size() || phase_ == phase::done || (phase_ == phase::body_length && remaining_ == 0)) {
        std::string_view line;
        switch (phase_) {
        case phase::status_line:
            if (!next_line(data, used, line, result)) {
                return used;
            }
            result = read_status_line(line);
            if (result != state::incomplete) {
                return used;
            }
            break;
        case phase::headers:
            if (!next_line(data, used, line, result)) {
                return used;
            }
            result = line.empty() ? end_headers() : (header(line) ? state::incomplete : state::error);
            if (result != state::incomplete) {
                return used;
            }
            break;
        case phase::body_length:
            if (copy_body(data, used)) {
                phase_ = phase::done;
            }
            break;
        case phase::chunk_size:
            if (!next_line(data, used, line, result)) {
                return used;
            }
            result = read_chunk_size(line);
            if (result != state::incomplete) {
                return used;
            }
            break;
        case phase::chunk_data:
            if (copy_body(data, used)) {
                phase_ = phase::chunk_crlf;
            }
            break;
        case phase::chunk_crlf:
            if (!next_line(data, used, line, result)) {
                return used;
            }
            phase_ = phase::chunk_size;
            break;
        case phase::trailers:
            if (!next_line(data, used, line, result)) {
                return used;
            }
            if (line.empty()) {
                phase_ = phase::done;
            }
            break;
        case phase::done:
            result = state::complete;
            return used;
        }
    }
    return used;
}

} // namespace harness::http
