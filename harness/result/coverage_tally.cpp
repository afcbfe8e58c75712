#include "coverage_tally.hpp"

#include <map>
#include <set>

namespace harness::result {

namespace {

// What the cases that ran exercised: the items they name, the checks that ran, the statuses that arrived.
std::set<std::string> observed(const verify_result& run) {
    std::set<std::string> seen;
    for (const case_outcome& c : run.cases) {
        if (c.status == case_status::skipped) {
            continue;
        }
        seen.insert(c.covers.begin(), c.covers.end());
        for (const checks::check_outcome& check : c.checks) {
            if (check.status != checks::check_status::skipped) {
                seen.insert(check.check);
            }
        }
        for (const http::exchange& e : c.exchanges) {
            if (e.outcome == http::outcome_kind::ok) {
                seen.insert("status:" + std::to_string(e.response.status));
            }
        }
    }
    return seen;
}

// The skip reason of the first skipped case that would have covered each item.
std::map<std::string, std::string> skip_reasons(const verify_result& run) {
    std::map<std::string, std::string> reasons;
    for (const case_outcome& c : run.cases) {
        if (c.status != case_status::skipped) {
            continue;
        }
        for (const std::string& id : c.covers) {
            reasons.emplace(id, c.skip_reason);
        }
    }
    return reasons;
}

} // namespace

std::vector<coverage_entry> tally_coverage(const std::vector<contract::coverage_item>& model,
                                           const verify_result& run) {
    const std::set<std::string> seen = observed(run);
    const std::map<std::string, std::string> skipped = skip_reasons(run);
    std::vector<coverage_entry> entries;
    entries.reserve(model.size());
    for (const contract::coverage_item& item : model) {
        coverage_entry entry;
        entry.id = item.id;
        entry.area = std::string(contract::to_string(item.area));
        entry.description = item.description;
        entry.derivable = item.needs.empty();
        entry.covered = seen.contains(item.id);
        for (const std::string& evidence : item.evidence) {
            entry.covered = entry.covered || seen.contains(evidence);
        }
        if (!entry.covered) {
            const auto reason = skipped.find(item.id);
            entry.why_not =
                reason != skipped.end() ? reason->second
                : !item.needs.empty()
                    ? item.needs
                    : "no case of the suites run exercises it (without --suite, verify runs them all)";
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

} // namespace harness::result
