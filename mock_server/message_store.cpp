#include "message_store.hpp"

#include <algorithm>

namespace harness::mock {

message_store::message_store(std::size_t capacity) : capacity_(std::max<std::size_t>(1, capacity)) {
    ring_.resize(capacity_);
}

void message_store::add(const new_message& message) {
    std::lock_guard lock(mutex_);
    auto total = totals_.find(message.conversation);
    if (total == totals_.end()) {
        total = totals_.emplace(std::string(message.conversation), 0).first;
    }
    ++total->second;
    stored_message& slot = ring_[next_];
    slot.message_uuid.assign(message.message_uuid);
    slot.project.assign(message.project);
    slot.conversation.assign(message.conversation);
    slot.caller.assign(message.caller);
    slot.item_uuid.assign(message.item_uuid);
    if (!message.text) {
        slot.text.reset();
    } else if (slot.text) {
        slot.text->assign(*message.text);
    } else {
        slot.text.emplace(*message.text);
    }
    slot.created_at_ms = message.created_at_ms;
    next_ = (next_ + 1) % capacity_;
    held_ = std::min(held_ + 1, capacity_);
}

std::vector<stored_message> message_store::recent(std::string_view conversation, std::size_t limit) const {
    std::lock_guard lock(mutex_);
    std::vector<stored_message> found;
    // Walk from the newest backwards, then restore oldest-first order.
    for (std::size_t i = 0; i < held_ && found.size() < limit; ++i) {
        const stored_message& m = ring_[(next_ + capacity_ - 1 - i) % capacity_];
        if (m.conversation == conversation) {
            found.push_back(m);
        }
    }
    std::reverse(found.begin(), found.end());
    return found;
}

std::vector<std::pair<std::string, std::uint64_t>> message_store::totals() const {
    std::lock_guard lock(mutex_);
    std::vector<std::pair<std::string, std::uint64_t>> list(totals_.begin(), totals_.end());
    std::sort(list.begin(), list.end());
    return list;
}

std::uint64_t message_store::total(std::string_view conversation) const {
    std::lock_guard lock(mutex_);
    auto it = totals_.find(conversation);
    return it == totals_.end() ? 0 : it->second;
}

std::size_t message_store::held() const {
    std::lock_guard lock(mutex_);
    return held_;
}

void message_store::clear() {
    std::lock_guard lock(mutex_);
    std::fill(ring_.begin(), ring_.end(), stored_message{});
    next_ = 0;
    held_ = 0;
    totals_.clear();
}

} // namespace harness::mock
