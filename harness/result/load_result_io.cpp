#include "load_result_io.hpp"

#include "harness/hdr/histogram_codec.hpp"
#include "harness/json/text_file.hpp"
#include "run_judgement.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include <boost/json.hpp>
#include <boost/json/parse.hpp>

namespace harness::result {

namespace {

class reader {
public:
    reader(const boost::json::object& root, std::string file) : root_(root), file_(std::move(file)) {}

    const boost::json::value& at(std::initializer_list<const char*> path) const {
        const boost::json::object* object = &root_;
        const boost::json::value* v = nullptr;
        std::string where;
        for (const char* key : path) {
            where += std::string("/") + key;
            v = object != nullptr ? object->if_contains(key) : nullptr;
            if (v == nullptr) {
                throw std::invalid_argument(file_ + ": missing " + where);
            }
            object = v->if_object();
        }
        return *v;
    }

    double number(std::initializer_list<const char*> path) const {
        const auto& v = at(path);
        if (!v.is_number()) {
            throw std::invalid_argument(file_ + ": expected a number");
        }
        return v.to_number<double>();
    }

    // A whole count: not negative, not beyond what a double holds exactly.
    std::uint64_t count(std::initializer_list<const char*> path) const { return count_of(at(path)); }

    std::uint64_t count_of(const boost::json::value& v) const {
        const double n = v.is_number() ? v.to_number<double>() : -1;
        if (!(n >= 0 && n <= 9007199254740992.0)) {
            throw std::invalid_argument(file_ + ": expected a count, got " + boost::json::serialize(v));
        }
        return static_cast<std::uint64_t>(std::llround(n));
    }

    const boost::json::object& object_at(std::initializer_list<const char*> path) const {
        return object_of(at(path));
    }

    const boost::json::object& object_of(const boost::json::value& v) const {
        if (!v.is_object()) {
            throw std::invalid_argument(file_ + ": expected an object, got " + boost::json::serialize(v));
        }
        return v.as_object();
    }

    const boost::json::array& array_at(std::initializer_list<const char*> path) const {
        const auto& v = at(path);
        if (!v.is_array()) {
            throw std::invalid_argument(file_ + ": expected an array, got " + boost::json::serialize(v));
        }
        return v.as_array();
    }

    std::string text(std::initializer_list<const char*> path) const {
        const auto& v = at(path);
        return v.is_string() ? std::string(v.as_string()) : std::string();
    }

