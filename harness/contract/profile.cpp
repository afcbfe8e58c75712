#include "profile.hpp"

#include "contract.hpp"
#include "harness/json/document_reader.hpp"
#include "harness/json/pointer.hpp"
#include "harness/json/source_document.hpp"

#include <algorithm>
#include <cctype>

namespace harness::contract {

namespace {

using boost::json::object;
using boost::json::value;

constexpr std::array<std::string_view, failure_kind_count> failure_kind_names = {
    "validation",        "unauthenticated",        "forbidden",
    "not_found",         "method_not_allowed",     "idempotency_in_progress",
    "payload_too_large", "unsupported_media_type", "idempotency_key_reused",
    "internal"};

constexpr std::array<std::string_view, 3> scope_part_names = {"project", "conversation", "caller"};

std::string joined(const auto& names) {
    std::string text;
    for (std::string_view name : names) {
        text += (text.empty() ? "" : ", ") + std::string(name);
    }
    return text;
}

// Reads one profile document over an existing profile, failing with file:line for anything unexpected.
class profile_reader : json::document_reader {
public:
    profile_reader(const json::source_document& doc, profile& target)
        : json::document_reader(doc), target_(target) {}

    void read() {
        const object& root = mapping(document().root(), "");
        for (const auto& member : root) {
            const std::string key(member.key());
            const std::string pointer = json::append_pointer("", key);
            const value& v = member.value();
            if (key == "format") {
                if (integer(v, pointer, 1, 1) != 1) {
                    fail(pointer, "unsupported profile format");
                }
            } else if (key == "name") {
                target_.name = string(v, pointer);
            } else if (key == "success") {
                read_success(mapping(v, pointer), pointer);
            } else if (key == "auth") {
                read_auth(mapping(v, pointer), pointer);
            } else if (key == "failures") {
                read_failures(mapping(v, pointer), pointer);
            } else if (key == "limits") {
                read_limits(mapping(v, pointer), pointer);
            } else if (key == "idempotency") {
                read_idempotency(mapping(v, pointer), pointer);
            } else if (key == "time") {
                read_time(mapping(v, pointer), pointer);
            } else if (key == "slo") {
                read_slo(v, pointer);
            } else {
                unknown(pointer, key,
                        "format, name, success, auth, failures, limits, idempotency, time, slo");
            }
        }
    }

private:
    void read_success(const object& o, const std::string& pointer) {
        for (const auto& member : o) {
            const std::string p = json::append_pointer(pointer, member.key());
            if (member.key() == "status") {
                target_.success_status = static_cast<int>(integer(member.value(), p, 200, 299));
            } else if (member.key() == "echoed_fields") {
                target_.echoed_fields = pointers(member.value(), p, "/itemUuid");
            } else {
                unknown(p, member.key(), "status, echoed_fields");
            }
        }
    }

