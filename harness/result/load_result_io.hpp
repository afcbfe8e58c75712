#pragma once
// A `harness.load` result as JSON and back (for merge and compare), and merging several runs or shards into
// one: histograms merged exactly, counts summed, the timeline aligned by wall-clock second. Written in
// load_result_writer.cpp, read in load_result_reader.cpp, merged in load_result_merge.cpp.

#include "load_result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace harness::result {

// The result as JSON text (format "harness.load", version 1).
std::string to_json(const load_result& result);

// Throws json::document_error (a std::invalid_argument) naming the file, line and JSON pointer of what is
// wrong. Members later versions added read as their defaults when absent, so older results still read.
load_result read_load_result(const std::string& file);
// The same from text already read; `name` names it in errors.
load_result parse_load_result(std::string_view text, const std::string& name);

// `results` must be non-empty. Requested and achieved rates add up; the measured window is the longest.
load_result merge_load_results(const std::vector<load_result>& results);

} // namespace harness::result
