#pragma once
// Everything repro prints or writes passes through here. Two layers: the driver's own redaction of credential
// headers and query parameters (harness/http/redact), then this one, which also replaces the values of JSON
// fields named by --redact-field and, as a last guard, every known secret value wherever it appears (a token
// echoed in a body, a cookie value copied into a custom header).

#include "captured_request.hpp"
#include "harness/http/exchange.hpp"

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace harness::repro {

class secret_redactor {
public:
    // A value that must never be shown. Values shorter than 4 characters are ignored: replacing them
    // everywhere would garble the output without protecting anything.
    void add_secret(std::string_view value);
    // A JSON field whose value is redacted in every body (any depth).
    void add_field(std::string name);
    // Learns the secrets a captured request carries: credential headers (and the token inside them, Basic
    // credentials decoded), cookie values, credential query parameters, and the values of redacted fields.
    void learn_from(const captured_request& request);

    std::string text(std::string_view text) const;
    // JSON bodies get their named fields replaced; any body then goes through text().
    std::string body(std::string_view body) const;
    http::http_request request(const http::http_request& request) const;
    http::exchange exchange(const http::exchange& exchange) const;
    captured_request captured(const captured_request& request) const;

private:
    void learn_from_body(std::string_view body);
    std::vector<std::string> secrets_; // longest first, so a token is replaced before a prefix of it
    std::set<std::string> fields_;
};

} // namespace harness::repro
