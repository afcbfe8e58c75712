#include "request_handler.hpp"

#include "admin_handler.hpp"
#include "envelope_writer.hpp"
#include "harness/json/media_type.hpp"
#include "harness/json/pointer.hpp"
#include "request_forwarder.hpp"
#include "route_cache.hpp"
#include "sequence_drifts.hpp"
#include "uuid_generator.hpp"
#include "value_drifts.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace harness::mock {

namespace {

namespace hc = harness::contract;
using hc::failure_kind;

mock_response json_response(http::status status, std::string body, unsigned version, bool keep_alive,
                            const fault_decision& faults) {
    mock_response response{status, version};
    // Each field inserted once, as Beast's keep_alive() and prepare_payload() would leave it: those look up
    // and rewrite the Connection, Transfer-Encoding and Content-Length fields first, a tenth of a reply's
    // cost here.
    response.insert(http::field::server, "harness-mock");
    response.insert(http::field::content_type, faults.has(drift_kind::html_content_type)
                                                   ? "text/html; charset=utf-8"
                                               : faults.liberal ? "application/json;charset=UTF-8"
                                                                : "application/json");
    if (faults.malformed_json) {
        // Cut mid-value: no JSON parser accepts it, and the length still matches.
        body.resize(body.size() / 2);
    }
    std::array<char, 24> length{};
    const auto written = std::to_chars(length.data(), length.data() + length.size(), body.size()).ptr;
    response.insert(http::field::content_length, std::string_view(length.data(), written - length.data()));
    if (version >= 11 && !keep_alive) {
        response.insert(http::field::connection, "close");
    } else if (version < 11 && keep_alive) {
        response.insert(http::field::connection, "keep-alive");
    }
    response.body() = std::move(body);
    return response;
}

class operator_message_request {
public:
    // `rate`: the mock's requests per second when this one came (counted only while an overload fault is
    // set).
    // `now_ms`: the request's one reading of the wall clock (createdAt, token expiry, error timestamps).
    operator_message_request(const mock_request& request, mock_state& state, const fault_decision& faults,
                             std::uint64_t rate, std::int64_t now_ms)
        : request_(request), state_(state), profile_(state.profile()), faults_(faults), rate_(rate),
          now_ms_(now_ms) {}

    mock_response answer(const std::vector<hc::path_parameter_value>& path) {
        if (faults_.status_override != 0) {
            return injected_status();
        }
        if (!authenticate()) {
            return failure(failure_kind::unauthenticated, auth_problem_);
        }
        if (refused_at_limit(request_.body().size(), profile_.max_body_bytes, faults_)) {
            return failure(failure_kind::payload_too_large, "Request body reaches the size limit");
        }
        if (!json_content_type()) {
            return failure(failure_kind::unsupported_media_type,
                           "Content type '" + std::string(request_[http::field::content_type]) +
                               "' is not supported; send application/json");
        }
        // Small bodies parse into this stack buffer; the resource only reaches for the heap beyond it.
        unsigned char parse_buffer[4096];
        boost::json::monotonic_resource parse_memory(parse_buffer, sizeof parse_buffer);
        boost::system::error_code parse_error;
        // Constructed from parse()'s result, so it keeps the stack-backed storage (assignment would copy it
        // out).
        const boost::json::value body = boost::json::parse(request_.body(), parse_error, &parse_memory);
        if (parse_error) {
            return failure(failure_kind::validation, "Request body is not valid JSON");
        }
        const hc::violations found = state_.operation().request_body->json->validator->validate(body);
        if (!found.empty()) {
            if (faults_.has(drift_kind::refusal_reserves_key)) {
                reserve_refused_key(path, body);
            }
            return validation_failure(body, found);
        }
        if (auto blank = blank_text_error(body.as_object(), faults_)) {
            return failure(failure_kind::validation, "text must not be blank", {*blank});
        }
        const std::string_view project_uuid = path[0].value;
        const std::string_view conversation_uuid = path[1].value;
        const project_fixture* project = state_.fixtures().find_project(project_uuid);
        if (project == nullptr) {
            return not_found("Project not found");
        }
        if (token_ != nullptr && !token_->project_set.contains(project_uuid)) {
            return failure(failure_kind::forbidden, "The token does not grant access to this project");
        }
        const auto& object = body.as_object();
        if (const auto* company = object.if_contains("companyUuid");
            company != nullptr && company->is_string() && company->as_string() != project->company) {
            return failure(failure_kind::forbidden, "companyUuid names another company than the project's");
        }
        if (project->failing_conversation_set.contains(conversation_uuid)) {
            return failure(failure_kind::internal, "Simulated fault: this conversation always fails");
        }
        if (!project->conversation_set.contains(conversation_uuid)) {
            return not_found("Conversation not found in this project");
        }
        return store(*project, conversation_uuid, object, body);
    }

