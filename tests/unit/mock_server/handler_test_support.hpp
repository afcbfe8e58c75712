#pragma once
// Calls the mock's handler without sockets and checks replies against the contract.

#include "mock_server/request_handler.hpp"
#include "tests/support/builtin_ids.hpp"
#include "tests/support/mock_fixture.hpp"

#include <memory>
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace harness::mock::testing {

namespace builtin_ids = harness::testing::builtin_ids;
using harness::testing::running_mock;

inline std::unique_ptr<mock_state> make_state(state_limits limits = {}) {
    return std::make_unique<mock_state>(harness::contract::contract::builtin(),
                                        harness::contract::profile::builtin(), fixtures::builtin(), limits);
}

struct handled {
    int status = 0;
    boost::json::value body; // null when the body is not JSON
    mock_response response;
};

inline handled call(mock_state& state, const std::string& method, const std::string& target,
                    const std::string& body, const std::string& authorization,
                    const std::string& content_type = "application/json", const fault_decision& faults = {}) {
    mock_request request{http::string_to_verb(method), target, 11};
    if (!authorization.empty()) {
        request.set(http::field::authorization, authorization);
    }
    if (!content_type.empty()) {
        request.set(http::field::content_type, content_type);
    }
    request.body() = body;
    request.prepare_payload();
    mock_reply reply = handle(request, state, faults);
    handled result;
    result.status = reply.response.result_int();
    boost::system::error_code ec;
    result.body = boost::json::parse(reply.response.body(), ec);
    if (ec) {
        result.body = nullptr;
    }
    result.response = std::move(reply.response);
    return result;
}

inline handled post(mock_state& state, const std::string& body,
                    const std::string& token = running_mock::token,
                    const std::string& target = running_mock::route(), const fault_decision& faults = {}) {
    return call(state, "POST", target, body, token.empty() ? "" : "Bearer " + token, "application/json",
                faults);
}

// The contract's violations of a reply, for the reply's status.
inline harness::contract::violations contract_violations(const mock_state& state, const handled& reply) {
    const auto* spec = state.operation().response_for(reply.status);
    if (spec == nullptr || !spec->json || !spec->json->validator) {
        return {{"", "response", "a documented status", std::to_string(reply.status)}};
    }
    return spec->json->validator->validate(reply.body);
}

inline std::string dump(const harness::contract::violations& found) {
    std::string text;
    for (const auto& v : found) {
        text += "\n  " + v.to_string();
    }
    return text;
}

} // namespace harness::mock::testing
