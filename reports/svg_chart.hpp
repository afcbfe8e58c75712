#pragma once
// Inline SVG charts written here (no JavaScript, no external files): line charts with linear or "HDR"
// percentile axes, and bar charts. Each series is drawn as a <path>, so a page can be checked for drawn data.
// Ticks fall on round values (1, 2 or 5 times a power of ten); a y range spanning two decades or more is
// drawn on a log axis, so a start-up spike does not flatten the rest; thresholds are drawn as labelled lines.

#include <string>
#include <utility>
#include <vector>

namespace harness::reports {

struct chart_series {
    std::string name;
    std::string color;                             // CSS color
    std::vector<std::pair<double, double>> points; // (x, y)
    bool dashed = false; // drawn dashed, so a series lying on another one stays visible
};

// A horizontal line at a y value (a threshold the chart's data is judged by).
struct reference_line {
    double y = 0;
    std::string label; // e.g. "threshold p99<50ms"
    std::string color;
};

// A class of finding over an x range [from, to) (a second of a load run), drawn as a band of its colour
// behind the lines; bands over the same range share its height, a strip each, so a second that had two
// classes shows both. Each label has one legend entry.
struct marked_band {
    double from = 0, to = 0;
    std::string label; // the legend's words, e.g. "reset", "another status"
    std::string color; // CSS color
    std::string title; // the band's tooltip, e.g. "second 4: 3 reset"
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
    std::vector<reference_line> lines;
    // Never a log axis (a rate: a drop to nothing must look like one).
    bool linear_only = false;
    // Bands by class (see marked_band), drawn like `marked` but each in its own colour and words.
    std::vector<marked_band> bands{};
};

// Round tick values covering [low, high] (about `count` of them): 1, 2 or 5 times a power of ten apart.
std::vector<double> round_ticks(double low, double high, int count);

std::string line_chart(const chart_axes& axes, const std::vector<chart_series>& series,
                       const std::string& id);

struct bar {
    std::string label;
    double value = 0;
    std::string color;
};

std::string bar_chart(const std::string& title, const std::vector<bar>& bars, const std::string& id);

} // namespace harness::reports
