#include "h2_server_session.hpp"

#include "harness/h2/h2_pump.hpp"

#include <array>
#include <iterator>
#include <map>
#include <nghttp2/nghttp2.h>

namespace harness::mock {

namespace h2 = harness::h2;

struct h2_server_session::impl {
    struct stream {
        mock_request request;
        bool too_large = false;
        // The reply being sent: kept until the stream closes (nghttp2 reads the body through read_body).
        mock_response response;
        std::size_t body_sent = 0;
    };

    nghttp2_session* session = nullptr;
    std::size_t max_body_bytes;
    std::map<std::int32_t, stream> streams;
    std::vector<ready_request> ready;
    std::string error;

    static impl& of(void* user) { return *static_cast<impl*>(user); }

    static int on_begin_headers(nghttp2_session*, const nghttp2_frame* frame, void* user) {
        if (frame->hd.type == NGHTTP2_HEADERS && frame->headers.cat == NGHTTP2_HCAT_REQUEST) {
            of(user).streams[frame->hd.stream_id].request.version(20);
        }
        return 0;
    }

    static int on_header(nghttp2_session*, const nghttp2_frame* frame, const std::uint8_t* name_bytes,
                         std::size_t name_size, const std::uint8_t* value_bytes, std::size_t value_size,
                         std::uint8_t, void* user) {
        auto it = of(user).streams.find(frame->hd.stream_id);
        if (it == of(user).streams.end()) {
            return 0;
        }
        const std::string_view name = h2::as_text(name_bytes, name_size);
        const std::string_view value = h2::as_text(value_bytes, value_size);
        mock_request& request = it->second.request;
        if (name == ":method") {
            request.method_string(value);
        } else if (name == ":path") {
            request.target(value);
        } else if (name == ":authority") {
            request.set(http::field::host, value);
        } else if (!name.starts_with(":")) {
            request.insert(name, value);
        }
        return 0;
    }

    static int on_data(nghttp2_session*, std::uint8_t, std::int32_t stream_id, const std::uint8_t* data,
                       std::size_t size, void* user) {
        impl& self = of(user);
        auto it = self.streams.find(stream_id);
        if (it == self.streams.end()) {
            return 0;
        }
        std::string& body = it->second.request.body();
        if (body.size() + size > self.max_body_bytes) {
            it->second.too_large = true;
            return 0;
        }
        body.append(h2::as_text(data, size));
        return 0;
    }

    static int on_frame(nghttp2_session*, const nghttp2_frame* frame, void* user) {
        impl& self = of(user);
        if ((frame->hd.type == NGHTTP2_HEADERS || frame->hd.type == NGHTTP2_DATA) &&
            (frame->hd.flags & NGHTTP2_FLAG_END_STREAM) != 0) {
            auto it = self.streams.find(frame->hd.stream_id);
            if (it != self.streams.end()) {
                mock_request& request = it->second.request;
                request.content_length(request.body().size());
                self.ready.push_back({frame->hd.stream_id, request, it->second.too_large});
            }
        }
        return 0;
    }

    static int on_close(nghttp2_session*, std::int32_t stream_id, std::uint32_t, void* user) {
        of(user).streams.erase(stream_id);
        return 0;
    }

