#pragma once
// Random sequences, drawn from a seed: the same seed gives the same sequence. A step is a new send (with a
// new key, a variant of a key already sent — differing only in case, a long key sharing its prefix, the same
// letters in another Unicode form, a trailing space — or no key), an identical resend, the same payload
// written otherwise, another payload under a key, a key reused by the second caller or in the second
// conversation, a request carrying a key refused for one reason or another, or a concurrent burst of one key
// or of distinct keys. Payload values come from a short list of those storage layers mangle.

#include "sequence.hpp"

#include <cstdint>

namespace harness::explore {

// What the target offers beyond the one caller and conversation; steps that need more are not drawn.
struct explore_capabilities {
    bool second_caller = false;
    bool second_conversation = false;
    bool company_field = false;     // the profile names a company field (a 403 for another company)
    bool callers_company = false;   // the caller's company is known (--company): sent as a payload value
    std::size_t max_body_bytes = 0; // 0: no 413 step
};

// A sequence of `min_steps`..`max_steps` steps.
sequence generate_sequence(std::uint64_t seed, const explore_capabilities& can, std::size_t min_steps = 2,
                           std::size_t max_steps = 8);

// One sequence that takes every transition of the model once (a new key, its replay, its payload written
// otherwise, another payload, no key, a refusal and its key sent again, the key in another scope when the
// target has one, concurrent copies of a new and then a known key, concurrent distinct keys): run first, so
// every run exercises every transition whatever its budget.
sequence tour_sequence(const explore_capabilities& can);

} // namespace harness::explore
