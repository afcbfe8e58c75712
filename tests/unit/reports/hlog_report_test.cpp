// The .hlog of a load run: HdrHistogram's interval log header with the run's start, then one line per second
// whose histogram decodes back to what was recorded; a mix adds one tagged line per kind.

#include "harness/hdr/histogram_codec.hpp"
#include "report_samples.hpp"
#include "reports/hlog_report.hpp"

#include <sstream>
#include <vector>

#include <gtest/gtest.h>

namespace harness::reports {
namespace {

using testing::has_line;
using testing::sample_load;

std::string encoded(const hdr::histogram& h) {
    return hdr::base64_encode(hdr::encode_compressed(h));
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

TEST(hlog_report, one_line_per_second_that_decodes_to_its_histogram) {
    result::load_result r = sample_load();
    hdr::histogram second_0;
    second_0.record(1500);
    second_0.record(1500);
    hdr::histogram second_1;
    second_1.record(250);
    r.intervals = {{0, 1500, encoded(second_0)}, {1, 250, encoded(second_1)}};
    std::ostringstream out;
    write_hlog(r, out);
    const std::string text = out.str();
    EXPECT_TRUE(has_line(text, "#harness load http://gateway.test:8080: latency in microseconds")) << text;
    EXPECT_TRUE(has_line(text, "#[Histogram log format version 1.3]"));
    EXPECT_NE(text.find("#[StartTime: 1767323045.000 (seconds since epoch), "), std::string::npos) << text;
    const std::vector<std::string> lines = lines_of(text);
    ASSERT_GE(lines.size(), 2U);
    EXPECT_EQ(lines[lines.size() - 2], "0.000,1.000,1.500," + encoded(second_0)) << "max in ms";
    EXPECT_EQ(lines.back(), "1.000,1.000,0.250," + encoded(second_1));
    std::string error;
    const auto decoded = hdr::decode_compressed(*hdr::base64_decode(lines.back().substr(18)), error);
    ASSERT_TRUE(decoded) << error;
    EXPECT_EQ(decoded->total_count(), 1);
    EXPECT_EQ(decoded->max(), 250);
}

TEST(hlog_report, a_mix_adds_a_tagged_line_per_kind_that_has_latencies) {
    result::load_result r = sample_load();
    r.stats.kinds.resize(result::request_kind_count);
    r.stats.kinds[static_cast<std::size_t>(result::request_kind::unknown_token)].latency.record(800);
    std::ostringstream out;
    write_hlog(r, out);
    const std::string text = out.str();
    EXPECT_TRUE(has_line(
        text,
        "Tag=unknown_token,0.000,10.000,0.800," +
            encoded(r.stats.kinds[static_cast<std::size_t>(result::request_kind::unknown_token)].latency)))
        << text;
    EXPECT_EQ(text.find("Tag=new"), std::string::npos) << "a kind without replies gets no line";
}

} // namespace
} // namespace harness::reports