    static ssize_t read_body(nghttp2_session*, std::int32_t stream_id, std::uint8_t* buffer,
                             std::size_t length, std::uint32_t* flags, nghttp2_data_source*, void* user) {
        auto it = of(user).streams.find(stream_id);
        if (it == of(user).streams.end()) {
            return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
        }
        stream& s = it->second;
        return h2::copy_body(s.response.body(), s.body_sent, buffer, length, flags);
    }
};

h2_server_session::h2_server_session(std::size_t max_body_bytes, std::uint32_t initial_window)
    : impl_(std::make_unique<impl>()) {
    impl_->max_body_bytes = max_body_bytes;
    nghttp2_session_callbacks* callbacks = nullptr;
    nghttp2_session_callbacks_new(&callbacks);
    nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, &impl::on_begin_headers);
    nghttp2_session_callbacks_set_on_header_callback(callbacks, &impl::on_header);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, &impl::on_data);
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, &impl::on_frame);
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, &impl::on_close);
    nghttp2_option* option = nullptr;
    nghttp2_option_new(&option);
    if (initial_window == 0) {
        nghttp2_option_set_no_auto_window_update(option, 1);
    }
    // Large enough for the huge_headers fault: the client, not the mock, is to refuse an oversized block.
    nghttp2_option_set_max_send_header_block_length(option, 1U << 24);
    nghttp2_session_server_new2(&impl_->session, callbacks, impl_.get(), option);
    nghttp2_option_del(option);
    nghttp2_session_callbacks_del(callbacks);
    const std::array<nghttp2_settings_entry, 2> settings{
        {{NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, 256},
         {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, initial_window}}};
    nghttp2_submit_settings(impl_->session, NGHTTP2_FLAG_NONE, settings.data(), settings.size());
}

h2_server_session::~h2_server_session() {
    nghttp2_session_del(impl_->session);
}

bool h2_server_session::consume(std::string_view in) {
    const int code = h2::pump_in(impl_->session, in);
    if (code != 0) {
        impl_->error = std::string("HTTP/2: ") + nghttp2_strerror(code);
        return false;
    }
    return true;
}

bool h2_server_session::produce(std::string& out) {
    return h2::pump_out(impl_->session, out, impl_->error);
}

std::vector<h2_server_session::ready_request> h2_server_session::take_ready() {
    std::vector<ready_request> taken;
    taken.swap(impl_->ready);
    return taken;
}

void h2_server_session::respond(std::int32_t stream_id, mock_response response, bool head) {
    auto it = impl_->streams.find(stream_id);
    if (it == impl_->streams.end()) {
        return; // reset by the client meanwhile
    }
    impl::stream& s = it->second;
    s.response = std::move(response);
    s.body_sent = 0;
    if (head) {
        s.response.body().clear();
    }
    const std::string status = std::to_string(s.response.result_int());
    // nghttp2 copies the names and values; the lower-cased names live until the submit returns. Reserved for
    // every field, so that no push_back moves a name the nv array points at.
    const auto fields = static_cast<std::size_t>(std::distance(s.response.begin(), s.response.end()));
    std::vector<std::string> names;
    names.reserve(fields);
    std::vector<nghttp2_nv> nv;
    nv.reserve(fields + 1);
    nv.push_back(h2::nv(":status", status));
    for (const auto& field : s.response) {
        std::string name;
        h2::append_lower(name, field.name_string());
        if (h2::connection_specific(name) || (head && name == "content-length")) {
            continue;
        }
        names.push_back(std::move(name));
        nv.push_back(h2::nv(names.back(), field.value()));
    }
    nghttp2_data_provider body{};
    body.read_callback = &impl::read_body;
    const bool has_body = !s.response.body().empty();
    nghttp2_submit_response(impl_->session, stream_id, nv.data(), nv.size(), has_body ? &body : nullptr);
}

void h2_server_session::reset_stream(std::int32_t stream_id, std::uint32_t error_code) {
    nghttp2_submit_rst_stream(impl_->session, NGHTTP2_FLAG_NONE, stream_id, error_code);
}

void h2_server_session::goaway(std::uint32_t error_code, std::int32_t last_stream_id) {
    nghttp2_submit_goaway(impl_->session, NGHTTP2_FLAG_NONE,
                          last_stream_id < 0 ? nghttp2_session_get_last_proc_stream_id(impl_->session)
                                             : last_stream_id,
                          error_code, nullptr, 0);
}

bool h2_server_session::finished() const {
    return nghttp2_session_want_read(impl_->session) == 0 && nghttp2_session_want_write(impl_->session) == 0;
}

const std::string& h2_server_session::error() const noexcept {
    return impl_->error;
}

} // namespace harness::mock
