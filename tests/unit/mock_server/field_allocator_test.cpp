// The mock's header allocator: blocks come back for the next request on the same thread, large ones and
// those beyond the bound go to the heap, and a block may be given back on another thread.

#include "mock_server/field_allocator.hpp"
#include "mock_server/request_handler.hpp"

#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace {

namespace blocks = harness::mock::field_blocks;

TEST(field_allocator, a_given_back_block_is_taken_again_for_the_same_size_class) {
    void* first = blocks::take(100);
    const std::size_t kept = blocks::kept_by_this_thread();
    blocks::give(first, 100);
    EXPECT_EQ(blocks::kept_by_this_thread(), kept + 1);
    void* second = blocks::take(120); // 100 and 120 bytes share the 128-byte class
    EXPECT_EQ(second, first);
    EXPECT_EQ(blocks::kept_by_this_thread(), kept);
    blocks::give(second, 120);
}

TEST(field_allocator, large_blocks_and_blocks_beyond_the_bound_go_to_the_heap) {
    const std::size_t kept = blocks::kept_by_this_thread();
    void* large = blocks::take(blocks::class_bytes * blocks::class_count + 1);
    blocks::give(large, blocks::class_bytes * blocks::class_count + 1);
    EXPECT_EQ(blocks::kept_by_this_thread(), kept);
    std::vector<void*> many;
    for (std::size_t i = 0; i < 2 * blocks::kept_per_class; ++i) {
        many.push_back(blocks::take(40));
    }
    for (void* block : many) {
        blocks::give(block, 40);
    }
    EXPECT_LE(blocks::kept_by_this_thread(), kept + blocks::kept_per_class);
}

TEST(field_allocator, a_block_taken_on_one_thread_can_be_given_back_on_another) {
    void* block = nullptr;
    std::thread([&] { block = blocks::take(64); }).join();
    const std::size_t kept = blocks::kept_by_this_thread();
    blocks::give(block, 64);
    EXPECT_EQ(blocks::kept_by_this_thread(), kept + 1);
    std::thread([] {
        void* mine = blocks::take(64);
        blocks::give(mine, 64);
    }).join(); // the thread's pool returns its block to the heap as the thread ends
}

TEST(field_allocator, a_reply_built_with_it_keeps_its_fields) {
    harness::mock::mock_response response{boost::beast::http::status::ok, 11};
    response.set(boost::beast::http::field::content_type, "application/json");
    response.set("X-Long", std::string(2000, 'x')); // above the largest class
    response.body() = "{}";
    response.prepare_payload();
    harness::mock::mock_response copy = response;
    EXPECT_EQ(copy[boost::beast::http::field::content_type], "application/json");
    EXPECT_EQ(copy["X-Long"].size(), 2000u);
    EXPECT_EQ(copy[boost::beast::http::field::content_length], "2");
}

} // namespace
