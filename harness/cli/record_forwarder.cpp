#include "record_forwarder.hpp"

#include "harness/json/output_file.hpp"
#include "harness/repro/captured_request.hpp"
#include "harness/repro/scenario_emitter.hpp"
#include "harness/repro/secret_redactor.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iostream>

namespace harness::cli {

namespace {

namespace beast_http = boost::beast::http;

bool hop_by_hop(std::string_view name) {
    std::string l(name);
    std::transform(l.begin(), l.end(), l.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return l == "host" || l == "content-length" || l == "connection" || l == "keep-alive" ||
           l == "transfer-encoding" || l == "accept-encoding" || l == "te" || l == "upgrade" ||
           l == "proxy-connection";
}

} // namespace

record_forwarder::record_forwarder(http::target_url upstream, http::client_options client,
                                   std::filesystem::path dir, const contract::operation& operation,
                                   const contract::profile& profile)
    : dir_(std::move(dir)), operation_(operation), profile_(profile),
      client_(std::move(upstream), std::move(client)) {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) {
        throw std::runtime_error("cannot create " + dir_.string() + ": " + ec.message());
    }
}

mock::mock_response record_forwarder::forward(const mock::mock_request& request) {
    http::http_request sent;
    sent.method = std::string(request.method_string());
    sent.target = std::string(request.target());
    for (const auto& field : request) {
        if (!hop_by_hop(field.name_string())) {
            sent.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
        }
    }
    sent.body = request.body();
    http::exchange reply;
    {
        std::lock_guard lock(mutex_);
        reply = client_.send(sent);
        if (reply.outcome != http::outcome_kind::ok) {
            client_.close(); // a broken connection is not reused for the next request
        }
    }
    if (reply.outcome != http::outcome_kind::ok) {
        return mock::refused_request_reply(beast_http::status::bad_gateway, "UPSTREAM_UNAVAILABLE",
                                           "The proxied target did not answer: " + reply.error,
                                           request.version());
    }
    mock::mock_response response;
    response.version(request.version());
    response.result(static_cast<unsigned>(reply.response.status));
    for (const auto& [name, value] : reply.response.headers) {
        if (!hop_by_hop(name)) {
            response.insert(name, value);
        }
    }
    response.body() = reply.response.body;
    response.prepare_payload();
    response.keep_alive(request.keep_alive());
    record(sent, reply);
    return response;
}

void record_forwarder::record(const http::http_request& sent, const http::exchange& reply) {
    repro::captured_request captured;
    captured.method = sent.method;
    captured.url = client_.target().to_string() + sent.target;
    captured.headers = sent.headers;
    captured.body = sent.body;
    repro::secret_redactor redactor;
    redactor.learn_from(captured);
    const std::size_t number = ++recorded_;
    repro::scenario_spec spec;
    spec.suite = "recorded";
    spec.case_name = "recorded " + std::to_string(number) + ": " + sent.method + " " +
                     std::to_string(reply.response.status);
    spec.description = "recorded by harness mock --proxy from " + client_.target().to_string();
    spec.request = redactor.request(sent);
    spec.expect_status = {reply.response.status};
    spec.comments.push_back("Recorded by harness mock --proxy " + client_.target().to_string() +
                            "; the reply's status is what the target answered then.");
    const std::string text = redactor.text(repro::emit_scenario(spec, operation_, profile_));
    std::string lower_method = sent.method;
    std::transform(lower_method.begin(), lower_method.end(), lower_method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    char name[64];
    std::snprintf(name, sizeof name, "%04zu-%s-%d.yaml", number, lower_method.c_str(), reply.response.status);
    if (auto problem = json::write_file_atomically(dir_ / name, "the recorded scenario",
                                                   [&text](std::ostream& out) { out << text; })) {
        std::cerr << "warning: " << *problem << "\n";
    }
}

} // namespace harness::cli
