#include "admin_store_oracle.hpp"

#include "harness/contract/path_template.hpp"

#include <boost/json/parse.hpp>

namespace harness::checks {

admin_store_oracle::admin_store_oracle(http::target_url admin, http::client_options options)
    : client_(std::move(admin), std::move(options)) {}

std::optional<std::uint64_t> admin_store_oracle::stored_total(const std::string& conversation) {
    http::http_request request;
    request.method = "GET";
    request.target = "/__admin/messages?conversation=" + contract::percent_encode_segment(conversation);
    const http::exchange e = client_.send(request);
    client_.close(); // asked seldom: no kept connection for the server to time out
    boost::system::error_code ec;
    const boost::json::value body = boost::json::parse(e.response.body, ec);
    if (e.outcome != http::outcome_kind::ok || ec || !body.is_object() ||
        !body.as_object().contains("storedTotal")) {
        return std::nullopt;
    }
    return body.at("storedTotal").to_number<std::uint64_t>();
}

std::unique_ptr<store_oracle> make_admin_store_oracle(const std::string& admin_url,
                                                      const http::client_options& options) {
    if (admin_url.empty()) {
        return nullptr;
    }
    std::string error;
    auto url = http::parse_target_url(admin_url, error);
    if (!url) {
        return nullptr;
    }
    return std::make_unique<admin_store_oracle>(*url, options);
}

} // namespace harness::checks
