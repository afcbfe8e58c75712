// Replaces the global operator new/delete to count allocations per thread. Kept in its own translation unit
// so the compiler cannot pair inlined news and deletes across the replacement.
#include "allocation_counter.hpp"

#include <cstdlib>
#include <new>

namespace {
thread_local std::uint64_t allocations = 0;
}

std::uint64_t harness::bench::allocation_count() noexcept {
    return allocations;
}

// AddressSanitizer reports a replaced operator new as an alloc-dealloc mismatch: under it nothing is
// replaced.
#if defined(__SANITIZE_ADDRESS__)
bool harness::bench::allocation_counting_available() noexcept {
    return false;
}
#else
bool harness::bench::allocation_counting_available() noexcept {
    return true;
}

void* operator new(std::size_t size) {
    ++allocations;
    if (void* p = std::malloc(size == 0 ? 1 : size)) {
        return p;
    }
    throw std::bad_alloc();
}

void operator delete(void* p) noexcept {
    std::free(p);
}

void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}
#endif
