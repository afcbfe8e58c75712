#pragma once
// A run's verdict as the console shows it: "PASSED", "FAILED", "NOT TESTED", "INTERRUPTED".

#include "harness/result/run_verdict.hpp"

#include <string>

namespace harness::reports {

std::string verdict_word(const result::run_verdict& verdict);

} // namespace harness::reports
