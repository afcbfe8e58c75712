#include "redact.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace harness::http {

namespace {

bool secret_query_name(std::string_view name) {
    static constexpr std::array<std::string_view, 10> names = {
        "token",    "access_token", "api_key",   "apikey", "key",
        "password", "secret",       "signature", "sig",    "auth"};
    const std::string l = to_lower(name);
    return std::find(names.begin(), names.end(), l) != names.end() || l.ends_with("_token") ||
           l.ends_with("token");
}

} // namespace

bool is_secret_header(std::string_view name) {
    const std::string l = to_lower(name);
    return l == "authorization" || l == "proxy-authorization" || l == "cookie" || l == "set-cookie" ||
           l == "x-api-key" || l == "x-auth-token" || l == "x-access-token";
}

std::string redact_header_value(std::string_view name, std::string_view value) {
    if (!is_secret_header(name)) {
        return std::string(value);
    }
    const std::string l = to_lower(name);
    if (l == "cookie" || l == "set-cookie") {
        // Keep cookie names (useful when debugging), drop their values.
        std::string out;
        std::size_t start = 0;
        while (start < value.size()) {
            std::size_t end = value.find(';', start);
            if (end == std::string_view::npos) {
                end = value.size();
            }
            std::string_view part = value.substr(start, end - start);
            const std::size_t eq = part.find('=');
            out += std::string(part.substr(0, eq == std::string_view::npos ? part.size() : eq));
            if (eq != std::string_view::npos) {
                out += "=" + std::string(redacted_marker);
            }
            if (end < value.size()) {
                out += ";";
            }
            start = end + 1;
        }
        return out;
    }
    const std::size_t space = value.find(' ');
    if (space != std::string_view::npos && space > 0) {
        return std::string(value.substr(0, space)) + " " + std::string(redacted_marker);
    }
    return std::string(redacted_marker);
}

std::string redact_query(std::string_view target) {
    const std::size_t question = target.find('?');
    if (question == std::string_view::npos) {
        return std::string(target);
    }
    std::string out(target.substr(0, question + 1));
    std::string_view query = target.substr(question + 1);
    std::size_t start = 0;
    while (start <= query.size()) {
        std::size_t end = query.find('&', start);
        if (end == std::string_view::npos) {
            end = query.size();
        }
        std::string_view pair = query.substr(start, end - start);
        const std::size_t eq = pair.find('=');
        if (eq != std::string_view::npos && secret_query_name(pair.substr(0, eq))) {
            out += std::string(pair.substr(0, eq)) + "=" + std::string(redacted_marker);
        } else {
            out += std::string(pair);
        }
        if (end < query.size()) {
            out += '&';
        }
        start = end + 1;
    }
    return out;
}

http_request redacted(const http_request& request) {
    http_request copy = request;
    copy.target = redact_query(request.target);
    for (auto& [name, value] : copy.headers) {
        value = redact_header_value(name, value);
    }
    return copy;
}

http_response redacted(const http_response& response) {
    http_response copy = response;
    for (auto& [name, value] : copy.headers) {
        value = redact_header_value(name, value);
    }
    return copy;
}

} // namespace harness::http
