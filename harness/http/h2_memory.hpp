#pragma once
// nghttp2's memory for one HTTP/2 session, from free lists by size class: what a stream frees (its headers,
// its frames, its HPACK work) the next stream reuses, so after warm-up a session allocates nothing per
// request. The blocks come from operator new, so the load generator's allocation counter sees nghttp2's
// allocations too. One session, one thread: not thread-safe, as nghttp2 sessions are not.

#include <array>
#include <cstddef>
#include <nghttp2/nghttp2.h>

namespace harness::http {

class h2_memory {
public:
    h2_memory();
    ~h2_memory();
    h2_memory(const h2_memory&) = delete;
    h2_memory& operator=(const h2_memory&) = delete;

    // For nghttp2_session_client_new3 / server_new3; valid as long as this object.
    nghttp2_mem* mem() noexcept { return &mem_; }

private:
    // Size classes of 32 bytes to 64 KiB, powers of two; larger blocks go to operator new and back at once.
    static constexpr std::size_t class_count = 12;

    void* allocate(std::size_t size);
    void release(void* pointer) noexcept;
    void* resize(void* pointer, std::size_t size);

    static void* nghttp2_malloc(std::size_t size, void* self);
    static void nghttp2_free(void* pointer, void* self);
    static void* nghttp2_calloc(std::size_t count, std::size_t size, void* self);
    static void* nghttp2_realloc(void* pointer, std::size_t size, void* self);

    std::array<void*, class_count> free_lists_{};
    nghttp2_mem mem_{};
};

} // namespace harness::http
