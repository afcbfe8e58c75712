#include "harness/json/utf8_text.hpp"

#include <gtest/gtest.h>

namespace harness::json {
namespace {

TEST(utf8_text, counts_and_cuts_by_code_points) {
    const std::string text = "a\xC3\xA9字😀"; // 1, 2, 3 and 4 bytes
    EXPECT_EQ(code_points(text), 4u);
    EXPECT_EQ(code_point_end(text, 2), 3u);
    EXPECT_EQ(code_point_end(text, 9), text.size());
    EXPECT_EQ(cut_utf8(text, 100), text);
    EXPECT_EQ(cut_utf8(text, 5), "a\xC3\xA9…"); // not inside 字
    EXPECT_EQ(cut_utf8(text, 6), "a\xC3\xA9字…");
}

} // namespace
} // namespace harness::json
