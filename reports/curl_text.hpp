#pragma once
// A request as a curl command a reader can paste into a shell (Schemathesis users expect one next to every
// failure): the full URL with the target's base path, the headers as sent (secrets already redacted in the
// exchange), and the body, each single-quoted for POSIX shells.

#include "harness/http/exchange.hpp"

#include <string>

namespace harness::reports {

// `base_url`: the target's URL with its base path, no trailing slash ("http://127.0.0.1:8080/api").
std::string curl_command(const std::string& base_url, const http::http_request& request);

} // namespace harness::reports
