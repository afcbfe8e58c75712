#include "parsed_reply.hpp"

#include "harness/json/pointer.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace harness::checks {

parsed_reply::parsed_reply(const http::exchange& exchange, int index) : exchange_(&exchange), index_(index) {
    if (!answered()) {
        parse_error_ = "no response";
        return;
    }
    boost::system::error_code ec;
    boost::json::value body = boost::json::parse(exchange.response.body, ec);
    if (ec) {
        parse_error_ = ec.message();
        return;
    }
    body_ = std::move(body);
}

const boost::json::value* parsed_reply::at(std::string_view pointer) const {
    return body_ ? json::find_pointer(*body_, pointer) : nullptr;
}

std::optional<boost::json::value> request_json(const http::exchange& exchange) {
    if (exchange.request.body.empty()) {
        return std::nullopt;
    }
    boost::system::error_code ec;
    boost::json::value body = boost::json::parse(exchange.request.body, ec);
    if (ec) {
        return std::nullopt;
    }
    return body;
}

std::string shown(const boost::json::value* value) {
    return value == nullptr ? "absent" : boost::json::serialize(*value);
}

} // namespace harness::checks
