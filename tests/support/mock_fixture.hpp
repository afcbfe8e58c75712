#pragma once
// A mock server in the test process, on a free loopback port, with the built-in contract, profile and
// fixtures; stopped and joined when the fixture goes away.

#include "mock_server/mock_server.hpp"
#include "mock_server/mock_state.hpp"
#include "test_http_client.hpp"

#include <memory>
#include <string>

namespace harness::testing {

class running_mock {
public:
    explicit running_mock(harness::mock::server_options options = {},
                          harness::mock::state_limits limits = {});
    ~running_mock();

    unsigned short port() const { return server_->port(); }
    harness::mock::mock_state& state() { return *state_; }
    harness::mock::mock_server& server() { return *server_; }

    // Ids and tokens of the built-in fixtures (tests/support/builtin_ids.hpp).
    static const std::string project;      // first project
    static const std::string conversation; // first conversation of the first project
    static const std::string conversation_2;
    static const std::string other_project; // the second project (another company)
    static const std::string other_conversation;
    static const std::string company;     // the first project's company
    static const std::string token;       // operator
    static const std::string token_2;     // second operator, same access
    static const std::string other_token; // other project only
    static const std::string expired_token;

    static std::string route(const std::string& project_uuid = project,
                             const std::string& conversation_uuid = conversation);
    // A POST of `body` to the route with the operator's token and a JSON content type.
    static test_request message(const std::string& body, const std::string& bearer = token,
                                const std::string& target = route());

private:
    std::unique_ptr<harness::mock::mock_state> state_;
    std::unique_ptr<harness::mock::mock_server> server_;
};

} // namespace harness::testing
