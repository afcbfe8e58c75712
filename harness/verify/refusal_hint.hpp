#pragma once
// When every failing case of a verify run got the same refusal (401, 403 or 404) to a request that expected a
// success, the flags are the likely cause, not the target: the hint names the flags to check.

#include "harness/result/verify_result.hpp"

#include <optional>
#include <string>

namespace harness::verify {

std::optional<std::string> same_refusal_hint(const result::verify_result& run);

} // namespace harness::verify
