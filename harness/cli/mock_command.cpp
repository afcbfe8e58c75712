#include "mock_command.hpp"

#include "exit_codes.hpp"
#include "harness/contract/contract.hpp"
#include "harness/contract/profile.hpp"
#include "mock_server/fault_spec.hpp"
#include "mock_server/fixtures.hpp"
#include "mock_server/mock_server.hpp"
#include "mock_server/mock_state.hpp"
#include "record_forwarder.hpp"

#include <iostream>
#include <memory>
#include <stdexcept>
#include <system_error>

namespace harness::cli {

namespace hc = harness::contract;
namespace hm = harness::mock;

int run_mock(const mock_options& options, std::ostream& out, std::ostream& err) {
    if (options.list_faults) {
        out << hm::describe_fault_kinds();
        return exit_ok;
    }
    try {
        hm::fixtures fixtures = options.fixtures_path.empty() ? hm::fixtures::builtin()
                                                              : hm::fixtures::load(options.fixtures_path);
        if (options.print_fixtures) {
            out << fixtures.to_yaml();
            return exit_ok;
        }
        std::vector<hm::fault_rule> rules;
        for (const std::string& spec : options.faults) {
            try {
                rules.push_back(hm::parse_fault_spec(spec));
            } catch (const std::invalid_argument& e) {
                err << "error: --fault '" << spec << "': " << e.what() << '\n';
                return exit_usage;
            }
        }
        hc::contract contract = options.contract_path.empty() ? hc::contract::builtin()
                                                              : hc::contract::load(options.contract_path);
        hc::profile profile =
            options.profile_path.empty() ? hc::profile::builtin() : hc::profile::load(options.profile_path);
        hm::state_limits limits{options.idempotency_capacity,
                                std::chrono::seconds(options.idempotency_ttl_seconds),
                                options.message_capacity, 256};
        hm::mock_state state(std::move(contract), std::move(profile), std::move(fixtures), limits);
        state.faults().set(std::move(rules));
        if (options.proxy_url.empty() != options.record_dir.empty()) {
            err << "error: --proxy and --record-to go together\n";
            return exit_usage;
        }
        std::unique_ptr<record_forwarder> recorder;
        if (!options.proxy_url.empty()) {
            std::string url_error;
            auto upstream = http::parse_target_url(options.proxy_url, url_error);
            if (!upstream) {
                err << "error: --proxy: " << url_error << '\n';
                return exit_usage;
            }
            http::client_options client;
            client.tls.insecure = options.proxy_insecure;
            recorder = std::make_unique<record_forwarder>(*upstream, client, options.record_dir,
                                                          state.operation(), state.profile());
            state.set_forwarder(recorder.get());
        }
        hm::server_options server_options;
        server_options.bind = options.bind;
        server_options.port = static_cast<unsigned short>(options.port);
        server_options.threads = options.threads;
        server_options.tls_cert_file = options.tls_cert;
        server_options.tls_key_file = options.tls_key;
        server_options.tls_client_ca_file = options.tls_client_ca;
        server_options.max_connections = options.max_connections;
        server_options.read_timeout = std::chrono::milliseconds(options.read_timeout_ms);
        server_options.header_limit = options.header_limit;
        server_options.stop_on_signals = true;
        hm::mock_server server(server_options, state);
        // Scripts and tests start the mock on port 0 and read this first line for the port.
        out << "listening on " << server.url() << std::endl;
        server.run();
        err << "mock stopped after " << state.metrics().requests() << " requests\n";
        if (recorder) {
            err << "recorded " << recorder->recorded() << " exchanges in " << options.record_dir << "\n";
        }
        return exit_ok;
    } catch (const json::document_error& e) {
        err << "error: " << e.what() << '\n';
    } catch (const std::system_error& e) {
        err << "error: cannot " << e.what() << '\n';
    } catch (const std::exception& e) {
        err << "error: " << e.what() << '\n';
    }
    return exit_usage;
}

} // namespace harness::cli
