#pragma once
// Check outcomes and schema violations in words a support engineer can paste into a ticket:
// "error.errorId is missing; FailureEnvelope requires it".

#include "harness/checks/check_outcome.hpp"
#include "harness/contract/operation.hpp"
#include "harness/contract/violation.hpp"
#include "harness/http/exchange.hpp"

#include <string>
#include <vector>

namespace harness::repro {

// "/error/errorId" -> "error.errorId"; "/items/0" -> "items[0]"; "" -> "the body".
std::string dotted_path(const std::string& pointer);

std::string describe_violation(const contract::violation& v, const std::string& schema_name);

// One sentence per way the reply breaks the contract, each ending in the rule it breaks. Schema failures are
// re-validated to name every violation; `exchange` is the reply the check is about.
std::vector<std::string> describe_failed_checks(const checks::check_outcomes& outcomes, int exchange_index,
                                                const contract::operation& operation,
                                                const http::exchange& exchange);

} // namespace harness::repro
