#pragma once
// The allocator of the mock's request and reply headers. Beast allocates each header field (and the start
// line) as a block of its own, and the mock parses and builds a handful per request: those blocks are kept
// per thread by size for the next request instead of going through malloc and free each time (a tenth of the
// handler's time went there). Blocks above the largest size class, and any beyond a bounded number kept per
// class, go to the heap as before.

#include <array>
#include <cstddef>
#include <new>

namespace harness::mock {

namespace field_blocks {

// Size classes of 64 bytes up to 512: a field's block is its element (about 60 bytes) plus name and value.
inline constexpr std::size_t class_bytes = 64;
inline constexpr std::size_t class_count = 8;
inline constexpr std::size_t kept_per_class = 256;

// Takes a block of at least `bytes` from this thread's pool, or from the heap.
void* take(std::size_t bytes);
// Gives back a block taken with the same `bytes` (on any thread).
void give(void* block, std::size_t bytes) noexcept;
// Blocks this thread keeps for reuse (for tests).
std::size_t kept_by_this_thread() noexcept;

} // namespace field_blocks

template <typename T>
class field_allocator {
public:
    using value_type = T;

    field_allocator() noexcept = default;
    template <typename U>
    field_allocator(const field_allocator<U>&) noexcept {} // NOLINT(google-explicit-constructor): rebinding

    T* allocate(std::size_t n) { return static_cast<T*>(field_blocks::take(n * sizeof(T))); }
    void deallocate(T* block, std::size_t n) noexcept { field_blocks::give(block, n * sizeof(T)); }

    template <typename U>
    bool operator==(const field_allocator<U>&) const noexcept {
        return true; // stateless: any instance frees what another allocated
    }
};

} // namespace harness::mock
