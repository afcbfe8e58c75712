#include "target_flags.hpp"

#include "harness/result/run_id.hpp"
#include "number_checks.hpp"

#include <charconv>
#include <cstdint>

#include <CLI/CLI.hpp>

namespace harness::cli {

void add_connection_flags(CLI::App* app, harness::target::target_description& t, const std::string& http_help,
                          bool* http_given) {
    app->add_option("--target", t.url, "base URL of the gateway, e.g. https://staging.example.com")
        ->each([&t](const std::string&) { t.url_given = true; });
    app->add_option("--cacert", t.ca_file, "PEM CA bundle to verify the target's certificate")
        ->check(CLI::ExistingFile);
    app->add_flag("--insecure", t.insecure, "do not verify the target's certificate (only when asked)");
    app->add_option("--client-cert", t.client_cert_file, "PEM client certificate (mutual TLS)")
        ->check(CLI::ExistingFile);
    app->add_option("--client-key", t.client_key_file, "PEM client key (mutual TLS)")
        ->check(CLI::ExistingFile);
    app->add_option("--connect-timeout", t.connect_timeout_ms, "ms to connect")
        ->check(whole_between(1, 600000))
        ->capture_default_str();
    app->add_option("--timeout", t.response_timeout_ms, "ms for a whole response")
        ->check(whole_between(1, 600000))
        ->capture_default_str();
    CLI::Option* http =
        app->add_option("--http", t.http, http_help)->check(CLI::IsMember({"auto", "1.1", "2"}));
    if (http_given != nullptr) {
        http->each([http_given](const std::string&) { *http_given = true; });
    } else {
        http->capture_default_str();
    }
}

void add_target_flags(CLI::App* app, harness::target::target_description& t) {
    add_connection_flags(
        app, t,
        "HTTP version: auto (h2 or HTTP/1.1 by ALPN over https, HTTP/1.1 over http), 1.1, or 2 "
        "(h2c with prior knowledge over http)");
    app->add_option("--project", t.project, "projectUuid to send to");
    app->add_option("--conversation", t.conversation, "conversationUuid of that project");
    app->add_option("--company", t.company, "the project's companyUuid");
    app->add_option("--token-env", t.token_env, "environment variable holding a valid token for the project");
    app->add_option("--other-project-token-env", t.other_project_token_env,
                    "variable with a valid token that does not grant this project");
    app->add_option("--expired-token-env", t.expired_token_env, "variable with an expired token");
    app->add_option("--admin-url", t.admin_url, "a harness mock's base URL, to count stored messages");
    app->add_option("--admin-token-env", t.admin_token_env,
                    "variable holding the token a mock shared beyond loopback asks for on /__admin");
    app->add_option("--store-url", t.store_url,
                    "a URL answering how many messages a conversation holds, with {conversation} in it");
    app->add_option("--store-count-pointer", t.store_count_pointer,
                    "JSON pointer to that count in the reply (default /storedTotal)");
}

void add_document_flags(CLI::App* app, std::string& contract_path, std::string& profile_path) {
    app->add_option("--contract", contract_path, "OpenAPI document; default: built-in")
        ->check(CLI::ExistingFile);
    app->add_option("--profile", profile_path, "behaviour profile; default: built-in")
        ->check(CLI::ExistingFile);
}

void add_mock_fault_flag(CLI::App* app, std::vector<std::string>& faults) {
    app->add_option("--mock-fault", faults, "a fault for the built-in mock (see harness mock --list-faults)");
}

void add_run_id_flag(CLI::App* app, std::uint64_t& run_id) {
    run_id = result::new_run_id();
    app->add_option_function<std::string>(
           "--run-id",
           [&run_id](const std::string& text) {
               const auto id = result::parse_run_id(text);
               if (!id) {
                   throw CLI::ValidationError("--run-id", "'" + text + "' is not 1 to 16 hex digits");
               }
               run_id = *id;
           },
           "repeat a run's generated keys (16 hex digits, printed by every run; default: a new one)")
        ->type_name("HEX");
}

void add_seed_flag(CLI::App* app, std::uint64_t& seed) {
    // Below 2^32, so a seed reads and copies easily; any 64-bit number is accepted.
    seed = result::new_run_id() >> 32;
    app->add_option_function<std::string>(
           "--seed",
           [&seed](const std::string& text) {
               std::uint64_t value = 0;
               const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
               if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
                   throw CLI::ValidationError("--seed", "'" + text + "' is not a whole number from 0 to " +
                                                            std::to_string(UINT64_MAX));
               }
               seed = value;
           },
           "repeat a run's drawn values (the values suite's sample, printed when it runs; default: a new "
           "one)")
        ->type_name("N");
}

void add_verify_target_flags(CLI::App* app, harness::target::target_description& t) {
    app->add_option("--conversation-2", t.conversation_2,
                    "a second conversation of the project (key scoping)");
    app->add_option("--second-caller-token-env", t.second_caller_token_env,
                    "variable with another caller's token, same access (key scoping per caller)");
}

} // namespace harness::cli
