#include "sequence_generator.hpp"

#include "harness/contract/value_families.hpp"

#include <array>
#include <cctype>
#include <random>

namespace harness::explore {

namespace {

// Texts that storage layers change: scripts, the astral plane, markup, whitespace, the empty string, none.
const std::array<std::optional<std::string>, 8> texts = {
    std::optional<std::string>("hello"),
    std::optional<std::string>("Grüße, 你好, 👋"),
    std::optional<std::string>("  padded \t"),
    std::optional<std::string>(""),
    std::optional<std::string>("<b>\"quoted\" & 'single'</b>"),
    std::optional<std::string>("שלום עולם"),
    std::optional<std::string>("e\xCC\x81 and \xC3\xA9"),
    std::nullopt};

constexpr std::size_t max_family_text_bytes = 512;

class drawer {
public:
    explicit drawer(std::uint64_t seed) : engine_(seed) {}
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }
    bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }

private:
    std::mt19937_64 engine_;
};

// Letters swapped to the other case, outside ${...} (a variable's name must stay as it is).
std::string other_case(const std::string& key) {
    std::string out = key;
    bool in_variable = false;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == '$' && i + 1 < out.size() && out[i + 1] == '{') {
            in_variable = true;
        } else if (in_variable && out[i] == '}') {
            in_variable = false;
        } else if (!in_variable && std::isalpha(static_cast<unsigned char>(out[i]))) {
            const auto c = static_cast<unsigned char>(out[i]);
            out[i] = static_cast<char>(std::isupper(c) ? std::tolower(c) : std::toupper(c));
        }
    }
    return out;
}

class builder {
public:
    builder(std::uint64_t seed, const explore_capabilities& can) : draw_(seed), can_(can) {}

    sequence build(std::size_t steps) {
        for (std::size_t i = 0; i < steps; ++i) {
            s_.ops.push_back(next());
        }
        return std::move(s_);
    }

private:
    std::size_t new_key(std::string text) {
        s_.keys.push_back(std::move(text));
        return s_.keys.size() - 1;
    }
    std::size_t fresh_key() { return new_key("${uuid:k" + std::to_string(s_.keys.size()) + "}-Key"); }

    // A key that differs from one already drawn only in what a gateway must not ignore (case, length past a
    // prefix, Unicode form, a trailing space): another key.
    std::size_t variant_key() {
        const std::string& base = s_.keys[draw_.below(s_.keys.size())];
        switch (draw_.below(4)) {
        case 0:
            return new_key(other_case(base));
        case 1:
            return new_key(base + "-" + std::string(200, 'p') + (draw_.chance(50) ? "-a" : "-b"));
        case 2:
            return new_key(base + (draw_.chance(50) ? "-\xC3\xA9" : "-e\xCC\x81"));
        default:
            return new_key(base + " ");
        }
    }

    // Half the texts from the short list above, half from the values suite's families
    // (contract/value_families: scripts, the astral plane, controls and U+0000, markup, whitespace …), the
    // long ones left to that suite.
    std::optional<std::string> draw_text() {
        if (draw_.chance(50)) {
            return texts[draw_.below(texts.size())];
        }
        const auto& families = contract::value_families();
        const auto& family = families[draw_.below(families.size())];
        for (int tries = 0; tries < 4 && !family.values.empty(); ++tries) {
            const auto& value = family.values[draw_.below(family.values.size())];
            if (value.text.size() <= max_family_text_bytes) {
                return value.text;
            }
        }
        return texts[0];
    }

    std::size_t new_payload() {
        payload p;
        p.item = "${uuid:i" + std::to_string(s_.payloads.size()) + "}";
        p.text = draw_text();
        if (can_.callers_company && draw_.chance(30)) {
            p.company = "${company}";
        }
        s_.payloads.push_back(std::move(p));
        return s_.payloads.size() - 1;
    }

    // An op on a key sent before (its last valid send's payload, caller and conversation), if any.
    std::optional<op> on_known_key() {
        for (auto it = s_.ops.rbegin(); it != s_.ops.rend(); ++it) {
            // A refused step's key too: a valid send with it must be a first request (nothing was reserved).
            if (it->key && it->kind != op_kind::burst_distinct && draw_.chance(70)) {
                op o = *it;
                o.kind = op_kind::send;
                o.form = body_form::plain;
                o.copies = 1;
                return o;
            }
        }
        return std::nullopt;
    }

