#include "curl_text.hpp"

namespace harness::reports {

namespace {

// 'text' with each ' written as '\'' (the one quoting that keeps every other byte as is).
std::string quoted(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

} // namespace

std::string curl_command(const std::string& base_url, const http::http_request& request) {
    std::string command = "curl -X " + request.method + " " + quoted(base_url + request.target);
    for (const auto& [name, value] : request.headers) {
        command += " -H " + quoted(name + ": " + value);
    }
    if (!request.body.empty()) {
        command += " --data-raw " + quoted(request.body);
    }
    return command;
}

} // namespace harness::reports
