#pragma once
// The rows every writer shows for a mixed load (load --mix): each request kind with its oracle's status, how
// many were sent, held it and broke it, its own p50 and p99, and what broke first. Computed once here so the
// console, Markdown and HTML say the same.

#include "harness/result/load_result.hpp"

#include <string>
#include <vector>

namespace harness::reports {

struct kind_row {
    std::string kind;
    int expected_status = 0;
    std::uint64_t sent = 0, held = 0, broke = 0;
    std::string p50, p99;
    std::string problem; // "" when every request held the oracle
};

std::vector<kind_row> kind_rows(const result::load_result& r);

} // namespace harness::reports
