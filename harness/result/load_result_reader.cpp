// Reading a `harness.load` result back (merge, compare, report render and html) through the one document
// reader, so a broken file names its file:line and JSON pointer. Members added after version 1 first shipped
// read as their defaults when absent: results written before them still merge and compare.
#include "harness/hdr/histogram_codec.hpp"
#include "harness/json/document_reader.hpp"
#include "harness/json/mapping_reader.hpp"
#include "harness/json/pointer.hpp"
#include "harness/json/source_document.hpp"
#include "load_result_io.hpp"
#include "run_judgement.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>

namespace harness::result {

namespace {

using json::mapping_reader;

class load_result_reader : json::document_reader {
public:
    explicit load_result_reader(const json::source_document& doc) : document_reader(doc) {}

    load_result read() const {
        const std::string not_a_result = "not a harness.load result of format version 1";
        if (!document().root().is_object()) {
            fail("", not_a_result);
        }
        const mapping_reader root(*this, document().root(), "");
        if (root.string_or("format") != "harness.load") {
            root.fail(root.has("format") ? "format" : "", not_a_result);
        }
        if (root.number_or("formatVersion", 0) != 1) {
            root.fail(root.has("formatVersion") ? "formatVersion" : "", not_a_result);
        }
        load_result result;
        read_run(root, result);
        read_shards(root, result);
        read_accounting(root.mapping("accounting"), result.stats);
        read_statuses(root.mapping("statuses"), result.stats);
        read_histograms(root, result);
        read_checks(root, result);
        for (std::size_t i = 0; i < root.list("thresholds").size(); ++i) {
            result.thresholds.push_back(read_threshold(item(root, "thresholds", i)));
        }
        for (std::size_t i = 0; i < root.list("timeline").size(); ++i) {
            read_second(item(root, "timeline", i), result);
        }
        read_kinds(root, result);
        read_pool(root, result);
        read_violations(root, result.stats);
        if (root.has("store")) {
            const mapping_reader s = root.mapping("store");
            result.store = load_result::store_tally{s.count("before"), s.count("after"), s.count("accepted"),
                                                    s.count("unanswered")};
        }
        // Derived again from what was read, by the same rule as when it was written (a verdict is never taken
        // on trust from a file that may predate a rule).
        result.verdict = judge_load_run(result);
        return result;
    }

private:
    // The `index`th item of the list `key`, which must be a mapping.
    mapping_reader item(const mapping_reader& m, std::string_view key, std::size_t index) const {
        return mapping_reader(*this, m.list(key)[index], json::append_pointer(m.pointer_of(key), index));
    }

    // What was run and how: the settings and the run's own figures.
    static void read_run(const mapping_reader& root, load_result& result) {
        result.target = root.string("target");
        result.contract = root.string("contract");
        result.profile = root.string("profile");
        result.mode = root.string("mode");
        result.started_at = root.string("startedAt");
        result.run_id = root.string_or("runId");                 // "" in results written before run ids
        result.harness_build = root.string_or("harnessVersion"); // "" in results written before versions
        result.start_epoch_seconds = root.number("startEpochSeconds");
        result.threads = static_cast<int>(root.count("threads"));
        result.connections = static_cast<int>(root.count("connections"));
        // Absent in results written before several streams per connection: one each then.
        result.streams = std::max(1, static_cast<int>(root.count_or("streamsPerConnection", 1)));
        result.warmup_seconds = root.number("warmupSeconds");
        result.measured_seconds = root.number("measuredSeconds");
        result.requested_rate = root.number("requestedRate");
        result.achieved_rate = root.number("achievedRate");
        result.interrupted = root.boolean("interrupted");
        // Absent in results written before HTTP/2, and before replies were judged by status (200 was the only
        // success then too).
        result.protocol = root.string_or("protocol");
        if (const auto* expected = root.find("expectedStatus")) {
            result.expected_status = static_cast<int>(
                root.reader().integer(*expected, root.pointer_of("expectedStatus"), 100, 599));
        }
    }

