#include "sequence.hpp"

#include "harness/contract/sequence_transitions.hpp"

#include <array>

namespace harness::explore {

static_assert(contract::sequence_transition::step_kinds.size() == op_kind_count);

std::string_view to_string(op_kind kind) {
    return contract::sequence_transition::step_kinds[static_cast<std::size_t>(kind)];
}

std::string_view to_string(body_form form) {
    static constexpr std::array<std::string_view, body_form_count> names = {
        "plain", "members reordered", "spaced", "\\u-escaped", "an unknown field added", "null for absent"};
    return names[static_cast<std::size_t>(form)];
}

std::string_view to_string(refusal r) {
    static constexpr std::array<std::string_view, refusal_count> names = {
        "an invalid field (400)",        "no credentials (401)",        "another company (403)",
        "an unknown conversation (404)", "a body over the limit (413)", "text/plain (415)"};
    return names[static_cast<std::size_t>(r)];
}

std::string describe(const op& o, const sequence& s) {
    std::string text(to_string(o.kind));
    if (o.kind == op_kind::burst || o.kind == op_kind::burst_distinct) {
        text += " ×" + std::to_string(o.copies);
    }
    if (o.kind == op_kind::burst_distinct) {
        return text + ", each with its own key, payload " + std::to_string(o.payload + 1);
    }
    text += o.key ? ", key " + std::to_string(*o.key + 1) + " \"" + s.keys[*o.key].substr(0, 60) +
                        (s.keys[*o.key].size() > 60 ? "…" : "") + "\""
                  : std::string(", no key");
    text += ", payload " + std::to_string(o.payload + 1);
    if (o.caller != 0) {
        text += ", the second caller";
    }
    if (o.conversation != 0) {
        text += ", the second conversation";
    }
    if (o.form != body_form::plain) {
        text += ", written " + std::string(to_string(o.form));
    }
    if (o.kind == op_kind::refused) {
        text += ", refused for " + std::string(to_string(o.refused_for));
    }
    return text;
}

} // namespace harness::explore
