#pragma once
// `report compare` on the console: each metric's base, new value and change, which gates regressed, the
// verdict.

#include "harness/result/load_comparison.hpp"

#include <iosfwd>

namespace harness::reports {

void write_comparison(const result::load_comparison& comparison, std::ostream& out);

} // namespace harness::reports
