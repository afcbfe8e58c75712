// Exactly-once under stress: 500 requests with one idempotency key, each on its own connection and thread,
// released at the same moment against a 4-thread mock, repeated in 100 trials (each with a new key). Every
// trial must store exactly one message and every 200 reply must carry the same data. The tsan preset runs it
// too, with 20 trials: ThreadSanitizer makes each trial ~7× slower, and 20 already put 10 000 racing requests
// under its eye (100 took 81-120 s there, against ctest's 120 s limit on a busy 2-core machine).

#include "tests/support/mock_fixture.hpp"

#include <latch>
#include <thread>

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace harness::testing {
namespace {

TEST(mock_race, concurrent_resends_store_exactly_one_message) {
    harness::mock::server_options options;
    options.threads = 4;
    running_mock mock(options);
#if defined(__SANITIZE_THREAD__)
    constexpr int trials = 20;
#else
    constexpr int trials = 100;
#endif
    constexpr int senders = 500;
    for (int trial = 0; trial < trials; ++trial) {
        SCOPED_TRACE("trial " + std::to_string(trial));
        const std::uint64_t stored_before = mock.state().messages().total(running_mock::conversation);
        const std::string body =
            R"({"itemUuid":"race-item","text":"same payload","idempotencyKey":"race-key-)" +
            std::to_string(trial) + "\"}";
        std::vector<std::unique_ptr<test_connection>> connections;
        for (int i = 0; i < senders; ++i) {
            connections.push_back(std::make_unique<test_connection>(mock.port()));
        }
        std::vector<test_response> responses(senders);
        std::vector<std::string> failures(senders);
        std::latch start(senders);
        std::vector<std::thread> threads;
        for (int i = 0; i < senders; ++i) {
            threads.emplace_back([&, i] {
                start.arrive_and_wait();
                try {
                    responses[static_cast<std::size_t>(i)] =
                        connections[static_cast<std::size_t>(i)]->send(running_mock::message(body));
                } catch (const std::exception& e) {
                    failures[static_cast<std::size_t>(i)] = e.what();
                }
            });
        }
        for (auto& t : threads) {
            t.join();
        }
        boost::json::value first_data;
        for (int i = 0; i < senders; ++i) {
            const auto index = static_cast<std::size_t>(i);
            ASSERT_TRUE(failures[index].empty()) << failures[index];
            ASSERT_EQ(responses[index].status, 200) << responses[index].body;
            const boost::json::value data = boost::json::parse(responses[index].body).at("data");
            if (i == 0) {
                first_data = data;
            }
            ASSERT_EQ(data, first_data) << "reply " << i << " differs";
        }
        EXPECT_EQ(mock.state().messages().total(running_mock::conversation), stored_before + 1);
    }
}

} // namespace
} // namespace harness::testing
