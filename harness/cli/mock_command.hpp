#pragma once
// `harness mock`: serve the endpoint's mock until SIGINT/SIGTERM.

#include <iosfwd>
#include <string>
#include <vector>

namespace harness::cli {

struct mock_options {
    std::string bind = "127.0.0.1";
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

int run_mock(const mock_options& options, std::ostream& out, std::ostream& err);

} // namespace harness::cli
