#include "pointer.hpp"

#include <charconv>

namespace harness::json {

std::string escape_pointer_token(std::string_view token) {
    std::string escaped;
    escaped.reserve(token.size());
    for (char c : token) {
        if (c == '~') {
            escaped += "~0";
        } else if (c == '/') {
            escaped += "~1";
        } else {
            escaped += c;
        }
    }
    return escaped;
}

std::string unescape_pointer_token(std::string_view token) {
    std::string plain;
    plain.reserve(token.size());
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
            plain += token[i + 1] == '0' ? '~' : '/';
            ++i;
        } else {
            plain += token[i];
        }
    }
    return plain;
}

std::string append_pointer(std::string_view pointer, std::string_view token) {
    std::string result(pointer);
    result += '/';
    result += escape_pointer_token(token);
    return result;
}

std::string append_pointer(std::string_view pointer, std::size_t index) {
    return append_pointer(pointer, std::to_string(index));
}

bool split_pointer(std::string_view pointer, std::vector<std::string>& tokens) {
    tokens.clear();
    if (pointer.empty()) {
        return true;
    }
    if (pointer.front() != '/') {
        return false;
    }
    std::size_t start = 1;
    while (true) {
        std::size_t slash = pointer.find('/', start);
        tokens.push_back(unescape_pointer_token(pointer.substr(start, slash - start)));
        if (slash == std::string_view::npos) {
            return true;
        }
        start = slash + 1;
    }
}

namespace {

// One step down: the member or element named by `token` (already unescaped), or nullptr.
template <typename Value>
Value* step(Value& current, std::string_view token) {
    if (current.is_object()) {
        auto& object = current.as_object();
        auto it = object.find(token);
        return it == object.end() ? nullptr : &it->value();
    }
    if (current.is_array()) {
        auto& array = current.as_array();
        std::size_t index = 0;
        auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
        if (ec != std::errc() || end != token.data() + token.size() || token.empty() ||
            index >= array.size() || (token.size() > 1 && token.front() == '0')) {
            return nullptr;
        }
        return &array[index];
    }
    return nullptr;
}

// Walks the pointer's tokens in place: nothing is allocated unless a token has an escape (~0, ~1), so the
// load generator can resolve pointers on its hot path.
template <typename Value>
Value* walk(Value& root, std::string_view pointer) {
    if (pointer.empty()) {
        return &root;
    }
    if (pointer.front() != '/') {
        return nullptr;
    }
    Value* current = &root;
    std::size_t start = 1;
    while (current != nullptr) {
        const std::size_t slash = pointer.find('/', start);
        const std::string_view raw =
            pointer.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        current = raw.find('~') == std::string_view::npos
                      ? step(*current, raw)
                      : step(*current, std::string_view(unescape_pointer_token(raw)));
        if (slash == std::string_view::npos) {
            break;
        }
        start = slash + 1;
    }
    return current;
}

} // namespace

const boost::json::value* find_pointer(const boost::json::value& root, std::string_view pointer) {
    return walk(root, pointer);
}

boost::json::value* find_pointer(boost::json::value& root, std::string_view pointer) {
    return walk(root, pointer);
}

std::string display_pointer(std::string_view pointer) {
    return pointer.empty() ? std::string("(root)") : std::string(pointer);
}

} // namespace harness::json
