#pragma once
// Inline SVG charts written here (no JavaScript, no external files): line charts with linear or "HDR"
// percentile axes, and bar charts. Each series is drawn as a <path>, so a page can be checked for drawn data.

#include <string>
#include <utility>
#include <vector>

namespace harness::reports {

struct chart_series {
    std::string name;
    std::string color;                             // CSS color
    std::vector<std::pair<double, double>> points; // (x, y)
};

struct chart_axes {
    std::string title;
    std::string x_label;
    std::string y_label;
    // x ticks as (value, label); empty: five evenly spaced numeric ticks
    std::vector<std::pair<double, std::string>> x_ticks;
    // x ranges [from, to) drawn as red bands behind the lines, labelled `marked_label` in the legend (the
    // seconds in which the contract broke)
    std::vector<std::pair<double, double>> marked;
    std::string marked_label;
};

std::string line_chart(const chart_axes& axes, const std::vector<chart_series>& series,
                       const std::string& id);

struct bar {
    std::string label;
    double value = 0;
    std::string color;
};

std::string bar_chart(const std::string& title, const std::vector<bar>& bars, const std::string& id);

} // namespace harness::reports
