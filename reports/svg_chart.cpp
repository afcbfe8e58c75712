#include "svg_chart.hpp"

#include "markup_escape.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace harness::reports {

namespace {

constexpr double width = 720;
constexpr double height = 300;
constexpr double left = 70;
constexpr double right = 20;
constexpr double top = 36;
constexpr double bottom = 50;

std::string escape(std::string_view text) {
    return escape_markup(text);
}

std::string num(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", v);
    return text;
}

std::string tick_label(double v) {
    char text[32];
    if (std::abs(v) >= 1000) {
        std::snprintf(text, sizeof text, "%.0f", v);
    } else if (std::abs(v) >= 10) {
        std::snprintf(text, sizeof text, "%.1f", v);
    } else {
        std::snprintf(text, sizeof text, "%.3g", v);
    }
    return text;
}

} // namespace

std::string line_chart(const chart_axes& axes, const std::vector<chart_series>& series,
                       const std::string& id) {
    double x_min = 0, x_max = 1, y_max = 0;
    bool first = true;
    for (const auto& s : series) {
        for (const auto& [x, y] : s.points) {
            x_min = first ? x : std::min(x_min, x);
            x_max = first ? x : std::max(x_max, x);
            y_max = std::max(y_max, y);
            first = false;
        }
    }
    if (x_max <= x_min) {
        x_max = x_min + 1;
    }
    y_max = y_max <= 0 ? 1 : y_max * 1.08;
    const double plot_w = width - left - right;
    const double plot_h = height - top - bottom;
    auto sx = [&](double x) {
        return left + (x - x_min) / (x_max - x_min) * plot_w;
    };
    auto sy = [&](double y) {
        return top + plot_h - y / y_max * plot_h;
    };
    std::string svg = "<svg id=\"" + escape(id) +
                      "\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(width) +
                      " " + num(height) + "\" role=\"img\" aria-label=\"" + escape(axes.title) + "\">";
    svg += "<text x=\"" + num(left) + "\" y=\"20\" class=\"title\">" + escape(axes.title) + "</text>";
    // Grid and y ticks.
    for (int i = 0; i <= 4; ++i) {
        const double y = y_max * i / 4.0;
        svg += "<line x1=\"" + num(left) + "\" x2=\"" + num(width - right) + "\" y1=\"" + num(sy(y)) +
               "\" y2=\"" + num(sy(y)) + "\" class=\"grid\"/>";
        svg += "<text x=\"" + num(left - 6) + "\" y=\"" + num(sy(y) + 4) +
               "\" class=\"tick\" text-anchor=\"end\">" + tick_label(y) + "</text>";
    }
    std::vector<std::pair<double, std::string>> x_ticks = axes.x_ticks;
    if (x_ticks.empty()) {
        for (int i = 0; i <= 4; ++i) {
            const double x = x_min + (x_max - x_min) * i / 4.0;
            x_ticks.emplace_back(x, tick_label(x));
        }
    }
    for (const auto& [x, label] : x_ticks) {
        if (x < x_min || x > x_max) {
            continue;
        }
        svg += "<text x=\"" + num(sx(x)) + "\" y=\"" + num(height - bottom + 16) +
               "\" class=\"tick\" text-anchor=\"middle\">" + escape(label) + "</text>";
    }
    svg += "<line x1=\"" + num(left) + "\" x2=\"" + num(width - right) + "\" y1=\"" + num(top + plot_h) +
           "\" y2=\"" + num(top + plot_h) + "\" class=\"axis\"/>";
    svg += "<text x=\"" + num(left + plot_w / 2) + "\" y=\"" + num(height - 10) +
           "\" class=\"label\" text-anchor=\"middle\">" + escape(axes.x_label) + "</text>";
    svg += "<text x=\"14\" y=\"" + num(top + plot_h / 2) + "\" class=\"label\" transform=\"rotate(-90 14 " +
           num(top + plot_h / 2) + ")\" text-anchor=\"middle\">" + escape(axes.y_label) + "</text>";
    double legend_x = left + 260;
    for (const auto& [from, to] : axes.marked) {
        const double x0 = std::clamp(sx(from), left, left + plot_w);
        const double x1 = std::clamp(sx(to), left, left + plot_w);
        svg += "<rect class=\"marked\" x=\"" + num(x0) + "\" y=\"" + num(top) + "\" width=\"" +
               num(std::max(1.5, x1 - x0)) + "\" height=\"" + num(plot_h) +
               "\" fill=\"#cf222e\" fill-opacity=\"0.18\"><title>" + escape(axes.marked_label) +
               "</title></rect>";
    }
    if (!axes.marked.empty()) {
        svg += "<rect x=\"" + num(legend_x) +
               "\" y=\"10\" width=\"12\" height=\"8\" fill=\"#cf222e\" "
               "fill-opacity=\"0.3\"/><text x=\"" +
               num(legend_x + 16) + "\" y=\"18\" class=\"tick\">" + escape(axes.marked_label) + "</text>";
        legend_x += 30 + 7.0 * static_cast<double>(axes.marked_label.size());
    }
    for (const auto& s : series) {
        if (s.points.empty()) {
            continue;
        }
        std::string d;
        for (std::size_t i = 0; i < s.points.size(); ++i) {
            d += (i == 0 ? "M" : "L") + num(sx(s.points[i].first)) + " " + num(sy(s.points[i].second));
        }
        svg += "<path d=\"" + d + "\" fill=\"none\" stroke=\"" + escape(s.color) +
               "\" stroke-width=\"2\"><title>" + escape(s.name) + "</title></path>";
        svg += "<rect x=\"" + num(legend_x) + "\" y=\"12\" width=\"12\" height=\"4\" fill=\"" +
               escape(s.color) + "\"/>";
        svg += "<text x=\"" + num(legend_x + 16) + "\" y=\"18\" class=\"tick\">" + escape(s.name) + "</text>";
        legend_x += 30 + 7.0 * static_cast<double>(s.name.size());
    }
    svg += "</svg>";
    return svg;
}

std::string bar_chart(const std::string& title, const std::vector<bar>& bars, const std::string& id) {
    double max = 0;
    for (const auto& b : bars) {
        max = std::max(max, b.value);
    }
    max = max <= 0 ? 1 : max;
    const double row = 26;
    const double h = top + row * static_cast<double>(std::max<std::size_t>(bars.size(), 1)) + 10;
    const double label_w = 130;
    const double plot_w = width - label_w - 90;
    std::string svg = "<svg id=\"" + escape(id) +
                      "\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(width) +
                      " " + num(h) + "\" role=\"img\" aria-label=\"" + escape(title) + "\">";
    svg += "<text x=\"10\" y=\"20\" class=\"title\">" + escape(title) + "</text>";
    double y = top;
    for (const auto& b : bars) {
        const double w = std::max(1.0, b.value / max * plot_w);
        svg += "<text x=\"" + num(label_w - 8) + "\" y=\"" + num(y + 15) +
               "\" class=\"tick\" text-anchor=\"end\">" + escape(b.label) + "</text>";
        // Bars are paths too, so every chart's drawn data can be found the same way.
        svg += "<path d=\"M" + num(label_w) + " " + num(y + 3) + "h" + num(w) + "v16h-" + num(w) +
               "z\" fill=\"" + escape(b.color) + "\"/>";
        char value[32];
        std::snprintf(value, sizeof value, "%.0f", b.value);
        svg += "<text x=\"" + num(label_w + w + 6) + "\" y=\"" + num(y + 15) + "\" class=\"tick\">" + value +
               "</text>";
        y += row;
    }
    svg += "</svg>";
    return svg;
}

} // namespace harness::reports
