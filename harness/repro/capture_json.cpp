#include "capture_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace harness::repro {

namespace {

boost::json::array headers_json(const http::header_list& headers) {
    boost::json::array out;
    for (const auto& [name, value] : headers) {
        out.push_back(boost::json::object{{"name", name}, {"value", value}});
    }
    return out;
}

boost::json::array strings(const std::vector<std::string>& list) {
    boost::json::array out;
    for (const auto& s : list) {
        out.push_back(boost::json::string(s));
    }
    return out;
}

} // namespace

std::string capture_to_json(const captured_request& captured, const replay_request& sent,
                            const secret_redactor& redactor) {
    const captured_request c = redactor.captured(captured);
    const http::http_request s = redactor.request(sent.request);
    boost::json::object root{
        {"format", "harness.repro.request"},
        {"formatVersion", 1},
        {"origin", c.origin},
        {"captured", boost::json::object{{"method", c.method},
                                         {"url", c.url},
                                         {"headers", headers_json(c.headers)},
                                         {"body", c.body},
                                         {"insecure", c.insecure},
                                         {"notes", strings(c.notes)}}},
        {"replayed", boost::json::object{{"target", sent.target.to_string()},
                                         {"method", s.method},
                                         {"path", s.target},
                                         {"headers", headers_json(s.headers)},
                                         {"body", s.body},
                                         {"notes", strings(sent.notes)}}},
    };
    return boost::json::serialize(root) + "\n";
}

} // namespace harness::repro
