#include "resend_tracker.hpp"

#include "harness/json/hash.hpp"
#include "harness/json/pointer.hpp"

#include <algorithm>
#include <cstring>

#include <boost/json/monotonic_resource.hpp>

namespace harness::load {

resend_tracker::resend_tracker(double ratio, std::uint64_t seed)
    : ratio_(ratio), random_(seed),
      parser_(boost::json::storage_ptr(), {}, stack_buffer_, sizeof stack_buffer_) {}

bool resend_tracker::choose_resend(request_template& request, std::uint64_t& expected_hash) {
    if (ratio_ <= 0 || std::uniform_real_distribution<double>(0, 1)(random_) >= ratio_) {
        return false;
    }
    const entry& picked = ring_[static_cast<std::size_t>(random_() % ring_.size())];
    if (!picked.valid) {
        return false;
    }
    request.set_key(std::string_view(picked.key.data(), request_template::key_width));
    expected_hash = picked.data_hash;
    return true;
}

bool resend_tracker::pick_earlier(request_template& request, std::uint64_t& expected_hash) {
    const std::uint64_t filled = std::min<std::uint64_t>(next_, ring_.size());
    if (filled == 0) {
        return false;
    }
    const entry& picked = ring_[static_cast<std::size_t>(random_() % filled)];
    request.set_key(std::string_view(picked.key.data(), request_template::key_width));
    expected_hash = picked.data_hash;
    return true;
}

bool resend_tracker::data_hash(std::string_view body, std::uint64_t& hash) {
    boost::json::monotonic_resource memory(value_buffer_, sizeof value_buffer_);
    parser_.reset(&memory);
    boost::system::error_code ec;
    parser_.write(body.data(), body.size(), ec);
    if (ec) {
        return false;
    }
    const boost::json::value parsed = parser_.release();
    const boost::json::value* data = json::find_pointer(parsed, "/data");
    hash = data == nullptr ? 0 : json::json_hash(*data);
    return true;
}

void resend_tracker::remember_first(std::string_view key, std::string_view body) {
    std::uint64_t hash = 0;
    if (!data_hash(body, hash)) {
        return;
    }
    entry& slot = ring_[next_++ % ring_.size()];
    std::memcpy(slot.key.data(), key.data(), request_template::key_width);
    slot.data_hash = hash;
    slot.valid = true;
}

void resend_tracker::check_resend(std::uint64_t expected_hash, std::string_view body,
                                  harness::result::load_stats& stats) {
    std::uint64_t hash = 0;
    if (!data_hash(body, hash)) {
        return; // not JSON: the contract check counts it; there is no data to compare
    }
    ++stats.resends_checked;
    stats.resend_mismatches += hash == expected_hash ? 0 : 1;
}

} // namespace harness::load
