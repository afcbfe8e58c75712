#include "exchange.hpp"

#include <algorithm>
#include <cctype>

namespace harness::http {

std::string_view to_string(outcome_kind kind) {
    switch (kind) {
    case outcome_kind::ok:
        return "ok";
    case outcome_kind::connect:
        return "connect";
    case outcome_kind::tls:
        return "tls";
    case outcome_kind::timeout:
        return "timeout";
    case outcome_kind::reset:
        return "reset";
    case outcome_kind::protocol:
        return "protocol";
    case outcome_kind::too_large:
        return "too_large";
    case outcome_kind::stream_reset:
        return "stream_reset";
    case outcome_kind::goaway:
        return "goaway";
    case outcome_kind::flow_control:
        return "flow_control";
    case outcome_kind::settings_limit:
        return "settings_limit";
    }
    return "unknown";
}

std::string describe_failure(const exchange& e) {
    const std::string when = e.failed_after_headers ? " after the headers" : " before the headers";
    switch (e.outcome) {
    case outcome_kind::ok:
        return {};
    case outcome_kind::connect:
        return "no connection";
    case outcome_kind::tls:
        return "TLS handshake failed";
    case outcome_kind::timeout:
        return "timed out" + when;
    case outcome_kind::reset:
        return "reset" + when;
    case outcome_kind::protocol:
        return e.failed_after_headers ? "a broken body after the headers" : "not an HTTP reply";
    case outcome_kind::too_large:
        return "a reply over the size cap";
    case outcome_kind::stream_reset:
        return "stream reset" + when;
    case outcome_kind::goaway:
        return "GOAWAY" + when;
    case outcome_kind::flow_control:
        return "a flow-control window that never opened";
    case outcome_kind::settings_limit:
        return "over a SETTINGS limit" + when;
    }
    return std::string(to_string(e.outcome));
}

bool same_header_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(),
                      [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

std::string to_lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view http_response::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (same_header_name(key, name)) {
            return value;
        }
    }
    return {};
}

} // namespace harness::http
