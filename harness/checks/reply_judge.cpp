#include "reply_judge.hpp"

#include "harness/json/boost_view.hpp"
#include "harness/json/dom_view.hpp"
#include "harness/json/pointer.hpp"
#include "harness/json/view_queries.hpp"

#include <cstring>

namespace harness::checks {

namespace {

// Room for the parsed value of a reply as large as a load run hands over (16 KiB) several times over; a
// larger reply takes the rest from the heap and gives it back at once.
constexpr std::size_t parse_memory_bytes = 96 * 1024;
// HTTP statuses are three digits; any other is a status no contract declares.
constexpr int first_undeclared_status = 600;
// Boost.JSON's default nesting limit: simdjson refuses deeper documents too, and those go to Boost.JSON.
constexpr std::size_t deepest_nesting = 32;
// simdjson's parser is sized for replies up to this long at first (a longer one grows it once).
constexpr std::size_t first_capacity = 16 * 1024;

} // namespace

reply_judge::reply_judge(const contract::operation& operation, std::size_t kinds)
    : operation_(operation), declared_(first_undeclared_status), kinds_(kinds), buffer_(parse_memory_bytes),
      memory_(buffer_.data(), buffer_.size()) {
    // On failure the parser stays unallocated and allocates on its first reply instead.
    const simdjson::error_code allocated = dom_parser_.allocate(first_capacity, deepest_nesting);
    static_cast<void>(allocated);
    padded_.resize(first_capacity + simdjson::SIMDJSON_PADDING);
    // The parser's own stack comes from the heap, grown once to the deepest reply; the values it builds come
    // from memory_ (reset() below).
    for (int status = 0; status < first_undeclared_status; ++status) {
        const contract::response_spec* spec = operation.response_for(status);
        declared_[static_cast<std::size_t>(status)] =
            spec != nullptr && spec->status != "default" ? spec : nullptr;
    }
}

void reply_judge::expect_echo(std::size_t kind, const boost::json::value& sent,
                              const contract::profile& profile, std::string caller_company) {
    kind_expectations& expected = kinds_.at(kind);
    expected.caller_company = std::move(caller_company);
    if (!sent.is_object()) {
        return; // check_echoed_fields judges an object's fields only
    }
    for (const std::string& pointer : profile.echoed_fields) {
        echoed field{{}, std::nullopt, pointer == profile.company_pointer};
        json::split_pointer("/data" + pointer, field.reply_tokens);
        if (const boost::json::value* value = json::find_pointer(sent, pointer);
            value != nullptr && !value->is_null()) {
            field.sent = *value;
        }
        expected.echo.push_back(std::move(field));
    }
}

void reply_judge::expect_failure_code(std::size_t kind, int status, std::string code) {
    kinds_.at(kind).failure_status = status;
    kinds_.at(kind).failure_code = std::move(code);
}

bool reply_judge::holds(int status, bool json_content_type, std::string_view body,
                        std::size_t kind) noexcept {
    if (status < 0 || status >= first_undeclared_status || !json_content_type || kind >= kinds_.size()) {
        return false;
    }
    const contract::response_spec* spec = declared_[static_cast<std::size_t>(status)];
    if (spec == nullptr) {
        return false;
    }
    if (const std::optional<bool> verdict = holds_over_simdjson(*spec, status, body, kind)) {
        return *verdict;
    }
    return holds_over_boost(*spec, status, body, kind);
}

std::optional<bool> reply_judge::holds_over_simdjson(const contract::response_spec& spec, int status,
                                                     std::string_view body, std::size_t kind) noexcept {
    const contract::compiled_schema* schema =
        spec.json && spec.json->validator ? &spec.json->validator->compiled() : nullptr;
    if ((schema != nullptr && !schema->complete()) || dom_parser_.max_depth() != deepest_nesting) {
        return std::nullopt; // valijson judges this schema (or the parser has not its limit), over Boost.JSON
    }
    // simdjson reads up to SIMDJSON_PADDING bytes past the end: the body is copied where that is ours.
    if (padded_.size() < body.size() + simdjson::SIMDJSON_PADDING) {
        padded_.resize(body.size() + simdjson::SIMDJSON_PADDING);
    }
    std::memcpy(padded_.data(), body.data(), body.size());
    simdjson::dom::element root;
    if (dom_parser_.parse(padded_.data(), body.size(), false).get(root) != simdjson::SUCCESS ||
        !json::reads_like_boost(root)) {
        return std::nullopt;
    }
    const json::dom_view view(root);
    if (schema != nullptr && !schema->conforms(view)) {
        return false;
    }
    return body_holds(view, status, kind);
}

bool reply_judge::holds_over_boost(const contract::response_spec& spec, int status, std::string_view body,
                                   std::size_t kind) noexcept {
    // The body's memory is this judge's buffer, handed back whole before each reply (the last reply's value
    // is gone by then).
    memory_.release();
    boost::system::error_code ec;
    parser_.reset(&memory_);
    parser_.write(body.data(), body.size(), ec);
    if (ec) { // the parser is not streaming: an incomplete text is an error too
        return false;
    }
    const boost::json::value parsed = parser_.release();
    if (spec.json && spec.json->validator && !spec.json->validator->conforms(parsed)) {
        return false;
    }
    return body_holds(json::boost_view(parsed), status, kind);
}

template <class View>
bool reply_judge::body_holds(View body, int status, std::size_t request_kind) const noexcept {
    using boost::json::kind;
    const bool two_xx = status >= 200 && status < 300;
    if (body.kind() != kind::object) {
        return false;
    }
    const std::optional<View> success = body.member("success");
    if (!success || success->kind() != kind::bool_ || success->get_bool() != two_xx) {
        return false;
    }
    const kind_expectations& expected = kinds_[request_kind];
    if (!two_xx) {
        const std::optional<View> error = body.member("error");
        if (!error || error->kind() != kind::object) {
            return false;
        }
        if (status == expected.failure_status) {
            const std::optional<View> code = error->member("code");
            return code && code->kind() == kind::string && code->get_string() == expected.failure_code;
        }
        return true;
    }
    return echo_holds(body, expected);
}

template <class View>
bool reply_judge::echo_holds(View body, const kind_expectations& expected) const noexcept {
    for (const echoed& field : expected.echo) {
        const std::optional<View> got = json::find_tokens(body, field.reply_tokens);
        if (field.sent) {
            if (!got || !json::equal_as_boost(*got, json::boost_view(*field.sent))) {
                return false;
            }
            continue;
        }
        const bool left_empty = !got || got->kind() == boost::json::kind::null;
        const bool callers_company =
            field.company && got && got->kind() == boost::json::kind::string &&
            (expected.caller_company.empty() || got->get_string() == expected.caller_company);
        if (!left_empty && !callers_company) {
            return false;
        }
    }
    return true;
}

} // namespace harness::checks
