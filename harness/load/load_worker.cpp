#include "load_worker.hpp"

#include "arrival_queue.hpp"
#include "harness/http/async_connection.hpp"
#include "reply_recorder.hpp"
#include "request_chooser.hpp"
#include "request_template.hpp"
#include "sampled_validator.hpp"

#include <algorithm>
#include <optional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

namespace harness::load {

namespace {

namespace net = boost::asio;
using clock = std::chrono::steady_clock;

// How long a lane may sit unused before its connection is checked for a server's keep-alive close.
constexpr clock::duration idle_lane_check = std::chrono::milliseconds(200);

clock::duration seconds(double s) {
    return std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(s));
}

} // namespace

// The worker wires its parts together: connections (async_connection, the pool growing up to its cap), when
// to send (arrival_queue in the open loop, "as soon as a reply is in" in the closed loop), what to send
// (request_chooser, request_template), and where each slot ends (reply_recorder, sampled_validator,
// replay_detector).
struct load_worker::impl {
    struct connection_slot final : http::async_connection::listener {
        impl* owner = nullptr;
        std::unique_ptr<http::async_connection> connection;
        // One serialised request per kind of the mix (just the valid send without a mix); `kind` is the one
        // in flight.
        std::vector<request_template> requests;
        std::size_t kind = 0;
        clock::time_point intended;
        clock::time_point sent;
        bool measured = false;
        bool resend = false;             // this request reuses an earlier key
        bool first_send = false;         // a first send whose data a later resend will be compared with
        std::uint64_t expected_hash = 0; // for a resend: the first reply's data hash

        connection_slot(impl* o, const std::vector<request_template>& t) : owner(o), requests(t) {}

        request_template& request() noexcept { return requests[kind]; }
        const request_template& request() const noexcept { return requests[kind]; }

        void on_response(http::async_connection&, http::outcome_kind outcome,
                         const http::response_scanner& response) override {
            owner->completed(*this, outcome, response);
        }

        void on_open(http::async_connection&, http::outcome_kind) override { owner->opened(); }
    };

    int index;
    const load_plan& plan;
    replay_detector& replays;
    std::atomic<bool>& stop;
    // Only this worker's thread ever touches its io_context, so Asio may skip its internal locking.
    net::io_context ioc{BOOST_ASIO_CONCURRENCY_HINT_UNSAFE};
    std::optional<http::connection_pool_context> pool;
    std::vector<request_template> prototype; // every lane's requests start as a copy of these
    std::vector<std::unique_ptr<connection_slot>> slots;
    std::vector<connection_slot*> idle;
    std::size_t connections_open = 0; // this thread's pool (each with plan.streams lanes)
    std::size_t cap_share = 0;        // and the most it may grow to
    net::steady_timer timer{ioc};
    clock::time_point end;
    clock::time_point warmup_end;
    clock::time_point early_end;           // the first measured seconds: the target's pace before any queue
    std::optional<arrival_queue> arrivals; // open loop only
    bool generating = true;
    std::uint64_t in_flight = 0;
    std::size_t opening = 0; // connections whose open() has not reported yet

    reply_recorder recorder;
    sampled_validator validator;
    request_chooser chooser;

    impl(int i, const load_plan& p, interval_log& log, replay_detector& r, std::atomic<bool>& s)
        : index(i), plan(p), replays(r), stop(s), recorder(i, log, p.metrics), validator(p, recorder),
          chooser(p, i) {
        if (p.mix) {
            recorder.count_kinds();
        }
    }

    // Before time zero: every connection connects (and does its TLS handshake), so the generator's set-up is
    // never charged to the target. One that fails is tried again by its first send, which then counts.
    void open() {
        open_connections();
        opening = slots.size();
        for (auto& slot : slots) {
            slot->connection->open();
        }
        if (opening > 0) {
            ioc.run();
            ioc.restart();
        }
        // A server that will not speak HTTP/2 where the plan needs it (by ALPN) cannot run this plan.
        for (const auto& slot : slots) {
            if (slot->connection->refused_protocol()) {
                throw std::runtime_error(slot->connection->error());
            }
        }
    }

