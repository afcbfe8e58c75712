#include "json_position_scanner.hpp"

#include "document_error.hpp"
#include "hex_digit.hpp"
#include "pointer.hpp"

#include <unordered_set>

namespace harness::json {

namespace {

class json_position_scanner {
public:
    json_position_scanner(std::string_view text, const std::string& name) : text_(text), name_(name) {}

    text_positions scan() {
        skip_space();
        positions_[""] = here();
        value("");
        return std::move(positions_);
    }

private:
    text_position here() const noexcept { return {line_, static_cast<int>(at_ - line_start_) + 1}; }

    char peek() const noexcept { return at_ < text_.size() ? text_[at_] : '\0'; }

    void advance() noexcept {
        if (peek() == '\n') {
            ++line_;
            line_start_ = at_ + 1;
        }
        ++at_;
    }

    void skip_space() noexcept {
        while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') {
            advance();
        }
    }

    void value(const std::string& pointer) {
        if (peek() == '{') {
            object(pointer);
        } else if (peek() == '[') {
            array(pointer);
        } else if (peek() == '"') {
            (void)string();
        } else {
            // A number or a literal: everything up to the next delimiter.
            while (at_ < text_.size() && peek() != ',' && peek() != '}' && peek() != ']' && peek() != ' ' &&
                   peek() != '\t' && peek() != '\n' && peek() != '\r') {
                advance();
            }
        }
    }

    void object(const std::string& pointer) {
        advance(); // '{'
        skip_space();
        std::unordered_set<std::string> seen;
        while (peek() == '"') {
            const text_position key_at = here();
            const std::string key = string();
            const std::string child = append_pointer(pointer, key);
            if (!seen.insert(key).second) {
                throw document_error({name_, key_at.line, key_at.column, child},
                                     "duplicate key '" + key + "'");
            }
            positions_[child] = key_at;
            skip_space();
            advance(); // ':'
            skip_space();
            value(child);
            skip_space();
            if (peek() == ',') {
                advance();
                skip_space();
            }
        }
        advance(); // '}'
    }

    void array(const std::string& pointer) {
        advance(); // '['
        skip_space();
        for (std::size_t index = 0; at_ < text_.size() && peek() != ']'; ++index) {
            const std::string child = append_pointer(pointer, index);
            positions_[child] = here();
            value(child);
            skip_space();
            if (peek() == ',') {
                advance();
                skip_space();
            }
        }
        advance(); // ']'
    }

    // The decoded text of the string at `at_` (keys become pointer tokens, so escapes must be undone).
    std::string string() {
        advance(); // opening quote
        std::string out;
        while (at_ < text_.size() && peek() != '"') {
            if (peek() != '\\') {
                out += peek();
                advance();
                continue;
            }
            advance();
            const char escaped = peek();
            advance();
            switch (escaped) {
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u':
                append_utf8(out, code_point());
                break;
            default: // '"', '\\', '/'
                out += escaped;
            }
        }
        advance(); // closing quote
        return out;
    }

    // After "\u": four hex digits, and a low surrogate's escape after a high one.
    char32_t code_point() {
        char32_t c = hex4();
        if (c >= 0xD800 && c <= 0xDBFF && peek() == '\\' && at_ + 1 < text_.size() && text_[at_ + 1] == 'u') {
            advance();
            advance();
            const char32_t low = hex4();
            c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
        }
        return c;
    }

    char32_t hex4() {
        char32_t c = 0;
        for (int i = 0; i < 4; ++i) {
            const int digit = hex_digit_value(peek());
            c = c * 16 + static_cast<char32_t>(digit < 0 ? 0 : digit);
            advance();
        }
        return c;
    }

    static void append_utf8(std::string& out, char32_t c) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }

    std::string_view text_;
    const std::string& name_;
    std::size_t at_ = 0;
    std::size_t line_start_ = 0;
    int line_ = 1;
    text_positions positions_;
};

} // namespace

text_positions scan_json_positions(std::string_view text, const std::string& name) {
    return json_position_scanner(text, name).scan();
}

} // namespace harness::json
