#pragma once
// Which harness made a run: the version of CMake's project() and the git commit it was built from (a
// generated source, refreshed on every build; "unknown" when built outside a git checkout). `harness
// --version` prints it and every result carries it, so a report read later says which build judged the
// target.

#include <string>
#include <string_view>

namespace harness::result {

std::string_view harness_version();
std::string_view harness_commit();

// "0.1.0 (commit 1a2b3c4d5e6f)": the one wording of both, in --version, the JSON and the report headers.
inline std::string harness_build_text() {
    return std::string(harness_version()) + " (commit " + std::string(harness_commit()) + ")";
}

} // namespace harness::result