    // How long the reply is held back (liberal mode: the first request of a key), added to the fault delay.
    std::chrono::milliseconds hold() const noexcept { return hold_; }

    // For the journal (which keeps at most this many bytes of it anyway).
    std::string_view idempotency_key() const { return {idempotency_key_.data(), idempotency_key_length_}; }

private:
    mock_response injected_status() {
        const int status = faults_.status_override;
        const std::string_view code = status == 503   ? "SERVICE_UNAVAILABLE"
                                      : status == 500 ? profile_.failure(failure_kind::internal).code
                                                      : std::string_view("INJECTED_FAULT");
        return reply(
            static_cast<http::status>(status),
            error_body(code, "Injected fault: status " + std::to_string(status), {}, now_ms_, faults_));
    }

    bool authenticate() {
        const std::string_view header = request_[profile_.auth_header];
        if (faults_.has(drift_kind::no_auth_required)) {
            token_ = nullptr;
            caller_ = "anonymous";
            return true;
        }
        if (header.empty()) {
            auth_problem_ = "Missing " + profile_.auth_header + " header";
            return false;
        }
        const std::size_t space = header.find(' ');
        const std::string_view scheme = header.substr(0, space);
        const bool scheme_matches =
            scheme.size() == profile_.auth_scheme.size() &&
            std::equal(scheme.begin(), scheme.end(), profile_.auth_scheme.begin(),
                       [](char a, char b) { return std::tolower(a) == std::tolower(b); });
        if (space == std::string_view::npos || !scheme_matches) {
            auth_problem_ = "Expected " + profile_.auth_header + ": <" + profile_.auth_scheme + "> <token>";
            return false;
        }
        const std::string_view token = header.substr(space + 1);
        if (token.empty() || token.find(' ') != std::string_view::npos) {
            auth_problem_ = "Malformed token";
            return false;
        }
        token_ = state_.fixtures().find_token(token);
        if (token_ == nullptr && overloaded(faults_.overload_tokens_above)) {
            // The overload fault: a busy token cache answers an unknown token with the last valid caller.
            token_ = state_.last_valid_token();
        }
        if (token_ == nullptr) {
            auth_problem_ = "Unknown token";
            return false;
        }
        if (token_->expires_at_ms && *token_->expires_at_ms <= now_ms_) {
            auth_problem_ = "Token expired";
            return false;
        }
        caller_ = token_->caller;
        state_.note_valid_token(token_);
        return true;
    }

    // Whether the mock was above `requests_per_second` when this request came (0: the fault is off).
    bool overloaded(int requests_per_second) const {
        return requests_per_second > 0 && rate_ > static_cast<std::uint64_t>(requests_per_second);
    }

    bool json_content_type() const {
        return harness::json::is_json_media_type(request_[http::field::content_type]);
    }

