#include "examples_file.hpp"

#include "harness/json/document_reader.hpp"
#include "harness/json/output_file.hpp"
#include "harness/json/source_document.hpp"

#include <ostream>
#include <system_error>

#include <boost/json/serialize.hpp>

namespace harness::explore {

namespace {

template <typename Enum, std::size_t count>
Enum enum_named(const json::document_reader& r, const boost::json::value& v, const std::string& pointer,
                std::string_view (*name_of)(Enum)) {
    const std::string name = r.string(v, pointer);
    std::string names;
    for (std::size_t i = 0; i < count; ++i) {
        const auto e = static_cast<Enum>(i);
        if (name_of(e) == name) {
            return e;
        }
        names += (i == 0 ? "" : ", ") + std::string(name_of(e));
    }
    r.fail(pointer, "unknown value '" + name + "' (expected one of: " + names + ")");
}

std::optional<std::string> optional_string(const json::document_reader& r, const boost::json::object& o,
                                           const std::string& pointer, std::string_view key) {
    const boost::json::value* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) {
        return std::nullopt;
    }
    return r.string(*v, pointer + "/" + std::string(key), true);
}

op read_op(const json::document_reader& r, const boost::json::value& v, const std::string& p,
           const sequence& s) {
    const auto& o = r.mapping(v, p);
    r.only_keys(o, p, {"kind", "key", "payload", "caller", "conversation", "form", "refusal", "copies"});
    op out;
    out.kind = enum_named<op_kind, op_kind_count>(r, r.member(o, p, "kind"), p + "/kind", to_string);
    if (const auto* key = o.if_contains("key"); key != nullptr && !key->is_null()) {
        out.key = static_cast<std::size_t>(
            r.integer(*key, p + "/key", 0, static_cast<std::int64_t>(s.keys.size()) - 1));
    }
    out.payload = static_cast<std::size_t>(r.integer(r.member(o, p, "payload"), p + "/payload", 0,
                                                     static_cast<std::int64_t>(s.payloads.size()) - 1));
    out.caller = static_cast<int>(r.integer(r.member(o, p, "caller"), p + "/caller", 0, 1));
    out.conversation = static_cast<int>(r.integer(r.member(o, p, "conversation"), p + "/conversation", 0, 1));
    out.form = enum_named<body_form, body_form_count>(r, r.member(o, p, "form"), p + "/form", to_string);
    out.refused_for =
        enum_named<refusal, refusal_count>(r, r.member(o, p, "refusal"), p + "/refusal", to_string);
    out.copies = static_cast<int>(r.integer(r.member(o, p, "copies"), p + "/copies", 1, 64));
    return out;
}

sequence read_sequence(const json::document_reader& r, const boost::json::value& v, const std::string& p) {
    const auto& o = r.mapping(v, p);
    r.only_keys(o, p, {"keys", "payloads", "ops"});
    sequence s;
    s.keys = r.strings(r.member(o, p, "keys"), p + "/keys");
    const auto& payloads = r.list(r.member(o, p, "payloads"), p + "/payloads");
    for (std::size_t i = 0; i < payloads.size(); ++i) {
        const std::string pp = p + "/payloads/" + std::to_string(i);
        const auto& m = r.mapping(payloads[i], pp);
        r.only_keys(m, pp, {"company", "item", "text"});
        s.payloads.push_back({optional_string(r, m, pp, "company"),
                              r.string(r.member(m, pp, "item"), pp + "/item"),
                              optional_string(r, m, pp, "text")});
    }
    const auto& ops = r.list(r.member(o, p, "ops"), p + "/ops");
    for (std::size_t i = 0; i < ops.size(); ++i) {
        s.ops.push_back(read_op(r, ops[i], p + "/ops/" + std::to_string(i), s));
    }
    return s;
}

boost::json::value optional_json(const std::optional<std::string>& v) {
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::object sequence_json(const sequence& s) {
    boost::json::array keys(s.keys.begin(), s.keys.end());
    boost::json::array payloads;
    for (const payload& p : s.payloads) {
        payloads.push_back(
            {{"company", optional_json(p.company)}, {"item", p.item}, {"text", optional_json(p.text)}});
    }
    boost::json::array ops;
    for (const op& o : s.ops) {
        ops.push_back({{"kind", to_string(o.kind)},
                       {"key", o.key ? boost::json::value(*o.key) : boost::json::value(nullptr)},
                       {"payload", o.payload},
                       {"caller", o.caller},
                       {"conversation", o.conversation},
                       {"form", to_string(o.form)},
                       {"refusal", to_string(o.refused_for)},
                       {"copies", o.copies}});
    }
    return {{"keys", std::move(keys)}, {"payloads", std::move(payloads)}, {"ops", std::move(ops)}};
}

} // namespace

std::vector<sequence> read_examples(const std::filesystem::path& file) {
    std::error_code error;
    if (!std::filesystem::exists(file, error)) {
        return {};
    }
    const json::source_document doc = json::source_document::read_json(file);
    const json::document_reader r(doc);
    const auto& root = r.mapping(doc.root(), "");
    r.only_keys(root, "", {"format", "examples"});
    r.integer(r.member(root, "", "format"), "/format", 1, 1);
    std::vector<sequence> examples;
    const auto& list = r.list(r.member(root, "", "examples"), "/examples");
    for (std::size_t i = 0; i < list.size(); ++i) {
        examples.push_back(read_sequence(r, list[i], "/examples/" + std::to_string(i)));
    }
    return examples;
}

std::optional<std::string> write_examples(const std::filesystem::path& file,
                                          const std::vector<sequence>& examples) {
    boost::json::array list;
    for (const sequence& s : examples) {
        list.push_back(sequence_json(s));
    }
    std::error_code error;
    if (file.has_parent_path()) {
        std::filesystem::create_directories(file.parent_path(), error);
    }
    const boost::json::object root{{"format", 1}, {"examples", std::move(list)}};
    return json::write_file_atomically(file, "the examples file", [&root](std::ostream& out) {
        out << boost::json::serialize(root) << '\n';
    });
}

} // namespace harness::explore