    void opened() {
        if (--opening == 0) {
            ioc.stop();
        }
    }

    void run(clock::time_point time_zero) {
        end = time_zero + seconds(plan.duration());
        warmup_end = time_zero + seconds(plan.warmup_seconds);
        early_end = warmup_end + seconds(std::clamp((plan.duration() - plan.warmup_seconds) / 5.0, 0.5, 3.0));
        recorder.start(time_zero);
        if (plan.schedule) {
            arrivals.emplace(*plan.schedule, index, plan.threads, time_zero, plan.max_lag_seconds);
            arm_timer();
        } else {
            // The closed loop starts at time zero too: a first request sent before it would fall before the
            // warmup's end and never be measured.
            timer.expires_at(time_zero);
            timer.async_wait([this](boost::system::error_code ec) {
                if (ec) {
                    return;
                }
                const clock::time_point now = clock::now();
                while (!idle.empty()) {
                    connection_slot* slot = idle.back();
                    idle.pop_back();
                    send(*slot, now, now);
                }
            });
        }
        ioc.run();
        recorder.finish();
        const validation_counts checked = validator.finish();
        recorder.stats().validated = checked.validated;
        recorder.stats().violating = checked.violating;
        recorder.stats().not_validated = checked.not_validated;
        recorder.stats().pool.peak = connections_open;
        for (std::size_t k = 0; k < recorder.stats().kinds.size(); ++k) {
            harness::result::kind_stats& kind = recorder.stats().kinds[k];
            kind.checked = checked.kinds[k].checked;
            kind.broke_rule = checked.kinds[k].broke;
            kind.first_problem = checked.kinds[k].first_problem;
        }
    }

    void open_connections() {
        http::client_options options = plan.target->client;
        options.connect_timeout = plan.timeout;
        options.response_timeout = plan.timeout;
        pool.emplace(ioc, plan.target->url, options);
        // The kinds' requests, built once: index = request_kind with a mix, a single valid send without.
        const std::size_t kinds = plan.mix ? harness::result::request_kind_count : 1;
        for (std::size_t k = 0; k < kinds; ++k) {
            const auto kind = static_cast<harness::result::request_kind>(k);
            prototype.push_back(plan.mix && !plan.mix->has(kind)
                                    ? request_template(*plan.target, *plan.operation, *plan.profile)
                                    : request_template(*plan.target, *plan.operation, *plan.profile, kind));
        }
        const auto share_of = [this](int total) {
            return static_cast<std::size_t>(
                std::max(1, total / plan.threads + (index < total % plan.threads ? 1 : 0)));
        };
        const std::size_t share = share_of(plan.connections);
        cap_share = plan.schedule ? std::max(share, share_of(plan.connection_cap)) : share;
        // Sized once for the cap: growing the pool never moves these.
        const std::size_t lanes = cap_share * static_cast<std::size_t>(std::max(1, plan.streams));
        slots.reserve(lanes);
        idle.reserve(lanes);
        for (std::size_t i = 0; i < share; ++i) {
            add_connection();
        }
    }

    // One more connection: its first lane owns it; with --streams N the other N-1 lanes share it (HTTP/2
    // streams), each with its own request in flight. It connects with its first send.
    void add_connection() {
        http::async_connection* first = nullptr;
        for (int lane = 0; lane < std::max(1, plan.streams); ++lane) {
            auto slot = std::make_unique<connection_slot>(this, prototype);
            slot->connection =
                first == nullptr
                    ? std::make_unique<http::async_connection>(*pool, *slot, plan.max_body_bytes)
                    : std::make_unique<http::async_connection>(*first, *slot, plan.max_body_bytes);
            slot->connection->collect_timings(false);
            first = first == nullptr ? slot->connection.get() : first;
            idle.push_back(slot.get());
            slots.push_back(std::move(slot));
        }
        ++connections_open;
    }