    hdr::histogram histogram(const boost::json::value& encoded) const {
        std::string error;
        const auto bytes = encoded.is_string() ? hdr::base64_decode(encoded.as_string()) : std::nullopt;
        auto decoded = bytes ? hdr::decode_compressed(*bytes, error) : std::nullopt;
        if (!decoded) {
            throw std::invalid_argument(file_ + ": a histogram cannot be decoded (" + error + ")");
        }
        return std::move(*decoded);
    }

private:
    const boost::json::object& root_;
    std::string file_;
};

// A mix's per-kind counts and histograms (absent for valid sends only, and in results before mixes existed).
void read_kinds(const boost::json::object& root, const reader& r, const std::string& file,
                load_result& result) {
    if (const auto* mix = root.if_contains("mix"); mix != nullptr && mix->is_string()) {
        result.mix = std::string(mix->as_string());
    }
    const auto* kinds = root.if_contains("kinds");
    if (kinds == nullptr || !kinds->is_array()) {
        return;
    }
    result.stats.kinds.resize(request_kind_count);
    for (const auto& item : kinds->as_array()) {
        const reader k(r.object_of(item), file);
        const auto kind = request_kind_from_string(k.text({"kind"}));
        if (!kind) {
            throw std::invalid_argument(file + ": unknown request kind '" + k.text({"kind"}) + "'");
        }
        kind_stats& s = result.stats.kinds[static_cast<std::size_t>(*kind)];
        s.intended = k.count({"intended"});
        s.answered = k.count({"answered"});
        s.failed = k.count({"failed"});
        s.wrong_status = k.count({"wrongStatus"});
        s.checked = k.count({"checked"});
        s.broke_rule = k.count({"brokeRule"});
        s.data_mismatches = k.count({"dataMismatches"});
        s.first_problem = k.text({"firstProblem"});
        s.expected_status = static_cast<int>(k.count({"expectedStatus"}));
        s.rule = k.text({"rule"});
        s.latency = k.histogram(k.at({"latencyHistogram"}));
    }
}

} // namespace

load_result read_load_result(const std::string& file) {
    return parse_load_result(harness::json::read_text_file(file), file);
}

load_result parse_load_result(std::string_view text, const std::string& file) {
    boost::system::error_code ec;
    const boost::json::value root = boost::json::parse(text, ec);
    if (ec || !root.is_object()) {
        throw std::invalid_argument(file + ": not JSON");
    }
    const reader r(root.as_object(), file);
    if (r.text({"format"}) != "harness.load" || r.number({"formatVersion"}) != 1) {
        throw std::invalid_argument(file + ": not a harness.load result of format version 1");
    }
    load_result result;
    result.target = r.text({"target"});
    result.contract = r.text({"contract"});
    result.profile = r.text({"profile"});
    result.mode = r.text({"mode"});
    result.started_at = r.text({"startedAt"});
    // Absent in results written before run ids.
    if (const auto* id = root.as_object().if_contains("runId"); id && id->is_string()) {
        result.run_id = std::string(id->as_string());
    }
    result.start_epoch_seconds = r.number({"startEpochSeconds"});
    result.threads = static_cast<int>(r.count({"threads"}));
    result.connections = static_cast<int>(r.count({"connections"}));
    // Absent in results written before several streams per connection: one each then.
    if (const auto* streams = root.as_object().if_contains("streamsPerConnection");
        streams && streams->is_number()) {
        result.streams = std::max(1, static_cast<int>(r.count({"streamsPerConnection"})));
    }
    result.warmup_seconds = r.number({"warmupSeconds"});
    result.measured_seconds = r.number({"measuredSeconds"});
    result.requested_rate = r.number({"requestedRate"});
    result.achieved_rate = r.number({"achievedRate"});
    result.interrupted = r.at({"interrupted"}).is_bool() && r.at({"interrupted"}).as_bool();
    // Absent in results written before replies were judged by status: 200 was the only success then too.
    if (const auto* protocol = root.as_object().if_contains("protocol"); protocol && protocol->is_string()) {
        result.protocol = std::string(protocol->as_string());
    }
    if (const auto* expected = root.as_object().if_contains("expectedStatus");
        expected && expected->is_int64()) {
        result.expected_status = static_cast<int>(expected->as_int64());
    }
    if (const auto* shards = root.as_object().if_contains("missingShards"); shards && shards->is_array()) {
        for (const auto& shard : shards->as_array()) {
            result.missing_shards.push_back(shard.is_int64() ? static_cast<int>(shard.as_int64()) : -1);
        }
    }
    if (const auto* missing = root.as_object().if_contains("missingInputs"); missing && missing->is_array()) {
        for (const auto& input : missing->as_array()) {
            result.missing_inputs.push_back(input.is_string() ? std::string(input.as_string()) : "?");
        }
    }
    if (root.as_object().contains("shard")) {
        result.shard_index = static_cast<int>(r.count({"shard", "index"}));
        result.shard_count = static_cast<int>(r.count({"shard", "count"}));
    }
    result.stats.intended = r.count({"accounting", "intended"});
    result.stats.warmup = r.count({"accounting", "warmup"});
    if (const auto* first = r.object_at({"accounting"}).if_contains("firstFailure");
        first && first->is_string()) {
        result.stats.first_failure = std::string(first->as_string());
    }
    for (std::size_t f = 0; f < request_fate_count; ++f) {
        const std::string name(to_string(static_cast<request_fate>(f)));
        // HTTP/2's classes are absent in results written before them: none happened then.
        const bool absent = !r.object_at({"accounting", "fates"}).contains(name);
        result.stats.fates[f] = absent && http2_only(static_cast<request_fate>(f))
                                    ? 0
                                    : r.count({"accounting", "fates", name.c_str()});
    }
    for (const auto& [status, n] : r.object_at({"statuses"})) {
        const int code = std::atoi(std::string(status).c_str());
        if (code > 0 && code < static_cast<int>(result.stats.statuses.size())) {
            result.stats.statuses[static_cast<std::size_t>(code)] = r.count_of(n);
        }
    }
    result.stats.latency = r.histogram(r.at({"latencyHistogram"}));
    result.stats.service = r.histogram(r.at({"serviceHistogram"}));
    // Absent in results written before the generator measured its own lateness.
    if (root.as_object().contains("generatorLatenessHistogram")) {
        result.stats.generator_lag = r.histogram(r.at({"generatorLatenessHistogram"}));
        result.setup_seconds = r.number({"setupSeconds"});
    }
    result.stats.unrecorded = r.count({"unrecordedLatencies"});
    result.validate_every = static_cast<std::size_t>(r.count({"contractChecks", "validateEvery"}));
    result.stats.validated = r.count({"contractChecks", "validated"});
    result.stats.violating = r.count({"contractChecks", "violatingReplies"});
    // Absent in results written before the validator had its own thread.
    if (r.object_at({"contractChecks"}).contains("notValidated")) {
        result.stats.not_validated = r.count({"contractChecks", "notValidated"});
    }
    result.resend_ratio = r.number({"resends", "ratio"});
    result.stats.resends = r.count({"resends", "sent"});
    result.stats.resends_checked = r.count({"resends", "checked"});
    result.stats.resend_mismatches = r.count({"resends", "mismatches"});
    for (const auto& item : r.array_at({"thresholds"})) {
        const reader t(r.object_of(item), file);
        threshold_outcome outcome;
        outcome.rule = parse_threshold(t.text({"threshold"}));
        outcome.actual = t.number({"actual"});
        outcome.passed = t.at({"passed"}).is_bool() && t.at({"passed"}).as_bool();
        const auto* by_default = r.object_of(item).if_contains("default");
        outcome.rule.by_default = by_default != nullptr && by_default->is_bool() && by_default->as_bool();
        result.thresholds.push_back(std::move(outcome));
    }
    for (const auto& item : r.array_at({"timeline"})) {
        const reader e(r.object_of(item), file);
        timeline_entry entry;
        entry.second = static_cast<std::uint32_t>(e.count({"second"}));
        entry.requests = e.count({"requests"});
        entry.errors = e.count({"errors"});
        entry.requested_rate = e.number({"requestedRate"});
        entry.p50_us = static_cast<std::int64_t>(e.count({"p50Us"}));
        entry.p99_us = static_cast<std::int64_t>(e.count({"p99Us"}));
        entry.max_us = static_cast<std::int64_t>(e.count({"maxUs"}));
        result.timeline.push_back(entry);
        if (const auto* h = r.object_of(item).if_contains("histogram"); h != nullptr && h->is_string()) {
            result.intervals.push_back({entry.second, entry.max_us, std::string(h->as_string())});
        }
    }
    read_kinds(root.as_object(), r, file, result);
    if (const auto* store = root.as_object().if_contains("store"); store != nullptr && store->is_object()) {
        const reader s(store->as_object(), file);
        result.store = load_result::store_tally{s.count({"before"}), s.count({"after"}),
                                                s.count({"accepted"}), s.count({"unanswered"})};
    }
    // Derived again from what was read, by the same rule as when it was written (a verdict is never taken
    // on trust from a file that may predate a rule).
    result.verdict = judge_load_run(result);
    return result;
}

load_result merge_load_results(const std::vector<load_result>& results) {
    load_result merged = results.at(0);
    merged.stats = load_stats();
    merged.timeline.clear();
    merged.intervals.clear();
    merged.thresholds.clear();
    merged.threads = 0;
    merged.connections = 0;
    merged.requested_rate = 0;
    merged.measured_seconds = 0;
    merged.interrupted = false;
    double start = results[0].start_epoch_seconds;
    for (const load_result& r : results) {
        start = std::min(start, r.start_epoch_seconds);
    }
    merged.start_epoch_seconds = start;
    // Per wall-clock second (relative to the earliest start): summed counts and the merged histogram.
    struct second_slot {
        std::uint64_t requests = 0, errors = 0;
        double requested_rate = 0;
        hdr::histogram histogram;
        bool exact = true;
    };
    std::map<std::uint32_t, second_slot> seconds;
    for (const load_result& r : results) {
        merged.stats.merge(r.stats);
        merged.threads += r.threads;
        merged.connections += r.connections;
        merged.streams = std::max(merged.streams, r.streams);
        merged.requested_rate += r.requested_rate;
        merged.measured_seconds = std::max(merged.measured_seconds, r.measured_seconds);
        merged.interrupted = merged.interrupted || r.interrupted;
        const auto offset = static_cast<std::uint32_t>(std::floor(r.start_epoch_seconds - start + 0.5));
        for (const timeline_entry& e : r.timeline) {
            second_slot& slot = seconds[e.second + offset];
            slot.requests += e.requests;
            slot.errors += e.errors;
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
    // Shards of one run: say which ones are not here.
    if (merged.shard_count > 1) {
        for (int shard = 0; shard < merged.shard_count; ++shard) {
            const bool present = std::any_of(results.begin(), results.end(), [&](const load_result& r) {
                return r.shard_count == merged.shard_count && r.shard_index == shard;
            });
            if (!present) {
                merged.missing_shards.push_back(shard);
            }
        }
    }
    merged.shard_index = 0;
    merged.achieved_rate = merged.measured_seconds > 0
                               ? static_cast<double>(merged.stats.fates[0]) / merged.measured_seconds
                               : 0.0;
    for (const auto& [second, slot] : seconds) {
        merged.timeline.push_back({second, slot.requests, slot.errors, slot.requested_rate,
                                   slot.histogram.value_at_percentile(50),
                                   slot.histogram.value_at_percentile(99), slot.histogram.max()});
        if (slot.exact) {
            merged.intervals.push_back(
                {second, slot.histogram.max(), hdr::base64_encode(hdr::encode_compressed(slot.histogram))});
        }
    }
    merged.verdict = judge_load_run(merged);
    return merged;
}

namespace {

boost::json::object latency_json(const hdr::histogram& h) {
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

boost::json::array kinds_json(const load_result& r) {
    boost::json::array kinds;
    for (std::size_t i = 0; i < r.stats.kinds.size(); ++i) {
        const kind_stats& k = r.stats.kinds[i];
        if (k.intended == 0) {
            continue;
        }
        kinds.push_back(
            boost::json::object{{"kind", to_string(static_cast<request_kind>(i))},
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
                                {"latency", latency_json(k.latency)},
                                {"latencyHistogram", hdr::base64_encode(hdr::encode_compressed(k.latency))}});
    }
    return kinds;
}

} // namespace

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
        boost::json::object entry{{"second", e.second}, {"requests", e.requests},
                                  {"errors", e.errors}, {"requestedRate", e.requested_rate},
                                  {"p50Us", e.p50_us},  {"p99Us", e.p99_us},
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
        thresholds.push_back(boost::json::object{{"threshold", t.rule.text},
                                                 {"actual", t.actual},
                                                 {"passed", t.passed},
                                                 {"default", t.rule.by_default}});
    }
    boost::json::object root{
        {"format", "harness.load"},
        {"formatVersion", load_result::format_version},
        {"target", r.target},
        {"protocol", r.protocol},
        {"contract", r.contract},
        {"profile", r.profile},
        {"mode", r.mode},
        {"startedAt", r.started_at},
        {"runId", r.run_id},
        {"startEpochSeconds", r.start_epoch_seconds},
        {"threads", r.threads},
        {"connections", r.connections},
        {"streamsPerConnection", r.streams},
        {"warmupSeconds", r.warmup_seconds},
        {"setupSeconds", r.setup_seconds},
        {"generatorLateness", latency_json(r.stats.generator_lag)},
        {"generatorLatenessHistogram", hdr::base64_encode(hdr::encode_compressed(r.stats.generator_lag))},
        {"measuredSeconds", r.measured_seconds},
        {"requestedRate", r.requested_rate},
        {"achievedRate", r.achieved_rate},
        {"interrupted", r.interrupted},
        {"shard", boost::json::object{{"index", r.shard_index}, {"count", r.shard_count}}},
        {"passed", r.verdict.passed()},
        {"verdict", to_string(r.verdict.kind)},
        {"verdictReason", r.verdict.reason},
        {"expectedStatus", r.expected_status},
        {"errorsByStatus", r.unexpected_statuses()},
        {"accounting", boost::json::object{{"intended", r.stats.intended},
                                           {"accounted", r.stats.accounted()},
                                           {"fates", std::move(fates)},
                                           {"warmup", r.stats.warmup},
                                           {"firstFailure", r.stats.first_failure}}},
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
        {"missingInputs", boost::json::value_from(r.missing_inputs)},
        {"timeline", std::move(timeline)}};
    if (!r.stats.kinds.empty()) {
        root["mix"] = r.mix;
        root["kinds"] = kinds_json(r);
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
