#include "load_session.hpp"

#include "harness/checks/http_store_oracle.hpp"
#include "harness/result/run_id.hpp"
#include "preflight.hpp"

#include <chrono>
#include <stdexcept>
#include <thread>

namespace harness::load {

namespace {

// Shards on several machines start on the same wall-clock millisecond (clocks kept by NTP).
void wait_for_start(long long start_at_ms, const std::function<void(const std::string&)>& warn) {
    if (start_at_ms <= 0) {
        return;
    }
    const auto start = std::chrono::system_clock::time_point(std::chrono::milliseconds(start_at_ms));
    if (start < std::chrono::system_clock::now()) {
        if (warn) {
            warn("--start-at is in the past; starting now");
        }
    } else if (start - std::chrono::system_clock::now() > std::chrono::hours(1)) {
        throw std::invalid_argument("--start-at is more than an hour away");
    } else {
        std::this_thread::sleep_until(start);
    }
}

// Several streams per connection are HTTP/2's: refused before the run when the flags rule HTTP/2 out (a
// server that picks HTTP/1.1 by ALPN is refused when the connections open).
void require_http2_for_streams(const load_plan& plan, const harness::target::target_spec& target) {
    if (plan.streams <= 1) {
        return;
    }
    const std::string asked = "--streams " + std::to_string(plan.streams);
    if (target.client.http == harness::http::http_version::http1) {
        throw std::invalid_argument(asked +
                                    " needs HTTP/2, but --http 1.1 asks for HTTP/1.1 (one request at a "
                                    "time per connection): use --http 2 or auto, or --connections");
    }
    if (!target.url.tls && target.client.http != harness::http::http_version::http2) {
        throw std::invalid_argument(asked +
                                    " needs HTTP/2: on an http:// target add --http 2 (h2c with prior "
                                    "knowledge); on https:// the server chooses h2 by ALPN");
    }
}

// A threshold on `stored` judges what a store oracle counted: without one it could never hold.
void require_store_for_stored(const std::vector<result::threshold>& thresholds, bool has_store) {
    for (const result::threshold& t : thresholds) {
        if (t.metric == "stored" && !t.by_default && !has_store) {
            throw std::invalid_argument(
                "--threshold '" + t.text +
                "' judges what the target stored, but no store oracle counts it: give "
                "--admin-url (a harness mock) or --store-url");
        }
    }
}

} // namespace

result::load_result run_load_session(const load_session_plan& session, std::atomic<bool>& stop) {
    require_http2_for_streams(session.plan, session.target);
    load_plan plan = session.plan;
    plan.target = &session.target;
    plan.operation = session.contract->served_operation();
    plan.profile = session.profile;
    plan.expected_status = session.profile->success_status;
    plan.timeout =
        std::chrono::duration_cast<std::chrono::milliseconds>(session.target.client.response_timeout);
    // With a store oracle (the built-in mock's admin API, --admin-url or --store-url), the run also counts
    // what the target stored: exactly the accepted new messages.
    const auto store = checks::make_store_oracle(session.target.store_url, session.target.store_count_pointer,
                                                 session.target.admin_url, session.target.admin_token,
                                                 session.target.client);
    plan.store = store.get();
    require_store_for_stored(session.thresholds, store != nullptr);
    // One valid send before time zero: refused credentials or unknown ids are a run that cannot test the
    // target.
    const preflight_outcome first = preflight(session.target, *plan.operation, *plan.profile, plan.run_id);
    if (first.refusal) {
        throw std::invalid_argument(*first.refusal);
    }
    if (auto why = store ? store->no_count(session.target.conversation) : std::nullopt) {
        throw std::invalid_argument(*why); // a store check quietly off would hide what was not stored
    }
    wait_for_start(session.start_at_ms, session.warn);
    result::load_result result = run_load(plan, session.progress, stop);
    result.target = session.target_name;
    result.contract = session.contract->source_name();
    result.profile = session.profile->name + " (" + session.profile->source + ")";
    result.run_id = result::run_id_text(plan.run_id);
    result.shard_index = plan.shard_index;
    result.shard_count = plan.shard_count;
    result.mix = plan.mix ? plan.mix->to_string() : "";
    result.stats.answered_unmeasured += first.answered ? 1 : 0; // the target answered: it was tested
    result::evaluate_thresholds(result, session.thresholds);    // draws the verdict too
    return result;
}

} // namespace harness::load
