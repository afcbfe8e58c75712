#pragma once
// The base URL of a target: scheme, host, port and a path prefix that every request path is appended to.

#include <optional>
#include <string>
#include <string_view>

namespace harness::http {

struct target_url {
    bool tls = false;
    std::string host; // without brackets for IPv6
    unsigned short port = 0;
    std::string base_path; // "" or "/prefix" (no trailing slash)

    // "https://[::1]:8443/api"
    std::string to_string() const;
    // Host as it goes in a Host header or a URL (IPv6 in brackets), with the port when not the default.
    std::string authority() const;
};

// Parses "http://host[:port][/base]" or "https://…"; nullopt (and `error` set) otherwise.
std::optional<target_url> parse_target_url(std::string_view text, std::string& error);

} // namespace harness::http
