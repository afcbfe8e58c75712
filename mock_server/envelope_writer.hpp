#pragma once
// Writes the JSON bodies of the mock's replies: the success envelope with the stored message's data, and the
// error envelope with a fresh errorId and timestamp. Contract drift (fault_decision::drift) is applied here,
// so a drifted reply differs from a correct one in exactly the rule that drift names.

#include "fault_injector.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace harness::mock {

struct message_data {
    std::string_view message_uuid;
    std::string_view conversation_uuid;
    // As sent; null when not sent (liberal mode: the caller's company then stands there, as rule 1 allows).
    std::optional<std::string_view> company_uuid;
    std::string_view item_uuid;
    std::optional<std::string_view> text;
    std::int64_t created_at_ms = 0;
};

struct field_error {
    std::string field;               // the field's path in the body, e.g. "itemUuid"
    std::string message;             // the rule broken, in words
    std::string rejected_value_json; // the rejected value as JSON text; empty when the field was absent
};

// Appends a JSON string literal of `text` (quoted and escaped) to `out`.
void append_json_string(std::string& out, std::string_view text);

std::string success_body(const message_data& data, const fault_decision& faults);

std::string error_body(std::string_view code, std::string_view message,
                       const std::vector<field_error>& field_errors, std::int64_t now_ms,
                       const fault_decision& faults);

std::int64_t epoch_ms_now();

} // namespace harness::mock
