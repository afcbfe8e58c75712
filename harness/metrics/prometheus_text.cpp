#include "prometheus_text.hpp"

#include <cstdio>

namespace harness::metrics {

namespace {

std::string_view type_name(prometheus_text::metric_type type) {
    switch (type) {
    case prometheus_text::metric_type::counter:
        return "counter";
    case prometheus_text::metric_type::gauge:
        return "gauge";
    case prometheus_text::metric_type::histogram:
        return "histogram";
    }
    return "untyped";
}

} // namespace

// The format's escapes: a backslash and a line feed in HELP and label values, a double quote in label values
// only (a HELP line is not quoted).
void prometheus_text::append_escaped(std::string_view text, bool quotes) {
    for (const char c : text) {
        if (c == '\\') {
            text_ += "\\\\";
        } else if (c == '\n') {
            text_ += "\\n";
        } else if (c == '"' && quotes) {
            text_ += "\\\"";
        } else {
            text_ += c;
        }
    }
}

prometheus_text& prometheus_text::family(std::string_view name, metric_type type, std::string_view help) {
    text_ += "# HELP ";
    text_ += name;
    text_ += ' ';
    append_escaped(help, false);
    text_ += "\n# TYPE ";
    text_ += name;
    text_ += ' ';
    text_ += type_name(type);
    text_ += '\n';
    return *this;
}

prometheus_text& prometheus_text::sample(std::string_view name, std::uint64_t value) {
    text_ += name;
    text_ += ' ';
    text_ += std::to_string(value);
    text_ += '\n';
    return *this;
}

prometheus_text& prometheus_text::sample(std::string_view name, std::string_view label,
                                         std::string_view label_value, std::uint64_t value) {
    text_ += name;
    text_ += '{';
    text_ += label;
    text_ += "=\"";
    append_escaped(label_value, true);
    text_ += "\"} ";
    text_ += std::to_string(value);
    text_ += '\n';
    return *this;
}

prometheus_text& prometheus_text::histogram(std::string_view name, std::string_view help,
                                            std::span<const double> bounds,
                                            std::span<const std::uint64_t> counts, double sum_seconds,
                                            int sum_decimals) {
    family(name, metric_type::histogram, help);
    const std::string bucket = std::string(name) + "_bucket";
    std::uint64_t cumulative = 0;
    char number[64];
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        cumulative += i < counts.size() ? counts[i] : 0;
        std::snprintf(number, sizeof number, "%g", bounds[i]);
        sample(bucket, "le", number, cumulative);
    }
    for (std::size_t i = bounds.size(); i < counts.size(); ++i) {
        cumulative += counts[i];
    }
    sample(bucket, "le", "+Inf", cumulative);
    std::snprintf(number, sizeof number, "%.*f", sum_decimals, sum_seconds);
    text_ += name;
    text_ += "_sum ";
    text_ += number;
    text_ += '\n';
    return sample(std::string(name) + "_count", cumulative);
}

} // namespace harness::metrics
