#pragma once
// Durations as every report a person reads writes them (HTML, Markdown and the console: verify, load, its
// progress line, report compare, repro): with the micro sign, as the SI writes it. Results (JSON) and
// messages (errors, check findings) keep ASCII "us" (harness/result/time_text.hpp); thresholds accept both.

#include <string>
#include <string_view>

namespace harness::reports {

// Every duration in the text written with the micro sign: "850us" -> "850µs", "p99<1us" -> "p99<1µs"; a
// word that only ends in "us" ("status", "bonus") is left alone.
std::string micro_sign(std::string_view text);

// A duration in microseconds as those reports write it: "850µs", "12.345ms", "1.500s".
std::string duration_text(double microseconds);

// `text` right-aligned in a console column `width` characters wide, counting characters as a terminal shows
// them: printf's "%14s" counts bytes, and "µ" (two bytes) would stand one column left of its neighbours.
std::string right_aligned(std::string_view text, std::size_t width);

} // namespace harness::reports
