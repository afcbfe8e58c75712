#pragma once
// The flags that say where and how to reach a gateway, declared once for every subcommand that talks to one:
// the connection (URL, TLS, timeouts, HTTP version) and the identity (project, conversation, credentials,
// store oracles).

#include "harness/target/target_spec.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace harness::cli {

// --target, --cacert, --insecure, --client-cert, --client-key, --connect-timeout, --timeout, --http.
// `http_help` words --http for the subcommand; `http_given`, when not null, is set when --http is given.
void add_connection_flags(CLI::App* app, harness::target::target_description& t, const std::string& http_help,
                          bool* http_given = nullptr);

// The connection flags and the identity flags verify and load share: --project, --conversation, --company,
// the token variables, --admin-url, --store-url, --store-count-pointer.
void add_target_flags(CLI::App* app, harness::target::target_description& t);

// --contract and --profile (default: the built-in documents), for every subcommand that reads them.
void add_document_flags(CLI::App* app, std::string& contract_path, std::string& profile_path);

// --mock-fault, for the subcommands that can start the built-in mock.
void add_mock_fault_flag(CLI::App* app, std::vector<std::string>& faults);

// --run-id HEX: repeat a run's generated keys (default: a new run id, drawn at random). Sets `run_id`.
void add_run_id_flag(CLI::App* app, std::uint64_t& run_id);

// --seed N: repeat a run's drawn values (verify's values suite; default: a new seed, drawn at random). Sets
// `seed`.
void add_seed_flag(CLI::App* app, std::uint64_t& seed);

// The identity flags only verify uses: key scoping across conversations and callers.
void add_verify_target_flags(CLI::App* app, harness::target::target_description& t);

} // namespace harness::cli
