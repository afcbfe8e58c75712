#include "failure_groups.hpp"

namespace harness::reports {

namespace {

bool same_failure(const checks::check_outcome& a, const checks::check_outcome& b) {
    return a.check == b.check && a.expected == b.expected && a.actual == b.actual && a.rule == b.rule;
}

} // namespace

std::vector<failure_group> failed_check_groups(const result::case_outcome& c) {
    std::vector<failure_group> groups;
    for (const checks::check_outcome& check : c.checks) {
        if (check.status != checks::check_status::failed) {
            continue;
        }
        bool grouped = false;
        for (failure_group& g : groups) {
            if (same_failure(*g.first, check)) {
                ++g.count;
                grouped = true;
                break;
            }
        }
        if (!grouped) {
            groups.push_back({&check, 1});
        }
    }
    return groups;
}

} // namespace harness::reports
