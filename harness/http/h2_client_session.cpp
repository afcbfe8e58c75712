#include "h2_client_session.hpp"

#include "h2_memory.hpp"
#include "harness/h2/h2_pump.hpp"

#include <algorithm>
#include <array>
#include <nghttp2/nghttp2.h>
#include <vector>

namespace harness::http {

namespace {

namespace h2 = harness::h2;

// A request's Host travels as :authority; the rest HTTP/2 forbids (RFC 9113 section 8.2.2).
bool not_sent(std::string_view lower_name) {
    return lower_name == "host" || h2::connection_specific(lower_name);
}

} // namespace

struct h2_client_session::impl {
    // One stream's state, reused from a free list so that a long run does not allocate per request.
    struct stream {
        h2_stream_sink* sink = nullptr;
        std::string_view body;
        std::size_t body_sent = 0;
        bool ended_by_peer = false; // END_STREAM received
        bool too_large = false;
        bool cancelled = false;
        bool ending = false; // closed, its end not yet told to its sink
        bool headers_over_limit = false;
        std::size_t header_bytes = 0; // as SETTINGS_MAX_HEADER_LIST_SIZE counts them
        std::int32_t id = 0;
    };
    struct ended {
        stream* s;
        bool complete; // the whole response arrived
        std::uint32_t error_code;
    };
    // Announced in SETTINGS_MAX_HEADER_LIST_SIZE: a reply's header block beyond it is refused (stream reset).
    static constexpr std::size_t max_header_list = 64 * 1024;

    h2_memory memory; // outlives the session: declared first, destroyed last
    nghttp2_session* session = nullptr;
    std::string scheme;
    std::string authority;
    std::vector<std::unique_ptr<stream>> pool;
    std::vector<stream*> free_streams;
    std::vector<ended> ended_streams;
    std::size_t open = 0;
    bool dispatching = false;
    bool goaway = false;
    std::int32_t goaway_last_stream = 0;
    std::uint32_t goaway_code = 0;
    std::string error;
    std::string lower_names; // scratch: HTTP/2 header names are lower case
    std::string why;         // scratch: the words of a stream's end
    std::string library_error;

    stream* take_stream() {
        if (free_streams.empty()) {
            pool.push_back(std::make_unique<stream>());
            free_streams.push_back(pool.back().get());
        }
        stream* s = free_streams.back();
        free_streams.pop_back();
        *s = stream{};
        return s;
    }

    static impl& of(void* user) { return *static_cast<impl*>(user); }

    // nghttp2's own words for a connection error it detected (a frame that breaks HTTP/2).
    static int on_error(nghttp2_session*, int, const char* message, std::size_t size, void* user) {
        of(user).library_error.assign(message, size);
        return 0;
    }

    static int on_header(nghttp2_session* session, const nghttp2_frame* frame, const std::uint8_t* name,
                         std::size_t name_size, const std::uint8_t* value, std::size_t value_size,
                         std::uint8_t, void*) {
        if (frame->hd.type != NGHTTP2_HEADERS) {
            return 0;
        }
        auto* s = static_cast<stream*>(nghttp2_session_get_stream_user_data(session, frame->hd.stream_id));
        if (s == nullptr || s->cancelled || s->headers_over_limit) {
            return 0;
        }
        s->header_bytes += name_size + value_size + 32; // RFC 9113 6.5.2
        if (s->header_bytes > max_header_list) {
            s->headers_over_limit = true;
            nghttp2_submit_rst_stream(session, NGHTTP2_FLAG_NONE, frame->hd.stream_id, NGHTTP2_CANCEL);
            return 0;
        }
        s->sink->on_h2_header(h2::as_text(name, name_size), h2::as_text(value, value_size));
        return 0;
    }

    static int on_data(nghttp2_session* session, std::uint8_t, std::int32_t stream_id,
                       const std::uint8_t* data, std::size_t size, void*) {
        auto* s = static_cast<stream*>(nghttp2_session_get_stream_user_data(session, stream_id));
        if (s == nullptr || s->cancelled || s->too_large) {
            return 0;
        }
        if (!s->sink->on_h2_data(h2::as_text(data, size))) {
            s->too_large = true;
            nghttp2_submit_rst_stream(session, NGHTTP2_FLAG_NONE, stream_id, NGHTTP2_CANCEL);
        }
        return 0;
    }

    static int on_frame(nghttp2_session* session, const nghttp2_frame* frame, void* user) {
        impl& self = of(user);
        if (frame->hd.type == NGHTTP2_GOAWAY) {
            self.goaway = true;
            self.goaway_last_stream = frame->goaway.last_stream_id;
            self.goaway_code = frame->goaway.error_code;
        }
        if ((frame->hd.type == NGHTTP2_HEADERS || frame->hd.type == NGHTTP2_DATA) &&
            (frame->hd.flags & NGHTTP2_FLAG_END_STREAM) != 0) {
            if (auto* s = static_cast<stream*>(
                    nghttp2_session_get_stream_user_data(session, frame->hd.stream_id))) {
                s->ended_by_peer = true;
            }
        }
        return 0;
    }

