#include "request_chooser.hpp"

#include "harness/result/run_id.hpp"

namespace harness::load {

using harness::result::request_kind;

request_chooser::request_chooser(const load_plan& plan, int thread)
    : plan_(plan), thread_(thread),
      resends_(plan.resend_ratio, 0x7e5e0000ULL + static_cast<unsigned>(thread)),
      key_random_(harness::result::run_seed(plan.run_id, 0x5eed0000ULL + static_cast<unsigned>(thread))),
      kind_random_(0x6b1d0000ULL + static_cast<unsigned>(thread)) {
    if (plan.mix && (plan.mix->has(request_kind::resend) || plan.mix->has(request_kind::key_reuse))) {
        resends_.remember_always();
    }
}

send_choice request_chooser::choose(std::vector<request_template>& requests) {
    send_choice choice;
    choice.kind = plan_.mix ? static_cast<std::size_t>(plan_.mix->choose(kind_random_())) : 0;
    request_template& request = requests[choice.kind];
    const auto kind = static_cast<request_kind>(choice.kind);
    if (plan_.mix) {
        // A resend or a reused key needs an earlier key whose first reply is in; until one is, a new message.
        const bool reuses = kind == request_kind::resend || kind == request_kind::key_reuse;
        const bool earlier = reuses && resends_.pick_earlier(request, choice.expected_hash);
        if (reuses && !earlier) {
            choice.kind = static_cast<std::size_t>(request_kind::new_message);
        }
        choice.resend = earlier && kind == request_kind::resend;
    } else {
        choice.resend = resends_.choose_resend(request, choice.expected_hash);
    }
    const auto chosen = static_cast<request_kind>(choice.kind);
    const bool patched = choice.resend || (plan_.mix && chosen == request_kind::key_reuse);
    choice.first_send = !patched && resends_.active() && chosen == request_kind::new_message;
    if (!patched) {
        // Shard in the top byte, random bits of this run (its generator seeded from the run id), then the
        // thread: keys of shards, runs and threads never collide; the counter makes them unique within the
        // thread.
        const std::uint64_t high =
            (static_cast<std::uint64_t>(plan_.shard_index & 0xFF) << 56) |
            ((static_cast<std::uint64_t>(key_random_()) << 16) & 0x00FFFFFFFFFF0000ULL) |
            static_cast<std::uint64_t>(thread_ & 0xFFFF);
        requests[choice.kind].set_key(high, ++key_counter_);
    }
    return choice;
}

} // namespace harness::load
