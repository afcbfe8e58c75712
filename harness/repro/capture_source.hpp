#pragma once
// Where a repro's captured request comes from — a HAR entry, a curl command (inline or in a file), or a
// scenario case's first step — read into one captured_request.

#include "captured_request.hpp"
#include "harness/contract/operation.hpp"
#include "harness/contract/profile.hpp"

#include <cstddef>
#include <stdexcept>
#include <string>

namespace harness::repro {

struct capture_source {
    std::string har_file;
    std::size_t entry = 0; // 1-based; 0 = choose by `match` or by the contract's operation
    std::string match;
    std::string curl;
    std::string curl_file;
    std::string scenario_file;
    std::string case_name; // with a scenario: which case (default: the first)
    std::string project;   // with a scenario: for steps that leave the path to the target
    std::string conversation;
    std::string target; // with a scenario: the base URL its request is built for
};

// Thrown when a HAR holds several candidate entries: the list is the message, the user picks one.
struct ambiguous_entry : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Throws repro_input_error naming what is wrong when not exactly one input is given, or an entry is chosen
// without a HAR.
void check_one_input(const capture_source& source);

// The captured request; `token` is the replay's credential (a scenario step may send it). Throws
// repro_input_error, ambiguous_entry, or json::document_error (file:line) for a bad input.
captured_request read_capture(const capture_source& source, const contract::operation& operation,
                              const contract::profile& profile, const std::string& token);

} // namespace harness::repro