    // Which shard of a run this is, and what a merge could not get: absent in results written before shards
    // and before merges named what they missed.
    static void read_shards(const mapping_reader& root, load_result& result) {
        if (root.has("missingShards")) {
            const auto& shards = root.list("missingShards");
            for (std::size_t i = 0; i < shards.size(); ++i) {
                const std::string pointer = json::append_pointer(root.pointer_of("missingShards"), i);
                result.missing_shards.push_back(static_cast<int>(
                    root.reader().integer(shards[i], pointer, 0, std::numeric_limits<int>::max())));
            }
        }
        if (root.has("missingInputs")) {
            const auto& inputs = root.list("missingInputs");
            for (std::size_t i = 0; i < inputs.size(); ++i) {
                const std::string pointer = json::append_pointer(root.pointer_of("missingInputs"), i);
                result.missing_inputs.push_back(root.reader().string(inputs[i], pointer, true));
            }
        }
        if (root.has("shard")) {
            const mapping_reader shard = root.mapping("shard");
            result.shard_index = static_cast<int>(shard.count("index"));
            result.shard_count = static_cast<int>(shard.count("count"));
        }
    }

    static void read_accounting(const mapping_reader& accounting, load_stats& stats) {
        stats.intended = accounting.count("intended");
        stats.warmup = accounting.count("warmup");
        stats.answered_unmeasured = accounting.count_or("answeredUnmeasured", 0); // absent before row 6
        stats.first_failure = accounting.string_or("firstFailure");
        const mapping_reader fates = accounting.mapping("fates");
        for (std::size_t f = 0; f < request_fate_count; ++f) {
            const std::string name(to_string(static_cast<request_fate>(f)));
            // HTTP/2's classes are absent in results written before them: none happened then.
            const bool optional = http2_only(static_cast<request_fate>(f));
            stats.fates[f] = optional ? fates.count_or(name, 0) : fates.count(name);
        }
    }

    // Replies by status; keys that are no status the run can count are left out, as they always were.
    static void read_statuses(const mapping_reader& statuses, load_stats& stats) {
        for (const auto& member : statuses.object()) {
            const int code = std::atoi(std::string(member.key()).c_str());
            if (code > 0 && code < static_cast<int>(stats.statuses.size())) {
                stats.statuses[static_cast<std::size_t>(code)] = statuses.count(member.key());
            }
        }
    }

    void read_histograms(const mapping_reader& root, load_result& result) const {
        result.stats.latency = histogram(root, "latencyHistogram");
        result.stats.service = histogram(root, "serviceHistogram");
        // Absent in results written before the generator measured its own lateness.
        if (root.has("generatorLatenessHistogram")) {
            result.stats.generator_lag = histogram(root, "generatorLatenessHistogram");
            result.setup_seconds = root.number("setupSeconds");
        }
        result.stats.unrecorded = root.count("unrecordedLatencies");
    }

    hdr::histogram histogram(const mapping_reader& m, std::string_view key) const {
        const std::string encoded = m.string(key);
        std::string error = "not base64";
        const auto bytes = hdr::base64_decode(encoded);
        auto decoded = bytes ? hdr::decode_compressed(*bytes, error) : std::nullopt;
        if (!decoded) {
            m.fail(key, "a histogram cannot be decoded (" + error + ")");
        }
        return std::move(*decoded);
    }

    static void read_checks(const mapping_reader& root, load_result& result) {
        const mapping_reader checks = root.mapping("contractChecks");
        result.validate_every = static_cast<std::size_t>(checks.count("validateEvery"));
        result.stats.validated = checks.count("validated");
        result.stats.violating = checks.count("violatingReplies");
        // Absent in results written before the validator had its own thread.
        result.stats.not_validated = checks.count_or("notValidated", 0);
        const mapping_reader resends = root.mapping("resends");
        result.resend_ratio = resends.number("ratio");
        result.stats.resends = resends.count("sent");
        result.stats.resends_checked = resends.count("checked");
        result.stats.resend_mismatches = resends.count("mismatches");
        // Absent in results written before new sends were checked for replays.
        if (root.has("replays")) {
            const mapping_reader replays = root.mapping("replays");
            result.stats.replayed = replays.count("replayed");
            result.stats.replay_checked = replays.count("checked");
            result.stats.replay_check_stopped = replays.boolean("stopped");
            result.stats.first_replay = replays.string_or("first");
        }
    }

    static threshold_outcome read_threshold(const mapping_reader& t) {
        threshold_outcome outcome;
        const std::string text = t.string("threshold");
        try {
            outcome.rule = parse_threshold(text);
        } catch (const std::invalid_argument& e) {
            t.fail("threshold", e.what());
        }
        outcome.actual = t.number_or("actual", std::nan("")); // null: the run could not measure it
        outcome.passed = t.boolean("passed");
        // Absent in results written before default thresholds.
        outcome.rule.by_default = t.boolean_or("default", false);
        return outcome;
    }