    static int on_close(nghttp2_session* session, std::int32_t stream_id, std::uint32_t error_code,
                        void* user) {
        impl& self = of(user);
        auto* s = static_cast<stream*>(nghttp2_session_get_stream_user_data(session, stream_id));
        if (s == nullptr) {
            return 0;
        }
        --self.open;
        if (s->cancelled) {
            self.free_streams.push_back(s);
            return 0;
        }
        s->ending = true;
        self.ended_streams.push_back(
            {s, !s->too_large && !s->headers_over_limit && s->ended_by_peer && error_code == NGHTTP2_NO_ERROR,
             error_code});
        return 0;
    }

    static ssize_t read_body(nghttp2_session*, std::int32_t, std::uint8_t* buffer, std::size_t length,
                             std::uint32_t* flags, nghttp2_data_source* source, void*) {
        auto* s = static_cast<stream*>(source->ptr);
        return h2::copy_body(s->body, s->body_sent, buffer, length, flags);
    }

    // The class and words of a stream's end that was not a complete response (HTTP/2's own classes where
    // the frames say which: GOAWAY, REFUSED_STREAM, FLOW_CONTROL_ERROR, a header block over the limit).
    outcome_kind classify(const ended& e) {
        const std::string id = std::to_string(e.s->id);
        const std::string code = nghttp2_http2_strerror(e.error_code);
        if (e.s->too_large) {
            why = "reading the response: larger than the size cap (stream " + id + " cancelled)";
            return outcome_kind::too_large;
        }
        if (e.s->headers_over_limit) {
            why = "the reply's header block on stream " + id + " exceeds the " +
                  std::to_string(max_header_list / 1024) +
                  " KiB the harness announced in SETTINGS_MAX_HEADER_LIST_SIZE (stream cancelled)";
            return outcome_kind::settings_limit;
        }
        if (goaway && e.s->id > goaway_last_stream) {
            why = "the server's GOAWAY (" + std::string(nghttp2_http2_strerror(goaway_code)) +
                  ", last stream " + std::to_string(goaway_last_stream) + ") cancelled stream " + id;
            return outcome_kind::goaway;
        }
        if (e.error_code == NGHTTP2_REFUSED_STREAM) {
            why = "the server refused stream " + id +
                  " (RST_STREAM REFUSED_STREAM: more streams than its SETTINGS_MAX_CONCURRENT_STREAMS " +
                  std::to_string(
                      nghttp2_session_get_remote_settings(session, NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS)) +
                  ", or it sheds load)";
            return outcome_kind::settings_limit;
        }
        if (e.error_code == NGHTTP2_FLOW_CONTROL_ERROR) {
            why =
                "the server reset stream " + id + " for a flow-control error (RST_STREAM FLOW_CONTROL_ERROR)";
            return outcome_kind::flow_control;
        }
        why =
            e.error_code != NGHTTP2_NO_ERROR
                ? "the server reset stream " + id + " (RST_STREAM " + code + ")"
                : "the server ended stream " + id + " (RST_STREAM NO_ERROR) before the response was complete";
        return outcome_kind::stream_reset;
    }

    void dispatch_ended() {
        // Sinks are called outside nghttp2's callbacks: they may submit the next request at once, or close
        // the connection (fail_all() from inside this loop then leaves these streams to it).
        if (dispatching) {
            return;
        }
        dispatching = true;
        for (std::size_t i = 0; i < ended_streams.size(); ++i) {
            const ended e = ended_streams[i];
            if (e.complete) {
                e.s->sink->on_h2_end(outcome_kind::ok, {});
            } else {
                const outcome_kind outcome = classify(e);
                e.s->sink->on_h2_end(outcome, why);
            }
            free_streams.push_back(e.s);
        }
        ended_streams.clear();
        dispatching = false;
    }
};

h2_client_session::h2_client_session(std::string scheme, std::string authority)
    : impl_(std::make_unique<impl>()) {
    impl_->scheme = std::move(scheme);
    impl_->authority = std::move(authority);
    impl_->lower_names.reserve(4096);
    impl_->ended_streams.reserve(64);
    nghttp2_session_callbacks* callbacks = nullptr;
    nghttp2_session_callbacks_new(&callbacks);
    nghttp2_session_callbacks_set_on_header_callback(callbacks, &impl::on_header);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, &impl::on_data);
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, &impl::on_frame);
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, &impl::on_close);
    nghttp2_session_callbacks_set_error_callback2(callbacks, &impl::on_error);
    nghttp2_session_client_new3(&impl_->session, callbacks, impl_.get(), nullptr, impl_->memory.mem());
    nghttp2_session_callbacks_del(callbacks);
    // No server push; a window large enough that the harness never stalls a reply it reads at once.
    const std::array<nghttp2_settings_entry, 3> settings{
        {{NGHTTP2_SETTINGS_ENABLE_PUSH, 0},
         {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, 1 << 20},
         {NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE, impl::max_header_list}}};
    nghttp2_submit_settings(impl_->session, NGHTTP2_FLAG_NONE, settings.data(), settings.size());
}

