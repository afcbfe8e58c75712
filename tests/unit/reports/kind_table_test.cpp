// The rows every writer shows for a mixed load: each kind that was sent, with its oracle's status, how many
// held it and broke it, its own p50 and p99, and what broke, every cause named.

#include "report_samples.hpp"
#include "reports/kind_table.hpp"

#include <gtest/gtest.h>

namespace harness::reports {
namespace {

result::kind_stats& kind(result::load_result& r, result::request_kind k) {
    return r.stats.kinds[static_cast<std::size_t>(k)];
}

TEST(kind_table, a_row_per_kind_sent_with_what_broke_its_oracle) {
    result::load_result r = testing::sample_load();
    r.stats.kinds.resize(result::request_kind_count);
    result::kind_stats& fresh = kind(r, result::request_kind::new_message);
    fresh.intended = 50;
    fresh.answered = 50;
    fresh.expected_status = 200;
    fresh.latency.record(1000);
    result::kind_stats& resend = kind(r, result::request_kind::resend);
    resend.intended = 10;
    resend.answered = 9;
    resend.failed = 1;
    resend.wrong_status = 1;
    resend.data_mismatches = 2;
    resend.checked = 4;
    resend.broke_rule = 1;
    resend.expected_status = 200;
    resend.rule = "profile rule 6";
    resend.first_problem = "error.code is not CONFLICT";
    for (int i = 0; i < 9; ++i) {
        resend.latency.record(i < 8 ? 500 : 1900);
    }
    const std::vector<kind_row> rows = kind_rows(r);
    ASSERT_EQ(rows.size(), 2U) << "kinds never sent get no row";
    EXPECT_EQ(rows[0].kind, "new");
    EXPECT_EQ(rows[0].sent, 50U);
    EXPECT_EQ(rows[0].held, 50U);
    EXPECT_EQ(rows[0].broke, 0U);
    EXPECT_EQ(rows[0].p99, "1.000ms");
    EXPECT_EQ(rows[0].problem, "");
    EXPECT_EQ(rows[1].kind, "resend");
    EXPECT_EQ(rows[1].expected_status, 200);
    EXPECT_EQ(rows[1].broke, 5U);
    EXPECT_EQ(rows[1].held, 5U);
    EXPECT_EQ(rows[1].p50, "500us");
    EXPECT_EQ(rows[1].p99, "1.900ms");
    EXPECT_EQ(rows[1].problem,
              "1 got another status than 200 (profile rule 6); 2 resends got other data than the "
              "first reply (profile rule 6, idempotency.on_same_payload); 1 failed in transport; "
              "1 of 4 checked broke a rule, first: error.code is not CONFLICT");
}

TEST(kind_table, no_mix_no_rows) {
    EXPECT_TRUE(kind_rows(testing::sample_load()).empty());
}

} // namespace
} // namespace harness::reports
