#pragma once
// The words every writer uses for a load run's findings (issue 25 row 7): each rule the replies broke, with
// its count and sample reply, and the store's tally, a finding of its own (the threshold metric `stored`).
// Worded once here so the console, Markdown, HTML and JUnit say the same.

#include "harness/result/load_result.hpp"
#include "svg_chart.hpp"

#include <string>
#include <string_view>

namespace harness::reports {

// "schema: 3 replies broke it" (one reply: "1 reply broke it").
std::string violation_headline(const result::rule_violation& v);
// "status 200: /data/messageUuid: required property missing".
std::string violation_sample(const result::rule_violation& v);
// A body on one line: line breaks and tabs as spaces, other control characters left out.
std::string one_line(std::string_view text);

// "990 messages in the conversation during the run; 985 accepted sends store one each (+ up to 6
// unanswered)".
std::string store_summary(const result::load_result::store_tally& s);
// What a tally that does not hold means ("" when it holds): more messages than accepted, or fewer.
std::string store_problem(const result::load_result::store_tally& s);

// The timeline's seconds that had failures, a band per class in each (its words and colour): what the chart
// of latency over time marks, so a reset reads as a reset and a reply that broke a rule as that.
std::vector<marked_band> class_bands(const result::load_result& r);

} // namespace harness::reports
