#pragma once
// Counts heap allocations made through operator new in this process (the benchmark binary replaces it).
#include <cstdint>

namespace harness::bench {
std::uint64_t allocation_count() noexcept;
}
