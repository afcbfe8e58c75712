#pragma once
// The drifts of a store that does not keep every valid value: a VARCHAR(255) text column, a utf8mb3 or latin1
// charset, a store without NUL, a trimming or HTML-escaping sanitiser, NFC normalisation, a filter of
// direction marks, a UUID normaliser, a case-insensitive or width-limited key column and a @NotBlank
// validator. Each changes (or refuses) only what its drift names, so verify's values suite can show the check
// that catches it; without these drifts every function here leaves the value as it is.

#include "envelope_writer.hpp"
#include "fault_injector.hpp"

#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

namespace harness::mock {

// The text as the drifts in `faults` keep it (text_trimmed, text_column_255, astral_replaced, nul_dropped,
// markup_escaped, latin1_replaced, nfc_composed, bidi_stripped), or nothing when none of them changes it.
std::optional<std::string> drifted_text(std::string_view text, const fault_decision& faults);

// The itemUuid as astral_replaced or item_lower_cased keeps it, or nothing when neither changes it.
std::optional<std::string> drifted_item(std::string_view item, const fault_decision& faults);

// The key as a drifted idempotency store compares it: its first 64 bytes (key_prefix_64), ASCII letters
// folded to lower case into `folded` (key_case_folded), or `key` itself.
std::string_view compared_key(std::string_view key, const fault_decision& faults, std::string& folded);

// blank_text_rejected: the field error for an empty or whitespace-only text, or nothing.
std::optional<field_error> blank_text_error(const boost::json::object& body, const fault_decision& faults);

// body_limit_inclusive: whether a body of `bytes` is refused although it is within `limit`.
bool refused_at_limit(std::size_t bytes, std::size_t limit, const fault_decision& faults);

} // namespace harness::mock
