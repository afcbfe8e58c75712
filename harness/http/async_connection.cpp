#include "async_connection.hpp"

#include "connection_link.hpp"
#include "request_bytes.hpp"

#include <boost/asio/write.hpp>

namespace harness::http {

namespace net = boost::asio;
using error_code = boost::system::error_code;

// One lane: a request at a time, on a link of its own or shared with other lanes (HTTP/2 streams).
struct async_connection::impl final : link_user, h2_stream_sink {
    connection_pool_context::impl& context;
    std::shared_ptr<connection_link> link;
    listener& owner;
    async_connection& self;
    std::string_view pending;
    // Left uninitialised: its pages are only touched as far as replies fill them, so a thousand lanes with a
    // 1 MiB cap each cost what their replies need, not a gigabyte of zeroes.
    std::unique_ptr<char[]> body;
    std::size_t body_capacity;
    response_scanner scanner;
    bool timed_out = false; // tells the failing HTTP/1.1 operation why its socket was closed
    // Only filled for exchanges that are reported; the load generator turns the clock reads off.
    exchange_timings timings;
    std::string error;
    bool reused = false;
    bool write_failed_early = false;
    bool opening = false; // waiting for open(): report to on_open, not on_response
    steady_clock::time_point started;
    steady_clock::time_point write_started;
    bool first_byte_seen = false;
    bool timing = true;
    // HTTP/2: this lane's stream while a request is on its way.
    bool awaiting = false;
    std::int32_t stream_id = 0;
    request_view h2_request;

    impl(connection_pool_context::impl& c, std::shared_ptr<connection_link> l, listener& o,
         async_connection& s, std::size_t max_body)
        : context(c), link(std::move(l)), owner(o), self(s),
          body(std::make_unique_for_overwrite<char[]>(max_body)), body_capacity(max_body),
          scanner(body.get(), max_body) {
        context.users.push_back(this);
        link->attach(*this);
    }

    ~impl() override {
        forget_stream();
        link->detach(*this);
        std::erase(context.users, this);
    }

    std::int64_t micros_since(steady_clock::time_point t) const {
        return timing ? std::chrono::duration_cast<std::chrono::microseconds>(steady_clock::now() - t).count()
                      : 0;
    }

    steady_clock::time_point now() const { return timing ? steady_clock::now() : steady_clock::time_point{}; }

    void arm(std::chrono::milliseconds limit) {
        deadline = steady_clock::now() + limit;
        timed_out = false;
        context.ensure_sweeping();
    }

    // The request ends here: tell the owner (or open()'s caller).
    void report(outcome_kind outcome) {
        deadline = no_deadline;
        timings.total_us = micros_since(started);
        if (opening) {
            opening = false;
            return owner.on_open(self, outcome);
        }
        owner.on_response(self, outcome, scanner);
    }

    void report(outcome_kind outcome, std::string why) {
        error = std::move(why);
        report(outcome);
    }

    void send(std::string_view request) {
        pending = request;
        started = now();
        timings = {};
        error.clear();
        reused = link->usable();
        if (reused) {
            return write();
        }
        link->await(*this);
    }

    void link_ready() override {
        timings.connect_us = link->setup_timings().connect_us;
        timings.tls_us = link->setup_timings().tls_us;
        if (opening) {
            return report(outcome_kind::ok);
        }
        write();
    }

    void link_failed(outcome_kind outcome, const std::string& why) override {
        timings.connect_us = link->setup_timings().connect_us;
        timings.tls_us = link->setup_timings().tls_us;
        report(outcome, why);
    }

    void expire() override {
        timed_out = true;
        if (!awaiting) {
            return link->abort_socket(); // HTTP/1.1: the pending read or write fails, and says why
        }
        // HTTP/2: only this stream gives up (RST_STREAM CANCEL); the connection goes on for the others. A
        // request body still waiting for the server's window is a flow-control stall, not a slow reply.
        const h2_client_session* session = link->session();
        const bool stalled = session != nullptr && session->request_body_pending(stream_id);
        forget_stream();
        link->flush();
        link->stream_ended();
        const std::string limit = std::to_string(context.options.response_timeout.count()) + " ms";
        if (stalled) {
            return report(outcome_kind::flow_control,
                          "the server's flow-control window stayed closed: the request "
                          "body was not all sent within " +
                              limit);
        }
        report(outcome_kind::timeout, "no complete response within " + limit);
    }

    void forget_stream() {
        if (awaiting) {
            awaiting = false;
            if (h2_client_session* session = link->session()) {
                session->cancel(stream_id);
            }
        }
    }

    void write() {
        scanner.reset();
        write_failed_early = false;
        first_byte_seen = false;
        write_started = now();
        arm(context.options.response_timeout);
        if (link->http2()) {
            return h2_send();
        }
        link->on_stream([this](auto& stream) {
            net::async_write(
                stream, net::buffer(pending.data(), pending.size()), [this](error_code ec, std::size_t) {
                    // A server may answer before reading the whole body (413 for an oversize one) and stop
                    // reading: the write fails, but its reply is there to be read.
                    if (!timed_out && (ec == net::error::broken_pipe || ec == net::error::connection_reset)) {
                        write_failed_early = true;
                    } else if (ec) {
                        return fail(timed_out ? outcome_kind::timeout : outcome_kind::reset,
                                    transfer_error(ec, "sending the request"));
                    }
                    read();
                });
        });
    }

