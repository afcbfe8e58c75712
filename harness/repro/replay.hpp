#pragma once
// Replays a captured request: where it goes (the captured origin, or --target's base URL in front of the
// captured path), which credential it carries (the captured one, or --token-env's), and the sending itself —
// N times over K connections in parallel, through the one HTTP client.

#include "captured_request.hpp"
#include "harness/http/http_client.hpp"

#include <optional>
#include <string>
#include <vector>

namespace harness::repro {

struct replay_request {
    http::target_url target;
    http::http_request request;     // path and query relative to target's base path
    std::vector<std::string> notes; // what the replay changed against the capture
};

struct replay_choices {
    std::string target;               // base URL to re-point at; "" = the captured URL's origin
    std::optional<std::string> token; // replaces the captured credential
    std::string auth_header = "Authorization";
    std::string auth_scheme = "Bearer";
};

// Throws repro_input_error for a captured URL or --target that cannot be parsed.
replay_request prepare_replay(const captured_request& captured, const replay_choices& choices);

struct replay_shape {
    int repeat = 1;      // exchanges in all
    int concurrency = 1; // connections sending at once, each with its own keep-alive connection
};

// The exchanges in the order they were started (exchange i is the i-th send). Never throws for what the
// network or the server does; those are outcomes of the exchanges.
std::vector<http::exchange> replay(const replay_request& request, const http::client_options& client,
                                   replay_shape shape);

} // namespace harness::repro
