// Merging several runs or shards of one run into one result: histograms merged exactly, counts summed, the
// timeline aligned by wall-clock second.
#include "harness/hdr/histogram_codec.hpp"
#include "load_result_io.hpp"
#include "run_judgement.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace harness::result {

namespace {

// One wall-clock second of the merged timeline (relative to the earliest start): summed counts and the
// merged histogram, exact only when every run that had this second kept its histogram.
struct second_slot {
    std::uint64_t requests = 0, errors = 0;
    failure_class_counts classes{};
    double requested_rate = 0;
    hdr::histogram histogram;
    bool exact = true;
};

// Adds one run's seconds, shifted by how much later than the earliest run it started.
void add_seconds(const load_result& r, double start, std::map<std::uint32_t, second_slot>& seconds) {
    const auto offset = static_cast<std::uint32_t>(std::floor(r.start_epoch_seconds - start + 0.5));
    for (const timeline_entry& e : r.timeline) {
        second_slot& slot = seconds[e.second + offset];
        slot.requests += e.requests;
        slot.errors += e.errors;
        for (std::size_t c = 0; c < failure_class_count; ++c) {
            slot.classes[c] += e.classes[c];
        }
        slot.requested_rate += e.requested_rate;
        bool found = false;
        for (const hlog_line& line : r.intervals) {
            if (line.second == e.second) {
                std::string error;
                auto bytes = hdr::base64_decode(line.histogram_base64);
                auto h = bytes ? hdr::decode_compressed(*bytes, error) : std::nullopt;
                if (h) {
                    slot.histogram.add(*h);
                    found = true;
                }
            }
        }
        slot.exact = slot.exact && found;
    }
}

// Shards of one run: which ones are not here.
std::vector<int> missing_shards(const std::vector<load_result>& results, int shard_count) {
    std::vector<int> missing;
    for (int shard = 0; shard_count > 1 && shard < shard_count; ++shard) {
        const bool present = std::any_of(results.begin(), results.end(), [&](const load_result& r) {
            return r.shard_count == shard_count && r.shard_index == shard;
        });
        if (!present) {
            missing.push_back(shard);
        }
    }
    return missing;
}

} // namespace

load_result merge_load_results(const std::vector<load_result>& results) {
    load_result merged = results.at(0);
    merged.stats = load_stats();
    merged.timeline.clear();
    merged.intervals.clear();
    merged.thresholds.clear();
    merged.threads = 0;
    merged.connections = 0;
    merged.connection_cap = 0;
    merged.requested_rate = 0;
    merged.measured_seconds = 0;
    merged.interrupted = false;
    double start = results[0].start_epoch_seconds;
    for (const load_result& r : results) {
        start = std::min(start, r.start_epoch_seconds);
    }
    merged.start_epoch_seconds = start;
    std::map<std::uint32_t, second_slot> seconds;
    for (const load_result& r : results) {
        merged.stats.merge(r.stats);
        merged.threads += r.threads;
        merged.connections += r.connections;
        merged.connection_cap += r.connection_cap;
        merged.streams = std::max(merged.streams, r.streams);
        merged.requested_rate += r.requested_rate;
        merged.measured_seconds = std::max(merged.measured_seconds, r.measured_seconds);
        merged.interrupted = merged.interrupted || r.interrupted;
        add_seconds(r, start, seconds);
    }
    const std::vector<int> missing = missing_shards(results, merged.shard_count);
    merged.missing_shards.insert(merged.missing_shards.end(), missing.begin(), missing.end());
    merged.shard_index = 0;
    merged.achieved_rate = merged.measured_seconds > 0
                               ? static_cast<double>(merged.stats.fates[0]) / merged.measured_seconds
                               : 0.0;
    for (const auto& [second, slot] : seconds) {
        merged.timeline.push_back(
            {second, slot.requests, slot.errors, slot.requested_rate, slot.histogram.value_at_percentile(50),
             slot.histogram.value_at_percentile(99), slot.histogram.max(), slot.classes});
        if (slot.exact) {
            merged.intervals.push_back(
                {second, slot.histogram.max(), hdr::base64_encode(hdr::encode_compressed(slot.histogram))});
        }
    }
    merged.verdict = judge_load_run(merged);
    return merged;
}

} // namespace harness::result
