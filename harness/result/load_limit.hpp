#pragma once
// Who ran out when an open-loop run's requests went too late to send (issue 25, row 4). Queueing stays in
// latency, as wrk2 counts it; but a slot that could not be sent within --max-lag is a request never offered,
// and the run must say whose limit that was:
//   - the target's, when its service time while the pool sat at its cap exceeds 1.5 × its service time in
//     the first measured seconds: it slowed down (the run fails, exit 1);
//   - the generator's connection budget otherwise: rate × service time needs more connections than the cap
//     (not tested, exit 2, naming how many);
//   - the generator's own pace, when slots went late while the pool still had room (a busy CPU; exit 2).

#include "load_result.hpp"

#include <string>
#include <string_view>

namespace harness::result {

// A pool's service time may grow this much at its cap before the target is held to have slowed down.
inline constexpr double target_slowdown_factor = 1.5;

enum class load_limit { none, target_slowed, connection_cap, generator_pace };

std::string_view to_string(load_limit limit);
load_limit load_limit_from_string(std::string_view text); // none for unknown text

struct load_limit_finding {
    load_limit kind = load_limit::none;
    // The finding in one sentence ("" for none); for the generator's limits without a subject ("could not
    // offer 400 req/s: …", "fell behind its schedule: …"), so it reads after "the generator" or "the
    // background load".
    std::string words;
};

// From the run's too-late count and its pool (results without a pool, closed loops included: none).
load_limit_finding find_load_limit(const load_result& run);

// Connections needed to offer `rate` when each request holds a lane for `service_us` and a connection
// carries `streams` lanes: ceil(rate × service / streams), at least 1.
int connections_needed(double rate, double service_us, int streams);

} // namespace harness::result
