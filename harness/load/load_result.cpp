#include "load_result.hpp"

#include <cstdio>
#include <ostream>

#include <boost/json.hpp>

#include "harness/hdr/histogram_codec.hpp"
#include "harness/hdr/hlog_writer.hpp"

namespace harness::load {

namespace {

std::string format_us(double us) {
    char text[32];
    if (us >= 1e6) {
        std::snprintf(text, sizeof text, "%.3fs", us / 1e6);
    } else if (us >= 1e3) {
        std::snprintf(text, sizeof text, "%.3fms", us / 1e3);
    } else {
        std::snprintf(text, sizeof text, "%.0fus", us);
    }
    return text;
}

boost::json::object latency_json(const hdr::histogram& h) {
    boost::json::object o{{"count", h.total_count()}, {"minUs", h.min()}, {"maxUs", h.max()},
                          {"meanUs", h.mean()},       {"stdevUs", h.stddev()}};
    boost::json::object percentiles;
    for (double p : report_percentiles) {
        char key[16];
        std::snprintf(key, sizeof key, "p%g", p);
        percentiles[key] = h.value_at_percentile(p);
    }
    o["percentilesUs"] = std::move(percentiles);
    return o;
}

double metric_value(const load_result& r, const threshold& t) {
    if (t.metric[0] == 'p') {
        return static_cast<double>(r.stats.latency.value_at_percentile(t.percentile));
    }
    if (t.metric == "mean") {
        return r.stats.latency.mean();
    }
    if (t.metric == "max") {
        return static_cast<double>(r.stats.latency.max());
    }
    if (t.metric == "errors") {
        return r.error_ratio();
    }
    if (t.metric == "rate") {
        return r.requested_rate > 0 ? r.achieved_rate / r.requested_rate : 1.0;
    }
    if (t.metric == "violations") {
        return static_cast<double>(r.stats.violating);
    }
    return static_cast<double>(r.stats.resend_mismatches);
}

} // namespace

double load_result::error_ratio() const {
    if (stats.intended == 0) {
        return 0;
    }
    std::uint64_t errors = stats.failed();
    for (std::size_t status = 400; status < stats.statuses.size(); ++status) {
        errors += stats.statuses[status];
    }
    return static_cast<double>(errors) / static_cast<double>(stats.intended);
}

bool load_result::passed() const {
    for (const auto& t : thresholds) {
        if (!t.passed) {
            return false;
        }
    }
    return true;
}

void evaluate_thresholds(load_result& result, const std::vector<threshold>& thresholds) {
    result.thresholds.clear();
    for (const threshold& t : thresholds) {
        const double actual = metric_value(result, t);
        result.thresholds.push_back({t, actual, compare(actual, t.op, t.limit)});
    }
}

std::string to_json(const load_result& r) {
    boost::json::object statuses;
    for (std::size_t s = 0; s < r.stats.statuses.size(); ++s) {
        if (r.stats.statuses[s] > 0) {
            statuses[std::to_string(s)] = r.stats.statuses[s];
        }
    }
    boost::json::object fates;
    for (std::size_t f = 0; f < request_fate_count; ++f) {
        fates[std::string(to_string(static_cast<request_fate>(f)))] = r.stats.fates[f];
    }
    boost::json::array timeline;
    for (const auto& e : r.timeline) {
        boost::json::object entry{{"second", e.second},       {"requests", e.requests},
                                  {"errors", e.errors},       {"requestedRate", e.requested_rate},
                                  {"p50Us", e.p50_us},        {"p99Us", e.p99_us},
                                  {"maxUs", e.max_us}};
        // The second's whole histogram, so shards merge second by second exactly.
        for (const hlog_line& line : r.intervals) {
            if (line.second == e.second) {
                entry["histogram"] = line.histogram_base64;
            }
        }
        timeline.push_back(std::move(entry));
    }
    boost::json::array thresholds;
    for (const auto& t : r.thresholds) {
        thresholds.push_back(boost::json::object{{"threshold", t.rule.text}, {"actual", t.actual}, {"passed", t.passed}});
    }
    const boost::json::object root{
        {"format", "harness.load"},
        {"formatVersion", load_result::format_version},
        {"target", r.target},
        {"contract", r.contract},
        {"profile", r.profile},
        {"mode", r.mode},
        {"startedAt", r.started_at},
        {"startEpochSeconds", r.start_epoch_seconds},
        {"threads", r.threads},
        {"connections", r.connections},
        {"warmupSeconds", r.warmup_seconds},
        {"measuredSeconds", r.measured_seconds},
        {"requestedRate", r.requested_rate},
        {"achievedRate", r.achieved_rate},
        {"interrupted", r.interrupted},
        {"shard", boost::json::object{{"index", r.shard_index}, {"count", r.shard_count}}},
        {"passed", r.passed()},
        {"accounting", boost::json::object{{"intended", r.stats.intended},
                                           {"accounted", r.stats.accounted()},
                                           {"fates", std::move(fates)},
                                           {"warmup", r.stats.warmup}}},
        {"statuses", std::move(statuses)},
        {"errorRatio", r.error_ratio()},
        {"latency", latency_json(r.stats.latency)},
        {"serviceTime", latency_json(r.stats.service)},
        // The whole histograms (HdrHistogram V2, compressed, base64), so runs and shards merge exactly.
        {"latencyHistogram", hdr::base64_encode(hdr::encode_compressed(r.stats.latency))},
        {"serviceHistogram", hdr::base64_encode(hdr::encode_compressed(r.stats.service))},
        {"unrecordedLatencies", r.stats.unrecorded},
        {"contractChecks", boost::json::object{{"validateEvery", r.validate_every},
                                         {"validated", r.stats.validated},
                                         {"violatingReplies", r.stats.violating},
                                         {"notValidated", r.stats.not_validated}}},
        {"resends", boost::json::object{{"ratio", r.resend_ratio},
                                        {"sent", r.stats.resends},
                                        {"checked", r.stats.resends_checked},
                                        {"mismatches", r.stats.resend_mismatches}}},
        {"thresholds", std::move(thresholds)},
        {"missingShards", boost::json::value_from(r.missing_shards)},
        {"timeline", std::move(timeline)}};
    return boost::json::serialize(root);
}

void write_hlog(const load_result& r, std::ostream& out) {
    hdr::hlog_writer writer(out, r.start_epoch_seconds, "harness load " + r.target + ": latency in microseconds");
    char prefix[96];
    for (const hlog_line& line : r.intervals) {
        std::snprintf(prefix, sizeof prefix, "%.3f,%.3f,%.3f,", static_cast<double>(line.second), 1.0,
                      static_cast<double>(line.max_us) / 1000.0);
        out << prefix << line.histogram_base64 << "\n";
    }
}

void write_console(const load_result& r, std::ostream& out) {
    char line[256];
    out << "load " << r.target << " (" << r.mode << " loop, " << r.threads << " thread(s), " << r.connections
        << " connections" << (r.interrupted ? ", interrupted" : "") << ")\n";
    if (r.mode == "open") {
        std::snprintf(line, sizeof line, "  rate      requested %.1f req/s   achieved %.1f req/s   (%.1f%%)\n",
                      r.requested_rate, r.achieved_rate,
                      r.requested_rate > 0 ? 100.0 * r.achieved_rate / r.requested_rate : 0.0);
    } else {
        std::snprintf(line, sizeof line, "  rate      achieved %.1f req/s (closed loop: as fast as replies allow)\n",
                      r.achieved_rate);
    }
    out << line;
    std::snprintf(line, sizeof line, "  requests  %llu intended, %llu answered, %llu failed, %llu too late to send\n",
                  static_cast<unsigned long long>(r.stats.intended),
                  static_cast<unsigned long long>(r.stats.fates[0]),
                  static_cast<unsigned long long>(r.stats.sent_and_failed()),
                  static_cast<unsigned long long>(r.stats.count(request_fate::too_late)));
    out << line;
    out << "\n  latency " << (r.mode == "open" ? "(from the intended send time, coordinated omission corrected)"
                                               : "(from the send time)")
        << " and service time (from the actual send):\n";
    std::snprintf(line, sizeof line, "  %-9s %14s %14s\n", "", "latency", "service");
    out << line;
    for (double p : report_percentiles) {
        char label[16];
        std::snprintf(label, sizeof label, "p%g", p);
        std::snprintf(line, sizeof line, "  %-9s %14s %14s\n", label,
                      format_us(static_cast<double>(r.stats.latency.value_at_percentile(p))).c_str(),
                      format_us(static_cast<double>(r.stats.service.value_at_percentile(p))).c_str());
        out << line;
    }
    for (const auto& [label, a, b] : {std::tuple{"max", static_cast<double>(r.stats.latency.max()),
                                                 static_cast<double>(r.stats.service.max())},
                                      std::tuple{"mean", r.stats.latency.mean(), r.stats.service.mean()},
                                      std::tuple{"stdev", r.stats.latency.stddev(), r.stats.service.stddev()}}) {
        std::snprintf(line, sizeof line, "  %-9s %14s %14s\n", label, format_us(a).c_str(), format_us(b).c_str());
        out << line;
    }
    out << "\n  statuses ";
    for (std::size_t s = 0; s < r.stats.statuses.size(); ++s) {
        if (r.stats.statuses[s] > 0) {
            out << " " << s << ":" << r.stats.statuses[s];
        }
    }
    out << "\n  errors   ";
    for (std::size_t f = 1; f < request_fate_count; ++f) {
        out << " " << to_string(static_cast<request_fate>(f)) << ":" << r.stats.fates[f];
    }
    std::snprintf(line, sizeof line, "\n  contract  %llu replies checked (1 in %zu), %llu broke it\n",
                  static_cast<unsigned long long>(r.stats.validated), r.validate_every,
                  static_cast<unsigned long long>(r.stats.violating));
    out << (r.validate_every == 0 ? std::string("\n  contract  not checked (--validate-sample 0)\n") : std::string(line));
    if (r.stats.not_validated > 0) {
        out << "            " << r.stats.not_validated << " sampled replies not checked: the validator fell behind\n";
    }
    if (r.resend_ratio > 0) {
        std::snprintf(line, sizeof line, "  resends   %llu sent, %llu checked, %llu got other data than the first reply\n",
                      static_cast<unsigned long long>(r.stats.resends),
                      static_cast<unsigned long long>(r.stats.resends_checked),
                      static_cast<unsigned long long>(r.stats.resend_mismatches));
        out << line;
    }
    if (!r.thresholds.empty()) {
        out << "\n  thresholds\n";
        for (const auto& t : r.thresholds) {
            const bool latency = t.rule.metric[0] == 'p' || t.rule.metric == "mean" || t.rule.metric == "max";
            char number[32];
            std::snprintf(number, sizeof number, "%g", t.actual);
            std::string actual = latency ? format_us(t.actual) : std::string(number);
            out << "    " << (t.passed ? "ok    " : "FAIL  ") << t.rule.text << "   (actual " << actual << ")\n";
        }
    }
    out << "\n" << (r.passed() ? "PASSED" : "FAILED") << ": " << r.stats.intended << " requests, " << r.thresholds.size()
        << " threshold(s)\n";
}

} // namespace harness::load
