#pragma once
// `harness repro`: replay a captured request (HAR entry, curl command, scenario step) against a target,
// explain in words which contract rule each reply breaks and how the replies differ, and optionally write a
// redacted bundle with a scenario that keeps the case in CI. Exit 0 every reply keeps the contract, 1 the
// failure reproduced, 2 bad input or setup.

#include <iosfwd>
#include <string>
#include <vector>

namespace harness::cli {

struct repro_options {
    std::string har_file;
    std::size_t entry = 0; // 1-based; 0 = choose by --match or by the contract's operation
    std::string match;
    std::string curl;
    std::string curl_file;
    std::string scenario_file;
    std::string case_name; // with --scenario: which case (default: the first)
    std::string project;   // with --scenario: for steps that leave the path to the target
    std::string conversation;
    std::string target;
    std::string token_env;
    int repeat = 1;
    int concurrency = 1;
    std::string bundle_dir;
    std::vector<std::string> redact_fields;
    std::string ca_file;
    bool insecure = false;
    std::string http; // --http auto|1.1|2; "" = as the capture was sent (auto when it does not say)
    long connect_timeout_ms = 5000;
    long response_timeout_ms = 10000;
    std::string contract_path;
    std::string profile_path;
};

int run_repro(const repro_options& options, std::ostream& out, std::ostream& err);

} // namespace harness::cli