    std::string transfer_error(const error_code& ec, const char* stage) const {
        return std::string(stage) + ": " +
               (timed_out ? "no complete response within " +
                                std::to_string(context.options.response_timeout.count()) + " ms"
                          : ec.message());
    }

    // HTTP/1.1: the exchange failed; the connection cannot be trusted for the next one.
    void fail(outcome_kind outcome, std::string why) {
        link->close(outcome, why);
        report(outcome, std::move(why));
    }

    void read() {
        link->on_stream([this](auto& stream) {
            stream.async_read_some(net::buffer(link->read_buffer()), [this](error_code ec, std::size_t n) {
                if (ec) {
                    return fail(timed_out ? outcome_kind::timeout : outcome_kind::reset,
                                transfer_error(ec, write_failed_early
                                                       ? "sending the request (the server stopped reading)"
                                                       : "reading the response"));
                }
                if (!first_byte_seen) {
                    first_byte_seen = true;
                    timings.first_byte_us = micros_since(write_started);
                }
                response_scanner::state state = response_scanner::state::incomplete;
                scanner.feed(std::string_view(link->read_buffer().data(), n), state);
                switch (state) {
                case response_scanner::state::incomplete:
                    return read();
                case response_scanner::state::error:
                    return fail(outcome_kind::protocol,
                                std::string("reading the response: ") + scanner.error());
                case response_scanner::state::too_large:
                    return fail(outcome_kind::too_large, "reading the response: larger than " +
                                                             std::to_string(body_capacity) + " bytes");
                case response_scanner::state::complete:
                    if (!scanner.keep_alive()) {
                        link->close(outcome_kind::reset, "the server closed the connection");
                    }
                    report(outcome_kind::ok);
                }
            });
        });
    }

    // --- HTTP/2: one stream per send, on the link's session ---

    void h2_send() {
        if (!h2_request.parse(pending)) {
            return report(outcome_kind::protocol,
                          "the request's bytes are not an HTTP/1.1 request to send as HTTP/2");
        }
        h2_client_session& session = *link->session();
        stream_id = session.submit(h2_request, *this);
        if (stream_id == 0) {
            return report(outcome_kind::reset, session.error());
        }
        awaiting = true;
        link->flush();
        link->read();
    }

    void on_h2_header(std::string_view name, std::string_view value) override {
        if (!first_byte_seen) {
            first_byte_seen = true;
            timings.first_byte_us = micros_since(write_started);
        }
        scanner.h2_header(name, value);
    }

    bool on_h2_data(std::string_view data) override { return scanner.h2_data(data); }

    void on_h2_end(outcome_kind outcome, std::string_view why) override {
        if (!awaiting) {
            return;
        }
        awaiting = false;
        if (outcome == outcome_kind::ok) {
            return report(outcome);
        }
        report(outcome, std::string(why));
    }
};

async_connection::async_connection(connection_pool_context& context, listener& owner,
                                   std::size_t max_body_bytes)
    : impl_(std::make_unique<impl>(context.get(), std::make_shared<connection_link>(context.get()), owner,
                                   *this, max_body_bytes)) {}

async_connection::async_connection(async_connection& shares_with, listener& owner, std::size_t max_body_bytes)
    : impl_(std::make_unique<impl>(shares_with.impl_->context, shares_with.impl_->link, owner, *this,
                                   max_body_bytes)) {}

async_connection::~async_connection() = default;

void async_connection::send(std::string_view request) {
    impl_->send(request);
}

void async_connection::open() {
    impl_->error.clear();
    impl_->opening = true;
    if (impl_->link->usable()) {
        return impl_->report(outcome_kind::ok);
    }
    impl_->link->await(*impl_);
}

void async_connection::close() {
    impl_->link->shutdown();
}

bool async_connection::close_if_ended_while_idle() {
    if (!impl_->link->usable() || !impl_->link->idle_connection_ended()) {
        return false;
    }
    impl_->link->close(outcome_kind::reset, "the server closed the idle connection");
    return true;
}

bool async_connection::connected() const noexcept {
    return impl_->link->connected();
}

void async_connection::collect_timings(bool on) noexcept {
    impl_->timing = on;
    impl_->link->collect_timings(on);
}

const exchange_timings& async_connection::timings() const noexcept {
    return impl_->timings;
}

const std::string& async_connection::error() const noexcept {
    return impl_->error;
}

bool async_connection::reused() const noexcept {
    return impl_->reused;
}

bool async_connection::http2() const noexcept {
    return impl_->link->http2();
}

bool async_connection::refused_protocol() const noexcept {
    return impl_->link->refused_protocol();
}

response_scanner& async_connection::scanner() noexcept {
    return impl_->scanner;
}

} // namespace harness::http
