#pragma once
// Durations as the readers' reports (HTML, Markdown) write them: with the micro sign. Results, the console
// and every message keep ASCII "us" (harness/result/time_text.hpp), which a terminal or a grep in a CI log
// reads.

#include <string>
#include <string_view>

namespace harness::reports {

// Every duration in the text written with the micro sign: "850us" -> "850µs", "p99<1us" -> "p99<1µs"; a
// word that only ends in "us" ("status", "bonus") is left alone.
std::string micro_sign(std::string_view text);

} // namespace harness::reports