    // A request is due and every lane is busy: another connection, unless the pool is at its cap. Its
    // request carries the connect time in its latency (it was due before the connection existed).
    bool grow() {
        if (connections_open >= cap_share) {
            return false;
        }
        const std::uint64_t before = plan.thread_allocations != nullptr ? plan.thread_allocations() : 0;
        add_connection();
        ++recorder.stats().pool.opened_mid_run;
        if (plan.thread_allocations != nullptr) {
            recorder.forgive_allocations(plan.thread_allocations() - before);
        }
        return true;
    }

    // --- open loop: absolute schedule ---------------------------------------------------------------------
    void arm_timer() {
        const auto next = arrivals->next_arrival();
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
        // Slots already queued wait for a connection (the target's queueing); those due since the last tick
        // and sent now found one free, so how late they go is the generator's own lateness.
        std::size_t waiting = arrivals->size();
        if (!stop.load(std::memory_order_relaxed)) {
            arrivals->collect(now, [this, &waiting](clock::time_point due) {
                waiting -= waiting > 0 ? 1 : 0;
                unsent(due);
            });
        }
        dispatch(now, waiting);
        arm_timer();
    }

    // Sends due slots while connections are free; the first `waiting` of them had waited for a connection.
    void dispatch(clock::time_point now, std::size_t waiting = static_cast<std::size_t>(-1)) {
        arrivals->drop_late(now, [this, &waiting](clock::time_point due) {
            waiting -= waiting > 0 && waiting != static_cast<std::size_t>(-1) ? 1 : 0;
            unsent(due);
        });
        std::size_t sent = 0;
        while (!arrivals->empty() && (!idle.empty() || grow())) {
            connection_slot* slot = idle.back();
            idle.pop_back();
            const clock::time_point due = arrivals->pop();
            if (sent++ >= waiting && due >= warmup_end) {
                recorder.generator_late(now - due);
            }
            send(*slot, due, now);
        }
    }

    // A slot that no connection could send within max_lag of its time.
    void unsent(clock::time_point due) {
        if (due < warmup_end) {
            recorder.warmup();
        } else {
            recorder.too_late();
            // A slot waits only when every lane is busy and the pool cannot grow: once it is fully grown, a
            // slot gone late went late on the generator's connection budget.
            recorder.stats().pool.too_late_at_cap += connections_open >= cap_share ? 1 : 0;
        }
    }

    void maybe_finish() {
        const bool queued = arrivals && !arrivals->empty();
        if (!generating && !queued && in_flight == 0) {
            timer.cancel();
            for (auto& slot : slots) {
                slot->connection->close();
            }
            ioc.stop();
        }
    }

    // --- sending and measuring ----------------------------------------------------------------------------
    void send(connection_slot& slot, clock::time_point intended, clock::time_point now) {
        // A lane idle for a while may find its connection ended by the server's keep-alive timeout: it
        // connects anew rather than send into a dead connection (a reset the target did not cause). Busy
        // lanes skip the peek's system call.
        if (now - slot.sent > idle_lane_check) {
            slot.connection->close_if_ended_while_idle();
        }
        slot.intended = intended;
        slot.sent = now;
        slot.measured = intended >= warmup_end;
        const send_choice choice = chooser.choose(slot.requests);
        slot.kind = choice.kind;
        slot.resend = choice.resend;
        slot.first_send = choice.first_send;
        slot.expected_hash = choice.expected_hash;
        if (slot.resend && slot.measured) {
            ++recorder.stats().resends;
        }
        ++in_flight;
        slot.connection->send(slot.request().bytes());
    }

