// Counts heap allocations per thread for load_allocation_test (replaces operator new in that test binary).
#include <cstdint>
#include <cstdlib>
#include <new>

namespace {
thread_local std::uint64_t allocations = 0;
}

std::uint64_t thread_allocation_count() noexcept {
    return allocations;
}

// AddressSanitizer brings its own operator new and reports a replacement as an alloc-dealloc mismatch: under
// it the count is not kept and the test skips itself (allocation_counting_available()).
#if defined(__SANITIZE_ADDRESS__)
bool allocation_counting_available() noexcept {
    return false;
}
#else
bool allocation_counting_available() noexcept {
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
