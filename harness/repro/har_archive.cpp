#include "har_archive.hpp"

#include "harness/http/exchange.hpp"
#include "harness/json/document_reader.hpp"
#include "harness/json/pointer.hpp"
#include "harness/json/text_file.hpp"

#include <algorithm>
#include <cctype>

namespace harness::repro {

namespace {

using boost::json::object;
using boost::json::value;
using harness::json::append_pointer;

class har_reader : json::document_reader {
public:
    explicit har_reader(const json::source_document& doc) : document_reader(doc) {}

    const boost::json::array& entries() const {
        const object& root = mapping(document().root(), "");
        const object& log = mapping(member(root, "", "log"), "/log");
        const value& entries = member(log, "/log", "entries");
        if (!entries.is_array()) {
            fail("/log/entries", "'entries' must be a list (HAR 1.2)");
        }
        return entries.as_array();
    }

    har_entry_summary summary(std::size_t index) const {
        const std::string pointer = append_pointer("/log/entries", index);
        const object& entry = mapping(entries()[index], pointer);
        har_entry_summary s;
        s.number = index + 1;
        if (const value* request = entry.if_contains("request"); request != nullptr && request->is_object()) {
            const object& r = request->as_object();
            if (const value* m = r.if_contains("method"); m != nullptr && m->is_string()) {
                s.method = m->as_string();
            }
            if (const value* u = r.if_contains("url"); u != nullptr && u->is_string()) {
                s.url = u->as_string();
            }
        }
        if (const value* response = entry.if_contains("response");
            response != nullptr && response->is_object()) {
            if (const value* st = response->as_object().if_contains("status");
                st != nullptr && st->is_number()) {
                // A status that is not a whole number an int holds (200.5, 1e20) stays unknown (0): it is a
                // summary for choosing an entry, and to_number would throw. Found by fuzz_har_import.
                boost::system::error_code not_exact;
                const int status = st->to_number<int>(not_exact);
                s.status = not_exact ? 0 : status;
            }
        }
        if (const value* t = entry.if_contains("startedDateTime"); t != nullptr && t->is_string()) {
            s.started = t->as_string();
        }
        return s;
    }

    captured_request request(std::size_t index) const {
        const std::string pointer = append_pointer("/log/entries", index);
        const object& entry = mapping(entries()[index], pointer);
        if (const value* type = entry.if_contains("_resourceType");
            type != nullptr && type->is_string() && type->as_string() == "websocket") {
            fail(pointer, "entry " + std::to_string(index + 1) + " is a WebSocket, not an HTTP request");
        }
        const std::string request_pointer = pointer + "/request";
        const object& r = mapping(member(entry, pointer, "request"), request_pointer);
        captured_request out;
        out.origin = document().name() + " entry " + std::to_string(index + 1);
        out.method = string(member(r, request_pointer, "method"), request_pointer + "/method");
        if (!std::all_of(out.method.begin(), out.method.end(),
                         [](unsigned char c) { return std::isupper(c); })) {
            fail(request_pointer + "/method", "'" + out.method + "' is not an HTTP method");
        }
        out.url = string(member(r, request_pointer, "url"), request_pointer + "/url");
        if (const value* version = r.if_contains("httpVersion"); version != nullptr && version->is_string()) {
            // Browsers write "h2", "HTTP/2" or "HTTP/2.0" for HTTP/2 (and "h3" for HTTP/3, replayed as auto).
            const std::string v = http::to_lower(std::string(version->as_string()));
            if (v == "h2" || v == "http/2" || v == "http/2.0") {
                out.http_version = "2";
            } else if (v == "http/1.1" || v == "http/1.0") {
                out.http_version = "1.1";
            }
        }
        if (!out.url.starts_with("http://") && !out.url.starts_with("https://")) {
            fail(request_pointer + "/url", "entry " + std::to_string(index + 1) +
                                               " is not an HTTP request: its URL is '" +
                                               out.url.substr(0, 60) + "'");
        }
        if (const value* headers = r.if_contains("headers")) {
            const std::string headers_pointer = request_pointer + "/headers";
            if (!headers->is_array()) {
                fail(headers_pointer, "'headers' must be a list of {name, value}");
            }
            for (std::size_t i = 0; i < headers->as_array().size(); ++i) {
                const std::string p = append_pointer(headers_pointer, i);
                const object& h = mapping(headers->as_array()[i], p);
                std::string name = string(member(h, p, "name"), p + "/name");
                std::string header_value = string(member(h, p, "value"), p + "/value", true, true);
                if (name.starts_with(":")) {
                    continue; // HTTP/2 pseudo-headers (:authority, :path …) are the URL and method again
                }
                if (http::same_header_name(name, "Host") || http::same_header_name(name, "Content-Length")) {
                    continue; // the replay sets them for its own target and body
                }
                out.headers.emplace_back(std::move(name), std::move(header_value));
            }
        }
        if (const value* post = r.if_contains("postData")) {
            const std::string post_pointer = request_pointer + "/postData";
            const object& p = mapping(*post, post_pointer);
            if (const value* text = p.if_contains("text")) {
                out.body = string(*text, post_pointer + "/text", true);
            } else if (const value* params = p.if_contains("params")) {
                out.body = form_body(*params, post_pointer + "/params");
            }
            const bool has_type = std::any_of(out.headers.begin(), out.headers.end(), [](const auto& h) {
                return http::same_header_name(h.first, "Content-Type");
            });
            if (const value* mime = p.if_contains("mimeType");
                !has_type && mime != nullptr && mime->is_string() && !mime->as_string().empty()) {
                out.headers.emplace_back("Content-Type", std::string(mime->as_string()));
            }
        }
        return out;
    }

private:
    std::string form_body(const value& params, const std::string& pointer) const {
        if (!params.is_array()) {
            fail(pointer, "'params' must be a list of {name, value}");
        }
        std::string body;
        for (std::size_t i = 0; i < params.as_array().size(); ++i) {
            const std::string p = append_pointer(pointer, i);
            const object& param = mapping(params.as_array()[i], p);
            const std::string name = string(member(param, p, "name"), p + "/name");
            std::string v;
            if (const value* pv = param.if_contains("value")) {
                v = string(*pv, p + "/value", true, true);
            }
            body += (body.empty() ? "" : "&") + name + "=" + v;
        }
        return body;
    }
};

} // namespace

har_archive::har_archive(json::source_document document) : document_(std::move(document)) {
    har_reader reader(document_);
    const auto& list = reader.entries();
    for (std::size_t i = 0; i < list.size(); ++i) {
        entries_.push_back(reader.summary(i));
    }
}

har_archive har_archive::load(const std::filesystem::path& path) {
    return har_archive(json::source_document::parse_json(json::read_text_file(path), path.string()));
}

har_archive har_archive::parse(std::string_view text, std::string name) {
    return har_archive(json::source_document::parse_json(text, std::move(name)));
}

std::vector<har_entry_summary> har_archive::matching(std::string_view text) const {
    std::vector<har_entry_summary> out;
    for (const auto& e : entries_) {
        if ((e.method + " " + e.url).find(text) != std::string::npos) {
            out.push_back(e);
        }
    }
    return out;
}

captured_request har_archive::request(std::size_t number) const {
    if (number == 0 || number > entries_.size()) {
        throw repro_input_error(document_.name() + ": there is no entry " + std::to_string(number) +
                                " (it has " + std::to_string(entries_.size()) + ", numbered from 1)");
    }
    return har_reader(document_).request(number - 1);
}

} // namespace harness::repro