    void completed(connection_slot& slot, http::outcome_kind outcome,
                   const http::response_scanner& response) {
        const clock::time_point now = clock::now();
        --in_flight;
        recorder.advance_to(now);
        if (slot.measured) {
            recorder.track_allocations(plan.thread_allocations);
        }
        const harness::result::request_fate fate = harness::result::fate_of(outcome);
        if (stores(slot)) {
            recorder.store_send(fate == harness::result::request_fate::answered, response.status());
        }
        if (fate == harness::result::request_fate::answered) {
            check_replay(slot, response);
        }
        if (!slot.measured) {
            recorder.warmup();
        } else if (fate != harness::result::request_fate::answered) {
            recorder.failed(fate, slot.connection->error(), plan.mix ? static_cast<int>(slot.kind) : -1);
        } else {
            const int expected =
                plan.mix ? harness::result::expected_status(
                               static_cast<harness::result::request_kind>(slot.kind), *plan.profile)
                         : plan.expected_status;
            recorder.answered(response.status(), expected, plan.mix ? static_cast<int>(slot.kind) : -1,
                              slot.intended, slot.sent, now);
            // The target's pace for load_limit: in the first measured seconds, and while requests wait at
            // the cap.
            recorder.pace(now - slot.sent, slot.sent < early_end,
                          arrivals && !arrivals->empty() && connections_open >= cap_share);
            inspect(slot, response);
        }
        if (arrivals) {
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

    // For the store tally: a send that stores is a new message or one without key, never a resend.
    bool stores(const connection_slot& slot) const noexcept {
        using harness::result::request_kind;
        const auto kind = static_cast<request_kind>(slot.kind);
        return plan.store != nullptr && !slot.resend &&
               (kind == request_kind::new_message || kind == request_kind::no_key);
    }

    // A new key's accepted reply must name a message no other key got (warmup replies fill the table too).
    void check_replay(const connection_slot& slot, const http::response_scanner& response) {
        const bool new_key = !slot.resend && static_cast<harness::result::request_kind>(slot.kind) ==
                                                 harness::result::request_kind::new_message;
        if (new_key && response.status() >= 200 && response.status() < 300 &&
            replays.check(slot.request().key(), response.body()) == replay_detector::verdict::other_key &&
            slot.measured) {
            recorder.replayed(slot.request().key(), replay_detector::message_uuid_of(response.body()));
        }
    }

    // The contract sample and the resend comparison of a measured reply.
    void inspect(connection_slot& slot, const http::response_scanner& response) {
        validator.offer(response.status(), response.json_content_type(), response.body(), slot.kind);
        const bool success = response.status() >= 200 && response.status() < 300;
        if (!success) {
            return;
        }
        if (slot.resend) {
            const std::uint64_t before = recorder.stats().resend_mismatches;
            chooser.resends().check_resend(slot.expected_hash, response.body(), recorder.stats());
            if (plan.mix && recorder.stats().resend_mismatches != before) {
                ++recorder.stats().kinds[slot.kind].data_mismatches;
            }
        } else if (slot.first_send) {
            chooser.resends().remember_first(slot.request().key(), response.body());
        }
    }
};

load_worker::load_worker(int index, const load_plan& plan, interval_log& intervals, replay_detector& replays,
                         std::atomic<bool>& stop)
    : impl_(std::make_unique<impl>(index, plan, intervals, replays, stop)) {}

load_worker::~load_worker() = default;

void load_worker::open() {
    impl_->open();
}

void load_worker::run(std::chrono::steady_clock::time_point start) {
    impl_->run(start);
}

const harness::result::load_stats& load_worker::stats() const noexcept {
    return impl_->recorder.stats();
}

std::optional<bool> load_worker::http2() const noexcept {
    for (const auto& slot : impl_->slots) {
        if (slot->connection->connected()) {
            return slot->connection->http2();
        }
    }
    return std::nullopt;
}

harness::result::progress_counts load_worker::progress() const noexcept {
    return impl_->recorder.progress();
}

} // namespace harness::load
