#pragma once
// Checks a sample of one load thread's replies (by default every one) against the contract without slowing
// that thread or touching its heap. Each sampled reply is judged where it arrives by a reply_judge (one parse
// into memory of its own, the compiled schema, the envelope, the echo of what its kind sent, its kind's
// error.code: no allocation, well under a microsecond). Only a reply the judge turns down is copied (status,
// content type, body) into a ring allocated once, and a validation thread of its own runs the named checks
// verify makes (harness/checks) to learn what broke; those allocate, so that happens there. Judging on the
// worker was measured against judging on the validation thread, on the one-core client the benches use
// (bench/load_hot_path_bench: judged_on_worker vs judged_on_thread): the hand-over of every reply cost more
// than the judgement. A reply that finds the ring full or is larger than a ring slot is counted as not
// validated — never dropped without a trace. Every rule a reply broke is tallied by its check id with the
// rule's text and one sample (status, what the check said, the body redacted and cut short); given the
// thread's reply_recorder, each violation is also counted in the second of the timeline its reply came in.

#include "harness/checks/reply_judge.hpp"
#include "harness/checks/response_checks.hpp"
#include "harness/contract/operation.hpp"
#include "harness/contract/profile.hpp"
#include "harness/result/request_kind.hpp"
#include "harness/result/rule_violation.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/json/value.hpp>

namespace harness::load {

struct load_plan;
class reply_recorder;

struct validation_counts {
    std::uint64_t validated = 0;     // replies checked against the contract
    std::uint64_t violating = 0;     // of those, replies that break it
    std::uint64_t not_validated = 0; // sampled, but the ring was full or the reply larger than a slot
    std::string first_violation;     // what the first violating reply broke, for people
    // A mix: per request kind, replies checked and those that broke the contract or their kind's rule
    // (another error.code than the failure the kind deserves), with the first such problem.
    struct per_kind {
        std::uint64_t checked = 0, broke = 0;
        std::string first_problem;
    };
    std::array<per_kind, harness::result::request_kind_count> kinds{};
    // Per rule (check id): the replies that broke it, with one redacted sample each.
    std::vector<harness::result::rule_violation> violations;
    // Violations per second of the timeline (index: second), counted when a recorder gave the seconds.
    std::vector<std::uint64_t> violations_by_second;
};

// Where a reply is judged: on the worker that received it (the default), or on the validation thread after
// a hand-over (kept for the bench that measured the choice).
enum class judge_site { worker, validation_thread };

class sampled_validator {
public:
    // `every`: 0 = validate nothing; N = one reply in N. The thread starts only when `every` > 0.
    // `mix_profile`: with a mix, the profile whose failures each kind's reply is checked against (nullptr:
    // none).
    sampled_validator(const contract::operation& operation, std::size_t every,
                      const contract::profile* mix_profile = nullptr, std::size_t slots = 256,
                      std::size_t slot_bytes = 16 * 1024, judge_site site = judge_site::worker);
    // A load thread's: the plan's operation, sample rate and mix; each accepted send's data checked to echo
    // what its kind's request sent (data_checks, profile rule 1); the target's credentials redacted from
    // sample bodies; each sampled reply stamped with `recorder`'s current second, and finish() hands the
    // violations to the recorder (its stats and its seconds of the timeline).
    sampled_validator(const load_plan& plan, reply_recorder& recorder);
    ~sampled_validator();
    sampled_validator(const sampled_validator&) = delete;
    sampled_validator& operator=(const sampled_validator&) = delete;

    // Worker thread only. Samples one reply in `every`, judges it, and hands over a reply the judge turns
    // down; never allocates (once warm), never blocks.
    void offer(int status, bool json_content_type, std::string_view body, std::size_t kind = 0) noexcept;

    // Waits until every handed-over reply is validated, stops the thread and returns the counts (handed to
    // the recorder, when one was given, the first time). Idempotent.
    validation_counts finish();

    // Secret values (the target's tokens) to redact from sample bodies. Before the first offer().
    void redact(std::vector<std::string> secrets) { secrets_ = std::move(secrets); }

private:
    struct slot_header {
        int status = 0;
        bool json_content_type = false;
        std::size_t size = 0;
        std::size_t kind = 0;
        std::uint32_t second = 0; // of the timeline, when a recorder gives it
    };

    void validate_loop();
    void validate_one(const slot_header& header, std::string_view body);
    void tally(const slot_header& header, std::string_view body, const checks::check_outcomes& found);
    void note_sent_bodies(const load_plan& plan);
    void expect_failure_codes();
    void hand_over(int status, bool json_content_type, std::string_view body, std::size_t kind) noexcept;

    const contract::operation& operation_;
    const contract::profile* mix_profile_;
    std::size_t every_;
    std::size_t since_sample_ = 0;
    std::size_t slot_bytes_;
    std::vector<slot_header> headers_;
    std::vector<char> bytes_;
    // Single producer (the worker), single consumer (the validation thread): head_ is written by the worker
    // only, tail_ by the validation thread only.
    std::atomic<std::uint64_t> head_{0};
    std::atomic<std::uint64_t> tail_{0};
    std::atomic<bool> stopping_{false};
    // Bumped after each reply handed over and at the stop: the validation thread sleeps on it (atomic wait)
    // instead of polling, so an idle validator costs the worker's core no wake-ups.
    std::atomic<std::uint32_t> signal_{0};
    std::uint64_t not_validated_ = 0; // the worker's count
    judge_site site_;
    checks::reply_judge judge_; // on the worker, or on the validation thread (site_)
    // The worker's counts of replies its judge passed: in all, and per request kind.
    std::uint64_t passed_on_worker_ = 0;
    std::array<std::uint64_t, harness::result::request_kind_count> passed_kinds_{};
    validation_counts counts_;         // the validation thread's counts, read after join
    checks::run_memory memory_;        // unused: errorIds are not remembered under load
    std::vector<std::string> secrets_; // redacted from sample bodies
    // What each request kind sends (its template's body, parsed once): a 2xx to it must echo these (rule 1).
    // Empty when the plan has no target (a bench's validator).
    std::array<std::optional<boost::json::value>, harness::result::request_kind_count> sent_bodies_;
    const contract::profile* profile_ = nullptr;
    std::string caller_company_;
    reply_recorder* recorder_ = nullptr;
    bool handed_over_ = false;
    std::thread thread_;
};

} // namespace harness::load
