#pragma once
// The explanation `harness repro` prints (and keeps as explain.txt in the bundle): what was captured and
// sent, each reply with its timings and, in words, every contract rule it breaks; replies alike are folded
// into one line; then how the replies differ, and the verdict.

#include "harness/repro/captured_request.hpp"
#include "harness/repro/replay.hpp"
#include "harness/repro/replay_findings.hpp"

#include <iosfwd>

namespace harness::reports {

// The bundle's summary.md: the verdict, what was expected, how the replies differ, one row per reply with its
// verdict in words, then the contract checks as verify's Markdown shows them.
void write_repro_markdown(const repro::captured_request& captured, const repro::replay_request& sent,
                          const repro::replay_findings& findings, std::ostream& out);

// Everything passed in is already redacted.
void write_repro_explanation(const repro::captured_request& captured, const repro::replay_request& sent,
                             const repro::replay_findings& findings, int concurrency, std::ostream& out);

} // namespace harness::reports
