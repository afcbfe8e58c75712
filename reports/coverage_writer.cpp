#include "coverage_writer.hpp"

#include "harness/contract/rule_catalogue.hpp"

#include <algorithm>
#include <cstdio>

namespace harness::reports {

namespace {

std::string percent_text(double percent) {
    char text[16];
    std::snprintf(text, sizeof text, "%.1f%%", percent);
    return text;
}

std::string markdown_cell(std::string text) {
    std::string out;
    for (char c : text) {
        out += c == '|' ? std::string("\\|") : c == '\n' ? std::string(" ") : std::string(1, c);
    }
    return out;
}

// The text after "uncovered: " of a rule no check observes.
std::string_view without_uncovered(std::string_view why) {
    constexpr std::string_view prefix = "uncovered: ";
    return why.starts_with(prefix) ? why.substr(prefix.size()) : why;
}

} // namespace

bool uncheckable(const result::coverage_entry& e) {
    return e.area == "rule" && e.checks.empty();
}

std::string rule_checks_text(const result::coverage_entry& e) {
    if (e.area != "rule") {
        return "";
    }
    if (e.checks.empty()) {
        return std::string(without_uncovered(contract::no_check_covers_it));
    }
    // Checks run in one case ("status in failure forbidden", "error_code in failure forbidden") share its
    // name.
    std::vector<std::pair<std::string, std::string>> groups; // the case, the names
    for (const std::string& check : e.checks) {
        const std::size_t in = check.find(" in ");
        const std::string in_case = in == std::string::npos ? "" : check.substr(in);
        if (groups.empty() || groups.back().first != in_case) {
            groups.emplace_back(in_case, "");
        }
        groups.back().second += (groups.back().second.empty() ? "" : ", ") + check.substr(0, in);
    }
    std::string text;
    for (const auto& [in_case, names] : groups) {
        text += (text.empty() ? "" : "; ") + names + in_case;
    }
    return text;
}

std::string coverage_headline(const result::verify_result& r) {
    const auto t = r.count_coverage();
    return "coverage " + std::to_string(t.covered) + " of " + std::to_string(t.items) + " items (" +
           percent_text(t.percent()) +
           "); derivable by requests alone: " + std::to_string(t.derivable_covered) + " of " +
           std::to_string(t.derivable) + " (" + percent_text(t.derivable_percent()) + ")";
}

std::vector<area_count> coverage_by_area(const result::verify_result& r) {
    std::vector<area_count> areas;
    for (const result::coverage_entry& e : r.coverage) {
        auto it =
            std::find_if(areas.begin(), areas.end(), [&](const area_count& a) { return a.area == e.area; });
        if (it == areas.end()) {
            areas.push_back({e.area, 0, 0});
            it = areas.end() - 1;
        }
        ++it->items;
        it->covered += e.covered ? 1 : 0;
    }
    return areas;
}

void write_console_coverage(const result::verify_result& r, std::ostream& out) {
    if (r.coverage.empty()) {
        return;
    }
    out << "\n" << coverage_headline(r) << "\n";
    std::string areas;
    for (const area_count& a : coverage_by_area(r)) {
        areas += (areas.empty() ? "  " : "   ") + a.area + " " + std::to_string(a.covered) + "/" +
                 std::to_string(a.items);
    }
    out << areas << "\n";
    // Items not covered, grouped by why: a few are listed by name (a rule with its checks), a long group
    // (suites left out) is counted. The rules no check observes come last, apart.
    std::vector<std::pair<std::string, std::vector<const result::coverage_entry*>>> groups;
    for (const result::coverage_entry& e : r.coverage) {
        if (e.covered || uncheckable(e)) {
            continue;
        }
        auto it =
            std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == e.why_not; });
        if (it == groups.end()) {
            groups.emplace_back(e.why_not, std::vector<const result::coverage_entry*>{});
            it = groups.end() - 1;
        }
        it->second.push_back(&e);
    }
    for (const auto& [why, entries] : groups) {
        if (entries.size() <= 4) {
            for (const result::coverage_entry* e : entries) {
                const std::string checks = rule_checks_text(*e);
                out << "  not covered  " << e->id << (checks.empty() ? "" : " (" + checks + ")") << ": "
                    << why << "\n";
            }
        } else {
            out << "  not covered  " << entries.size() << " items (" << entries[0]->id << ", "
                << entries[1]->id << ", …): " << why << "\n";
        }
    }
    for (const result::coverage_entry& e : r.coverage) {
        if (!e.covered && uncheckable(e)) {
            out << "  uncovered    " << e.id << ": " << without_uncovered(e.why_not) << "\n";
        }
    }
}

void write_markdown_coverage(const result::verify_result& r, std::ostream& out) {
    if (r.coverage.empty()) {
        return;
    }
    out << "\n### Coverage\n\n"
        << coverage_headline(r) << "\n\n| area | covered | items |\n|---|---:|---:|\n";
    for (const area_count& a : coverage_by_area(r)) {
        out << "| " << a.area << " | " << a.covered << " | " << a.items << " |\n";
    }
    out << "\n| item | covered | checks (rules) | why not |\n|---|---|---|---|\n";
    for (const result::coverage_entry& e : r.coverage) {
        out << "| " << markdown_cell(e.id) << " | " << (e.covered ? "✅" : "❌") << " | "
            << markdown_cell(rule_checks_text(e)) << " | " << markdown_cell(e.why_not) << " |\n";
    }
}

} // namespace harness::reports
