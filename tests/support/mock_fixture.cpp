#include "mock_fixture.hpp"

namespace harness::testing {

namespace hm = harness::mock;

const std::string running_mock::project = "7f3c1a2e-0b4d-4c8e-9a1f-2d3e4f5a6b7c";
const std::string running_mock::conversation = "5b2e8f10-6c3d-4a9e-b1f2-3c4d5e6f7a8b";
const std::string running_mock::conversation_2 = "9d4f6a21-7e5b-4c0d-a2e3-4f5a6b7c8d9e";
const std::string running_mock::other_project = "2a6b8c0d-1e3f-4a5b-8c7d-9e0f1a2b3c4d";
const std::string running_mock::other_conversation = "3e5f7a9b-2c4d-4e6f-9a8b-0c1d2e3f4a5b";
const std::string running_mock::company = "c0a80101-0000-4000-8000-00000000c0de";
const std::string running_mock::token = "mock-token-operator-1";
const std::string running_mock::token_2 = "mock-token-operator-2";
const std::string running_mock::other_token = "mock-token-other-project";
const std::string running_mock::expired_token = "mock-token-expired";

running_mock::running_mock(hm::server_options options, hm::state_limits limits)
    : state_(std::make_unique<hm::mock_state>(harness::contract::contract::builtin(),
                                              harness::contract::profile::builtin(), hm::fixtures::builtin(),
                                              limits)) {
    server_ = std::make_unique<hm::mock_server>(std::move(options), *state_);
    server_->start();
}

running_mock::~running_mock() {
    server_->stop();
    server_->wait();
}

std::string running_mock::route(const std::string& project_uuid, const std::string& conversation_uuid) {
    return "/v1/projects/" + project_uuid + "/livechat/conversations/" + conversation_uuid +
           "/messages/operator";
}

test_request running_mock::message(const std::string& body, const std::string& bearer,
                                   const std::string& target) {
    test_request request;
    request.method = "POST";
    request.target = target;
    request.headers["Content-Type"] = "application/json";
    if (!bearer.empty()) {
        request.headers["Authorization"] = "Bearer " + bearer;
    }
    request.body = body;
    return request;
}

} // namespace harness::testing
