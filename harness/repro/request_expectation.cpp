#include "request_expectation.hpp"

#include "harness/json/media_type.hpp"
#include "harness/json/pointer.hpp"
#include "verdict_wording.hpp"

#include <algorithm>
#include <cctype>

#include <boost/json/parse.hpp>

namespace harness::repro {

namespace {

std::string_view header_of(const http::http_request& request, std::string_view name) {
    for (const auto& [n, v] : request.headers) {
        if (http::same_header_name(n, name)) {
            return v;
        }
    }
    return {};
}

// The path matches the operation, allowing a gateway prefix in front of it ("/api/v1/projects/…").
bool path_matches(const contract::path_template& path, std::string_view target) {
    std::string_view p = target.substr(0, target.find('?'));
    while (!p.empty()) {
        if (path.match(p)) {
            return true;
        }
        const std::size_t next = p.find('/', 1);
        if (next == std::string_view::npos) {
            break;
        }
        p.remove_prefix(next);
    }
    return false;
}

std::string status_and_code(const contract::profile& profile, contract::failure_kind kind) {
    const auto& f = profile.failure(kind);
    return std::to_string(f.status) + " " + f.code;
}

} // namespace

request_expectation expect_for(const http::http_request& request, const contract::operation& operation,
                               const contract::profile& profile) {
    request_expectation e;
    e.is_operation = request.method == operation.method && path_matches(operation.path, request.target);
    if (!e.is_operation) {
        e.summary = "the request is not " + operation.method + " " + operation.path.text() +
                    ": replies are shown, not judged against the contract";
        return e;
    }
    const auto refuse = [&](contract::failure_kind kind, std::string why) {
        if (!e.failure) {
            e.failure = kind;
        }
        e.problems.push_back(std::move(why));
    };
    const std::string_view auth = header_of(request, profile.auth_header);
    if (!operation.security.empty()) {
        const std::string scheme = http::to_lower(auth.substr(0, auth.find(' ')));
        if (auth.empty()) {
            refuse(contract::failure_kind::unauthenticated, "has no " + profile.auth_header + " header");
        } else if (scheme != profile.auth_scheme || auth.find(' ') == std::string_view::npos) {
            refuse(contract::failure_kind::unauthenticated,
                   "has an " + profile.auth_header + " that is not a " + profile.auth_scheme + " token");
        }
    }
    const std::string_view type = header_of(request, "Content-Type");
    boost::system::error_code ec;
    const boost::json::value body = boost::json::parse(request.body, ec);
    if (!json::is_json_media_type(type)) {
        refuse(contract::failure_kind::unsupported_media_type,
               (type.empty() ? std::string("has no Content-Type")
                             : "has the Content-Type '" + std::string(type) + "'") +
                   "; the contract takes application/json");
    } else if (request.body.size() > profile.max_body_bytes) {
        refuse(contract::failure_kind::payload_too_large,
               "has a body of " + std::to_string(request.body.size()) + " bytes, more than the profile's " +
                   std::to_string(profile.max_body_bytes));
    } else if (ec) {
        refuse(contract::failure_kind::validation, "has a body that is not JSON (" + ec.message() + ")");
    } else if (operation.request_body && operation.request_body->json &&
               operation.request_body->json->validator) {
        const auto& payload = *operation.request_body->json;
        const std::string schema = payload.schema_name.empty() ? "the request schema" : payload.schema_name;
        for (const auto& v : payload.validator->validate(body)) {
            refuse(contract::failure_kind::validation,
                   "has a body that breaks the request schema: " + describe_violation(v, schema));
        }
    }
    if (!ec && !profile.idempotency.key_pointer.empty()) {
        if (const auto* key = json::find_pointer(body, profile.idempotency.key_pointer);
            key && key->is_string()) {
            e.idempotency_key = key->as_string();
        }
    }
    if (e.failure) {
        e.summary = "the request " + e.problems.front() + ", so the profile expects " +
                    status_and_code(profile, *e.failure);
    } else {
        e.summary = "the request keeps the contract, so the reply should be " +
                    std::to_string(profile.success_status) +
                    " (or a refusal for the token's access or the key: 401/403/404/409/422), never a refusal "
                    "as invalid (400/413/415) nor a server error";
    }
    return e;
}

} // namespace harness::repro
