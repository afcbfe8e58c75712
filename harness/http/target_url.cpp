#include "target_url.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace harness::http {

std::string target_url::authority() const {
    std::string text = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    if (port != (tls ? 443 : 80)) {
        text += ":" + std::to_string(port);
    }
    return text;
}

std::string target_url::to_string() const {
    return std::string(tls ? "https://" : "http://") + authority() + base_path;
}

std::optional<target_url> parse_target_url(std::string_view text, std::string& error) {
    auto parsed = boost::urls::parse_absolute_uri(text);
    if (!parsed) {
        error = "'" + std::string(text) + "' is not an absolute URL such as https://gateway.example.com or " +
                "http://127.0.0.1:8080/base";
        return std::nullopt;
    }
    const boost::urls::url_view url = *parsed;
    target_url target;
    if (url.scheme() == "https") {
        target.tls = true;
    } else if (url.scheme() != "http") {
        error = "unsupported scheme '" + std::string(url.scheme()) + "' (expected http or https)";
        return std::nullopt;
    }
    if (url.has_userinfo() || url.has_query() || url.has_fragment()) {
        error = "the target URL takes no user, query or fragment: '" + std::string(text) + "'";
        return std::nullopt;
    }
    target.host =
        std::string(url.host_type() == boost::urls::host_type::ipv6 ? url.host_address() : url.host());
    if (target.host.empty()) {
        error = "no host in '" + std::string(text) + "'";
        return std::nullopt;
    }
    if (url.has_port()) {
        const auto port = url.port_number();
        if (port == 0) {
            error = "bad port in '" + std::string(text) + "'";
            return std::nullopt;
        }
        target.port = port;
    } else {
        target.port = target.tls ? 443 : 80;
    }
    target.base_path = std::string(url.encoded_path());
    while (!target.base_path.empty() && target.base_path.back() == '/') {
        target.base_path.pop_back();
    }
    return target;
}

} // namespace harness::http
