// The mock's parts on their own: fault specs, fixtures, the idempotency store and the message store.

#include "harness/json/document_error.hpp"
#include "mock_server/envelope_writer.hpp"
#include "mock_server/fault_spec.hpp"
#include "mock_server/fixtures.hpp"
#include "mock_server/idempotency_store.hpp"
#include "mock_server/message_store.hpp"
#include "tests/support/builtin_ids.hpp"
#include "tests/support/mock_fixture.hpp"

#include <atomic>
#include <random>
#include <thread>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace harness::mock {
namespace {

using harness::testing::running_mock;

TEST(envelope_writer, json_strings_read_back_as_the_text_for_every_byte_at_every_position) {
    // The writer skips plain bytes eight at a time: an escape at any offset of a word, and any byte value,
    // must still come out escaped (read back by Boost.JSON as the same text).
    std::mt19937 random(7);
    for (int round = 0; round < 4000; ++round) {
        std::string text(random() % 40, 'a');
        for (char& c : text) {
            const unsigned pick = random() % 8;
            c = pick == 0   ? static_cast<char>(random() % 0x20)
                : pick == 1 ? '"'
                : pick == 2 ? '\\'
                            : static_cast<char>(0x20 + random() % 0x5f); // printable ASCII
        }
        if (round % 2 == 0 && !text.empty()) {
            text.assign(text.size(), 'u'); // long plain runs, one byte to escape somewhere
            text[random() % text.size()] = round % 4 == 0 ? '\n' : '"';
        }
        std::string json;
        append_json_string(json, text);
        ASSERT_EQ(boost::json::parse(json).as_string(), text) << json;
    }
}

TEST(fault_spec, parses_every_kind_and_prints_it_back) {
    for (const char* spec :
         {"latency=50", "latency=10-200,p=0.2", "stall=1000/5000", "status=503,every=10", "reset",
          "truncate,p=0.5", "drip=100", "malformed_json,every=3", "drift=code_null", "garbage",
          "broken_chunked,every=2", "hang,p=0.5", "huge_body=2048"}) {
        EXPECT_EQ(parse_fault_spec(spec).to_string(), spec);
    }
    EXPECT_EQ(parse_fault_spec("drip").value_min, 100);
    EXPECT_EQ(parse_fault_spec("huge_body").value_min, 10 * 1024 * 1024);
}

TEST(fault_spec, bad_specs_say_what_is_wrong) {
    for (const char* spec :
         {"", "latency", "latency=x", "latency=20-10", "stall=5000/1000", "stall=10", "status=200", "reset=1",
          "drift=nope", "teapot", "latency=5,p=2", "latency=5,q=1", "status=500,every=0", "hang=1",
          "garbage=x", "huge_body=0", "huge_body=x"}) {
        EXPECT_THROW(parse_fault_spec(spec), std::invalid_argument) << spec;
    }
}

// tests/cli/builtin_ids.sh (tests/support/builtin_ids.hpp) is the tests' one copy of the built-in ids: every
// value of it is the one the mock serves.
TEST(fixtures, builtin_set_has_the_documented_entries) {
    namespace ids = harness::testing::builtin_ids;
    const fixtures f = fixtures::builtin();
    ASSERT_EQ(f.projects().size(), 2u);
    EXPECT_EQ(f.projects()[0].uuid, ids::project);
    EXPECT_EQ(f.projects()[0].company, ids::company);
    EXPECT_EQ(f.projects()[0].conversations,
              (std::vector<std::string>{std::string(ids::conversation), std::string(ids::conversation_2),
                                        std::string(ids::load_conversation)}));
    EXPECT_EQ(f.projects()[0].failing_conversations,
              std::vector<std::string>{std::string(ids::failing_conversation)});
    EXPECT_EQ(f.projects()[1].uuid, ids::other_project);
    EXPECT_EQ(f.projects()[1].company, ids::other_company);
    EXPECT_NE(f.projects()[0].company, f.projects()[1].company);
    EXPECT_EQ(f.projects()[1].conversations, std::vector<std::string>{std::string(ids::other_conversation)});
    const token_fixture* operator_token = f.find_token(ids::token);
    ASSERT_NE(operator_token, nullptr);
    EXPECT_EQ(operator_token->name, "operator");
    EXPECT_EQ(operator_token->projects, std::vector<std::string>{std::string(ids::project)});
    EXPECT_EQ(f.find_token_by_name("second_operator")->token, ids::token_2);
    EXPECT_EQ(f.find_token_by_name("second_operator")->projects, operator_token->projects);
    EXPECT_NE(f.find_token_by_name("second_operator")->caller, operator_token->caller);
    EXPECT_EQ(f.find_token_by_name("other_project")->token, ids::other_project_token);
    EXPECT_EQ(f.find_token_by_name("other_project")->projects,
              std::vector<std::string>{std::string(ids::other_project)});
    EXPECT_EQ(f.find_token_by_name("expired")->token, ids::expired_token);
    EXPECT_TRUE(f.find_token_by_name("expired")->expires_at_ms.has_value());
    // The C++ tests' running_mock names the same.
    EXPECT_EQ(running_mock::route(), ids::operator_message_route());
    EXPECT_EQ(running_mock::other_token, ids::other_project_token);
}

TEST(fixtures, printed_yaml_reads_back_the_same) {
    const fixtures f = fixtures::builtin();
    const fixtures again = fixtures::parse(f.to_yaml(), "printed.yaml");
    EXPECT_EQ(again.to_yaml().substr(again.to_yaml().find('\n')), f.to_yaml().substr(f.to_yaml().find('\n')));
}

TEST(fixtures, errors_name_line_and_pointer) {
    try {
        (void)fixtures::parse("projects:\n  - uuid: p\n    company: c\ntokens:\n  - token: t\n    caller: x\n"
                              "    projects: [nope]\n",
                              "f.yaml");
        FAIL();
    } catch (const harness::json::document_error& e) {
        EXPECT_EQ(e.where().pointer, "/tokens/0/projects/0");
        EXPECT_EQ(e.where().line, 7) << e.what();
    }
    EXPECT_THROW((void)fixtures::parse("projects: []\n", "f.yaml"), harness::json::document_error);
    EXPECT_THROW((void)fixtures::parse("projects: []\ntokens: []\nextra: 1\n", "f.yaml"),
                 harness::json::document_error);
}

TEST(idempotency_store, concurrent_first_requests_produce_once) {
    idempotency_store store(1000, std::chrono::seconds(60));
    std::atomic<int> produced{0};
    std::vector<std::thread> threads;
    std::vector<std::string> replies(64);
    for (int i = 0; i < 64; ++i) {
        threads.emplace_back([&, i] {
            replies[static_cast<std::size_t>(i)] =
                store
                    .find_or_store("scope\nkey", 7,
                                   [&] {
                                       ++produced;
                                       return std::string("reply-") + std::to_string(i);
                                   })
                    .reply;
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(produced.load(), 1);
    for (const std::string& reply : replies) {
        EXPECT_EQ(reply, replies[0]);
    }
}

TEST(idempotency_store, conflict_replay_and_capacity_eviction) {
    idempotency_store store(4, std::chrono::seconds(60), 1);
    auto produce = [] {
        return std::string("r");
    };
    EXPECT_EQ(store.find_or_store("a", 1, produce).kind, idempotency_store::outcome::first);
    EXPECT_EQ(store.find_or_store("a", 1, produce).kind, idempotency_store::outcome::replayed);
    EXPECT_EQ(store.find_or_store("a", 2, produce).kind, idempotency_store::outcome::conflict);
    for (const char* key : {"b", "c", "d", "e"}) {
        store.find_or_store(key, 1, produce);
    }
    EXPECT_EQ(store.size(), 4u);
    EXPECT_EQ(store.evictions(), 1u);
    // "a" was the oldest: evicted, so it is new again.
    EXPECT_EQ(store.find_or_store("a", 2, produce).kind, idempotency_store::outcome::first);
}

TEST(idempotency_store, keys_and_replies_of_any_size_come_back_exactly) {
    // Two slots, so short and long entries take turns in the same slot: kept inline, then spilled to the
    // heap, then inline again.
    idempotency_store store(2, std::chrono::seconds(60), 1);
    for (const std::size_t size : {1UL, 2000UL, 3UL, 479UL, 480UL, 5000UL, 10UL}) {
        const std::string key = "key-" + std::to_string(size) + std::string(size / 2, 'k');
        const std::string reply = std::string(size, 'r') + "|" + key;
        EXPECT_EQ(store.find_or_store(key, size, [&] { return reply; }).reply, reply) << size;
        const auto again = store.find_or_store(key, size, [] { return std::string("not called"); });
        EXPECT_EQ(again.kind, idempotency_store::outcome::replayed) << size;
        EXPECT_EQ(again.reply, reply) << size;
        EXPECT_EQ(store.find_or_store(key + "x", size, [] { return std::string("other"); }).reply, "other");
    }
}

TEST(idempotency_store, sharded_stores_still_produce_once_per_key) {
    idempotency_store store(1000, std::chrono::seconds(60), 8);
    std::atomic<int> produced{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int k = 0; k < 200; ++k) {
                store.find_or_store("key-" + std::to_string(k), 1, [&] {
                    ++produced;
                    return std::string("reply");
                });
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(produced.load(), 200);
    EXPECT_EQ(store.size(), 200u);
}

TEST(idempotency_store, ring_and_index_agree_with_a_model_over_many_evictions) {
    // Capacity 97 in one shard: after each insert exactly the newest 97 keys are known, the rest are new
    // again.
    idempotency_store store(97, std::chrono::seconds(60), 1);
    auto produce = [] {
        return std::string("r");
    };
    for (int i = 0; i < 5000; ++i) {
        const std::string key = "key-" + std::to_string((i * 7919) % 100003);
        ASSERT_EQ(store.find_or_store(key, 1, produce).kind, idempotency_store::outcome::first) << i;
        if (i % 97 == 0) {
            for (int back = 0; back < std::min(i + 1, 97); ++back) {
                const std::string kept = "key-" + std::to_string(((i - back) * 7919) % 100003);
                ASSERT_EQ(store.find_or_store(kept, 1, produce).kind, idempotency_store::outcome::replayed)
                    << "key inserted " << back << " steps before step " << i << " was lost";
            }
        }
    }
    EXPECT_EQ(store.size(), 97u);
    EXPECT_EQ(store.evictions(), 5000u - 97u);
    const std::string evicted = "key-" + std::to_string(((5000 - 98) * 7919) % 100003);
    EXPECT_EQ(store.find_or_store(evicted, 2, produce).kind, idempotency_store::outcome::first);
}

TEST(idempotency_store, keys_expire_after_ttl) {
    idempotency_store store(10, std::chrono::seconds(0), 1);
    auto produce = [] {
        return std::string("r");
    };
    store.find_or_store("a", 1, produce);
    EXPECT_EQ(store.find_or_store("a", 2, produce).kind, idempotency_store::outcome::first);
}

TEST(message_store, ring_keeps_the_newest_and_counts_all) {
    message_store store(3);
    for (int i = 0; i < 5; ++i) {
        store.add({"m" + std::to_string(i), "p", "c", "caller", "i", std::nullopt, i});
    }
    EXPECT_EQ(store.total("c"), 5u);
    EXPECT_EQ(store.held(), 3u);
    const auto recent = store.recent("c", 10);
    ASSERT_EQ(recent.size(), 3u);
    EXPECT_EQ(recent.front().message_uuid, "m2");
    EXPECT_EQ(recent.back().message_uuid, "m4");
}

} // namespace
} // namespace harness::mock
