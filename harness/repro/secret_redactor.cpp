#include "secret_redactor.hpp"

#include "harness/http/redact.hpp"

#include <algorithm>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <openssl/evp.h>

namespace harness::repro {

namespace {

std::string decode_base64(std::string_view text) {
    std::string out(3 * (text.size() / 4) + 3, '\0');
    const int n =
        EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (n < 0) {
        return {};
    }
    out.resize(static_cast<std::size_t>(n));
    while (!out.empty() && out.back() == '\0') {
        out.pop_back(); // padding decodes to trailing zero bytes
    }
    return out;
}

void redact_fields(boost::json::value& v, const std::set<std::string>& fields, bool& changed) {
    if (auto* o = v.if_object()) {
        for (auto& member : *o) {
            if (fields.contains(std::string(member.key()))) {
                member.value() = std::string(http::redacted_marker);
                changed = true;
            } else {
                redact_fields(member.value(), fields, changed);
            }
        }
    } else if (auto* a = v.if_array()) {
        for (auto& item : *a) {
            redact_fields(item, fields, changed);
        }
    }
}

void collect_field_values(const boost::json::value& v, const std::set<std::string>& fields,
                          std::vector<std::string>& out) {
    if (const auto* o = v.if_object()) {
        for (const auto& member : *o) {
            if (fields.contains(std::string(member.key()))) {
                out.push_back(member.value().is_string() ? std::string(member.value().as_string())
                                                         : boost::json::serialize(member.value()));
            } else {
                collect_field_values(member.value(), fields, out);
            }
        }
    } else if (const auto* a = v.if_array()) {
        for (const auto& item : *a) {
            collect_field_values(item, fields, out);
        }
    }
}

} // namespace

void secret_redactor::add_secret(std::string_view value) {
    if (value.size() < 4 || value == http::redacted_marker) {
        return;
    }
    const std::string s(value);
    if (std::find(secrets_.begin(), secrets_.end(), s) != secrets_.end()) {
        return;
    }
    secrets_.push_back(s);
    std::stable_sort(secrets_.begin(), secrets_.end(),
                     [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

void secret_redactor::add_field(std::string name) {
    fields_.insert(std::move(name));
}

void secret_redactor::learn_from(const captured_request& request) {
    for (const auto& [name, value] : request.headers) {
        if (!http::is_secret_header(name)) {
            continue;
        }
        const std::string l = http::to_lower(name);
        if (l == "cookie" || l == "set-cookie") {
            std::size_t start = 0;
            while (start < value.size()) {
                std::size_t end = value.find(';', start);
                if (end == std::string::npos) {
                    end = value.size();
                }
                const std::string_view part = std::string_view(value).substr(start, end - start);
                if (const std::size_t eq = part.find('='); eq != std::string_view::npos) {
                    add_secret(part.substr(eq + 1));
                }
                start = end + 1;
            }
            continue;
        }
        add_secret(value);
        const std::size_t space = value.find(' ');
        if (space != std::string::npos) {
            const std::string_view credential = std::string_view(value).substr(space + 1);
            add_secret(credential);
            if (http::to_lower(value.substr(0, space)) == "basic") {
                const std::string decoded = decode_base64(credential);
                add_secret(decoded);
                if (const std::size_t colon = decoded.find(':'); colon != std::string::npos) {
                    add_secret(decoded.substr(colon + 1));
                }
            }
        }
    }
    // Query parameters the driver redacts: learn their values by comparing before and after.
    const std::string redacted_url = http::redact_query(request.url);
    if (redacted_url != request.url) {
        const std::size_t question = request.url.find('?');
        std::string_view query = std::string_view(request.url).substr(question + 1);
        std::string_view redacted_query = std::string_view(redacted_url).substr(redacted_url.find('?') + 1);
        while (!query.empty()) {
            const std::size_t amp = query.find('&');
            const std::size_t ramp = redacted_query.find('&');
            const std::string_view pair = query.substr(0, amp);
            const std::string_view rpair = redacted_query.substr(0, ramp);
            if (pair != rpair) {
                add_secret(pair.substr(pair.find('=') + 1));
            }
            if (amp == std::string_view::npos || ramp == std::string_view::npos) {
                break;
            }
            query.remove_prefix(amp + 1);
            redacted_query.remove_prefix(ramp + 1);
        }
    }
    learn_from_body(request.body);
}

void secret_redactor::learn_from_body(std::string_view body) {
    if (fields_.empty()) {
        return;
    }
    boost::system::error_code ec;
    const boost::json::value parsed = boost::json::parse(body, ec);
    if (ec) {
        return;
    }
    std::vector<std::string> values;
    collect_field_values(parsed, fields_, values);
    for (const auto& v : values) {
        add_secret(v);
    }
}

std::string secret_redactor::text(std::string_view text) const {
    std::string out(text);
    for (const std::string& secret : secrets_) {
        std::size_t at = 0;
        while ((at = out.find(secret, at)) != std::string::npos) {
            out.replace(at, secret.size(), http::redacted_marker);
            at += http::redacted_marker.size();
        }
    }
    return out;
}

std::string secret_redactor::body(std::string_view body) const {
    if (!fields_.empty()) {
        boost::system::error_code ec;
        boost::json::value parsed = boost::json::parse(body, ec);
        bool changed = false;
        if (!ec) {
            redact_fields(parsed, fields_, changed);
        }
        if (changed) {
            return text(boost::json::serialize(parsed));
        }
    }
    return text(body);
}

http::http_request secret_redactor::request(const http::http_request& request) const {
    http::http_request out = http::redacted(request);
    out.target = text(out.target);
    for (auto& [name, value] : out.headers) {
        value = text(value);
    }
    out.body = body(out.body);
    return out;
}

http::exchange secret_redactor::exchange(const http::exchange& e) const {
    http::exchange out = e;
    out.request = request(e.request);
    out.response = http::redacted(e.response);
    for (auto& [name, value] : out.response.headers) {
        value = text(value);
    }
    out.response.body = body(out.response.body);
    out.response.reason = text(out.response.reason);
    out.error = text(out.error);
    return out;
}

captured_request secret_redactor::captured(const captured_request& request) const {
    captured_request out = request;
    out.url = text(http::redact_query(request.url));
    for (auto& [name, value] : out.headers) {
        value = text(http::redact_header_value(name, value));
    }
    out.body = body(request.body);
    return out;
}

} // namespace harness::repro
