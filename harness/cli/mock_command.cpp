#include "mock_command.hpp"

#include "harness/contract/loaded_contract.hpp"
#include "mock_server/fault_spec.hpp"
#include "mock_server/fixtures.hpp"
#include "mock_server/mock_server.hpp"
#include "mock_server/mock_state.hpp"
#include "number_checks.hpp"
#include "record_forwarder.hpp"
#include "target_flags.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <system_error>

#include <CLI/CLI.hpp>
#include <boost/asio/ip/address.hpp>

namespace harness::cli {

namespace {

namespace hc = harness::contract;
namespace hm = harness::mock;

struct mock_options {
    std::string bind = "127.0.0.1";
    std::string admin_token_env; // the variable holding the token /__admin asks for
    int port = 0;
    int threads = 1;
    std::string fixtures_path;
    std::vector<std::string> faults;
    std::string tls_cert;
    std::string tls_key;
    std::string tls_client_ca;
    std::string contract_path;
    std::string profile_path;
    bool print_fixtures = false;
    bool list_faults = false;
    std::size_t idempotency_capacity = 100'000;
    long idempotency_ttl_seconds = 86'400;
    std::size_t message_capacity = 100'000;
    std::size_t max_connections = 10'000;
    long read_timeout_ms = 10'000;
    std::size_t header_limit = 8192;
    std::string proxy_url;  // record mode: forward to this target …
    std::string record_dir; // … and keep each exchange here as a scenario
    bool proxy_insecure = false;
};

std::vector<hm::fault_rule> fault_rules(const mock_options& options) {
    std::vector<hm::fault_rule> rules;
    for (const std::string& spec : options.faults) {
        try {
            rules.push_back(hm::parse_fault_spec(spec));
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument("--fault '" + spec + "': " + e.what());
        }
    }
    return rules;
}

// Record mode: every request forwarded to --proxy, each exchange kept under --record-to.
std::unique_ptr<record_forwarder> recorder_for(const mock_options& options, hm::mock_state& state) {
    if (options.proxy_url.empty() != options.record_dir.empty()) {
        throw std::invalid_argument("--proxy and --record-to go together");
    }
    if (options.proxy_url.empty()) {
        return nullptr;
    }
    std::string url_error;
    auto upstream = http::parse_target_url(options.proxy_url, url_error);
    if (!upstream) {
        throw std::invalid_argument("--proxy: " + url_error);
    }
    http::client_options client;
    client.tls.insecure = options.proxy_insecure;
    auto recorder = std::make_unique<record_forwarder>(*upstream, client, options.record_dir,
                                                       state.operation(), state.profile());
    state.set_forwarder(recorder.get());
    return recorder;
}

// The admin API changes what the mock answers (faults, reset) and shows what it was sent (journal): open on
// loopback as always, but a mock bound where others reach it needs a token for it.
std::string admin_token_of(const mock_options& options) {
    std::string token;
    if (!options.admin_token_env.empty()) {
        const char* value = std::getenv(options.admin_token_env.c_str());
        if (value == nullptr || *value == '\0') {
            throw std::invalid_argument("--admin-token-env: the variable " + options.admin_token_env +
                                        " is not set or empty");
        }
        token = value;
    }
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(options.bind, ec);
    // An address that does not parse is the server's to refuse ("cannot listen on …").
    const bool beyond_loopback = !ec && !address.is_loopback();
    if (beyond_loopback && token.empty()) {
        throw std::invalid_argument(
            "--bind " + options.bind +
            " opens the admin API (/__admin: faults, reset, journal) beyond loopback: give "
            "--admin-token-env NAME (a variable holding its token), or bind 127.0.0.1");
    }
    return token;
}

hm::server_options server_options_of(const mock_options& options) {
    hm::server_options server;
    server.bind = options.bind;
    server.port = static_cast<unsigned short>(options.port);
    server.threads = options.threads;
    server.tls_cert_file = options.tls_cert;
    server.tls_key_file = options.tls_key;
    server.tls_client_ca_file = options.tls_client_ca;
    server.max_connections = options.max_connections;
    server.read_timeout = std::chrono::milliseconds(options.read_timeout_ms);
    server.header_limit = options.header_limit;
    server.stop_on_signals = true;
    return server;
}

result::run_verdict serve(const mock_options& options, std::ostream& out, std::ostream& err) {
    hm::fixtures fixtures =
        options.fixtures_path.empty() ? hm::fixtures::builtin() : hm::fixtures::load(options.fixtures_path);
    if (options.print_fixtures) {
        out << fixtures.to_yaml();
        return result::run_verdict::pass();
    }
    std::vector<hm::fault_rule> rules = fault_rules(options);
    hc::loaded_contract loaded = hc::load_contract_and_profile(options.contract_path, options.profile_path);
    hm::state_limits limits{options.idempotency_capacity,
                            std::chrono::seconds(options.idempotency_ttl_seconds), options.message_capacity,
                            256, static_cast<std::size_t>(std::max(1, options.threads))};
    const std::string admin_token = admin_token_of(options);
    hm::mock_state state(std::move(loaded.document), std::move(loaded.rules), std::move(fixtures), limits);
    state.faults().set(std::move(rules));
    state.set_admin_token(admin_token);
    const std::unique_ptr<record_forwarder> recorder = recorder_for(options, state);
    hm::mock_server server(server_options_of(options), state);
    // Scripts and tests start the mock on port 0 and read this first line for the port.
    out << "listening on " << server.url() << std::endl;
    server.run();
    err << "mock stopped after " << state.metrics().requests() << " requests\n";
    if (recorder) {
        err << "recorded " << recorder->recorded() << " exchanges in " << options.record_dir << "\n";
    }
    return result::run_verdict::pass();
}

result::run_verdict run_mock(const mock_options& options, std::ostream& out, std::ostream& err) {
    if (options.list_faults) {
        out << hm::describe_fault_kinds();
        return result::run_verdict::pass();
    }
    try {
        return serve(options, out, err);
    } catch (const std::system_error& e) {
        return result::run_verdict::untested(std::string("cannot ") + e.what());
    } catch (const std::exception& e) {
        return result::run_verdict::untested(e.what());
    }
}

void add_server_flags(CLI::App* mock, mock_options& o) {
    mock->add_option("--bind", o.bind, "address to listen on (beyond loopback: needs --admin-token-env)")
        ->capture_default_str();
    mock->add_option("--admin-token-env", o.admin_token_env,
                     "variable holding the token /__admin asks for (Authorization: Bearer)");
    mock->add_option("--port", o.port, "port; 0 picks a free one (read it from the first line)")
        ->check(whole_between(0, 65535))
        ->capture_default_str();
    mock->add_option("--threads", o.threads, "I/O threads")
        ->check(whole_between(1, 256))
        ->capture_default_str();
    mock->add_option("--tls-cert", o.tls_cert, "PEM certificate chain: serve HTTPS")
        ->check(CLI::ExistingFile);
    mock->add_option("--tls-key", o.tls_key, "PEM private key for --tls-cert")->check(CLI::ExistingFile);
    mock->add_option("--tls-client-ca", o.tls_client_ca,
                     "PEM CA: require client certificates it signed (mTLS)")
        ->check(CLI::ExistingFile);
    mock->add_option("--max-connections", o.max_connections, "connections beyond this are closed at once")
        ->check(whole_between(1, 1'000'000))
        ->capture_default_str();
    mock->add_option("--read-timeout", o.read_timeout_ms,
                     "ms a whole request (or an idle keep-alive) may take")
        ->check(whole_between(10, 3'600'000))
        ->capture_default_str();
    mock->add_option("--header-limit", o.header_limit, "bytes of request line and headers; beyond: 431")
        ->check(whole_between(256, 1'048'576))
        ->capture_default_str();
}

void add_behaviour_flags(CLI::App* mock, mock_options& o) {
    mock->add_option("--fixtures", o.fixtures_path,
                     "projects, conversations and tokens (YAML); default: built-in")
        ->check(CLI::ExistingFile);
    mock->add_option("--fault", o.faults,
                     "fault rule KIND[=VALUE][,p=P|,every=N]; repeatable; see --list-faults");
    add_document_flags(mock, o.contract_path, o.profile_path);
    mock->add_option("--proxy", o.proxy_url, "record mode: forward every request to this base URL …");
    mock->add_option("--record-to", o.record_dir,
                     "… and keep each exchange here as a redacted scenario file");
    mock->add_flag("--proxy-insecure", o.proxy_insecure, "do not verify the --proxy target's certificate");
    mock->add_flag("--print-fixtures", o.print_fixtures, "print the fixtures in use (YAML) and exit");
    mock->add_flag("--list-faults", o.list_faults, "list fault kinds and drift names and exit");
    mock->add_option("--idempotency-capacity", o.idempotency_capacity,
                     "most idempotency keys kept (oldest evicted)")
        ->check(whole_between(1, 100'000'000))
        ->capture_default_str();
    mock->add_option("--idempotency-ttl", o.idempotency_ttl_seconds, "seconds an idempotency key is kept")
        ->check(whole_between(1, 31'536'000))
        ->capture_default_str();
    mock->add_option("--message-capacity", o.message_capacity, "most stored messages kept (oldest evicted)")
        ->check(whole_between(1, 100'000'000))
        ->capture_default_str();
}

} // namespace

void add_mock_command(CLI::App& app, result::run_verdict& verdict) {
    CLI::App* mock = app.add_subcommand(
        "mock",
        "Serve a mock of the endpoint that behaves as the contract and profile say (Ctrl-C stops it)");
    auto options = std::make_shared<mock_options>();
    add_server_flags(mock, *options);
    add_behaviour_flags(mock, *options);
    mock->callback([options, &verdict] { verdict = run_mock(*options, std::cout, std::cerr); });
}

} // namespace harness::cli
