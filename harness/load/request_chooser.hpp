#pragma once
// What a load thread sends next (the worker decides when): the request kind of a mix by weight, and the key —
// a new one salted with the run id, shard and thread, or an earlier one for a resend or a reused key (taken
// from resend_tracker, which also keeps the first replies resends are compared with). Nothing allocated per
// request.

#include "harness/result/request_kind.hpp"
#include "load_plan.hpp"
#include "request_template.hpp"
#include "resend_tracker.hpp"

#include <cstdint>
#include <random>
#include <vector>

namespace harness::load {

// The choice for one send.
struct send_choice {
    std::size_t kind = 0;            // index into the lane's requests (a request_kind with a mix, 0 without)
    bool resend = false;             // this request reuses an earlier key with its payload
    bool first_send = false;         // a first send whose data a later resend will be compared with
    std::uint64_t expected_hash = 0; // for a resend: the first reply's data hash
};

class request_chooser {
public:
    request_chooser(const load_plan& plan, int thread);

    // Picks the kind and sets its request's key in `requests` (the lane's, one per kind).
    send_choice choose(std::vector<request_template>& requests);

    resend_tracker& resends() noexcept { return resends_; }

private:
    const load_plan& plan_;
    int thread_;
    resend_tracker resends_;
    std::mt19937_64 key_random_;
    std::uint64_t key_counter_ = 0;
    std::mt19937_64 kind_random_;
};

} // namespace harness::load
