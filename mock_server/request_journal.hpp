#pragma once
// The last N requests the mock answered, for /__admin/journal: method, path (never the query string), status,
// idempotency key and the credential's scheme only (the token itself is never kept). Fixed-size entries:
// recording allocates nothing.

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace harness::mock {

struct journal_entry {
    std::int64_t at_ms = 0;
    int status = 0;
    std::array<char, 8> method{};
    std::array<char, 200> target{};
    std::array<char, 80> idempotency_key{};
    std::array<char, 24> authorization{}; // "Bearer <redacted>", "none", or the scheme alone
};

class request_journal {
public:
    explicit request_journal(std::size_t capacity);

    // `authorization` is the raw header value: only its scheme is kept.
    void record(std::int64_t at_ms, std::string_view method, std::string_view target, int status,
                std::string_view idempotency_key, std::string_view authorization);

    // Oldest first, as a JSON array text.
    std::string to_json() const;
    void clear();

private:
    mutable std::mutex mutex_;
    std::vector<journal_entry> entries_;
    std::size_t next_ = 0;
    std::size_t held_ = 0;
};

} // namespace harness::mock
