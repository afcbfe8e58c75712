#pragma once
// Prometheus text exposition (format version 0.0.4), built one metric family at a time: its HELP and TYPE
// lines, then its samples. The one builder behind every /metrics the harness serves (load --metrics-addr and
// the mock's), so both escape label values and write histograms the same way. Scrapes are not a hot path:
// the text is a plain std::string.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace harness::metrics {

class prometheus_text {
public:
    enum class metric_type { counter, gauge, histogram };

    // What the text is served as.
    static constexpr std::string_view content_type = "text/plain; version=0.0.4; charset=utf-8";

    // Starts a family: "# HELP name help" (backslashes and line feeds escaped) and "# TYPE name type".
    prometheus_text& family(std::string_view name, metric_type type, std::string_view help);
    // One sample: "name value".
    prometheus_text& sample(std::string_view name, std::uint64_t value);
    // One sample with one label: name{label="label_value"} value, the label value escaped.
    prometheus_text& sample(std::string_view name, std::string_view label, std::string_view label_value,
                            std::uint64_t value);
    // A whole histogram family: HELP and TYPE, a cumulative name_bucket per bound (written as printf's %g)
    // and le="+Inf", name_sum in seconds with `sum_decimals` digits after the point, name_count. `counts`
    // holds one count per bound (observations up to it, above the previous one) and one above the last.
    prometheus_text& histogram(std::string_view name, std::string_view help, std::span<const double> bounds,
                               std::span<const std::uint64_t> counts, double sum_seconds, int sum_decimals);

    const std::string& text() const noexcept { return text_; }
    std::string take() noexcept { return std::move(text_); }

private:
    void append_escaped(std::string_view text, bool quotes);

    std::string text_;
};

} // namespace harness::metrics
