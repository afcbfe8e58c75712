#pragma once
// `harness load`: drive the endpoint at a fixed arrival rate (or closed loop), report percentiles, write JSON
// and .hlog, judge thresholds. Exit 0 when every threshold holds, 1 when one fails, 2 for usage or setup
// errors.

#include "harness/load/plan_builder.hpp"
#include "harness/target/target_spec.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace harness::cli {

struct load_options {
    harness::target::target_description target;
    std::string target_file;
    harness::load::plan_request plan; // rate or stages or closed loop, duration, warmup, shard, …
    std::vector<std::string> thresholds;
    std::string json_file; // "" : not written (the console summary only)
    std::string hlog_file;
    std::string report_dir; // every format at once: load.json, .hlog, .junit.xml, .md, .html
    std::string contract_path;
    std::string profile_path;
    std::vector<std::string> mock_faults;
    bool progress = true;
    double progress_interval = 0; // 0: 1 s on a terminal, 5 s otherwise
    bool default_thresholds =
        true;                  // without --threshold: errors<=1% and violations==0 (--no-default-thresholds)
    std::string metrics_addr;  // HOST:PORT to serve Prometheus /metrics while running
    long long start_at_ms = 0; // epoch ms to start at, so shards start together
};

int run_load_command(const load_options& options, std::ostream& out, std::ostream& err);

} // namespace harness::cli
