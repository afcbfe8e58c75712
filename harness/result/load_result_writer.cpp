// Writing a load result as JSON (format "harness.load", version 1; docs/load.md): the figures, and the whole
// histograms so that runs and shards merge exactly later.
#include "harness/hdr/histogram_codec.hpp"
#include "load_result_io.hpp"

#include <cmath>
#include <cstdio>

#include <boost/json.hpp>

namespace harness::result {

namespace {

// HdrHistogram V2, compressed, base64: what the reader decodes back.
std::string encoded(const hdr::histogram& h) {
    return hdr::base64_encode(hdr::encode_compressed(h));
}

boost::json::object write_latency(const hdr::histogram& h) {
    boost::json::object o{{"count", h.total_count()},
                          {"minUs", h.min()},
                          {"maxUs", h.max()},
                          {"meanUs", h.mean()},
                          {"stdevUs", h.stddev()}};
    boost::json::object percentiles;
    for (double p : report_percentiles) {
        char key[16];
        std::snprintf(key, sizeof key, "p%g", p);
        percentiles[key] = h.value_at_percentile(p);
    }
    o["percentilesUs"] = std::move(percentiles);
    return o;
}

boost::json::array write_kinds(const load_result& r) {
    boost::json::array kinds;
    for (std::size_t i = 0; i < r.stats.kinds.size(); ++i) {
        const kind_stats& k = r.stats.kinds[i];
        if (k.intended == 0) {
            continue;
        }
        kinds.push_back(boost::json::object{{"kind", to_string(static_cast<request_kind>(i))},
                                            {"intended", k.intended},
                                            {"answered", k.answered},
                                            {"failed", k.failed},
                                            {"wrongStatus", k.wrong_status},
                                            {"checked", k.checked},
                                            {"brokeRule", k.broke_rule},
                                            {"dataMismatches", k.data_mismatches},
                                            {"held", k.held()},
                                            {"expectedStatus", k.expected_status},
                                            {"rule", k.rule},
                                            {"firstProblem", k.first_problem},
                                            {"latency", write_latency(k.latency)},
                                            {"latencyHistogram", encoded(k.latency)}});
    }
    return kinds;
}

boost::json::object write_accounting(const load_stats& stats) {
    boost::json::object fates;
    for (std::size_t f = 0; f < request_fate_count; ++f) {
        fates[std::string(to_string(static_cast<request_fate>(f)))] = stats.fates[f];
    }
    return {{"intended", stats.intended},
            {"accounted", stats.accounted()},
            {"fates", std::move(fates)},
            {"warmup", stats.warmup},
            {"answeredUnmeasured", stats.answered_unmeasured},
            {"firstFailure", stats.first_failure}};
}

boost::json::object write_statuses(const load_stats& stats) {
    boost::json::object statuses;
    for (std::size_t s = 0; s < stats.statuses.size(); ++s) {
        if (stats.statuses[s] > 0) {
            statuses[std::to_string(s)] = stats.statuses[s];
        }
    }
    return statuses;
}

// Issue 25 row 7: per rule, how many checked replies broke it, with one redacted sample reply.
boost::json::array write_violations(const load_stats& stats) {
    boost::json::array violations;
    for (const rule_violation& v : stats.violations) {
        violations.push_back(boost::json::object{{"rule", v.rule},
                                                 {"ruleText", v.rule_text},
                                                 {"count", v.count},
                                                 {"sample", boost::json::object{{"status", v.sample.status},
                                                                                {"message", v.sample.message},
                                                                                {"body", v.sample.body}}}});
    }
    return violations;
}

// The classes of failure a second had, the non-zero ones only.
boost::json::object write_classes(const failure_class_counts& classes) {
    boost::json::object counts;
    for (std::size_t c = 0; c < failure_class_count; ++c) {
        if (classes[c] > 0) {
            counts[std::string(to_string(static_cast<failure_class>(c)))] = classes[c];
        }
    }
    return counts;
}

boost::json::array write_timeline(const load_result& r) {
    boost::json::array timeline;
    for (const auto& e : r.timeline) {
        boost::json::object entry{{"second", e.second}, {"requests", e.requests},
                                  {"errors", e.errors}, {"requestedRate", e.requested_rate},
                                  {"p50Us", e.p50_us},  {"p99Us", e.p99_us},
                                  {"maxUs", e.max_us}};
        if (boost::json::object classes = write_classes(e.classes); !classes.empty()) {
            entry["classes"] = std::move(classes);
        }
        // The second's whole histogram, so shards merge second by second exactly.
        for (const hlog_line& line : r.intervals) {
            if (line.second == e.second) {
                entry["histogram"] = line.histogram_base64;
            }
        }
        timeline.push_back(std::move(entry));
    }
    return timeline;
}

boost::json::array write_thresholds(const load_result& r) {
    boost::json::array thresholds;
    for (const auto& t : r.thresholds) {
        // A metric the run could not measure (NaN: stored without a store's count) is null.
        const boost::json::value actual = std::isnan(t.actual) ? boost::json::value(nullptr) : t.actual;
        thresholds.push_back(boost::json::object{{"threshold", t.rule.text},
                                                 {"actual", actual},
                                                 {"passed", t.passed},
                                                 {"default", t.rule.by_default}});
    }
    return thresholds;
}

// What was run and how, and the run's own figures (generator lateness, set-up time, shard, verdict).
boost::json::object write_run(const load_result& r) {
    return {{"format", "harness.load"},
            {"formatVersion", load_result::format_version},
            {"target", r.target},
            {"protocol", r.protocol},
            {"contract", r.contract},
            {"profile", r.profile},
            {"mode", r.mode},
            {"startedAt", r.started_at},
            {"runId", r.run_id},
            {"harnessVersion", r.harness_build},
            {"startEpochSeconds", r.start_epoch_seconds},
            {"threads", r.threads},
            {"connections", r.connections},
            {"streamsPerConnection", r.streams},
            {"warmupSeconds", r.warmup_seconds},
            {"setupSeconds", r.setup_seconds},
            {"generatorLateness", write_latency(r.stats.generator_lag)},
            {"generatorLatenessHistogram", encoded(r.stats.generator_lag)},
            {"measuredSeconds", r.measured_seconds},
            {"requestedRate", r.requested_rate},
            {"achievedRate", r.achieved_rate},
            {"interrupted", r.interrupted},
            {"shard", boost::json::object{{"index", r.shard_index}, {"count", r.shard_count}}},
            {"passed", r.verdict.passed()},
            {"verdict", to_string(r.verdict.kind)},
            {"verdictReason", r.verdict.reason},
            {"expectedStatus", r.expected_status},
            {"errorsByStatus", r.unexpected_statuses()}};
}

// The open loop's pool: how it grew, and the service times that tell who ran out at its cap.
boost::json::object write_pool(const load_result& r) {
    const pool_stats& pool = r.stats.pool;
    return {{"initial", r.connections},
            {"cap", r.connection_cap},
            {"capAllowanceSeconds", r.cap_allowance_seconds},
            {"peak", pool.peak},
            {"openedMidRun", pool.opened_mid_run},
            {"tooLateAtCap", pool.too_late_at_cap},
            {"serviceEarly", write_latency(pool.service_early)},
            {"serviceEarlyHistogram", encoded(pool.service_early)},
            {"serviceAtCap", write_latency(pool.service_at_cap)},
            {"serviceAtCapHistogram", encoded(pool.service_at_cap)}};
}

// Latency, contract checks, resends, thresholds and the timeline, after the run's settings.
void write_measurements(const load_result& r, boost::json::object& root) {
    root["accounting"] = write_accounting(r.stats);
    root["statuses"] = write_statuses(r.stats);
    root["errorRatio"] = r.error_ratio();
    root["latency"] = write_latency(r.stats.latency);
    root["serviceTime"] = write_latency(r.stats.service);
    // The whole histograms, so runs and shards merge exactly.
    root["latencyHistogram"] = encoded(r.stats.latency);
    root["serviceHistogram"] = encoded(r.stats.service);
    root["unrecordedLatencies"] = r.stats.unrecorded;
    root["contractChecks"] = boost::json::object{{"validateEvery", r.validate_every},
                                                 {"validated", r.stats.validated},
                                                 {"violatingReplies", r.stats.violating},
                                                 {"notValidated", r.stats.not_validated}};
    root["violations"] = write_violations(r.stats);
    root["resends"] = boost::json::object{{"ratio", r.resend_ratio},
                                          {"sent", r.stats.resends},
                                          {"checked", r.stats.resends_checked},
                                          {"mismatches", r.stats.resend_mismatches}};
    root["replays"] = boost::json::object{{"replayed", r.stats.replayed},
                                          {"checked", r.stats.replay_checked},
                                          {"stopped", r.stats.replay_check_stopped},
                                          {"first", r.stats.first_replay}};
    root["thresholds"] = write_thresholds(r);
    root["missingShards"] = boost::json::value_from(r.missing_shards);
    root["missingInputs"] = boost::json::value_from(r.missing_inputs);
    root["timeline"] = write_timeline(r);
}

} // namespace

std::string to_json(const load_result& r) {
    boost::json::object root = write_run(r);
    write_measurements(r, root);
    if (r.connection_cap > 0) {
        root["pool"] = write_pool(r);
    }
    if (!r.stats.kinds.empty()) {
        root["mix"] = r.mix;
        root["kinds"] = write_kinds(r);
    }
    if (r.store) {
        root["store"] =
            boost::json::object{{"before", r.store->before},         {"after", r.store->after},
                                {"stored", r.store->stored()},       {"accepted", r.store->accepted},
                                {"unanswered", r.store->unanswered}, {"holds", r.store->holds()}};
    }
    return boost::json::serialize(root);
}

} // namespace harness::result
