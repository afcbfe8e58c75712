#include "mock_fixture.hpp"

#include "tests/support/builtin_ids.hpp"

namespace harness::testing {

namespace hm = harness::mock;

const std::string running_mock::project{builtin_ids::project};
const std::string running_mock::conversation{builtin_ids::conversation};
const std::string running_mock::conversation_2{builtin_ids::conversation_2};
const std::string running_mock::other_project{builtin_ids::other_project};
const std::string running_mock::other_conversation{builtin_ids::other_conversation};
const std::string running_mock::company{builtin_ids::company};
const std::string running_mock::token{builtin_ids::token};
const std::string running_mock::token_2{builtin_ids::token_2};
const std::string running_mock::other_token{builtin_ids::other_project_token};
const std::string running_mock::expired_token{builtin_ids::expired_token};

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