    mock_response validation_failure(const boost::json::value& body, const hc::violations& found) {
        std::vector<field_error> errors;
        errors.reserve(found.size());
        for (const hc::violation& v : found) {
            std::vector<std::string> tokens;
            json::split_pointer(v.pointer, tokens);
            std::string field;
            for (const std::string& token : tokens) {
                field += (field.empty() ? "" : ".") + token;
            }
            const auto* rejected = json::find_pointer(body, v.pointer);
            errors.push_back({field.empty() ? "body" : field,
                              v.rule + " rule broken (expected " + v.expected + ", got " + v.actual + ")",
                              rejected != nullptr ? boost::json::serialize(*rejected) : std::string()});
        }
        return failure(failure_kind::validation,
                       "Request body does not match LiveChatOperatorMessageGatewayRequestDTO", errors);
    }

    // Same key + same payload must replay. "The same payload" (profile rule 6, idempotency.payload_fields):
    // the same values at those fields, an absent one equal to null; member order, whitespace, escapes and
    // unknown fields make no difference, so only those fields' parsed values are hashed.
    std::uint64_t fingerprint(const boost::json::value& body) const {
        return payload_fingerprint(body, request_.body(), profile_, faults_);
    }

    std::string store_message(const project_fixture& project, std::string_view conversation,
                              const boost::json::object& object) {
        const uuid_text message_uuid = new_message_uuid(
            faults_, faults_.has(drift_kind::message_uuid_wraps) ? state_.next_message_number() : 0);
        std::string_view item = object.at("itemUuid").as_string();
        const std::optional<std::string> drifted_item_text = drifted_item(item, faults_);
        item = drifted_item_text ? std::string_view(*drifted_item_text) : item;
        std::optional<std::string_view> text;
        std::optional<std::string> drifted_text_value;
        if (const auto* t = object.if_contains("text"); t != nullptr && t->is_string()) {
            text = std::string_view(t->as_string());
            if ((drifted_text_value = drifted_text(*text, faults_))) {
                text = *drifted_text_value; // drift: a store or sanitiser that breaks rule 1's exact echo
            }
        }
        // Rule 1: data echoes companyUuid as sent; when it was not sent, the caller's company may stand there
        // (the liberal mock puts the project's company, the one its tokens act for).
        std::optional<std::string_view> company;
        if (const auto* c = object.if_contains("companyUuid"); c != nullptr && c->is_string()) {
            company = std::string_view(c->as_string());
        } else if (faults_.liberal) {
            company = std::string_view(project.company);
        }
        // (The created_at_skewed drift: a store that writes local time, three hours east, as if it were UTC.)
        const std::int64_t now =
            now_ms_ + (faults_.has(drift_kind::created_at_skewed) ? std::int64_t{3} * 3600 * 1000 : 0);
        state_.messages().add({view(message_uuid), project.uuid, conversation, caller_, item, text, now});
        if (faults_.has(drift_kind::double_write)) {
            state_.messages().add({view(message_uuid), project.uuid, conversation, caller_, item, text, now});
        }
        return success_body({view(message_uuid), conversation, company, item, text, now}, faults_);
    }

    // The key in its scope, in a string reused per thread: building it allocates nothing once warm.
    const std::string& scoped(std::string_view project, std::string_view conversation, std::string_view key) {
        thread_local std::string composite;
        scoped_key(profile_, faults_, project, conversation, caller_, key, composite);
        return composite;
    }

    // The refusal_reserves_key drift: a request refused as invalid still writes its key (and payload) into
    // the idempotency store, so a later valid request with that key is refused as another payload.
    void reserve_refused_key(const std::vector<hc::path_parameter_value>& path,
                             const boost::json::value& body) {
        const boost::json::value* key = json::find_pointer(body, profile_.idempotency.key_pointer);
        if (key != nullptr && key->is_string()) {
            state_.idempotency().find_or_store(scoped(path[0].value, path[1].value, key->as_string()),
                                               fingerprint(body), [] { return std::string("{}"); });
        }
    }

