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
constexpr double top = 44;
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
    std::snprintf(text, sizeof text, "%g", std::abs(v) < 1e-12 ? 0.0 : v);
    return text;
}

// The y axis: linear from 0 to a round top, or log10 between round decades when the data spans two decades or
// more (a start-up spike of 300 ms over a steady 0.3 ms).
struct y_scale {
    bool log = false;
    double low = 0;
    double high = 1;
    std::vector<double> ticks;

    double fraction(double y) const {
        if (log) {
            const double clamped = std::max(y, low);
            return (std::log10(clamped) - std::log10(low)) / (std::log10(high) - std::log10(low));
        }
        return (y - low) / (high - low);
    }
};

y_scale make_y_scale(const std::vector<chart_series>& series, const std::vector<reference_line>& lines,
                     bool linear_only) {
    double smallest_positive = 0;
    double largest = 0;
    auto see = [&](double y) {
        if (y > 0 && (smallest_positive == 0 || y < smallest_positive)) {
            smallest_positive = y;
        }
        largest = std::max(largest, y);
    };
    for (const auto& s : series) {
        for (const auto& point : s.points) {
            see(point.second);
        }
    }
    for (const reference_line& line : lines) {
        see(line.y);
    }
    y_scale scale;
    if (largest <= 0) {
        scale.ticks = round_ticks(0, 1, 4);
        return scale;
    }
    if (!linear_only && smallest_positive > 0 && largest / smallest_positive >= 100) {
        scale.log = true;
        scale.low = std::pow(10.0, std::floor(std::log10(smallest_positive)));
        scale.high = std::pow(10.0, std::ceil(std::log10(largest)));
        for (double decade = scale.low; decade <= scale.high * 1.0001; decade *= 10) {
            scale.ticks.push_back(decade);
        }
        return scale;
    }
    scale.ticks = round_ticks(0, largest, 4);
    scale.high = scale.ticks.back();
    return scale;
}

} // namespace

std::vector<double> round_ticks(double low, double high, int count) {
    if (!(high > low)) {
        high = low + 1;
    }
    const double rough = (high - low) / std::max(1, count);
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    double step = power;
    for (const double factor : {1.0, 2.0, 5.0, 10.0}) {
        step = factor * power;
        if (step >= rough) {
            break;
        }
    }
    std::vector<double> ticks;
    const double first = std::floor(low / step) * step;
    for (double v = first; ticks.empty() || ticks.back() < high - step * 1e-9; v += step) {
        // Computed from the index, not by adding, so 0.1 + 0.2 does not become 0.30000000000000004.
        ticks.push_back(std::round(v / step) * step);
    }
    return ticks;
}

namespace {

// Where a line chart's data lands: the x range of the series, the y scale, and the plot area inside the
// margins.
struct plot_area {
    double x_min = 0;
    double x_max = 1;
    y_scale scale;
    double plot_w = width - left - right;
    double plot_h = height - top - bottom;

