#pragma once
// Idempotent resends under load (--resend-ratio): some requests reuse the key of an earlier first send, and
// their reply's `data` must be the same as the first reply's. Kept as a ring of recent keys with the hash of
// their first reply's data; replies are parsed into buffers of the tracker's own, so small replies touch no
// heap.

#include "harness/result/load_stats.hpp"
#include "request_template.hpp"

#include <array>
#include <cstdint>
#include <random>
#include <string_view>

#include <boost/json/parser.hpp>

namespace harness::load {

class resend_tracker {
public:
    resend_tracker(double ratio, std::uint64_t seed);

    bool active() const noexcept { return ratio_ > 0 || remembering_; }
    // A mix with resend or key_reuse kinds: remember first sends whatever the ratio.
    void remember_always() noexcept { remembering_ = true; }
    // Patches a remembered key (one whose first reply arrived) into `request`; false when none is remembered
    // yet.
    bool pick_earlier(request_template& request, std::uint64_t& expected_hash);

    // Decides whether the next request resends an earlier key. When it does, the key is patched into
    // `request`, `expected_hash` is the first reply's data hash, and the result is true.
    bool choose_resend(request_template& request, std::uint64_t& expected_hash);

    // A 2xx reply to a first send whose key may be resent later.
    void remember_first(std::string_view key, std::string_view body);
    // A 2xx reply to a resend: compares its data with the first reply's.
    void check_resend(std::uint64_t expected_hash, std::string_view body, harness::result::load_stats& stats);

private:
    struct entry {
        std::array<char, request_template::key_width> key{};
        std::uint64_t data_hash = 0;
        bool valid = false;
    };

    // False when the body is not JSON; `hash` is that of its /data (0 when absent).
    bool data_hash(std::string_view body, std::uint64_t& hash);

    double ratio_;
    bool remembering_ = false;
    std::mt19937_64 random_;
    std::array<entry, 1024> ring_{};
    std::uint64_t next_ = 0;
    // One parser for the tracker's life: its working stack starts in stack_buffer_ and keeps what it grew,
    // and each reply's values go into value_buffer_, so parsing a small reply allocates nothing.
    unsigned char stack_buffer_[4096];
    unsigned char value_buffer_[16384];
    boost::json::parser parser_;
};

} // namespace harness::load
