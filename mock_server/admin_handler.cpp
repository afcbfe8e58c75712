#include "admin_handler.hpp"

#include "harness/metrics/prometheus_text.hpp"

#include <charconv>
#include <stdexcept>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

namespace harness::mock {

namespace {

mock_response admin_response(const mock_request& request, http::status status, std::string body,
                             std::string_view content_type = "application/json") {
    mock_response response{status, request.version()};
    response.set(http::field::server, "harness-mock");
    response.set(http::field::content_type, content_type);
    response.set(http::field::cache_control, "no-store");
    response.body() = std::move(body);
    response.keep_alive(request.keep_alive());
    response.prepare_payload();
    return response;
}

mock_response admin_error(const mock_request& request, http::status status, const std::string& message) {
    return admin_response(request, status, boost::json::serialize(boost::json::object{{"error", message}}));
}

boost::json::array fault_list(mock_state& state) {
    boost::json::array list;
    for (const fault_rule& rule : state.faults().rules()) {
        list.emplace_back(rule.to_string());
    }
    return list;
}

mock_response messages(const mock_request& request, mock_state& state) {
    std::string conversation;
    std::size_t limit = 100;
    auto parsed = boost::urls::parse_origin_form(std::string_view(request.target()));
    if (!parsed) {
        return admin_error(request, http::status::bad_request, "malformed query string");
    }
    for (const auto& param : parsed->params()) {
        if (param.key == "conversation") {
            conversation = param.value;
        } else if (param.key == "limit") {
            auto [end, ec] =
                std::from_chars(param.value.data(), param.value.data() + param.value.size(), limit);
            if (ec != std::errc() || end != param.value.data() + param.value.size()) {
                return admin_error(request, http::status::bad_request, "limit must be a whole number");
            }
        }
    }
    if (conversation.empty()) {
        boost::json::array totals;
        for (const auto& [uuid, count] : state.messages().totals()) {
            totals.push_back(boost::json::object{{"conversationUuid", uuid}, {"storedTotal", count}});
        }
        return admin_response(request, http::status::ok,
                              boost::json::serialize(boost::json::object{{"conversations", std::move(totals)},
                                                                         {"held", state.messages().held()}}));
    }
    boost::json::array list;
    for (const stored_message& m : state.messages().recent(conversation, limit)) {
        boost::json::object item{{"messageUuid", m.message_uuid},
                                 {"projectUuid", m.project},
                                 {"conversationUuid", m.conversation},
                                 {"caller", m.caller},
                                 {"itemUuid", m.item_uuid},
                                 {"createdAt", m.created_at_ms}};
        item["text"] = m.text ? boost::json::value(*m.text) : boost::json::value(nullptr);
        list.push_back(std::move(item));
    }
    return admin_response(
        request, http::status::ok,
        boost::json::serialize(boost::json::object{{"conversationUuid", conversation},
                                                   {"storedTotal", state.messages().total(conversation)},
                                                   {"messages", std::move(list)}}));
}

mock_response set_faults(const mock_request& request, mock_state& state) {
    boost::system::error_code ec;
    const boost::json::value body = boost::json::parse(request.body(), ec);
    const boost::json::value* specs =
        !ec && body.is_object() ? body.as_object().if_contains("faults") : nullptr;
    if (specs == nullptr || !specs->is_array()) {
        return admin_error(request, http::status::bad_request, R"(expected {"faults": ["SPEC", ...]})");
    }
    std::vector<fault_rule> rules;
    for (const auto& spec : specs->as_array()) {
        if (!spec.is_string()) {
            return admin_error(request, http::status::bad_request, "every fault must be a SPEC string");
        }
        try {
            rules.push_back(parse_fault_spec(spec.as_string()));
        } catch (const std::invalid_argument& e) {
            return admin_error(request, http::status::bad_request,
                               "fault '" + std::string(spec.as_string()) + "': " + e.what());
        }
    }
    state.faults().set(std::move(rules));
    return admin_response(request, http::status::ok,
                          boost::json::serialize(boost::json::object{{"faults", fault_list(state)}}));
}

} // namespace

namespace {

// Compares every byte whatever the first difference, so the time taken tells nothing of the token.
bool same_secret(std::string_view given, std::string_view expected) {
    unsigned char difference = given.size() == expected.size() ? 0 : 1;
    for (std::size_t i = 0; i < given.size(); ++i) {
        difference |=
            static_cast<unsigned char>(given[i] ^ expected[i % (expected.empty() ? 1 : expected.size())]);
    }
    return difference == 0 && !expected.empty();
}

bool admin_token_given(const mock_request& request, const std::string& token) {
    const auto header = request.find(http::field::authorization);
    if (header == request.end()) {
        return false;
    }
    const std::string_view value = header->value();
    constexpr std::string_view scheme = "Bearer ";
    return value.starts_with(scheme) && same_secret(value.substr(scheme.size()), token);
}

} // namespace

bool is_admin_target(std::string_view path) {
    return path == "/metrics" || path == "/__admin" || path.starts_with("/__admin/");
}

mock_response handle_admin(const mock_request& request, mock_state& state) {
    const std::string_view target = request.target();
    const std::size_t question = target.find('?');
    const std::string_view path = target.substr(0, question);
    const http::verb method = request.method();
    auto only = [&](http::verb allowed) {
        return method == allowed;
    };

    // A mock shared beyond loopback guards its admin API (faults, reset, journal) with a token; /metrics
    // stays open for Prometheus, as an exporter's does: it holds counts, no messages and no secret.
    if (!state.admin_token().empty() && path != "/metrics" &&
        !admin_token_given(request, state.admin_token())) {
        auto refused =
            admin_error(request, http::status::unauthorized,
                        "the admin API needs Authorization: Bearer <the token of --admin-token-env>");
        refused.set(http::field::www_authenticate, "Bearer");
        return refused;
    }
    if (path == "/metrics" && only(http::verb::get)) {
        return admin_response(request, http::status::ok, state.metrics().prometheus_text(),
                              harness::metrics::prometheus_text::content_type);
    }
    if (path == "/__admin/health" && only(http::verb::get)) {
        const auto uptime = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - state.started());
        return admin_response(
            request, http::status::ok,
            boost::json::serialize(boost::json::object{{"status", "ok"},
                                                       {"uptimeMs", uptime.count()},
                                                       {"requests", state.metrics().requests()},
                                                       {"profile", state.profile().name},
                                                       {"contract", state.contract().source_name()}}));
    }
    if (path == "/__admin/messages" && only(http::verb::get)) {
        return messages(request, state);
    }
    if (path == "/__admin/journal" && only(http::verb::get)) {
        return admin_response(request, http::status::ok, "{\"entries\":" + state.journal().to_json() + "}");
    }
    if (path == "/__admin/idempotency" && only(http::verb::get)) {
        return admin_response(request, http::status::ok,
                              boost::json::serialize(boost::json::object{
                                  {"keys", state.idempotency().size()},
                                  {"evictions", state.idempotency().evictions()},
                                  {"capacity", state.limits().idempotency_capacity},
                                  {"ttlSeconds", state.limits().idempotency_ttl.count()}}));
    }
    if (path == "/__admin/reset" && only(http::verb::post)) {
        state.reset();
        return admin_response(request, http::status::ok, R"({"reset":true})");
    }
    if (path == "/__admin/faults") {
        if (method == http::verb::get) {
            return admin_response(request, http::status::ok,
                                  boost::json::serialize(boost::json::object{{"faults", fault_list(state)}}));
        }
        if (method == http::verb::put || method == http::verb::post) {
            return set_faults(request, state);
        }
        if (method == http::verb::delete_) {
            state.faults().set({});
            return admin_response(request, http::status::ok, R"({"faults":[]})");
        }
    }
    return admin_error(request, http::status::not_found,
                       "no admin route " + std::string(request.method_string()) + " " + std::string(path));
}

} // namespace harness::mock
