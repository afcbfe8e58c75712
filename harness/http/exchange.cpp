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
    }
    return "unknown";
}

std::string_view http_response::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (key.size() == name.size() &&
            std::equal(key.begin(), key.end(), name.begin(),
                       [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) ==
                                                   std::tolower(static_cast<unsigned char>(b)); })) {
            return value;
        }
    }
    return {};
}

} // namespace harness::http
