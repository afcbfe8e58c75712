#include "load_worker.hpp"

#include <array>
#include <cstring>
#include <random>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>

#include "harness/json/hash.hpp"
#include "harness/json/pointer.hpp"
#include "harness/http/async_connection.hpp"
#include "live_metrics.hpp"
#include "request_template.hpp"

namespace harness::load {

namespace {

namespace net = boost::asio;
using clock = std::chrono::steady_clock;

std::int64_t micros(clock::duration d) {
    return std::max<std::int64_t>(1, std::chrono::duration_cast<std::chrono::microseconds>(d).count());
}

} // namespace

struct load_worker::impl {
    struct connection_slot final : http::async_connection::listener {
        impl* owner = nullptr;
        std::unique_ptr<http::async_connection> connection;
        request_template request;
        clock::time_point intended;
        clock::time_point sent;
        bool measured = false;
        int resend_of = -1;    // ring entry this request resends, or -1
        std::uint64_t expected_hash = 0; // the first reply's data hash, copied at send time
        bool remember = false; // a first send whose data a later resend will be compared with

        connection_slot(impl* o, const request_template& t) : owner(o), request(t) {}

        void on_response(http::async_connection&, http::outcome_kind outcome,
                         const http::response_scanner& response) override {
            owner->completed(*this, outcome, response);
        }
    };

    struct resend_entry {
        std::array<char, request_template::key_width> key{};
        std::uint64_t data_hash = 0;
        bool valid = false;
    };

    int index;
    const load_plan& plan;
    interval_log& intervals;
    std::atomic<bool>& stop;
    // Only this worker's thread ever touches its io_context, so Asio may skip its internal locking.
    net::io_context ioc{BOOST_ASIO_CONCURRENCY_HINT_UNSAFE};
    std::optional<http::connection_pool_context> pool;
    std::vector<std::unique_ptr<connection_slot>> slots;
    std::vector<connection_slot*> idle;
    net::steady_timer timer{ioc};
    clock::time_point start;
    clock::time_point end;
    clock::duration max_lag;
    clock::time_point warmup_end;

    // Open loop: this thread's next arrival, and the due slots no connection has taken yet (a ring).
    std::uint64_t next_arrival = 0;
    bool generating = true;
    std::vector<clock::time_point> pending;
    std::size_t pending_head = 0;
    std::size_t pending_size = 0;
    std::uint64_t in_flight = 0;

    load_stats stats;
    hdr::histogram interval_histogram;
    std::uint32_t current_second = 0;
    std::uint64_t second_requests = 0;
    std::uint64_t second_errors = 0;

    std::array<resend_entry, 1024> resend_ring{};
    std::uint64_t resend_next = 0;
    std::mt19937_64 random;
    std::uint64_t key_counter = 0;
    std::size_t validate_counter = 0;
    bool counting_allocations = false;
    std::uint64_t allocations_at_start = 0;
    std::uint64_t requests_at_start = 0;
    std::atomic<std::uint64_t> answered_progress{0};
    std::atomic<std::uint64_t> failed_progress{0};
    unsigned char parse_buffer[16384];

    impl(int i, const load_plan& p, interval_log& log, std::atomic<bool>& s)
        : index(i), plan(p), intervals(log), stop(s), random(0x5eed0000ULL + static_cast<unsigned>(i)) {}

    bool open_loop() const { return plan.schedule.has_value(); }

