#pragma once
// A scenario case as a scenario file (docs/scenarios.md), so a shrunk failing sequence becomes a CI check:
// `harness verify --scenario FILE` fails while the bug is there. Strings are written double-quoted with
// JSON's escapes (YAML reads them the same), so any key or text round-trips.

#include "harness/scenario/scenario.hpp"

#include <string>

namespace harness::explore {

std::string scenario_yaml(const scenario::scenario_case& c, const std::string& suite_name,
                          const std::string& comment);

} // namespace harness::explore
