#include "mock_choice.hpp"

#include <utility>
#include <vector>

namespace harness::target {

namespace {

// The flags that name a gateway's identity, with what each holds.
std::vector<std::pair<const char*, const std::string*>> identity_flags(const target_description& d) {
    return {{"--project", &d.project},
            {"--conversation", &d.conversation},
            {"--conversation-2", &d.conversation_2},
            {"--company", &d.company},
            {"--token-env", &d.token_env},
            {"--second-caller-token-env", &d.second_caller_token_env},
            {"--other-project-token-env", &d.other_project_token_env},
            {"--expired-token-env", &d.expired_token_env},
            {"--store-url", &d.store_url},
            {"--admin-url", &d.admin_url},
            {"--admin-token-env", &d.admin_token_env},
            {"--failing-conversation", &d.failing_conversation}};
}

} // namespace

std::optional<std::string> builtin_mock_refusal(const target_description& description,
                                                const std::string& target_file) {
    if (!description.url.empty()) {
        return std::nullopt;
    }
    if (description.url_given) {
        return std::string(
            "--target is empty (an unset variable?): give the gateway's URL, or leave --target "
            "out to run against the built-in mock");
    }
    if (!target_file.empty()) {
        return target_file + " gives no url: a target file describes a gateway";
    }
    std::string given;
    int count = 0;
    for (const auto& [flag, value] : identity_flags(description)) {
        if (!value->empty()) {
            given += (given.empty() ? "" : ", ") + std::string(flag);
            ++count;
        }
    }
    if (!given.empty()) {
        return "no --target, but " + given + (count == 1 ? " names" : " name") +
               " a gateway: give its URL with --target (without --target and those flags, the run goes "
               "to the built-in mock)";
    }
    return std::nullopt;
}

} // namespace harness::target