    void run(clock::time_point run_start) {
        start = run_start;
        end = start + std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(plan.duration()));
        warmup_end = start + std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(plan.warmup_seconds));
        max_lag = std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(plan.max_lag_seconds));
        http::client_options options = plan.target->client;
        options.connect_timeout = plan.timeout;
        options.response_timeout = plan.timeout;
        pool.emplace(ioc, plan.target->url, options);
        const request_template prototype(*plan.target, *plan.operation, *plan.profile);
        const int share = plan.connections / plan.threads + (index < plan.connections % plan.threads ? 1 : 0);
        for (int i = 0; i < std::max(1, share); ++i) {
            auto slot = std::make_unique<connection_slot>(this, prototype);
            slot->connection = std::make_unique<http::async_connection>(*pool, *slot, plan.max_body_bytes);
            slot->connection->collect_timings(false);
            idle.push_back(slot.get());
            slots.push_back(std::move(slot));
        }
        if (open_loop()) {
            const double max_rate_here = plan.schedule->max_rate() / plan.threads;
            pending.resize(static_cast<std::size_t>(max_rate_here * (plan.max_lag_seconds + 1.0)) + 1024);
            arm_timer();
        } else {
            net::post(ioc, [this] {
                const clock::time_point now = clock::now();
                while (!idle.empty()) {
                    connection_slot* slot = idle.back();
                    idle.pop_back();
                    send(*slot, now, now);
                }
            });
        }
        ioc.run();
        advance_interval(current_second + 1);
    }

    // From the first measured reply to the last, when asked (load_plan::thread_allocations).
    void track_allocations(bool measured) {
        if (plan.thread_allocations == nullptr || !measured) {
            return;
        }
        if (!counting_allocations) {
            counting_allocations = true;
            allocations_at_start = plan.thread_allocations();
            requests_at_start = stats.intended;
            return;
        }
        stats.hot_path_allocations = plan.thread_allocations() - allocations_at_start;
        stats.hot_path_requests = stats.intended - requests_at_start;
    }

    // --- open loop: absolute schedule ---------------------------------------------------------------------
    std::optional<clock::time_point> arrival_time(std::uint64_t j) const {
        const std::uint64_t global = static_cast<std::uint64_t>(index) + j * static_cast<std::uint64_t>(plan.threads);
        if (global >= plan.schedule->total_arrivals()) {
            return std::nullopt;
        }
        return start + std::chrono::duration_cast<clock::duration>(
                           std::chrono::duration<double>(plan.schedule->time_of(global)));
    }

    void arm_timer() {
        const auto next = arrival_time(next_arrival);
        if (!next || stop.load(std::memory_order_relaxed)) {
            generating = false;
            maybe_finish();
            return;
        }
        timer.expires_at(*next);
        timer.async_wait([this](boost::system::error_code ec) {
            if (!ec) {
                on_timer();
            }
        });
    }

    void on_timer() {
        const clock::time_point now = clock::now();
        while (!stop.load(std::memory_order_relaxed)) {
            const auto due = arrival_time(next_arrival);
            if (!due || *due > now) {
                break;
            }
            push_pending(*due);
            ++next_arrival;
        }
        dispatch(now);
        arm_timer();
    }

    void push_pending(clock::time_point due) {
        if (pending_size == pending.size()) {
            // More due slots than the ring holds: the oldest is certainly too late by now.
            count_too_late(pop_pending());
        }
        pending[(pending_head + pending_size) % pending.size()] = due;
        ++pending_size;
    }

    clock::time_point pop_pending() {
        const clock::time_point due = pending[pending_head];
        pending_head = (pending_head + 1) % pending.size();
        --pending_size;
        return due;
    }

    void dispatch(clock::time_point now) {
        while (pending_size > 0 && now - pending[pending_head] > max_lag) {
            count_too_late(pop_pending());
        }
        while (pending_size > 0 && !idle.empty()) {
            connection_slot* slot = idle.back();
            idle.pop_back();
            send(*slot, pop_pending(), now);
        }
    }

    void count_too_late(clock::time_point due) {
        if (due < warmup_end) {
            ++stats.warmup;
            return;
        }
        ++stats.intended;
        ++stats.fates[static_cast<std::size_t>(request_fate::too_late)];
        if (plan.metrics != nullptr) {
            plan.metrics->failed(index, request_fate::too_late);
        }
        ++second_errors;
        failed_progress.fetch_add(1, std::memory_order_relaxed);
    }

    void maybe_finish() {
        if (!generating && pending_size == 0 && in_flight == 0) {
            timer.cancel();
            for (auto& slot : slots) {
                slot->connection->close();
            }
            ioc.stop();
        }
    }

    // --- sending and measuring ----------------------------------------------------------------------------
    void send(connection_slot& slot, clock::time_point intended, clock::time_point now) {
        slot.intended = intended;
        slot.sent = now;
        slot.measured = intended >= warmup_end;
        slot.resend_of = -1;
        slot.remember = false;
        if (plan.resend_ratio > 0 && std::uniform_real_distribution<double>(0, 1)(random) < plan.resend_ratio) {
            const auto pick = static_cast<std::size_t>(random() % resend_ring.size());
            if (resend_ring[pick].valid) {
                slot.request.set_key(std::string_view(resend_ring[pick].key.data(), request_template::key_width));
                slot.resend_of = static_cast<int>(pick);
                slot.expected_hash = resend_ring[pick].data_hash;
            }
        }
        if (slot.resend_of < 0) {
            // Keys are unique per thread and run: thread index and a counter, with random high bits per run.
            // Shard in the top byte, random bits of this run, then the thread: keys of shards, runs and threads
            // never collide.
            const std::uint64_t high = (static_cast<std::uint64_t>(plan.shard_index & 0xFF) << 56) |
                                       ((static_cast<std::uint64_t>(random()) << 16) & 0x00FFFFFFFFFF0000ULL) |
                                       static_cast<std::uint64_t>(index & 0xFFFF);
            slot.request.set_key(high, ++key_counter);
            slot.remember = plan.resend_ratio > 0;
        }
        ++in_flight;
        slot.connection->send(slot.request.bytes());
    }

    void completed(connection_slot& slot, http::outcome_kind outcome, const http::response_scanner& response) {
        const clock::time_point now = clock::now();
        --in_flight;
        advance_interval(static_cast<std::uint32_t>(std::chrono::duration<double>(now - start).count()));
        const request_fate fate = fate_of(outcome);
        track_allocations(slot.measured);
        if (!slot.measured) {
            ++stats.warmup;
        } else {
            ++stats.intended;
            ++stats.fates[static_cast<std::size_t>(fate)];
            if (fate == request_fate::answered) {
                record(slot, now, response);
            } else {
                ++second_errors;
                failed_progress.fetch_add(1, std::memory_order_relaxed);
                if (plan.metrics != nullptr) {
                    plan.metrics->failed(index, fate);
                }
            }
        }
        if (open_loop()) {
            idle.push_back(&slot);
            dispatch(now);
            maybe_finish();
            return;
        }
        if (now < end && !stop.load(std::memory_order_relaxed)) {
            send(slot, now, now);
        } else {
            idle.push_back(&slot);
            generating = false;
            maybe_finish();
        }
    }

    void record(connection_slot& slot, clock::time_point now, const http::response_scanner& response) {
        const int status = response.status();
        if (status >= 0 && status < static_cast<int>(stats.statuses.size())) {
            ++stats.statuses[static_cast<std::size_t>(status)];
        }
        const std::int64_t latency = micros(now - slot.intended);
        if (!stats.latency.record(latency)) {
            ++stats.unrecorded;
        }
        stats.service.record(micros(now - slot.sent));
        if (plan.metrics != nullptr) {
            plan.metrics->answered(index, latency);
        }
        interval_histogram.record(latency);
        ++second_requests;
        const bool success = status >= 200 && status < 300;
        if (!success) {
            ++second_errors;
        }
        answered_progress.fetch_add(1, std::memory_order_relaxed);

        const bool validate = plan.validate_every > 0 && (++validate_counter % plan.validate_every) == 0;
        const bool resend_check = slot.resend_of >= 0 || slot.remember;
        if (!validate && !resend_check) {
            return;
        }
        // Small replies parse into this thread's buffer: no heap for the common case.
        boost::json::monotonic_resource memory(parse_buffer, sizeof parse_buffer);
        boost::system::error_code ec;
        const boost::json::value body = boost::json::parse(response.body(), ec, &memory);
        if (validate) {
            ++stats.validated;
            bool conforms = !ec && response.json_content_type();
            if (conforms) {
                const contract::response_spec* spec = plan.operation->response_for(status);
                conforms = spec != nullptr && (!spec->json || !spec->json->validator ||
                                               spec->json->validator->validate(body).empty());
            }
            stats.violating += conforms ? 0 : 1;
        }
        if (!resend_check || ec || !success) {
            return;
        }
        const boost::json::value* data = json::find_pointer(body, "/data");
        const std::uint64_t hash = data == nullptr ? 0 : json::json_hash(*data);
        if (slot.resend_of >= 0) {
            ++stats.resends;
            ++stats.resends_checked;
            stats.resend_mismatches += hash == slot.expected_hash ? 0 : 1;
        } else {
            resend_entry& entry = resend_ring[resend_next++ % resend_ring.size()];
            std::memcpy(entry.key.data(), slot.request.key().data(), request_template::key_width);
            entry.data_hash = hash;
            entry.valid = true;
        }
    }

    void advance_interval(std::uint32_t second) {
        while (current_second < second) {
            intervals.contribute(current_second, interval_histogram, second_requests, second_errors);
            interval_histogram.reset();
            second_requests = 0;
            second_errors = 0;
            ++current_second;
        }
    }
};

load_worker::load_worker(int index, const load_plan& plan, interval_log& intervals, std::atomic<bool>& stop)
    : impl_(std::make_unique<impl>(index, plan, intervals, stop)) {}

load_worker::~load_worker() = default;

void load_worker::run(std::chrono::steady_clock::time_point start) {
    impl_->run(start);
}

const load_stats& load_worker::stats() const noexcept {
    return impl_->stats;
}

std::uint64_t load_worker::answered_so_far() const noexcept {
    return impl_->answered_progress.load(std::memory_order_relaxed);
}

std::uint64_t load_worker::failed_so_far() const noexcept {
    return impl_->failed_progress.load(std::memory_order_relaxed);
}

} // namespace harness::load
