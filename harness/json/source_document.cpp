#include "source_document.hpp"

#include "pointer.hpp"
#include "text_file.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <regex>
#include <sstream>

#include <boost/json/parse.hpp>
#include <boost/json/stream_parser.hpp>
#include <yaml-cpp/yaml.h>

namespace harness::json {

namespace {

// A hostile document (or an alias loop) must end in an error, not a stack overflow.
constexpr int max_nesting_depth = 256;

bool is_null_scalar(const std::string& s) {
    return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

bool parse_bool_scalar(const std::string& s, bool& out) {
    if (s == "true" || s == "True" || s == "TRUE") {
        out = true;
        return true;
    }
    if (s == "false" || s == "False" || s == "FALSE") {
        out = false;
        return true;
    }
    return false;
}

// YAML 1.2 core schema resolution of a plain (unquoted) scalar.
boost::json::value resolve_plain_scalar(const std::string& s) {
    if (is_null_scalar(s)) {
        return nullptr;
    }
    bool flag = false;
    if (parse_bool_scalar(s, flag)) {
        return flag;
    }
    static const std::regex int_pattern("[-+]?[0-9]+");
    static const std::regex float_pattern(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
    if (std::regex_match(s, int_pattern)) {
        const char* first = s.data() + (s.front() == '+' ? 1 : 0);
        std::int64_t signed_value = 0;
        auto [end, ec] = std::from_chars(first, s.data() + s.size(), signed_value);
        if (ec == std::errc() && end == s.data() + s.size()) {
            return signed_value;
        }
        std::uint64_t unsigned_value = 0;
        auto [uend, uec] = std::from_chars(first, s.data() + s.size(), unsigned_value);
        if (uec == std::errc() && uend == s.data() + s.size()) {
            return unsigned_value;
        }
        return std::strtod(s.c_str(), nullptr);
    }
    if (std::regex_match(s, float_pattern)) {
        return std::strtod(s.c_str(), nullptr);
    }
    // .inf and .nan have no JSON form: keep them as text rather than invent a number.
    return boost::json::string(s);
}

} // namespace

class yaml_converter {
public:
    explicit yaml_converter(source_document& doc) : doc_(doc) {}

    boost::json::value convert(const YAML::Node& node, const std::string& pointer, int depth) {
        remember(node, pointer);
        if (depth > max_nesting_depth) {
            fail(node, pointer, "nesting deeper than " + std::to_string(max_nesting_depth) + " levels");
        }
        switch (node.Type()) {
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            return nullptr;
        case YAML::NodeType::Scalar:
            // yaml-cpp tags quoted scalars "!" and plain ones "?"; only plain ones are resolved to
            // non-strings.
            if (node.Tag() == "?") {
                return resolve_plain_scalar(node.Scalar());
            }
            return boost::json::string(node.Scalar());
        case YAML::NodeType::Sequence: {
            boost::json::array array;
            array.reserve(node.size());
            std::size_t index = 0;
            for (const auto& item : node) {
                array.push_back(convert(item, append_pointer(pointer, index++), depth + 1));
            }
            return array;
        }
        case YAML::NodeType::Map: {
            boost::json::object object;
            for (const auto& entry : node) {
                if (!entry.first.IsScalar()) {
                    fail(entry.first, pointer, "mapping keys must be scalars");
                }
                const std::string& key = entry.first.Scalar();
                std::string child = append_pointer(pointer, key);
                if (object.contains(key)) {
                    fail(entry.first, child, "duplicate key '" + key + "'");
                }
                remember(entry.first, child);
                object.emplace(key, convert(entry.second, child, depth + 1));
            }
            return object;
        }
        }
        return nullptr;
    }

private:
    void remember(const YAML::Node& node, const std::string& pointer) {
        const YAML::Mark mark = node.Mark();
        if (mark.line >= 0 && !doc_.positions_.contains(pointer)) {
            doc_.positions_[pointer] = {mark.line + 1, mark.column + 1};
        }
    }

    [[noreturn]] void fail(const YAML::Node& node, const std::string& pointer, const std::string& message) {
        const YAML::Mark mark = node.Mark();
        throw document_error({doc_.name_, mark.line + 1, mark.column + 1, pointer}, message);
    }

    source_document& doc_;
};

namespace {

bool ends_with_json(const std::string& name) {
    return name.size() >= 5 && name.compare(name.size() - 5, 5, ".json") == 0;
}

boost::json::value parse_strict_json(std::string_view text, const std::string& name) {
    boost::json::stream_parser parser;
    boost::system::error_code ec;
    // write, not write_some: text after the value ("{} x") is an error, as Boost.JSON's parse() says.
    std::size_t consumed = parser.write(text.data(), text.size(), ec);
    if (!ec) {
        parser.finish(ec);
        consumed = text.size();
    }
    if (ec) {
        int line = 1;
        int column = 1;
        for (std::size_t i = 0; i < consumed && i < text.size(); ++i) {
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        throw document_error({name, line, column, ""}, "invalid JSON: " + ec.message());
    }
    return parser.release();
}

} // namespace

source_document source_document::parse(std::string_view text, std::string name) {
    if (ends_with_json(name)) {
        return parse_json(text, std::move(name));
    }
    source_document doc;
    doc.name_ = std::move(name);
    YAML::Node node;
    try {
        node = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
        throw document_error({doc.name_, e.mark.line + 1, e.mark.column + 1, ""}, "invalid YAML: " + e.msg);
    }
    yaml_converter converter(doc);
    doc.root_ = converter.convert(node, "", 0);
    return doc;
}

source_document source_document::parse_json(std::string_view text, std::string name) {
    source_document doc;
    doc.name_ = std::move(name);
    doc.root_ = parse_strict_json(text, doc.name_);
    // The values are Boost.JSON's; only their positions come from a second walk over the (now valid) text.
    doc.positions_ = scan_json_positions(text, doc.name_);
    return doc;
}

source_document source_document::read(const std::filesystem::path& path) {
    return parse(read_text_file(path), path.string());
}

source_document source_document::read_json(const std::filesystem::path& path) {
    return parse_json(read_text_file(path), path.string());
}

source_location source_document::locate(std::string_view pointer) const {
    std::string current(pointer);
    while (true) {
        auto it = positions_.find(current);
        if (it != positions_.end()) {
            return {name_, it->second.line, it->second.column, std::string(pointer)};
        }
        if (current.empty()) {
            return {name_, 0, 0, std::string(pointer)};
        }
        current.erase(current.rfind('/'));
    }
}

} // namespace harness::json
