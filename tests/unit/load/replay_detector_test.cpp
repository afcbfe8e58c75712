// New sends answered as replays of another key's message (issue 25, row 1): the shared table tells a fresh
// messageUuid from one this key had and one another key had, stops (and says so) when full, and gives no
// false replay when several threads fill it at once.
#include "harness/load/replay_detector.hpp"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace {

using harness::load::replay_detector;
using verdict = replay_detector::verdict;

std::string reply(const std::string& uuid) {
    return R"({"success":true,"data":{"messageUuid" : ")" + uuid + R"(","itemUuid":"i"}})";
}

TEST(replay_detector, finds_the_message_uuid_by_scanning) {
    EXPECT_EQ(replay_detector::message_uuid_of(reply("abc")), "abc");
    EXPECT_EQ(replay_detector::message_uuid_of(R"({"data":{"messageUuid":null}})"), "");
    EXPECT_EQ(replay_detector::message_uuid_of(R"({"success":false})"), "");
    EXPECT_EQ(replay_detector::message_uuid_of(R"({"messageUuid":"unterminated)"), "");
}

TEST(replay_detector, tells_fresh_same_key_and_another_key_apart) {
    replay_detector table(100);
    EXPECT_EQ(table.check("key-1", reply("m-1")), verdict::fresh);
    EXPECT_EQ(table.check("key-2", reply("m-2")), verdict::fresh);
    EXPECT_EQ(table.check("key-1", reply("m-1")), verdict::same_key);
    EXPECT_EQ(table.check("key-3", reply("m-1")), verdict::other_key);
    EXPECT_EQ(table.check("key-4", R"({"success":true})"), verdict::not_checked);
    EXPECT_EQ(table.checked(), 4U);
    EXPECT_FALSE(table.full());
}

TEST(replay_detector, stops_and_says_so_when_full) {
    replay_detector table(10, 1024); // 1024 slots: the check stops at 768
    std::uint64_t fresh = 0;
    for (int i = 0; i < 2000; ++i) {
        fresh +=
            table.check("k" + std::to_string(i), reply("m" + std::to_string(i))) == verdict::fresh ? 1 : 0;
    }
    EXPECT_EQ(fresh, 768U);
    EXPECT_TRUE(table.full());
    EXPECT_EQ(table.checked(), 768U);
}

TEST(replay_detector, threads_filling_it_at_once_see_no_false_replay) {
    replay_detector table(40000);
    std::atomic<int> replays{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&table, &replays, t] {
            for (int i = 0; i < 10000; ++i) {
                const std::string id = std::to_string(t) + "-" + std::to_string(i);
                replays += table.check("key-" + id, reply("message-" + id)) == verdict::other_key ? 1 : 0;
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(replays.load(), 0);
    EXPECT_EQ(table.checked(), 40000U);
    // And the same ids again under other keys: every one a replay.
    for (int i = 0; i < 100; ++i) {
        EXPECT_EQ(table.check("other", reply("message-0-" + std::to_string(i))), verdict::other_key);
    }
}

} // namespace
