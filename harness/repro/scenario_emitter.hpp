#pragma once
// Writes a scenario file (docs/scenarios.md) that replays one captured request, so a customer's case becomes
// a CI check: dropped into scenarios/ or passed to `harness verify --scenario`, it fails while the bug is
// there. The request is written as it was sent (redacted); the credential comes from verify's target
// (${token}), never from the capture.

#include "harness/contract/operation.hpp"
#include "harness/contract/profile.hpp"
#include "harness/http/exchange.hpp"

#include <optional>
#include <string>
#include <vector>

namespace harness::repro {

struct scenario_spec {
    std::string suite = "repro";
    std::string case_name;
    std::string description;
    std::vector<std::string> comments;                    // written above the suite, one '#' line each
    http::http_request request;                           // redacted: secret headers are left out of the file
    std::vector<int> expect_status;                       // any of these …
    std::optional<contract::failure_kind> expect_failure; // … or the profile's refusal of this kind
    bool same_data_across_copies = false;
    int repeat = 1;
    int concurrent = 1;
};

// The scenario as YAML text. Path parameters are written by name when the path is the operation's (so the
// file reads well and a reviewer can swap ids); anything else keeps the raw path.
std::string emit_scenario(const scenario_spec& spec, const contract::operation& operation,
                          const contract::profile& profile);

} // namespace harness::repro
