#include "coverage_writer.hpp"

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

} // namespace

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
    // Items not covered, grouped by why: a few are listed by name, a long group (suites left out) is counted.
    std::vector<std::pair<std::string, std::vector<std::string>>> groups;
    for (const result::coverage_entry& e : r.coverage) {
        if (e.covered) {
            continue;
        }
        auto it =
            std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == e.why_not; });
        if (it == groups.end()) {
            groups.emplace_back(e.why_not, std::vector<std::string>{});
            it = groups.end() - 1;
        }
        it->second.push_back(e.id);
    }
    for (const auto& [why, ids] : groups) {
        if (ids.size() <= 4) {
            for (const std::string& id : ids) {
                out << "  not covered  " << id << ": " << why << "\n";
            }
        } else {
            out << "  not covered  " << ids.size() << " items (" << ids.front() << ", " << ids[1]
                << ", …): " << why << "\n";
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
    out << "\n| item | covered | why not |\n|---|---|---|\n";
    for (const result::coverage_entry& e : r.coverage) {
        out << "| " << markdown_cell(e.id) << " | " << (e.covered ? "✅" : "❌") << " | "
            << markdown_cell(e.why_not) << " |\n";
    }
}

} // namespace harness::reports