    op next() {
        op o;
        o.payload = s_.payloads.empty() || draw_.chance(40) ? new_payload() : draw_.below(s_.payloads.size());
        const std::size_t pick = draw_.below(20);
        if (pick < 4 || s_.keys.empty()) {
            o.key = draw_.chance(85) ? std::optional<std::size_t>(fresh_key()) : std::nullopt;
            return o;
        }
        if (pick < 12) {
            if (auto known = on_known_key()) {
                return known_key_op(*known, pick);
            }
            o.key = fresh_key();
            return o;
        }
        if (pick < 14) {
            o.key = variant_key();
            return o;
        }
        if (pick < 17) {
            return refused_op(o);
        }
        o.kind = pick < 19 ? op_kind::burst : op_kind::burst_distinct;
        o.copies = 2 + static_cast<int>(draw_.below(7));
        o.key = o.kind == op_kind::burst
                    ? std::optional<std::size_t>(draw_.chance(60) ? fresh_key() : draw_.below(s_.keys.size()))
                    : std::nullopt;
        return o;
    }

    op known_key_op(op o, std::size_t pick) {
        switch (pick % 6) {
        case 0:
        case 1:
            o.kind = op_kind::resend;
            break;
        case 2:
            o.kind = op_kind::reserialise;
            o.form = static_cast<body_form>(1 + draw_.below(body_form_count - 1));
            break;
        case 3:
            o.kind = op_kind::change;
            o.payload = new_payload();
            break;
        case 4:
            if (can_.second_caller) {
                o.caller = 1 - o.caller;
            }
            o.payload = draw_.chance(50) ? new_payload() : o.payload; // the same payload or another
            break;
        default:
            if (can_.second_conversation) {
                o.conversation = 1 - o.conversation;
            }
            o.payload = draw_.chance(50) ? new_payload() : o.payload;
            break;
        }
        return o;
    }

    op refused_op(op o) {
        o.kind = op_kind::refused;
        o.key = s_.keys.empty() || draw_.chance(50) ? fresh_key() : draw_.below(s_.keys.size());
        std::vector<refusal> possible = {refusal::validation, refusal::unauthenticated, refusal::not_found,
                                         refusal::unsupported_media};
        if (can_.company_field) {
            possible.push_back(refusal::forbidden);
        }
        if (can_.max_body_bytes > 0) {
            possible.push_back(refusal::payload_too_large);
        }
        o.refused_for = possible[draw_.below(possible.size())];
        return o;
    }

    drawer draw_;
    const explore_capabilities& can_;
    sequence s_;
};

} // namespace

sequence generate_sequence(std::uint64_t seed, const explore_capabilities& can, std::size_t min_steps,
                           std::size_t max_steps) {
    drawer length(seed ^ 0x9e3779b97f4a7c15ULL);
    const std::size_t steps = min_steps + length.below(max_steps - min_steps + 1);
    return builder(seed, can).build(steps);
}

} // namespace harness::explore

namespace harness::explore {

sequence tour_sequence(const explore_capabilities& can) {
    sequence s;
    s.keys = {"${uuid:k0}-Key", "${uuid:k1}-Key", "${uuid:k2}-Key"};
    s.payloads = {{std::nullopt, "${uuid:i0}", std::string("Grüße, 你好, 👋")},
                  {std::nullopt, "${uuid:i1}", std::string("  padded \t")}};
    s.ops = {{.kind = op_kind::send, .key = 0},
             {.kind = op_kind::resend, .key = 0},
             {.kind = op_kind::reserialise, .key = 0, .form = body_form::escaped},
             {.kind = op_kind::change, .key = 0, .payload = 1},
             {.kind = op_kind::send, .payload = 1},
             {.kind = op_kind::refused, .key = 1, .refused_for = refusal::validation},
             {.kind = op_kind::send, .key = 1}};
    if (can.second_caller || can.second_conversation) {
        s.ops.push_back({.kind = op_kind::send,
                         .key = 0,
                         .caller = can.second_caller ? 1 : 0,
                         .conversation = can.second_caller ? 0 : 1});
    }
    s.ops.push_back({.kind = op_kind::burst, .key = 2, .copies = 3});
    s.ops.push_back({.kind = op_kind::burst, .key = 2, .copies = 3});
    s.ops.push_back({.kind = op_kind::burst_distinct, .copies = 3});
    return s;
}

} // namespace harness::explore
