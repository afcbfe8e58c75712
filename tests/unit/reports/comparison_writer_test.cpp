// `report compare` on the console: the two files and the allowed regression, each metric's base, new value
// and change in its own unit, which gates regressed, and the verdict.

#include "harness/result/load_comparison.hpp"
#include "report_samples.hpp"
#include "reports/comparison_writer.hpp"

#include <sstream>

#include <gtest/gtest.h>

namespace harness::reports {
namespace {

using testing::has_line;

result::load_comparison comparison() {
    result::load_comparison c;
    c.base_file = "base.json";
    c.current_file = "new.json";
    c.max_regression = 0.10;
    c.rows = {{"p99", 40000, 52000, true, true, false},
              {"rate", 100, 99, true, false, true},
              {"errors", 0.001, 0.002, false, false, false}};
    return c;
}

std::string written(const result::load_comparison& c) {
    std::ostringstream out;
    write_comparison(c, out);
    return out.str();
}

TEST(comparison_writer, each_metric_in_its_unit_with_its_change_and_gate) {
    const std::string text = written(comparison());
    EXPECT_EQ(text.rfind("compare base.json (base) with new.json, allowed regression 10%\n", 0), 0U) << text;
    EXPECT_TRUE(has_line(text, "  metric             base            new     change  gate")) << text;
    EXPECT_TRUE(has_line(text, "  p99            40.000ms       52.000ms     +30.0%  REGRESSED")) << text;
    EXPECT_TRUE(has_line(text, "  rate            100.0/s         99.0/s      -1.0%  ok")) << text;
    EXPECT_TRUE(has_line(text, "  errors            0.10%          0.20%    +100.0%  -")) << text;
    EXPECT_TRUE(text.ends_with("\nREGRESSED\n")) << text;
}

TEST(comparison_writer, ok_when_no_gate_regressed) {
    result::load_comparison c = comparison();
    c.rows[0].regressed = false;
    EXPECT_TRUE(written(c).ends_with("\nOK\n")) << written(c);
}

} // namespace
} // namespace harness::reports
