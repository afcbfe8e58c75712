#include "request_journal.hpp"

#include <algorithm>
#include <cstring>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace harness::mock {

namespace {

template <std::size_t N>
void copy_truncated(std::array<char, N>& out, std::string_view text) {
    const std::size_t n = std::min(text.size(), N - 1);
    if (n > 0) { // an empty view may have a null data pointer, which memcpy must not get
        std::memcpy(out.data(), text.data(), n);
    }
    out[n] = '\0';
}

template <std::size_t N>
std::string_view view(const std::array<char, N>& text) {
    return {text.data(), std::strlen(text.data())};
}

// Keeps who-knows-what out of the journal: only the scheme word of the credential survives.
void redact_authorization(std::array<char, 24>& out, std::string_view header) {
    if (header.empty()) {
        copy_truncated(out, "none");
        return;
    }
    const std::size_t space = header.find(' ');
    if (space == std::string_view::npos) {
        copy_truncated(out, "<redacted>");
        return;
    }
    std::string_view scheme = header.substr(0, std::min<std::size_t>(space, 12));
    char buffer[24];
    const std::size_t n = scheme.size();
    std::memcpy(buffer, scheme.data(), n);
    std::memcpy(buffer + n, " <redacted>", 11);
    copy_truncated(out, std::string_view(buffer, n + 11));
}

} // namespace

request_journal::request_journal(std::size_t capacity) : entries_(std::max<std::size_t>(1, capacity)) {}

void request_journal::record(std::int64_t at_ms, std::string_view method, std::string_view target, int status,
                             std::string_view idempotency_key, std::string_view authorization) {
    // Written in place: the entry is a few hundred bytes, and every request writes one.
    std::lock_guard lock(mutex_);
    journal_entry& entry = entries_[next_];
    entry.at_ms = at_ms;
    entry.status = status;
    copy_truncated(entry.method, method);
    // The path only: a query string may carry credentials (access_token=…), and the journal is served to
    // anyone.
    copy_truncated(entry.target, target.substr(0, target.find('?')));
    copy_truncated(entry.idempotency_key, idempotency_key);
    redact_authorization(entry.authorization, authorization);
    next_ = (next_ + 1) % entries_.size();
    held_ = std::min(held_ + 1, entries_.size());
}

std::string request_journal::to_json() const {
    boost::json::array list;
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < held_; ++i) {
        const journal_entry& e = entries_[(next_ + entries_.size() - held_ + i) % entries_.size()];
        list.push_back(boost::json::object{{"atMs", e.at_ms},
                                           {"method", view(e.method)},
                                           {"target", view(e.target)},
                                           {"status", e.status},
                                           {"idempotencyKey", view(e.idempotency_key)},
                                           {"authorization", view(e.authorization)}});
    }
    return boost::json::serialize(list);
}

void request_journal::clear() {
    std::lock_guard lock(mutex_);
    next_ = 0;
    held_ = 0;
}

} // namespace harness::mock
