#include "rule_violation.hpp"

#include <algorithm>

namespace harness::result {

void merge_violations(std::vector<rule_violation>& into, const std::vector<rule_violation>& from) {
    for (const rule_violation& v : from) {
        auto it = std::find_if(into.begin(), into.end(),
                               [&v](const rule_violation& x) { return x.rule == v.rule; });
        if (it == into.end()) {
            into.push_back(v);
        } else {
            it->count += v.count;
            if (it->rule_text.empty()) {
                it->rule_text = v.rule_text;
            }
        }
    }
    std::stable_sort(into.begin(), into.end(), [](const rule_violation& a, const rule_violation& b) {
        return a.count != b.count ? a.count > b.count : a.rule < b.rule;
    });
}

} // namespace harness::result