    mock_response store(const project_fixture& project, std::string_view conversation,
                        const boost::json::object& object, const boost::json::value& body) {
        const boost::json::value* key = json::find_pointer(body, profile_.idempotency.key_pointer);
        if (key == nullptr || !key->is_string() || overloaded(faults_.overload_keys_above)) {
            // (The overload fault: a busy gateway that stops reserving keys stores every send anew.)
            return reply(http::status::ok, store_message(project, conversation, object));
        }
        idempotency_key_length_ =
            std::string_view(key->as_string()).copy(idempotency_key_.data(), idempotency_key_.size());
        thread_local std::string folded_key;
        const std::string_view key_text = compared_key(key->as_string(), faults_, folded_key);
        const std::string& scoped_key = scoped(project.uuid, conversation, key_text);
        auto result = state_.idempotency().find_or_store(
            scoped_key, fingerprint(body), [&] { return store_message(project, conversation, object); });
        switch (result.kind) {
        case idempotency_store::outcome::first:
            if (faults_.has(drift_kind::in_flight_race)) {
                // The drift: the key is written only when the first request is done, 50 ms on; copies that
                // check it meanwhile find nothing and store a message each.
                state_.in_flight().hold(scoped_key, in_flight_keys::clock::now() + liberal_hold);
            }
            if (faults_.liberal) {
                // Held back, as if still being processed: a resend meanwhile is in flight (profile
                // on_in_flight).
                hold_ = liberal_hold;
                state_.in_flight().hold(scoped_key, in_flight_keys::clock::now() + liberal_hold);
            }
            return reply(http::status::ok, std::move(result.reply));
        case idempotency_store::outcome::replayed:
            if (faults_.has(drift_kind::in_flight_race) &&
                state_.in_flight().in_flight(scoped_key, in_flight_keys::clock::now())) {
                return reply(http::status::ok, store_message(project, conversation, object));
            }
            if (faults_.liberal && state_.in_flight().in_flight(scoped_key, in_flight_keys::clock::now())) {
                return failure(profile_.idempotency.on_in_flight,
                               "A request with this idempotencyKey is still being processed; retry later");
            }
            if (faults_.has(drift_kind::store_on_replay) ||
                faults_.has(drift_kind::fresh_message_uuid_on_replay)) {
                std::string fresh = store_message(project, conversation, object);
                return reply(http::status::ok, faults_.has(drift_kind::fresh_message_uuid_on_replay)
                                                   ? std::move(fresh)
                                                   : std::move(result.reply));
            }
            if (faults_.has(drift_kind::replay_restamps_created_at)) {
                return reply(http::status::ok, restamped(result.reply));
            }
            return reply(http::status::ok, std::move(result.reply));
        case idempotency_store::outcome::conflict:
            if (faults_.has(drift_kind::reused_key_accepted)) {
                return reply(http::status::ok, store_message(project, conversation, object));
            }
            return failure(profile_.idempotency.on_different_payload,
                           "idempotencyKey was already used with a different payload");
        }
        return failure(failure_kind::internal, "unreachable idempotency outcome");
    }

    mock_response failure(failure_kind kind, const std::string& message,
                          const std::vector<field_error>& errors = {}) {
        const hc::failure_reply& r = profile_.failure(kind);
        // A front end that maps errors differently for HTTP/2 (request version 20 marks an HTTP/2 request).
        const bool h2_drift = kind == failure_kind::validation && request_.version() == 20 &&
                              faults_.has(drift_kind::http2_answers_otherwise);
        mock_response response = reply(static_cast<http::status>(h2_drift ? 422 : r.status),
                                       error_body(r.code, message, errors, now_ms_, faults_));
        if (kind == failure_kind::unauthenticated && !faults_.has(drift_kind::www_authenticate_missing)) {
            // RFC 9110 section 11.6.1: a 401 names the scheme the client should use.
            response.set(http::field::www_authenticate, profile_.auth_scheme == "bearer"
                                                            ? std::string("Bearer realm=\"cdp-gateway\"")
                                                            : profile_.auth_scheme);
        }
        return response;
    }

