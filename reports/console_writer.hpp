#pragma once
// The console summary of a verify run: one line per case, every failure with check, expected vs actual, the
// rule and the redacted request; totals last.

#include "harness/result/verify_result.hpp"

#include <iosfwd>

namespace harness::reports {

void write_console(const result::verify_result& result, std::ostream& out);

// The same in parts, for a run that prints each case as it ends (verify flushes them, so a CI log shows
// progress even when the job is killed): the header, one case (with its suite's name when it differs from the
// previous case's), the totals. A failure shows the request and the server's reply, trimmed.
void write_console_header(const result::verify_result& result, std::ostream& out);
// `base_url`: where the requests went (the result's base_url), for the full URL and curl command of a
// failure.
void write_console_case(const result::case_outcome& c, const std::string& previous_suite, std::ostream& out,
                        const std::string& base_url = "");
void write_console_totals(const result::verify_result& result, std::ostream& out);
// verify --under-load: what the background load did.
void write_console_under_load(const result::verify_result& result, std::ostream& out);

} // namespace harness::reports
