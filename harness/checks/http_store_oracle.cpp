#include "http_store_oracle.hpp"

#include "harness/contract/path_template.hpp"
#include "harness/json/pointer.hpp"

#include <stdexcept>

#include <boost/json/parse.hpp>

namespace harness::checks {

namespace {

constexpr std::string_view placeholder = "{conversation}";

} // namespace

http_store_oracle::http_store_oracle(http::target_url base, std::string path_template,
                                     std::string count_pointer, http::client_options options)
    : client_(std::move(base), std::move(options)), path_template_(std::move(path_template)),
      count_pointer_(std::move(count_pointer)) {}

std::optional<std::uint64_t> http_store_oracle::stored_total(const std::string& conversation) {
    http::http_request request;
    request.method = "GET";
    request.target = path_template_;
    const std::size_t at = request.target.find(placeholder);
    request.target.replace(at, placeholder.size(), contract::percent_encode_segment(conversation));
    const http::exchange e = client_.send(request);
    client_.close(); // asked seldom: no kept connection for the server to time out
    boost::system::error_code ec;
    const boost::json::value body = boost::json::parse(e.response.body, ec);
    if (e.outcome != http::outcome_kind::ok || e.response.status != 200 || ec) {
        return std::nullopt;
    }
    const boost::json::value* count = json::find_pointer(body, count_pointer_);
    if (count == nullptr || !count->is_number()) {
        return std::nullopt;
    }
    boost::system::error_code conversion;
    const auto total = count->to_number<std::uint64_t>(conversion);
    return conversion ? std::nullopt : std::optional<std::uint64_t>(total);
}

std::unique_ptr<store_oracle> make_store_oracle(const std::string& store_url,
                                                const std::string& count_pointer,
                                                const std::string& admin_url,
                                                const http::client_options& options) {
    const bool own = !store_url.empty();
    if (!own && admin_url.empty()) {
        return nullptr;
    }
    // Braces are not valid in a URL: the placeholder travels as a marker through the URL parser.
    constexpr std::string_view marker = "__harness_conversation__";
    std::string text = own ? store_url : admin_url;
    if (const std::size_t at = text.find(placeholder); at != std::string::npos) {
        text.replace(at, placeholder.size(), marker);
    }
    std::string error;
    // The URL parser keeps a base path, not a query: split the template at the first '?' and keep the rest.
    const std::size_t query = text.find('?');
    auto url = http::parse_target_url(text.substr(0, query), error);
    if (!url) {
        throw std::invalid_argument((own ? "--store-url: " : "--admin-url: ") + error);
    }
    std::string path = own ? url->base_path + (query == std::string::npos ? "" : text.substr(query))
                           : url->base_path + "/__admin/messages?conversation={conversation}";
    url->base_path.clear();
    if (const std::size_t at = path.find(marker); at != std::string::npos) {
        path.replace(at, marker.size(), placeholder);
    }
    if (path.find(placeholder) == std::string::npos) {
        throw std::invalid_argument("--store-url must name the conversation with {conversation}, e.g. "
                                    "https://admin.example.com/conversations/{conversation}/messages/count");
    }
    const std::string pointer = own && !count_pointer.empty() ? count_pointer : "/storedTotal";
    return std::make_unique<http_store_oracle>(*url, std::move(path), pointer, options);
}

} // namespace harness::checks
