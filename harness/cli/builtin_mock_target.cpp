#include "builtin_mock_target.hpp"

#include "harness/target/mock_choice.hpp"
#include "mock_server/fault_spec.hpp"
#include "mock_server/mock_server.hpp"
#include "mock_server/mock_state.hpp"

#include <algorithm>
#include <stdexcept>

namespace harness::cli {

builtin_mock_target::builtin_mock_target(const contract::contract& contract, const contract::profile& profile,
                                         const std::vector<std::string>& faults, int threads) {
    mock::state_limits limits;
    limits.idempotency_shards = static_cast<std::size_t>(std::max(1, threads));
    state_ = std::make_unique<mock::mock_state>(contract, profile, mock::fixtures::builtin(), limits);
    std::vector<mock::fault_rule> rules;
    for (const std::string& spec : faults) {
        rules.push_back(mock::parse_fault_spec(spec));
    }
    state_->faults().set(std::move(rules));
    mock::server_options options;
    options.threads = threads;
    server_ = std::make_unique<mock::mock_server>(options, *state_);
    server_->start();
}

builtin_mock_target::~builtin_mock_target() {
    server_->stop();
    server_->wait();
}

std::string builtin_mock_target::url() const {
    return server_->url();
}

harness::target::target_spec builtin_mock_target::target() const {
    const mock::fixtures& f = state_->fixtures();
    harness::target::target_spec t;
    std::string error;
    t.url = *http::parse_target_url(server_->url(), error);
    const auto& project = f.projects().at(0);
    t.project = project.uuid;
    t.conversation = project.conversations.at(0);
    t.conversation_2 = project.conversations.size() > 1 ? project.conversations[1] : "";
    t.load_conversation = project.conversations.size() > 2 ? project.conversations[2] : "";
    t.company = project.company;
    t.failing_conversation = project.failing_conversations.empty() ? "" : project.failing_conversations[0];
    auto token = [&](const char* name) {
        const mock::token_fixture* found = f.find_token_by_name(name);
        return found != nullptr ? found->token : std::string();
    };
    t.token = token("operator");
    t.second_token = token("second_operator");
    t.other_project_token = token("other_project");
    t.expired_token = token("expired");
    t.admin_url = server_->url();
    return t;
}

harness::target::target_spec choose_target(const harness::target::target_description& description,
                                           const std::string& target_file, const contract::contract& contract,
                                           const contract::profile& profile,
                                           const std::vector<std::string>& mock_faults, int mock_threads,
                                           std::unique_ptr<builtin_mock_target>& mock, std::string& name) {
    if (auto refusal = harness::target::builtin_mock_refusal(description, target_file)) {
        throw std::invalid_argument(*refusal);
    }
    if (description.url.empty()) {
        mock = std::make_unique<builtin_mock_target>(contract, profile, mock_faults, mock_threads);
        name = "built-in mock at " + mock->url();
        harness::target::target_spec target = mock->target();
        target.client = harness::target::client_options_of(description);
        return target;
    }
    if (!mock_faults.empty()) {
        throw std::invalid_argument("--mock-fault applies to the built-in mock only (no --target)");
    }
    harness::target::target_spec target = harness::target::resolve_target(description);
    name = target.url.to_string();
    return target;
}

} // namespace harness::cli
