#include "connection_link.hpp"

#include <algorithm>
#include <cerrno>
#include <sys/socket.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>
#include <openssl/x509.h>

namespace harness::http {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

connection_link::connection_link(connection_pool_context::impl& context) : context_(context) {
    context_.links.push_back(this);
}

connection_link::~connection_link() {
    close(outcome_kind::reset, "the connection was closed");
    std::erase(context_.links, this);
}

void connection_link::attach(link_user& user) {
    users_.push_back(&user);
}

void connection_link::detach(link_user& user) {
    std::erase(users_, &user);
}

bool connection_link::usable() const noexcept {
    return connected_ && !(h2_ && h2_->goaway_received());
}

void connection_link::await(link_user& user) {
    user.waiting = true;
    if (connecting_) {
        return;
    }
    if (!connected_) {
        return connect();
    }
    // Connected but left by the server (GOAWAY): the streams still open finish first.
    if (h2_ && h2_->open_streams() == 0) {
        close(outcome_kind::reset, "the server's GOAWAY closed the connection");
        connect();
    }
}

tcp::socket& connection_link::socket() {
    return secure_ ? secure_->next_layer() : *plain_;
}

bool connection_link::idle_connection_ended() {
    if (!connected_ || speaks_h2_) {
        return false;
    }
    char byte = 0;
    const ssize_t n = ::recv(socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
}

std::int64_t connection_link::micros_since(steady_clock::time_point t) const {
    return timing_ ? std::chrono::duration_cast<std::chrono::microseconds>(steady_clock::now() - t).count()
                   : 0;
}

void connection_link::connect() {
    connecting_ = true;
    timed_out_ = false;
    setup_ = {};
    if (context_.tls) {
        secure_ = std::make_unique<tls_stream>(context_.ioc, *context_.tls, context_.target.host,
                                               !context_.options.tls.insecure);
    } else {
        plain_ = std::make_unique<tcp::socket>(context_.ioc);
    }
    deadline = steady_clock::now() + context_.options.connect_timeout;
    context_.ensure_sweeping();
    const auto started = timing_ ? steady_clock::now() : steady_clock::time_point{};
    net::async_connect(socket(), context_.endpoints,
                       [this, started, gen = generation_](error_code ec, const tcp::endpoint&) {
                           if (gen != generation_) {
                               return;
                           }
                           setup_.connect_us = micros_since(started);
                           if (ec) {
                               const std::string why = "cannot connect to " + context_.target.authority() +
                                                       ": " +
                                                       (timed_out_ ? std::string("timed out") : ec.message());
                               close(outcome_kind::connect, why);
                               return fail_waiting(outcome_kind::connect, why);
                           }
                           error_code ignored;
                           socket().set_option(tcp::no_delay(true), ignored);
                           if (!secure_) {
                               return on_connected();
                           }
                           const auto handshake_started =
                               timing_ ? steady_clock::now() : steady_clock::time_point{};
                           deadline = steady_clock::now() + context_.options.connect_timeout;
                           secure_->async_handshake([this, handshake_started, gen](error_code handshake_ec) {
                               if (gen != generation_) {
                                   return;
                               }
                               setup_.tls_us = micros_since(handshake_started);
                               if (handshake_ec) {
                                   const std::string why = tls_failure(handshake_ec);
                                   close(outcome_kind::tls, why);
                                   return fail_waiting(outcome_kind::tls, why);
                               }
                               on_connected();
                           });
                       });
}

// Why a handshake failed, in words a user can act on ("certificate verify failed: self-signed certificate").
std::string connection_link::tls_failure(const error_code& ec) const {
    std::string reason = timed_out_ ? std::string("timed out") : ec.message();
    const long verify = SSL_get_verify_result(secure_->native_handle());
    if (verify != X509_V_OK) {
        reason += ": " + std::string(X509_verify_cert_error_string(verify));
    }
    return "TLS handshake with " + context_.target.authority() + " failed: " + reason;
}

void connection_link::on_connected() {
    deadline = no_deadline;
    connecting_ = false;
    if (!choose_protocol()) {
        return;
    }
    connected_ = true;
    if (h2_) {
        // The connection preface and SETTINGS go now, and the server's SETTINGS are read as they come:
        // HTTP/2's own handshake is part of the set-up (before a load run's time zero), and the first
        // requests already keep the server's limits.
        flush();
        read();
    }
    tell_waiting([](link_user& user) { user.link_ready(); });
}

// HTTP/2 when ALPN chose h2, or when asked for over plain TCP (h2c with prior knowledge); a server that will
// not speak h2 when it is required, or when several users share the connection, is a failed set-up (like a
// refused certificate), not a reply.
bool connection_link::choose_protocol() {
    bool use_h2 = false;
    std::string refusal;
    if (secure_) {
        const unsigned char* chosen = nullptr;
        unsigned int size = 0;
        SSL_get0_alpn_selected(secure_->native_handle(), &chosen, &size);
        const std::string_view alpn(reinterpret_cast<const char*>(chosen), size);
        use_h2 = alpn == "h2";
        const std::string choice =
            alpn.empty() ? std::string("it chose nothing") : "it chose " + std::string(alpn);
        if (!use_h2 && context_.options.http == http_version::http2) {
            refused_protocol_ = true;
            refusal = "the server at " + context_.target.authority() + " did not choose HTTP/2 by ALPN (" +
                      choice + "): it does not speak h2 here; use --http auto or 1.1";
        } else if (!use_h2 && users_.size() > 1) {
            refused_protocol_ = true;
            refusal = "several streams per connection need HTTP/2, but the server at " +
                      context_.target.authority() + " did not choose h2 by ALPN (" + choice + ")";
        }
    } else {
        use_h2 = context_.options.http == http_version::http2;
        if (!use_h2 && users_.size() > 1) {
            refused_protocol_ = true;
            refusal = "several streams per connection need HTTP/2: on http:// that is h2c, asked for with "
                      "--http 2";
        }
    }
    speaks_h2_ = use_h2;
    if (!refusal.empty()) {
        const outcome_kind outcome = secure_ ? outcome_kind::tls : outcome_kind::protocol;
        close(outcome, refusal);
        fail_waiting(outcome, refusal);
        return false;
    }
    if (use_h2) {
        h2_ = std::make_unique<h2_client_session>(secure_ ? "https" : "http", context_.target.authority());
        writing_ = false;
        reading_ = false;
    }
    return true;
}

void connection_link::fail_waiting(outcome_kind outcome, const std::string& why) {
    tell_waiting([&](link_user& user) { user.link_failed(outcome, why); });
}

void connection_link::abort_socket() {
    if (plain_ || secure_) {
        error_code ignored;
        socket().close(ignored); // pending operations complete with operation_aborted
    }
}

void connection_link::expire() {
    timed_out_ = true;
    abort_socket();
}

std::string connection_link::transfer_error(const error_code& ec, const char* stage) const {
    return std::string(stage) + ": " + ec.message();
}

void connection_link::flush() {
    // While a read is being consumed, the streams it ends may open new ones: one write after it carries them
    // all.
    if (!h2_ || writing_ || consuming_) {
        return;
    }
    out_.clear();
    if (!h2_->produce(out_)) {
        return broken(outcome_kind::protocol, h2_->error());
    }
    if (out_.empty()) {
        return;
    }
    writing_ = true;
    on_stream([this](auto& stream) {
        net::async_write(stream, net::buffer(out_), [this, gen = generation_](error_code ec, std::size_t) {
            if (gen != generation_) {
                return; // a closed connection's write
            }
            writing_ = false;
            if (ec) {
                return broken(outcome_kind::reset, transfer_error(ec, "sending the request"));
            }
            flush();
        });
    });
}

// The connection reads all the time it is up: replies, SETTINGS, PINGs and GOAWAY arrive when they will.
void connection_link::read() {
    // Not while a read is being consumed: a read started then (a stream's end opening the next stream) would
    // fill read_buffer_ at once (speculative reads, TLS records already decrypted) under the one being handed
    // over. The handler reads again when it is done.
    if (!h2_ || reading_ || consuming_) {
        return;
    }
    reading_ = true;
    on_stream([this](auto& stream) {
        stream.async_read_some(
            net::buffer(read_buffer_), [this, gen = generation_](error_code ec, std::size_t n) {
                if (gen != generation_) {
                    return; // a closed connection's read
                }
                reading_ = false;
                if (!h2_) {
                    return;
                }
                if (ec) {
                    return broken(outcome_kind::reset, transfer_error(ec, "reading the response"));
                }
                // Everything already read goes to the session before the one write: TLS hands over a record
                // per read, and the records the socket delivered together are decrypted from its buffer here.
                consuming_ = true;
                bool sound = h2_->consume(std::string_view(read_buffer_.data(), n));
                while (sound && gen == generation_ && secure_ &&
                       (n = secure_->read_buffered(read_buffer_.data(), read_buffer_.size())) > 0) {
                    sound = h2_->consume(std::string_view(read_buffer_.data(), n));
                }
                consuming_ = false;
                if (gen != generation_) {
                    return; // a stream's end closed the connection (its server left by GOAWAY)
                }
                if (!sound) {
                    flush(); // its GOAWAY says why, if the socket still takes it
                    return broken(outcome_kind::protocol, h2_ ? h2_->error() : std::string());
                }
                flush();
                read();
                stream_ended();
            });
    });
}

void connection_link::stream_ended() {
    if (h2_ && h2_->goaway_received() && h2_->open_streams() == 0) {
        close(outcome_kind::reset, "the server's GOAWAY closed the connection");
        reconnect_if_waiting();
    }
}

// The connection is gone or broken: its open streams end with `outcome`; users waiting for it connect anew.
void connection_link::broken(outcome_kind outcome, const std::string& why) {
    if (h2_ && h2_->goaway_received() && outcome == outcome_kind::reset) {
        // The server said it was leaving (GOAWAY) and went before answering these streams.
        close(outcome_kind::goaway, "the server sent GOAWAY and closed the connection: " + why);
    } else {
        close(outcome, why);
    }
    reconnect_if_waiting();
}

void connection_link::reconnect_if_waiting() {
    if (!connecting_ && !connected_ &&
        std::any_of(users_.begin(), users_.end(), [](const link_user* u) { return u->waiting; })) {
        connect();
    }
}

void connection_link::close(outcome_kind outcome, const std::string& why) {
    deadline = no_deadline;
    consuming_ = false;
    ++generation_;
    connected_ = false;
    connecting_ = false;
    reading_ = false;
    writing_ = false;
    error_code ignored;
    if (plain_) {
        plain_->close(ignored);
        retired_plain_ = std::move(plain_);
    }
    if (secure_) {
        secure_->next_layer().close(ignored);
        retired_secure_ = std::move(secure_);
    }
    if (h2_) {
        retired_h2_ = std::move(h2_);
        retired_h2_->fail_all(outcome, why);
    }
}

void connection_link::shutdown() {
    close(outcome_kind::reset, "the connection was closed");
    fail_waiting(outcome_kind::reset, "the connection was closed before it was up");
}

} // namespace harness::http
