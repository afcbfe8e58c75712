#include "sampled_validator.hpp"

#include "harness/checks/data_checks.hpp"
#include "harness/checks/profile_checks.hpp"
#include "harness/checks/response_checks.hpp"
#include "harness/http/redact.hpp"
#include "harness/json/utf8_text.hpp"
#include "load_plan.hpp"
#include "reply_recorder.hpp"
#include "request_template.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <stdexcept>

namespace harness::load {

sampled_validator::sampled_validator(const contract::operation& operation, std::size_t every,
                                     const contract::profile* mix_profile, std::size_t slots,
                                     std::size_t slot_bytes, judge_site site)
    : operation_(operation), mix_profile_(mix_profile), every_(every), slot_bytes_(slot_bytes), site_(site),
      judge_(operation, harness::result::request_kind_count) {
    if (every_ == 0) {
        return;
    }
    expect_failure_codes();
    headers_.resize(slots);
    bytes_.resize(slots * slot_bytes);
    thread_ = std::thread([this] { validate_loop(); });
}

sampled_validator::sampled_validator(const load_plan& plan, reply_recorder& recorder)
    : sampled_validator(*plan.operation, plan.validate_every, plan.mix ? plan.profile : nullptr) {
    recorder_ = &recorder;
    if (plan.target != nullptr) {
        const auto& t = *plan.target;
        secrets_ = {t.token, t.second_token, t.other_project_token, t.expired_token};
        note_sent_bodies(plan);
    }
}

// Before the first offer(): the validation thread reads these only after taking a sample the worker handed
// over with a release store, which comes after this.
void sampled_validator::note_sent_bodies(const load_plan& plan) {
    if (plan.operation == nullptr || plan.profile == nullptr) {
        return;
    }
    profile_ = plan.profile;
    caller_company_ = plan.target->company;
    const std::size_t kinds = plan.mix ? harness::result::request_kind_count : 1;
    for (std::size_t k = 0; k < kinds; ++k) {
        try {
            const request_template sent(*plan.target, *plan.operation, *plan.profile,
                                        static_cast<harness::result::request_kind>(k));
            const std::string_view bytes = sent.bytes();
            const std::size_t body = bytes.find("\r\n\r\n");
            http::exchange request; // parsed where every check parses what a driver sent
            request.request.body = bytes.substr(body == std::string_view::npos ? bytes.size() : body + 4);
            sent_bodies_[k] = checks::request_json(request);
            if (sent_bodies_[k]) {
                judge_.expect_echo(k, *sent_bodies_[k], *profile_, caller_company_);
            }
        } catch (const std::invalid_argument&) {
            // A kind the target cannot send (no expired token): the run never sends it either.
        }
    }
}

// With a mix, each kind's refusal must carry the error.code of the failure the kind deserves.
void sampled_validator::expect_failure_codes() {
    if (mix_profile_ == nullptr) {
        return;
    }
    for (std::size_t k = 0; k < harness::result::request_kind_count; ++k) {
        const auto failure =
            harness::result::expected_failure(static_cast<harness::result::request_kind>(k), *mix_profile_);
        if (failure) {
            judge_.expect_failure_code(k, mix_profile_->failure(*failure).status,
                                       mix_profile_->failure(*failure).code);
        }
    }
}

sampled_validator::~sampled_validator() {
    finish();
}

void sampled_validator::offer(int status, bool json_content_type, std::string_view body,
                              std::size_t kind) noexcept {
    if (every_ == 0 || ++since_sample_ < every_) {
        return;
    }
    since_sample_ = 0;
    if (site_ == judge_site::worker && judge_.holds(status, json_content_type, body, kind)) {
        ++passed_on_worker_;
        ++passed_kinds_[kind < passed_kinds_.size() ? kind : 0];
        return;
    }
    hand_over(status, json_content_type, body, kind);
}

void sampled_validator::hand_over(int status, bool json_content_type, std::string_view body,
                                  std::size_t kind) noexcept {
    const std::uint64_t head = head_.load(std::memory_order_relaxed);
    if (body.size() > slot_bytes_ || head - tail_.load(std::memory_order_acquire) == headers_.size()) {
        ++not_validated_;
        return;
    }
    const std::size_t index = static_cast<std::size_t>(head % headers_.size());
    headers_[index] = {status, json_content_type, body.size(), kind,
                       recorder_ != nullptr ? recorder_->current_second() : 0};
    std::memcpy(bytes_.data() + index * slot_bytes_, body.data(), body.size());
    head_.store(head + 1, std::memory_order_release);
    signal_.fetch_add(1, std::memory_order_release);
    signal_.notify_one();
}

void sampled_validator::validate_loop() {
    while (true) {
        // Read before head_: a reply handed over after this bumps signal_ past it, so the wait returns.
        const std::uint32_t seen = signal_.load(std::memory_order_acquire);
        const std::uint64_t tail = tail_.load(std::memory_order_relaxed);
        if (tail == head_.load(std::memory_order_acquire)) {
            if (stopping_.load(std::memory_order_acquire) && tail == head_.load(std::memory_order_acquire)) {
                return;
            }
            signal_.wait(seen, std::memory_order_acquire);
            continue;
        }
        const std::size_t index = static_cast<std::size_t>(tail % headers_.size());
        const slot_header& header = headers_[index];
        validate_one(header, std::string_view(bytes_.data() + index * slot_bytes_, header.size));
        tail_.store(tail + 1, std::memory_order_release);
    }
}

void sampled_validator::validate_one(const slot_header& header, std::string_view body) {
    ++counts_.validated;
    if (site_ == judge_site::validation_thread &&
        judge_.holds(header.status, header.json_content_type, body, header.kind)) {
        if (mix_profile_ != nullptr) {
            ++counts_.kinds[header.kind].checked;
        }
        return;
    }
    // Turned down by the judge: the named checks say what broke.
    // The same contract checks verify makes on every reply (harness/checks), on this thread's own copy.
    http::exchange reply;
    reply.outcome = http::outcome_kind::ok;
    reply.response.status = header.status;
    reply.response.headers = {{"Content-Type", header.json_content_type ? "application/json" : "(not JSON)"}};
    reply.response.body.assign(body);
    checks::check_outcomes found;
    const checks::parsed_reply parsed(reply, 0);
    checks::check_response(operation_, parsed, {.schema = true, .error_id_unique = false}, memory_, found);
    if (profile_ != nullptr && parsed.two_xx() && header.kind < sent_bodies_.size() &&
        sent_bodies_[header.kind]) {
        // What the gateway did with the data: the kind's request is known, so its echo is checked too.
        checks::check_echoed_fields(parsed, *sent_bodies_[header.kind], *profile_, caller_company_, found);
    }
    if (mix_profile_ != nullptr) {
        // The kind's own rule: a refusal carries the error.code of the failure the kind deserves.
        const auto kind = static_cast<harness::result::request_kind>(header.kind);
        const auto failure = harness::result::expected_failure(kind, *mix_profile_);
        if (failure && header.status == mix_profile_->failure(*failure).status) {
            found.push_back(checks::failure_code(parsed, *mix_profile_, *failure));
        }
    }
    const auto broken = std::find_if(found.begin(), found.end(),
                                     [](const auto& c) { return c.status == checks::check_status::failed; });
    if (mix_profile_ != nullptr) {
        // A reply with another status than its kind's is counted by the worker already; here, the rest.
        auto& per_kind = counts_.kinds[header.kind];
        ++per_kind.checked;
        const auto kind = static_cast<harness::result::request_kind>(header.kind);
        const bool right_status = header.status == harness::result::expected_status(kind, *mix_profile_);
        if (right_status && broken != found.end() && ++per_kind.broke == 1) {
            per_kind.first_problem = "status " + std::to_string(header.status) + ": " + broken->message +
                                     (broken->rule.empty() ? "" : " (" + broken->rule + ")");
        }
    }
    if (broken != found.end()) {
        ++counts_.violating;
        if (counts_.first_violation.empty()) {
            counts_.first_violation = "status " + std::to_string(header.status) + ": " + broken->message;
        }
        tally(header, body, found);
    }
}

// Each rule the reply broke, once per reply, with the first reply that broke it as its sample.
void sampled_validator::tally(const slot_header& header, std::string_view body,
                              const checks::check_outcomes& found) {
    auto& violations = counts_.violations;
    for (auto it = found.begin(); it != found.end(); ++it) {
        const bool counted_already = std::any_of(found.begin(), it, [&it](const checks::check_outcome& c) {
            return c.status == checks::check_status::failed && c.check == it->check;
        });
        if (it->status != checks::check_status::failed || counted_already) {
            continue;
        }
        auto v =
            std::find_if(violations.begin(), violations.end(),
                         [&it](const harness::result::rule_violation& x) { return x.rule == it->check; });
        if (v == violations.end()) {
            violations.push_back(
                {it->check,
                 it->rule,
                 0,
                 {header.status, it->message,
                  json::cut_utf8(http::redact_body(body, secrets_), harness::result::sample_body_bytes)}});
            v = violations.end() - 1;
        }
        ++v->count;
    }
    if (counts_.violations_by_second.size() <= header.second) {
        counts_.violations_by_second.resize(header.second + 1);
    }
    ++counts_.violations_by_second[header.second];
}

validation_counts sampled_validator::finish() {
    if (thread_.joinable()) {
        stopping_.store(true, std::memory_order_release);
        signal_.fetch_add(1, std::memory_order_release);
        signal_.notify_one();
        thread_.join();
    }
    validation_counts result = counts_;
    result.not_validated = not_validated_;
    result.validated += passed_on_worker_;
    if (mix_profile_ != nullptr) {
        for (std::size_t k = 0; k < result.kinds.size(); ++k) {
            result.kinds[k].checked += passed_kinds_[k];
        }
    }
    std::vector<harness::result::rule_violation> ordered; // the most broken rule first, as merges order them
    harness::result::merge_violations(ordered, result.violations);
    result.violations = std::move(ordered);
    if (recorder_ != nullptr && !handed_over_) {
        handed_over_ = true;
        recorder_->checked(result.violations, result.violations_by_second);
    }
    return result;
}

} // namespace harness::load