    double sx(double x) const { return left + (x - x_min) / (x_max - x_min) * plot_w; }
    double sy(double y) const { return top + plot_h - scale.fraction(y) * plot_h; }
};

plot_area make_plot_area(const chart_axes& axes, const std::vector<chart_series>& series) {
    plot_area area;
    bool first = true;
    for (const auto& s : series) {
        for (const auto& [x, y] : s.points) {
            area.x_min = first ? x : std::min(area.x_min, x);
            area.x_max = first ? x : std::max(area.x_max, x);
            first = false;
        }
    }
    if (area.x_max <= area.x_min) {
        area.x_max = area.x_min + 1;
    }
    area.scale = make_y_scale(series, axes.lines, axes.linear_only);
    return area;
}

// The grid with its y ticks, the x ticks, the x axis and both axis labels.
void draw_axes(const plot_area& area, const chart_axes& axes, std::string& svg) {
    for (const double y : area.scale.ticks) {
        svg += "<line x1=\"" + num(left) + "\" x2=\"" + num(width - right) + "\" y1=\"" + num(area.sy(y)) +
               "\" y2=\"" + num(area.sy(y)) + "\" class=\"grid\"/>";
        svg += "<text x=\"" + num(left - 6) + "\" y=\"" + num(area.sy(y) + 4) +
               "\" class=\"tick y-tick\" text-anchor=\"end\">" + tick_label(y) + "</text>";
    }
    std::vector<std::pair<double, std::string>> x_ticks = axes.x_ticks;
    if (x_ticks.empty()) {
        for (const double x : round_ticks(area.x_min, area.x_max, 5)) {
            x_ticks.emplace_back(x, tick_label(x));
        }
    }
    for (const auto& [x, label] : x_ticks) {
        if (x < area.x_min - 1e-9 || x > area.x_max + 1e-9) {
            continue;
        }
        svg += "<text x=\"" + num(area.sx(x)) + "\" y=\"" + num(height - bottom + 16) +
               "\" class=\"tick x-tick\" text-anchor=\"middle\">" + escape(label) + "</text>";
    }
    const double plot_h = area.plot_h;
    svg += "<line x1=\"" + num(left) + "\" x2=\"" + num(width - right) + "\" y1=\"" + num(top + plot_h) +
           "\" y2=\"" + num(top + plot_h) + "\" class=\"axis\"/>";
    svg += "<text x=\"" + num(left + area.plot_w / 2) + "\" y=\"" + num(height - 10) +
           "\" class=\"label\" text-anchor=\"middle\">" + escape(axes.x_label) + "</text>";
    const std::string y_label = axes.y_label + (area.scale.log ? " (log scale)" : "");
    svg += "<text x=\"14\" y=\"" + num(top + plot_h / 2) + "\" class=\"label\" transform=\"rotate(-90 14 " +
           num(top + plot_h / 2) + ")\" text-anchor=\"middle\">" + escape(y_label) + "</text>";
}

// The legend sits on a row of its own under the title, so it never runs into the title; entries are added
// left to right.
struct legend_row {
    double x = left;
    static constexpr double y = 30;