    mock_response not_found(const std::string& message) {
        if (faults_.has(drift_kind::not_found_as_success)) {
            return reply(http::status::ok, error_body(profile_.failure(failure_kind::not_found).code, message,
                                                      {}, now_ms_, faults_));
        }
        if (faults_.has(drift_kind::not_found_wrong_code)) {
            return reply(static_cast<http::status>(profile_.failure(failure_kind::not_found).status),
                         error_body("RESOURCE_MISSING", message, {}, now_ms_, faults_));
        }
        return failure(failure_kind::not_found, message);
    }

    mock_response reply(http::status status, std::string body) {
        return json_response(status, std::move(body), request_.version(), request_.keep_alive(), faults_);
    }

    const mock_request& request_;
    mock_state& state_;
    const hc::profile& profile_;
    const fault_decision& faults_;
    const token_fixture* token_ = nullptr;
    std::string_view caller_;
    std::string auth_problem_;
    static constexpr std::chrono::milliseconds liberal_hold{50};
    std::uint64_t rate_;
    std::int64_t now_ms_;
    std::chrono::milliseconds hold_{0};
    std::array<char, 80> idempotency_key_{};
    std::size_t idempotency_key_length_ = 0;
};

std::string_view target_path(std::string_view target) {
    return target.substr(0, target.find('?'));
}

} // namespace

mock_reply handle(const mock_request& request, mock_state& state) {
    const std::string_view path = target_path(request.target());
    if (is_admin_target(path)) {
        return {handle_admin(request, state), {}};
    }
    if (request_forwarder* forwarder = state.forwarder()) {
        mock_response response = forwarder->forward(request);
        state.journal().record(epoch_ms_now(), request.method_string(), request.target(),
                               response.result_int(), "", request[state.profile().auth_header]);
        return {std::move(response), {}};
    }
    return handle(request, state, state.faults().decide());
}

mock_reply handle(const mock_request& request, mock_state& state, const fault_decision& faults) {
    const std::string_view target = request.target();
    const std::string_view path = target_path(target);
    if (is_admin_target(path)) {
        return {handle_admin(request, state), {}};
    }
    const hc::profile& profile = state.profile();
    const std::int64_t now_ms = epoch_ms_now();
    auto record = [&](const mock_response& response, std::string_view key) {
        state.journal().record(now_ms, request.method_string(), target, response.result_int(), key,
                               request[profile.auth_header]);
    };
    const route_match route = match_route(state, std::string_view(request.method_string()), path);
    const hc::operation* op = route.operation;
    const bool path_known = route.path_known;
    mock_reply result{mock_response{}, faults};
    const bool overload_faults = faults.overload_keys_above > 0 || faults.overload_tokens_above > 0;
    const std::uint64_t rate = overload_faults ? state.rate().note(request_rate::clock::now()) : 0;
    if (op == &state.operation()) {
        operator_message_request handler(request, state, faults, rate, now_ms);
        result.response = handler.answer(*route.parameters);
        result.faults.delay += handler.hold();
        record(result.response, handler.idempotency_key());
        return result;
    }
    const bool method_refused = path_known && !faults.has(drift_kind::method_as_not_found);
    const failure_kind kind = method_refused ? failure_kind::method_not_allowed : failure_kind::not_found;
    const hc::failure_reply& r = profile.failure(kind);
    const std::string message = method_refused ? "Method " + std::string(request.method_string()) +
                                                     " is not allowed; use " + state.operation().method
                                               : "No route for " + std::string(path);
    result.response =
        json_response(static_cast<http::status>(r.status), error_body(r.code, message, {}, now_ms, faults),
                      request.version(), request.keep_alive(), faults);
    if (method_refused && !faults.has(drift_kind::allow_missing)) {
        result.response.set(http::field::allow, state.operation().method);
    }
    record(result.response, {});
    return result;
}

mock_response refused_request_reply(http::status status, std::string_view code, std::string_view message,
                                    unsigned version) {
    return json_response(status, error_body(code, message, {}, epoch_ms_now(), {}), version, false, {});
}

} // namespace harness::mock
