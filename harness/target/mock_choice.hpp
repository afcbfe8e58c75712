#pragma once
// When a run may go to the built-in mock: only when nothing names a gateway. An empty --target (an unset CI
// variable), an identity flag (a project, a conversation, a token, a store) or a target file without a URL
// means a gateway was meant, and running the mock instead would make a CI job green forever.

#include "target_spec.hpp"

#include <optional>
#include <string>

namespace harness::target {

// Why `description` may not run against the built-in mock (naming what is missing and what was given), or
// nullopt when it may: no URL, and only flags that shape the transport (--http, timeouts).
std::optional<std::string> builtin_mock_refusal(const target_description& description,
                                                const std::string& target_file);

} // namespace harness::target
