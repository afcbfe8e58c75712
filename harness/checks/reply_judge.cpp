#include "reply_judge.hpp"

#include "harness/json/pointer.hpp"

namespace harness::checks {

namespace {

// Room for the parsed value of a reply as large as a load run hands over (16 KiB) several times over; a
// larger reply takes the rest from the heap and gives it back at once.
constexpr std::size_t parse_memory_bytes = 96 * 1024;
// HTTP statuses are three digits; any other is a status no contract declares.
constexpr int first_undeclared_status = 600;

} // namespace

reply_judge::reply_judge(const contract::operation& operation, std::size_t kinds)
    : operation_(operation), declared_(first_undeclared_status), kinds_(kinds), buffer_(parse_memory_bytes),
      memory_(buffer_.data(), buffer_.size()) {
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
        echoed field{"/data" + pointer, std::nullopt, pointer == profile.company_pointer};
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
    if (spec->json && spec->json->validator && !spec->json->validator->conforms(parsed)) {
        return false;
    }
    return body_holds(parsed, status, kind);
}

bool reply_judge::body_holds(const boost::json::value& body, int status, std::size_t kind) const noexcept {
    const bool two_xx = status >= 200 && status < 300;
    const auto* object = body.if_object();
    const boost::json::value* success = object != nullptr ? object->if_contains("success") : nullptr;
    if (success == nullptr || !success->is_bool() || success->get_bool() != two_xx) {
        return false;
    }
    const kind_expectations& expected = kinds_[kind];
    if (!two_xx) {
        const boost::json::value* error = object->if_contains("error");
        if (error == nullptr || !error->is_object()) {
            return false;
        }
        if (status == expected.failure_status) {
            const boost::json::value* code = error->get_object().if_contains("code");
            return code != nullptr && code->is_string() && code->get_string() == expected.failure_code;
        }
        return true;
    }
    return echo_holds(body, expected);
}

bool reply_judge::echo_holds(const boost::json::value& body,
                             const kind_expectations& expected) const noexcept {
    for (const echoed& field : expected.echo) {
        const boost::json::value* got = json::find_pointer(body, field.reply_pointer);
        if (field.sent) {
            if (got == nullptr || *got != *field.sent) {
                return false;
            }
            continue;
        }
        const bool left_empty = got == nullptr || got->is_null();
        const bool callers_company =
            field.company && got != nullptr && got->is_string() &&
            (expected.caller_company.empty() || got->get_string() == expected.caller_company);
        if (!left_empty && !callers_company) {
            return false;
        }
    }
    return true;
}

} // namespace harness::checks
