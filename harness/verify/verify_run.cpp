#include "verify_run.hpp"

#include "case_loop.hpp"
#include "harness/checks/http_store_oracle.hpp"
#include "harness/contract/coverage_model.hpp"
#include "harness/load/background_load.hpp"
#include "harness/load/preflight.hpp"
#include "harness/result/coverage_tally.hpp"
#include "harness/result/run_id.hpp"
#include "harness/result/run_judgement.hpp"
#include "harness/result/time_text.hpp"
#include "harness/scenario/variables.hpp"
#include "target_probe.hpp"

#include <ctime>
#include <memory>

namespace harness::verify {

namespace {

namespace hs = harness::scenario;

// verify --under-load: valid sends at RATE in the background, holding their rate before the first case.
std::unique_ptr<load::background_load> start_background_load(const verify_plan& plan) {
    if (plan.under_load.empty()) {
        return nullptr;
    }
    const load::background_spec spec = load::parse_background_spec(plan.under_load);
    // Its own conversation when there is one: the cases' stored-message counts then see none of its messages.
    harness::target::target_spec load_target = plan.target;
    if (!plan.target.load_conversation.empty()) {
        load_target.conversation = plan.target.load_conversation;
    }
    load::load_plan load;
    load.run_id = result::run_seed(plan.run_id, 1); // its keys apart from the latency burst's
    load.operation = plan.operation;
    load.profile = plan.profile;
    load.expected_status = plan.profile->success_status;
    load.timeout = plan.target.client.response_timeout;
    load.max_body_bytes = plan.target.client.max_response_bytes;
    auto background = std::make_unique<load::background_load>(load, std::move(load_target), spec);
    background->start();
    return background;
}

result::verify_result new_result(const verify_plan& plan, const std::string& protocol) {
    result::verify_result run;
    run.target = plan.target_name;
    run.protocol = protocol;
    run.base_url = plan.target.url.to_string();
    while (!run.base_url.empty() && run.base_url.back() == '/') {
        run.base_url.pop_back();
    }
    run.contract = plan.contract->source_name();
    run.profile = plan.profile->name + " (" + plan.profile->source + ")";
    run.started_at = result::iso8601_utc(std::time(nullptr));
    run.run_id = result::run_id_text(plan.run_id);
    run.values_seed = plan.values_seed;
    return run;
}

} // namespace

result::verify_result run_verify_plan(const verify_plan& plan, const verify_observer& observer) {
    // The cases' ${uuid} keys and ids come from the run id too: a second run sends none of the first's.
    scenario::seed_random_uuids(plan.run_id);
    const probe_result probe = probe_target(plan.target);
    result::verify_result run = new_result(plan, probe.protocol);
    if (probe.refused) {
        run.verdict = result::run_verdict::untested(*probe.refused);
        return run;
    }
    // The probe's and the preflight's exchanges are in no case: whether they got an answer is a fact.
    result::verify_run_facts facts;
    facts.min_coverage = plan.min_coverage;
    facts.note_outside_cases(probe.answered, probe.failure);
    const load::preflight_outcome preflight =
        load::preflight(plan.target, *plan.operation, *plan.profile, plan.run_id);
    if (preflight.refusal) {
        run.verdict = result::run_verdict::untested(*preflight.refusal);
        return run;
    }
    if (preflight.sent) {
        facts.note_outside_cases(preflight.answered, preflight.failure);
    }
    const auto store =
        checks::make_store_oracle(plan.target.store_url, plan.target.store_count_pointer,
                                  plan.target.admin_url, plan.target.admin_token, plan.target.client);
    if (auto why = store ? store->no_count(plan.target.conversation) : std::nullopt) {
        run.verdict = result::run_verdict::untested(*why);
        return run;
    }
    hs::run_context context(*plan.contract, *plan.operation, *plan.profile, plan.target);
    context.store = store.get();
    context.http2_refused = probe.protocol == "HTTP/2" ? "" : http2_refusal(plan.target);
    std::unique_ptr<load::background_load> background = start_background_load(plan);
    run.under_load_rate = background ? load::parse_background_spec(plan.under_load).rate : 0;
    if (background && plan.target.load_conversation.empty()) {
        context.busy_conversation = plan.target.conversation;
    }
    if (observer.started) {
        observer.started(run);
    }
    facts.stopped_because = run_cases(plan, context, background.get(), run, observer, facts);
    facts.interrupted = facts.stopped_because == interrupted_reason;
    if (background) {
        run.under_load = result::summarize_background_load(background->stop());
        rerun_without_load(plan.suites, context, run);
        if (observer.under_load_done) {
            observer.under_load_done(run);
        }
    }
    run.coverage = result::tally_coverage(
        contract::derive_coverage_model(*plan.contract, *plan.operation, *plan.profile), run,
        {.failing_conversation = !plan.target.failing_conversation.empty(),
         .store_oracle = store != nullptr});
    run.verdict = result::judge_verify_run(run, facts);
    return run;
}

} // namespace harness::verify
