#include "target_probe.hpp"

#include "harness/http/http_client.hpp"

namespace harness::verify {

namespace {

http::exchange send_probe(const harness::target::target_spec& target, const http::client_options& options,
                          std::string* protocol) {
    http::http_client probe(target.url, options);
    http::http_request request;
    request.method = "GET";
    request.target = "/";
    http::exchange e = probe.send(request);
    if (protocol != nullptr) {
        *protocol = std::string(probe.protocol());
    }
    return e;
}

probe_result refused(std::string why) {
    probe_result refusal;
    refusal.refused = std::move(why);
    return refusal;
}

} // namespace

std::string http2_refusal(const harness::target::target_spec& target) {
    http::client_options options = target.client;
    options.http = http::http_version::http2;
    const http::exchange e = send_probe(target, options, nullptr);
    if (e.outcome == http::outcome_kind::ok) {
        return "";
    }
    // In the harness's words: nghttp2's are about frames ("unexpected data while we expected SETTINGS").
    const bool refused_by_alpn =
        (e.outcome == http::outcome_kind::connect || e.outcome == http::outcome_kind::tls) &&
        e.error.find("ALPN") != std::string::npos;
    if (target.url.tls && refused_by_alpn) {
        return "its TLS server did not choose h2 by ALPN";
    }
    if (!target.url.tls && e.outcome == http::outcome_kind::protocol) {
        return "h2c refused: it answered HTTP/2 with prior knowledge in another protocol, HTTP/1.1 most "
               "likely";
    }
    return "an exchange over HTTP/2 failed: " + e.error;
}

probe_result probe_target(const harness::target::target_spec& target) {
    std::string protocol;
    const http::exchange e = send_probe(target, target.client, &protocol);
    switch (e.outcome) {
    case http::outcome_kind::connect:
        // A server that answered TLS but would not choose h2 by ALPN is reachable: its refusal is the reason.
        if (target.client.http == http::http_version::http2 && e.error.find("HTTP/2") != std::string::npos) {
            return refused(e.error);
        }
        return refused("target unreachable: " + e.error);
    case http::outcome_kind::tls:
        // The transport words a refused certificate with the handshake's verify result (connection_link's
        // tls_failure); any other TLS failure (a version or cipher mismatch) is a target not reached.
        if (e.error.find("certificate") != std::string::npos) {
            return refused(
                "the target's certificate was refused: " + e.error +
                " (give --cacert CA.pem when a private CA signed it, or --insecure to skip the check)");
        }
        // A server that answered TLS but would not choose h2 by ALPN is reachable: its refusal is the reason.
        if (target.client.http == http::http_version::http2 && e.error.find("HTTP/2") != std::string::npos) {
            return refused(e.error);
        }
        return refused("target unreachable: " + e.error);
    case http::outcome_kind::protocol:
        if (target.client.http == http::http_version::http2) {
            return refused(std::string(http::http1_only_refusal));
        }
        break;
    default:
        break;
    }
    probe_result reached;
    reached.protocol = protocol;
    reached.answered = e.outcome == http::outcome_kind::ok;
    reached.failure = reached.answered ? "" : std::string(http::to_string(e.outcome)) + ": " + e.error;
    return reached;
}

} // namespace harness::verify
