#pragma once
// Secrets never leave the driver: credentials in headers and query strings are replaced before an exchange is
// kept, logged or reported.

#include "exchange.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace harness::http {

inline constexpr std::string_view redacted_marker = "<redacted>";

// True for Authorization, Proxy-Authorization, Cookie, Set-Cookie and X-Api-Key style headers.
bool is_secret_header(std::string_view name);

// "Bearer abc" -> "Bearer <redacted>"; "abc" -> "<redacted>"; cookies -> names kept, values redacted.
std::string redact_header_value(std::string_view name, std::string_view value);

// Values of query parameters named like credentials (token, access_token, api_key, key, password, secret,
// signature, sig, auth) are replaced.
std::string redact_query(std::string_view target);

// A body as it may be shown: every known secret value (a token the run sends; values shorter than 4
// characters are left alone) wherever it appears, and the string values of JSON members named like
// credentials (authorization, token, access_token, password, secret, api_key, …), replaced by the marker.
// Text only: the body need not be valid JSON.
std::string redact_body(std::string_view body, const std::vector<std::string>& secrets = {});

http_request redacted(const http_request& request);
http_response redacted(const http_response& response);

} // namespace harness::http