    static void read_second(const mapping_reader& e, load_result& result) {
        timeline_entry entry;
        entry.second = static_cast<std::uint32_t>(e.count("second"));
        entry.requests = e.count("requests");
        entry.errors = e.count("errors");
        entry.requested_rate = e.number("requestedRate");
        entry.p50_us = static_cast<std::int64_t>(e.count("p50Us"));
        entry.p99_us = static_cast<std::int64_t>(e.count("p99Us"));
        entry.max_us = static_cast<std::int64_t>(e.count("maxUs"));
        // Which classes of failure the second had: absent in results written before them.
        if (e.has("classes")) {
            const mapping_reader classes = e.mapping("classes");
            for (const auto& member : classes.object()) {
                const auto c = failure_class_from_string(member.key());
                if (!c) {
                    classes.fail(member.key(), "unknown failure class '" + std::string(member.key()) + "'");
                }
                entry.classes[static_cast<std::size_t>(*c)] = classes.count(member.key());
            }
        }
        result.timeline.push_back(entry);
        // The second's whole histogram: absent in results written before exact merges.
        if (e.has("histogram")) {
            result.intervals.push_back({entry.second, entry.max_us, e.string("histogram")});
        }
    }

    // Issue 25 row 7: violations by rule, each with a sample reply (absent in results written before them).
    void read_violations(const mapping_reader& root, load_stats& stats) const {
        if (!root.has("violations")) {
            return;
        }
        for (std::size_t i = 0; i < root.list("violations").size(); ++i) {
            const mapping_reader v = item(root, "violations", i);
            const mapping_reader sample = v.mapping("sample");
            stats.violations.push_back({v.string("rule"),
                                        v.string_or("ruleText"),
                                        v.count("count"),
                                        {static_cast<int>(sample.count_or("status", 0)),
                                         sample.string_or("message"), sample.string_or("body")}});
        }
    }

    // The open loop's pool: absent in closed loops and in results written before the pool grew (cap 0).
    void read_pool(const mapping_reader& root, load_result& result) const {
        if (!root.has("pool")) {
            return;
        }
        const mapping_reader p = root.mapping("pool");
        result.connection_cap = static_cast<int>(p.count("cap"));
        result.cap_allowance_seconds = p.number("capAllowanceSeconds");
        result.stats.pool.peak = p.count("peak");
        result.stats.pool.opened_mid_run = p.count("openedMidRun");
        result.stats.pool.too_late_at_cap = p.count("tooLateAtCap");
        result.stats.pool.service_early = histogram(p, "serviceEarlyHistogram");
        result.stats.pool.service_at_cap = histogram(p, "serviceAtCapHistogram");
    }

    // A mix's per-kind counts and histograms (absent for valid sends only, and in results before mixes).
    void read_kinds(const mapping_reader& root, load_result& result) const {
        result.mix = root.string_or("mix");
        if (!root.has("kinds")) {
            return;
        }
        result.stats.kinds.resize(request_kind_count);
        for (std::size_t i = 0; i < root.list("kinds").size(); ++i) {
            const mapping_reader k = item(root, "kinds", i);
            const std::string name = k.string("kind");
            const auto kind = request_kind_from_string(name);
            if (!kind) {
                k.fail("kind", "unknown request kind '" + name + "'");
            }
            kind_stats& s = result.stats.kinds[static_cast<std::size_t>(*kind)];
            s.intended = k.count("intended");
            s.answered = k.count("answered");
            s.failed = k.count("failed");
            s.wrong_status = k.count("wrongStatus");
            s.checked = k.count("checked");
            s.broke_rule = k.count("brokeRule");
            s.data_mismatches = k.count("dataMismatches");
            s.first_problem = k.string("firstProblem");
            s.expected_status = static_cast<int>(k.count("expectedStatus"));
            s.rule = k.string("rule");
            s.latency = histogram(k, "latencyHistogram");
        }
    }
};

} // namespace

load_result read_load_result(const std::string& file) {
    // Strict JSON whatever the file is named: results are written to any path.
    return load_result_reader(json::source_document::read_json(file)).read();
}

load_result parse_load_result(std::string_view text, const std::string& name) {
    return load_result_reader(json::source_document::parse_json(text, name)).read();
}

} // namespace harness::result
