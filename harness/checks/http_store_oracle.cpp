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
    return ask(conversation, nullptr);
}

std::optional<std::string> http_store_oracle::no_count(const std::string& conversation) {
    std::string why;
    return ask(conversation, &why) ? std::nullopt : std::optional<std::string>(why);
}

std::optional<std::uint64_t> http_store_oracle::ask(const std::string& conversation, std::string* why) {
    http::http_request request;
    request.method = "GET";
    request.target = path_template_;
    const std::size_t at = request.target.find(placeholder);
    request.target.replace(at, placeholder.size(), contract::percent_encode_segment(conversation));
    if (!authorization_.empty()) {
        request.headers.emplace_back("Authorization", authorization_);
    }
    const http::exchange e = client_.send(request);
    client_.close(); // asked seldom: no kept connection for the server to time out
    const auto none = [&](const std::string& reason) {
        if (why != nullptr) {
            std::string url = client_.target().to_string();
            while (!url.empty() && url.back() == '/') {
                url.pop_back();
            }
            *why = "the store oracle gives no count: GET " + url + request.target + " " + reason;
        }
        return std::nullopt;
    };
    if (e.outcome != http::outcome_kind::ok) {
        return none("failed: " + e.error);
    }
    constexpr std::size_t shown = 200;
    const std::string reply = std::to_string(e.response.status) + " " + e.response.body.substr(0, shown) +
                              (e.response.body.size() > shown ? "…" : "");
    boost::system::error_code ec;
    const boost::json::value body = boost::json::parse(e.response.body, ec);
    if (e.response.status != 200 || ec) {
        return none("answered " + reply + " (expected 200 with a JSON body)");
    }
    const boost::json::value* count = json::find_pointer(body, count_pointer_);
    boost::system::error_code conversion;
    const auto total = count != nullptr && count->is_number() ? count->to_number<std::uint64_t>(conversion)
                                                              : std::uint64_t{0};
    if (count == nullptr || !count->is_number() || conversion) {
        return none("answered " + reply + ": no count at " + count_pointer_ +
                    " (--store-count-pointer names where the count is; default /storedTotal)");
    }
    return total;
}

std::unique_ptr<http_store_oracle> make_store_oracle(const std::string& store_url,
                                                     const std::string& count_pointer,
                                                     const std::string& admin_url,
                                                     const std::string& admin_token,
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
    auto oracle = std::make_unique<http_store_oracle>(*url, std::move(path), pointer, options);
    if (!own && !admin_token.empty()) {
        oracle->set_authorization("Bearer " + admin_token);
    }
    return oracle;
}

} // namespace harness::checks