h2_client_session::~h2_client_session() {
    nghttp2_session_del(impl_->session);
}

std::int32_t h2_client_session::submit(const request_view& request, h2_stream_sink& sink) {
    if (impl_->goaway) {
        impl_->error = "the server sent GOAWAY: no new streams on this connection";
        return 0;
    }
    std::array<nghttp2_nv, request_view::max_headers + 4> nv;
    std::size_t count = 0;
    nv[count++] = h2::nv(":method", request.method);
    nv[count++] = h2::nv(":scheme", impl_->scheme);
    nv[count++] = h2::nv(":authority", impl_->authority);
    nv[count++] = h2::nv(":path", request.target);
    // Lower-cased names are written one after another into the scratch buffer, reserved once; its pointers
    // stay valid because it never grows past what was reserved for a request's headers.
    std::string& names = impl_->lower_names;
    names.clear();
    for (std::size_t i = 0; i < request.header_count; ++i) {
        const auto& [name, value] = request.headers[i];
        if (names.size() + name.size() > names.capacity()) {
            impl_->error = "the request's header names exceed 4 KiB";
            return 0;
        }
        const std::size_t start = names.size();
        h2::append_lower(names, name);
        const std::string_view lower(names.data() + start, name.size());
        if (!not_sent(lower)) {
            nv[count++] = h2::nv(lower, value);
        }
    }
    impl::stream* s = impl_->take_stream();
    s->sink = &sink;
    s->body = request.body;
    nghttp2_data_provider body{};
    body.source.ptr = s;
    body.read_callback = &impl::read_body;
    const bool has_body = !request.body.empty();
    const std::int32_t id =
        nghttp2_submit_request(impl_->session, nullptr, nv.data(), count, has_body ? &body : nullptr, s);
    if (id < 0) {
        impl_->error = std::string("cannot open an HTTP/2 stream: ") + nghttp2_strerror(id);
        impl_->free_streams.push_back(s);
        return 0;
    }
    s->id = id;
    ++impl_->open;
    return id;
}

void h2_client_session::cancel(std::int32_t stream_id) {
    if (auto* s =
            static_cast<impl::stream*>(nghttp2_session_get_stream_user_data(impl_->session, stream_id))) {
        s->cancelled = true;
        nghttp2_submit_rst_stream(impl_->session, NGHTTP2_FLAG_NONE, stream_id, NGHTTP2_CANCEL);
    }
}

bool h2_client_session::request_body_pending(std::int32_t stream_id) const noexcept {
    const auto* s =
        static_cast<const impl::stream*>(nghttp2_session_get_stream_user_data(impl_->session, stream_id));
    return s != nullptr && s->body_sent < s->body.size();
}

bool h2_client_session::produce(std::string& out) {
    return h2::pump_out(impl_->session, out, impl_->error);
}

bool h2_client_session::consume(std::string_view in) {
    const int code = h2::pump_in(impl_->session, in);
    impl_->dispatch_ended();
    if (code != 0) {
        impl_->error = std::string("the server broke HTTP/2: ") + nghttp2_strerror(code);
        return false;
    }
    // A connection error nghttp2 found (a first frame that is not SETTINGS, a malformed frame) ends the
    // session without a negative return: it queues its GOAWAY and says why through the error callback.
    if (!impl_->library_error.empty()) {
        impl_->error = "the server broke HTTP/2: " + impl_->library_error;
        return false;
    }
    return true;
}

void h2_client_session::fail_all(outcome_kind outcome, std::string_view why) {
    impl_->dispatch_ended();
    for (const auto& s : impl_->pool) {
        const bool in_use = std::find(impl_->free_streams.begin(), impl_->free_streams.end(), s.get()) ==
                            impl_->free_streams.end();
        if (in_use && !s->cancelled && !s->ending && s->sink != nullptr) {
            h2_stream_sink* sink = s->sink;
            s->cancelled = true;
            sink->on_h2_end(outcome, why);
        }
    }
}

std::size_t h2_client_session::open_streams() const noexcept {
    return impl_->open;
}

bool h2_client_session::goaway_received() const noexcept {
    return impl_->goaway;
}

const std::string& h2_client_session::error() const noexcept {
    return impl_->error;
}

} // namespace harness::http