    void read_auth(const object& o, const std::string& pointer) {
        for (const auto& member : o) {
            const std::string p = json::append_pointer(pointer, member.key());
            if (member.key() == "scheme") {
                target_.auth_scheme = string(member.value(), p);
                std::transform(target_.auth_scheme.begin(), target_.auth_scheme.end(),
                               target_.auth_scheme.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            } else if (member.key() == "header") {
                target_.auth_header = string(member.value(), p);
            } else if (member.key() == "company_pointer") {
                target_.company_pointer = string(member.value(), p, true);
            } else {
                unknown(p, member.key(), "scheme, header, company_pointer");
            }
        }
    }

    void read_failures(const object& o, const std::string& pointer) {
        for (const auto& member : o) {
            const std::string p = json::append_pointer(pointer, member.key());
            auto kind = failure_kind_from_string(member.key());
            if (!kind) {
                unknown(p, member.key(), joined(failure_kind_names));
            }
            failure_reply& reply = target_.failures[static_cast<std::size_t>(*kind)];
            for (const auto& field : mapping(member.value(), p)) {
                const std::string fp = json::append_pointer(p, field.key());
                if (field.key() == "status") {
                    reply.status = static_cast<int>(integer(field.value(), fp, 400, 599));
                } else if (field.key() == "code") {
                    reply.code = string(field.value(), fp);
                } else if (field.key() == "headers") {
                    reply.headers = strings(field.value(), fp);
                } else {
                    unknown(fp, field.key(), "status, code, headers");
                }
            }
        }
    }

    void read_limits(const object& o, const std::string& pointer) {
        for (const auto& member : o) {
            const std::string p = json::append_pointer(pointer, member.key());
            if (member.key() == "max_body_bytes") {
                target_.max_body_bytes = static_cast<std::size_t>(integer(member.value(), p, 1, 1LL << 34));
            } else {
                unknown(p, member.key(), "max_body_bytes");
            }
        }
    }

    void read_idempotency(const object& o, const std::string& pointer) {
        idempotency_rules& rules = target_.idempotency;
        for (const auto& member : o) {
            const std::string p = json::append_pointer(pointer, member.key());
            const std::string_view key = member.key();
            if (key == "key_pointer") {
                rules.key_pointer = string(member.value(), p);
                if (rules.key_pointer.size() < 2 || rules.key_pointer.front() != '/') {
                    fail(p, "key_pointer must be a JSON pointer such as /idempotencyKey");
                }
            } else if (key == "payload_fields") {
                rules.payload_fields = pointers(member.value(), p, "/itemUuid");
            } else if (key == "scope") {
                rules.scope = scope(member.value(), p);
            } else if (key == "on_same_payload") {
                if (string(member.value(), p) != "replay") {
                    fail(p, "on_same_payload must be 'replay' (the first reply is returned again)");
                }
            } else if (key == "on_different_payload") {
                rules.on_different_payload = kind(member.value(), p);
            } else if (key == "on_in_flight") {
                rules.on_in_flight = kind(member.value(), p);
            } else if (key == "expiry_seconds") {
                rules.expiry_seconds = integer(member.value(), p, 1, 365LL * 24 * 3600);
            } else if (key == "capacity") {
                rules.capacity = static_cast<std::size_t>(integer(member.value(), p, 1, 100'000'000));
            } else {
                unknown(p, key,
                        "key_pointer, payload_fields, scope, on_same_payload, on_different_payload, "
                        "on_in_flight, expiry_seconds, capacity");
            }
        }
    }

    void read_time(const object& o, const std::string& pointer) {
        for (const auto& member : o) {
            const std::string p = json::append_pointer(pointer, member.key());
            if (member.key() == "epoch_millis") {
                target_.time.epoch_millis = pointers(member.value(), p, "/data/createdAt");
            } else if (member.key() == "tolerance_seconds") {
                target_.time.tolerance_seconds = integer(member.value(), p, 0, 365LL * 24 * 3600);
            } else {
                unknown(p, member.key(), "epoch_millis, tolerance_seconds");
            }
        }
    }

    // `slo: null` turns the latency suite off; otherwise every key is required.
    void read_slo(const value& v, const std::string& pointer) {
        if (v.is_null()) {
            target_.slo.reset();
            return;
        }
        const object& o = mapping(v, pointer);
        only_keys(o, pointer, {"p99_ms", "requests", "rate"});
        latency_budget budget;
        budget.p99_ms =
            static_cast<double>(integer(member(o, pointer, "p99_ms"), pointer + "/p99_ms", 1, 3'600'000));
        budget.requests =
            static_cast<int>(integer(member(o, pointer, "requests"), pointer + "/requests", 1, 1'000'000));
        budget.rate = static_cast<double>(integer(member(o, pointer, "rate"), pointer + "/rate", 1, 100'000));
        target_.slo = budget;
    }

    // A list of distinct JSON pointers (each naming a member, so never the whole document).
    std::vector<std::string> pointers(const value& v, const std::string& pointer, std::string_view example) {
        std::vector<std::string> list = strings(v, pointer);
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (list[i].size() < 2 || !list[i].starts_with('/')) {
                fail(json::append_pointer(pointer, i),
                     "expected a JSON pointer such as " + std::string(example) + ", got '" + list[i] + "'");
            }
            if (std::find(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(i), list[i]) !=
                list.begin() + static_cast<std::ptrdiff_t>(i)) {
                fail(json::append_pointer(pointer, i), "'" + list[i] + "' is listed twice");
            }
        }
        return list;
    }

    std::vector<scope_part> scope(const value& v, const std::string& pointer) {
        if (!v.is_array()) {
            fail(pointer, "expected a list of " + joined(scope_part_names));
        }
        std::vector<scope_part> parts;
        for (std::size_t i = 0; i < v.as_array().size(); ++i) {
            const std::string p = json::append_pointer(pointer, i);
            const std::string name = string(v.as_array()[i], p);
            auto it = std::find(scope_part_names.begin(), scope_part_names.end(), name);
            if (it == scope_part_names.end()) {
                fail(p, "unknown scope part '" + name + "' (expected " + joined(scope_part_names) + ")");
            }
            parts.push_back(static_cast<scope_part>(it - scope_part_names.begin()));
        }
        return parts;
    }

    failure_kind kind(const value& v, const std::string& pointer) {
        const std::string name = string(v, pointer);
        auto parsed = failure_kind_from_string(name);
        if (!parsed) {
            fail(pointer,
                 "unknown failure kind '" + name + "' (expected one of " + joined(failure_kind_names) + ")");
        }
        return *parsed;
    }

    [[noreturn]] void unknown(const std::string& pointer, std::string_view key, const std::string& allowed) {
        fail(pointer, "unknown key '" + std::string(key) + "' (expected one of: " + allowed + ")");
    }

    profile& target_;
};

void check_complete(const profile& p) {
    for (std::size_t i = 0; i < failure_kind_count; ++i) {
        if (p.failures[i].status == 0 || p.failures[i].code.empty()) {
            throw json::document_error({p.source, 0, 0, "/failures"}, "failure kind '" +
                                                                          std::string(failure_kind_names[i]) +
                                                                          "' has no status or code");
        }
    }
    if (p.success_status == 0 || p.auth_scheme.empty() || p.auth_header.empty() || p.max_body_bytes == 0 ||
        p.idempotency.key_pointer.empty() || p.idempotency.capacity == 0 ||
        p.idempotency.expiry_seconds == 0) {
        throw json::document_error({p.source, 0, 0, ""}, "the profile leaves a required setting unset");
    }
}

} // namespace

std::string_view to_string(failure_kind kind) {
    return failure_kind_names[static_cast<std::size_t>(kind)];
}

std::optional<failure_kind> failure_kind_from_string(std::string_view name) {
    auto it = std::find(failure_kind_names.begin(), failure_kind_names.end(), name);
    if (it == failure_kind_names.end()) {
        return std::nullopt;
    }
    return static_cast<failure_kind>(it - failure_kind_names.begin());
}

std::string_view to_string(scope_part part) {
    return scope_part_names[static_cast<std::size_t>(part)];
}

profile profile::builtin() {
    profile defaults;
    defaults.source = builtin_profile_name;
    const json::source_document doc =
        json::source_document::parse(builtin_profile_text(), builtin_profile_name);
    profile_reader(doc, defaults).read();
    check_complete(defaults);
    return defaults;
}

profile profile::parse(std::string_view text, std::string name) {
    profile result = builtin();
    result.source = name;
    const json::source_document doc = json::source_document::parse(text, std::move(name));
    profile_reader(doc, result).read();
    check_complete(result);
    return result;
}

profile profile::load(const std::filesystem::path& path) {
    profile result = builtin();
    result.source = path.string();
    const json::source_document doc = json::source_document::read(path);
    profile_reader(doc, result).read();
    check_complete(result);
    return result;
}

} // namespace harness::contract