    void add(const std::string& mark, const std::string& name, std::string& svg) {
        svg += mark + "<text x=\"" + num(x + 18) + "\" y=\"" + num(y + 4) + "\" class=\"tick legend\">" +
               escape(name) + "</text>";
        x += 34 + 6.2 * static_cast<double>(name.size());
    }
};

void draw_marked(const plot_area& area, const chart_axes& axes, legend_row& legend, std::string& svg) {
    for (const auto& [from, to] : axes.marked) {
        const double x0 = std::clamp(area.sx(from), left, left + area.plot_w);
        const double x1 = std::clamp(area.sx(to), left, left + area.plot_w);
        svg += "<rect class=\"marked\" x=\"" + num(x0) + "\" y=\"" + num(top) + "\" width=\"" +
               num(std::max(1.5, x1 - x0)) + "\" height=\"" + num(area.plot_h) +
               "\" fill=\"#cf222e\" fill-opacity=\"0.18\"><title>" + escape(axes.marked_label) +
               "</title></rect>";
    }
    if (!axes.marked.empty()) {
        legend.add("<rect x=\"" + num(legend.x) + "\" y=\"" + num(legend.y - 4) +
                       "\" width=\"14\" height=\"8\" fill=\"#cf222e\" fill-opacity=\"0.3\"/>",
                   axes.marked_label, svg);
    }
}

void draw_bands(const plot_area& area, const chart_axes& axes, legend_row& legend, std::string& svg) {
    std::vector<std::string> labels; // in order of first appearance, one legend entry each
    for (std::size_t i = 0; i < axes.bands.size(); ++i) {
        const marked_band& b = axes.bands[i];
        // The bands over this range before this one, and all of them: this one's strip of the height.
        std::size_t strip = 0, strips = 0;
        for (std::size_t j = 0; j < axes.bands.size(); ++j) {
            if (axes.bands[j].from == b.from && axes.bands[j].to == b.to) {
                strip += j < i ? 1 : 0;
                ++strips;
            }
        }
        const double x0 = std::clamp(area.sx(b.from), left, left + area.plot_w);
        const double x1 = std::clamp(area.sx(b.to), left, left + area.plot_w);
        const double h = area.plot_h / static_cast<double>(strips);
        svg += "<rect class=\"marked\" x=\"" + num(x0) + "\" y=\"" +
               num(top + h * static_cast<double>(strip)) + "\" width=\"" + num(std::max(1.5, x1 - x0)) +
               "\" height=\"" + num(h) + "\" fill=\"" + escape(b.color) + "\" fill-opacity=\"0.22\"><title>" +
               escape(b.title) + "</title></rect>";
        if (std::find(labels.begin(), labels.end(), b.label) == labels.end()) {
            labels.push_back(b.label);
            legend.add("<rect x=\"" + num(legend.x) + "\" y=\"" + num(legend.y - 4) +
                           "\" width=\"14\" height=\"8\" fill=\"" + escape(b.color) +
                           "\" fill-opacity=\"0.35\"/>",
                       b.label, svg);
        }
    }
}

void draw_series(const plot_area& area, const std::vector<chart_series>& series, legend_row& legend,
                 std::string& svg) {
    for (const auto& s : series) {
        if (s.points.empty()) {
            continue;
        }
        std::string d;
        for (std::size_t i = 0; i < s.points.size(); ++i) {
            d += (i == 0 ? "M" : "L") + num(area.sx(s.points[i].first)) + " " +
                 num(area.sy(s.points[i].second));
        }
        const std::string dash = s.dashed ? "\" stroke-dasharray=\"6 4" : "";
        svg += "<path class=\"series\" d=\"" + d + "\" fill=\"none\" stroke=\"" + escape(s.color) +
               "\" stroke-width=\"2" + dash + "\"><title>" + escape(s.name) + "</title></path>";
        legend.add("<line x1=\"" + num(legend.x) + "\" x2=\"" + num(legend.x + 14) + "\" y1=\"" +
                       num(legend.y) + "\" y2=\"" + num(legend.y) + "\" stroke=\"" + escape(s.color) +
                       "\" stroke-width=\"3" + (s.dashed ? "\" stroke-dasharray=\"4 2" : "") + "\"/>",
                   s.name, svg);
    }
}

void draw_reference_lines(const plot_area& area, const chart_axes& axes, std::string& svg) {
    for (const reference_line& line : axes.lines) {
        const double y = area.sy(line.y);
        svg += "<line class=\"threshold\" x1=\"" + num(left) + "\" x2=\"" + num(left + area.plot_w) +
               "\" y1=\"" + num(y) + "\" y2=\"" + num(y) + "\" stroke=\"" + escape(line.color) +
               "\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"><title>" + escape(line.label) +
               "</title></line>";
        svg += "<text x=\"" + num(left + area.plot_w - 4) + "\" y=\"" + num(y - 4) +
               "\" class=\"tick\" text-anchor=\"end\" style=\"fill:" + escape(line.color) + "\">" +
               escape(line.label) + "</text>";
    }
}

} // namespace

std::string line_chart(const chart_axes& axes, const std::vector<chart_series>& series,
                       const std::string& id) {
    const plot_area area = make_plot_area(axes, series);
    std::string svg = "<svg id=\"" + escape(id) + "\" class=\"chart" + (area.scale.log ? " log-y" : "") +
                      "\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(width) + " " +
                      num(height) + "\" role=\"img\" aria-label=\"" + escape(axes.title) + "\">";
    svg += "<text x=\"" + num(left) + "\" y=\"20\" class=\"title\">" + escape(axes.title) + "</text>";
    draw_axes(area, axes, svg);
    legend_row legend;
    draw_marked(area, axes, legend, svg);
    draw_bands(area, axes, legend, svg);
    draw_series(area, series, legend, svg);
    draw_reference_lines(area, axes, svg);
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
