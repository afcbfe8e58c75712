#include "in_flight_keys.hpp"

#include <iterator>

namespace harness::mock {

void in_flight_keys::hold(std::string_view key, clock::time_point until) {
    std::lock_guard lock(mutex_);
    if (until_.size() >= sweep_above) {
        const clock::time_point now = clock::now();
        std::erase_if(until_, [&](const auto& entry) { return entry.second <= now; });
    }
    until_[std::string(key)] = until;
}

bool in_flight_keys::in_flight(std::string_view key, clock::time_point now) {
    std::lock_guard lock(mutex_);
    const auto it = until_.find(std::string(key));
    return it != until_.end() && now < it->second;
}

void in_flight_keys::clear() {
    std::lock_guard lock(mutex_);
    until_.clear();
}

} // namespace harness::mock
