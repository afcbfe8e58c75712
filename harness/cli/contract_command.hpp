#pragma once
// `harness contract show` and `harness contract check`: print the operation model, and check a contract
// document (and optionally a profile) for errors, unenforced keywords and examples that break their schemas.

#include <iosfwd>
#include <string>

namespace harness::cli {

struct contract_show_options {
    std::string contract_path; // empty: the built-in contract
};

struct contract_check_options {
    std::string contract_path; // required
    std::string profile_path;  // optional
    bool strict = false;       // warnings fail the check too
};

int run_contract_show(const contract_show_options& options, std::ostream& out, std::ostream& err);
int run_contract_check(const contract_check_options& options, std::ostream& out, std::ostream& err);

} // namespace harness::cli
