#pragma once
// A reply as every check sees it: parsed once. Scenario, load and repro wrap each exchange in one of these
// and hand it to the named checks (response_checks, profile_checks, expectation_checks), so no check parses
// the body again and all of them agree on what "the body", "data" and "error.code" are.

#include "harness/http/exchange.hpp"

#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace harness::checks {

class parsed_reply {
public:
    // `index` is the exchange's place among the case's exchanges (recorded in each outcome).
    parsed_reply(const http::exchange& exchange, int index);

    const http::exchange& exchange() const noexcept { return *exchange_; }
    int index() const noexcept { return index_; }

    // A complete HTTP response arrived (whatever its status).
    bool answered() const noexcept { return exchange_->outcome == http::outcome_kind::ok; }
    int status() const noexcept { return exchange_->response.status; }
    bool two_xx() const noexcept { return answered() && status() >= 200 && status() < 300; }

    // The body as JSON; nullptr when it is not JSON (parse_error() says why) or no response arrived.
    const boost::json::value* body() const noexcept { return body_ ? &*body_ : nullptr; }
    const std::string& parse_error() const noexcept { return parse_error_; }
    // The value at a JSON pointer of the body; nullptr when absent or the body is not JSON.
    const boost::json::value* at(std::string_view pointer) const;

private:
    const http::exchange* exchange_;
    int index_;
    std::optional<boost::json::value> body_;
    std::string parse_error_;
};

// The request's body as JSON (what the driver sent, for checks on what came back of it); nullopt when it is
// empty or not JSON.
std::optional<boost::json::value> request_json(const http::exchange& exchange);

// A value for people: its JSON text, or "absent".
std::string shown(const boost::json::value* value);

} // namespace harness::checks
