#include "coverage_tally.hpp"

#include "harness/contract/rule_catalogue.hpp"

#include <map>
#include <set>

namespace harness::result {

namespace {

// What the cases that ran exercised: the items they name, the checks that ran (each also as "CHECK in ITEM"
// for every item its case names: a rule of one failure kind speaks through "status" only in that kind's
// cases), the statuses that arrived.
std::set<std::string> observed(const verify_result& run) {
    std::set<std::string> seen;
    for (const case_outcome& c : run.cases) {
        if (c.status == case_status::skipped) {
            continue;
        }
        seen.insert(c.covers.begin(), c.covers.end());
        for (const checks::check_outcome& check : c.checks) {
            if (check.status == checks::check_status::skipped) {
                continue;
            }
            seen.insert(check.check);
            for (const std::string& item : c.covers) {
                seen.insert(check.check + " in " + item);
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

// The message of the first skipped check of each name, in the cases that ran ("stored": not counted, and
// why).
std::map<std::string, std::string> skipped_checks(const verify_result& run) {
    std::map<std::string, std::string> reasons;
    for (const case_outcome& c : run.cases) {
        if (c.status == case_status::skipped) {
            continue;
        }
        for (const checks::check_outcome& check : c.checks) {
            if (check.status == checks::check_status::skipped) {
                reasons.emplace(check.check, check.message);
            }
        }
    }
    return reasons;
}

// Whether a check named by `pattern` ran (contract::evidence_matches: "field_errors:*" stands for any field).
bool seen_any(const std::set<std::string>& seen, const std::string& pattern) {
    if (!pattern.ends_with('*')) {
        return seen.contains(pattern);
    }
    const auto from = seen.lower_bound(pattern.substr(0, pattern.size() - 1));
    return from != seen.end() && contract::evidence_matches(pattern, *from);
}

bool given_input(contract::coverage_input input, const coverage_inputs& given) {
    return (input == contract::coverage_input::failing_conversation && given.failing_conversation) ||
           (input == contract::coverage_input::store_oracle && given.store_oracle);
}

// Why an item the run did not cover was not: its case's skip reason, what it needs (unless the run gave it),
// the skip reason of a check that observes it, or that no case exercised it.
std::string why_not(const contract::coverage_item& item,
                    const std::map<std::string, std::string>& skipped_cases,
                    const std::map<std::string, std::string>& skipped_checks, const coverage_inputs& given) {
    if (const auto reason = skipped_cases.find(item.id); reason != skipped_cases.end()) {
        return reason->second;
    }
    if (!item.needs.empty() && !given_input(item.input, given)) {
        return item.needs;
    }
    for (const std::string& evidence : item.evidence) {
        if (const auto reason = skipped_checks.find(evidence); reason != skipped_checks.end()) {
            return reason->second;
        }
    }
    return "no case of the suites run exercises it (without --suite, verify runs them all)";
}

} // namespace

std::vector<coverage_entry> tally_coverage(const std::vector<contract::coverage_item>& model,
                                           const verify_result& run, const coverage_inputs& given) {
    const std::set<std::string> seen = observed(run);
    const std::map<std::string, std::string> skipped = skip_reasons(run);
    const std::map<std::string, std::string> checks_skipped = skipped_checks(run);
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
            entry.covered = entry.covered || seen_any(seen, evidence);
        }
        if (item.area == contract::coverage_area::rule) {
            entry.checks = item.evidence;
        }
        if (!entry.covered) {
            entry.why_not = why_not(item, skipped, checks_skipped, given);
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

} // namespace harness::result
