#include "preflight.hpp"

#include "harness/http/http_client.hpp"
#include "harness/http/request_bytes.hpp"
#include "harness/result/run_id.hpp"
#include "request_template.hpp"

#include <stdexcept>

namespace harness::load {

namespace {

// The load generator's valid send, as the blocking client takes it: the client adds Host, User-Agent and
// Content-Length and puts the base path in front of the path.
http::http_request valid_send(const harness::target::target_spec& target,
                              const contract::operation& operation, const contract::profile& profile,
                              std::uint64_t run_id) {
    request_template bytes(target, operation, profile);
    bytes.set_key(result::run_seed(run_id, 3), 1);
    http::request_view view;
    if (!view.parse(bytes.bytes())) {
        throw std::logic_error("the valid send's bytes are not an HTTP/1.1 request");
    }
    http::http_request request;
    request.method = std::string(view.method);
    request.target = std::string(
        view.target.substr(view.target.starts_with(target.url.base_path) ? target.url.base_path.size() : 0));
    for (std::size_t i = 0; i < view.header_count; ++i) {
        const auto& [name, value] = view.headers[i];
        if (!http::same_header_name(name, "Host") && !http::same_header_name(name, "Content-Length")) {
            request.headers.emplace_back(std::string(name), std::string(value));
        }
    }
    request.body = std::string(view.body);
    return request;
}

std::string excerpt(const std::string& body) {
    return body.size() <= 200 ? body : body.substr(0, 200) + "…";
}

// What the target's reply to a valid send says about the flags: 401, 403 or 404 refuse them.
std::optional<std::string> refusal_of(const harness::target::target_spec& target, const http::exchange& e) {
    if (e.outcome == http::outcome_kind::protocol && target.client.http == http::http_version::http2) {
        return std::string(http::http1_only_refusal);
    }
    if (e.outcome != http::outcome_kind::ok) {
        return std::nullopt;
    }
    const std::string reply = std::to_string(e.response.status) + " " + excerpt(e.response.body);
    switch (e.response.status) {
    case 401:
        return "the token given by --token-env is refused: a valid send got " + reply;
    case 403:
        return "the token given by --token-env does not grant --project " + target.project +
               ": a valid send got " + reply;
    case 404:
        return "--project " + target.project + " and --conversation " + target.conversation +
               " are not known to this gateway (or the --target base path is wrong): a valid send got " +
               reply;
    default:
        return std::nullopt;
    }
}

} // namespace

preflight_outcome preflight(const harness::target::target_spec& target, const contract::operation& operation,
                            const contract::profile& profile, std::uint64_t run_id) {
    preflight_outcome outcome;
    if (target.project.empty() || target.conversation.empty() || target.token.empty()) {
        return outcome;
    }
    http::http_client client(target.url, target.client);
    const http::exchange e = client.send(valid_send(target, operation, profile, run_id));
    outcome.sent = true;
    outcome.answered = e.outcome == http::outcome_kind::ok;
    outcome.failure = outcome.answered ? "" : std::string(http::to_string(e.outcome)) + ": " + e.error;
    outcome.refusal = refusal_of(target, e);
    return outcome;
}

std::optional<std::string> preflight_refusal(const harness::target::target_spec& target,
                                             const contract::operation& operation,
                                             const contract::profile& profile, std::uint64_t run_id) {
    return preflight(target, operation, profile, run_id).refusal;
}

} // namespace harness::load
