#pragma once
// Counts the calling thread's heap allocations made through operator new, in the binaries that link
// harness_allocation_counter (the benchmarks and the load allocation test replace operator new with it).
// Per thread, so a helper thread (the load generator's validator, a mock in the same process) does not count
// against the thread being measured.
#include <cstdint>

namespace harness::bench {

std::uint64_t allocation_count() noexcept;

// False under AddressSanitizer, which brings its own operator new: there nothing is counted.
bool allocation_counting_available() noexcept;

} // namespace harness::bench
