#include "refusal_hint.hpp"

#include <set>

namespace harness::verify {

namespace {

// Only refusals of requests that expected a success point at the flags.
bool refused_a_success(const checks::check_outcome& check) {
    return check.status == checks::check_status::failed && check.check == "status" &&
           check.expected.starts_with('2') &&
           (check.actual == "401" || check.actual == "403" || check.actual == "404");
}

const char* flags_for(int status) {
    return status == 401   ? "--token-env (is the token valid for this gateway?)"
           : status == 403 ? "--token-env and --project (does the token's caller have this project?)"
                           : "--project and --conversation (do they exist on this gateway?), and the "
                             "--target base path";
}

} // namespace

std::optional<std::string> same_refusal_hint(const result::verify_result& run) {
    std::set<int> statuses;
    int failed = 0;
    for (const auto& c : run.cases) {
        if (c.status != result::case_status::failed) {
            continue;
        }
        ++failed;
        for (const auto& check : c.checks) {
            if (refused_a_success(check)) {
                statuses.insert(std::stoi(check.actual));
            }
        }
    }
    if (failed < 2 || statuses.size() != 1) {
        return std::nullopt;
    }
    const int status = *statuses.begin();
    return "the failing cases got " + std::to_string(status) + " — check " + flags_for(status);
}

} // namespace harness::verify
