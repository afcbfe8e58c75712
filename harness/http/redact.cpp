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

// The end of a JSON string whose content starts at `from` (the index of its closing quote), or npos.
std::size_t string_end(std::string_view text, std::size_t from) {
    for (std::size_t i = from; i < text.size(); ++i) {
        if (text[i] == '\\') {
            ++i;
        } else if (text[i] == '"') {
            return i;
        }
    }
    return std::string_view::npos;
}

bool secret_member_name(std::string_view name) {
    return secret_query_name(name) || is_secret_header(name) || to_lower(name).ends_with("password") ||
           to_lower(name).ends_with("secret");
}

// Replaces the string values of members named like credentials: "token": "abc" -> "token": "<redacted>".
std::string redact_secret_members(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] != '"') {
            out += text[i++];
            continue;
        }
        const std::size_t end = string_end(text, i + 1);
        if (end == std::string_view::npos) {
            out.append(text.substr(i));
            break;
        }
        out.append(text.substr(i, end + 1 - i));
        const std::string_view name = text.substr(i + 1, end - i - 1);
        i = end + 1;
        std::size_t j = i;
        while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r')) {
            ++j;
        }
        if (j >= text.size() || text[j] != ':' || !secret_member_name(name)) {
            continue;
        }
        ++j;
        while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r')) {
            ++j;
        }
        const std::size_t value_end =
            j < text.size() && text[j] == '"' ? string_end(text, j + 1) : std::string_view::npos;
        if (value_end == std::string_view::npos) {
            continue;
        }
        out.append(text.substr(i, j + 1 - i));
        out.append(redacted_marker);
        out += '"';
        i = value_end + 1;
    }
    return out;
}

} // namespace

std::string redact_body(std::string_view body, const std::vector<std::string>& secrets) {
    std::string out = redact_secret_members(body);
    for (const std::string& secret : secrets) {
        if (secret.size() < 4) {
            continue;
        }
        for (std::size_t at = out.find(secret); at != std::string::npos; at = out.find(secret, at)) {
            out.replace(at, secret.size(), redacted_marker);
            at += redacted_marker.size();
        }
    }
    return out;
}

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
