#include "shell_words.hpp"

#include "captured_request.hpp"
#include "harness/json/hex_digit.hpp"

#include <cstdint>

namespace harness::repro {

namespace {

void append_utf8(std::string& out, std::uint32_t code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

// The character a one-letter escape of $'...' stands for (\n, \t, \\ ...), or -1 when `e` is not one.
int one_letter_escape(char e) {
    switch (e) {
    case 'a':
        return '\a';
    case 'b':
        return '\b';
    case 'e':
    case 'E':
        return '\x1b';
    case 'f':
        return '\f';
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    case 'v':
        return '\v';
    case '\\':
    case '\'':
    case '"':
    case '?':
        return e;
    default:
        return -1;
    }
}

class splitter {
public:
    explicit splitter(std::string_view text) : text_(text) {}

    std::vector<shell_word> run() {
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                end_word();
                advance();
            } else if (c == '\\') {
                backslash();
            } else if (c == '\'') {
                single_quoted();
            } else if (c == '"') {
                double_quoted();
            } else if (c == '$' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\'') {
                ansi_c_quoted();
            } else {
                start_word();
                current_.text += c;
                advance();
            }
        }
        end_word();
        return std::move(words_);
    }

private:
    void advance(std::size_t count = 1) {
        for (std::size_t i = 0; i < count && pos_ < text_.size(); ++i) {
            if (text_[pos_] == '\n') {
                ++line_;
                column_ = 1;
            } else {
                ++column_;
            }
            ++pos_;
        }
    }

    [[noreturn]] void fail(int line, int column, const std::string& what) const {
        throw repro_input_error("curl command, line " + std::to_string(line) + " column " +
                                std::to_string(column) + ": " + what);
    }

    void start_word() {
        if (!in_word_) {
            in_word_ = true;
            current_ = {{}, line_, column_};
        }
    }

    void end_word() {
        if (in_word_) {
            words_.push_back(std::move(current_));
            current_ = {};
            in_word_ = false;
        }
    }

    // Outside quotes: "\<newline>" continues the line; "\x" is a literal x.
    void backslash() {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
            advance(2);
            return;
        }
        if (pos_ + 2 < text_.size() && text_[pos_ + 1] == '\r' && text_[pos_ + 2] == '\n') {
            advance(3);
            return;
        }
        if (pos_ + 1 >= text_.size()) {
            advance();
            return; // a trailing backslash with nothing after it: a continuation into nothing
        }
        start_word();
        current_.text += text_[pos_ + 1];
        advance(2);
    }

    void single_quoted() {
        const int line = line_;
        const int column = column_;
        start_word();
        advance();
        while (pos_ < text_.size() && text_[pos_] != '\'') {
            current_.text += text_[pos_];
            advance();
        }
        if (pos_ >= text_.size()) {
            fail(line, column, "the single quote opened here is never closed");
        }
        advance();
    }

    void double_quoted() {
        const int line = line_;
        const int column = column_;
        start_word();
        advance();
        while (pos_ < text_.size() && text_[pos_] != '"') {
            const char c = text_[pos_];
            if (c == '\\' && pos_ + 1 < text_.size()) {
                const char next = text_[pos_ + 1];
                if (next == '\n') {
                    advance(2);
                    continue;
                }
                if (next == '"' || next == '\\' || next == '$' || next == '`') {
                    current_.text += next;
                    advance(2);
                    continue;
                }
            }
            current_.text += c;
            advance();
        }
        if (pos_ >= text_.size()) {
            fail(line, column, "the double quote opened here is never closed");
        }
        advance();
    }

    void ansi_c_quoted() {
        const int line = line_;
        const int column = column_;
        start_word();
        advance(2);
        while (pos_ < text_.size() && text_[pos_] != '\'') {
            if (text_[pos_] != '\\') {
                current_.text += text_[pos_];
                advance();
                continue;
            }
            if (pos_ + 1 >= text_.size()) {
                break;
            }
            const int escape_line = line_;
            const int escape_column = column_;
            const char e = text_[pos_ + 1];
            advance(2);
            ansi_c_escape(e, escape_line, escape_column);
        }
        if (pos_ >= text_.size()) {
            fail(line, column, "the $' quote opened here is never closed");
        }
        advance();
    }

    // The escape of $'...' whose letter `e` follows the backslash, as bash reads it; its digits, if any, are
    // still to read.
    void ansi_c_escape(char e, int line, int column) {
        if (const int c = one_letter_escape(e); c >= 0) {
            current_.text += static_cast<char>(c);
        } else if (e == 'x' || e == 'u' || e == 'U') {
            hex_escape(e, line, column);
        } else if (e >= '0' && e <= '7') {
            unsigned code = static_cast<unsigned>(e - '0');
            for (int i = 0; i < 2 && pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '7'; ++i) {
                code = code * 8 + static_cast<unsigned>(text_[pos_] - '0');
                advance();
            }
            current_.text += static_cast<char>(code & 0xFF);
        } else {
            current_.text += '\\';
            current_.text += e;
        }
    }

    // \xHH (a byte), \uHHHH and \UHHHHHHHH (a code point, written as UTF-8).
    void hex_escape(char e, int line, int column) {
        const std::size_t most = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        std::uint32_t code = 0;
        std::size_t digits = 0;
        while (digits < most && pos_ < text_.size() && json::hex_digit_value(text_[pos_]) >= 0) {
            code = code * 16 + static_cast<std::uint32_t>(json::hex_digit_value(text_[pos_]));
            advance();
            ++digits;
        }
        if (digits == 0 || code > 0x10FFFF) {
            fail(line, column, std::string("\\") + e + " needs hexadecimal digits");
        }
        if (e == 'x') {
            current_.text += static_cast<char>(code);
        } else {
            append_utf8(current_.text, code);
        }
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    int line_ = 1;
    int column_ = 1;
    bool in_word_ = false;
    shell_word current_;
    std::vector<shell_word> words_;
};

} // namespace

std::vector<shell_word> split_shell_words(std::string_view command) {
    return splitter(command).run();
}

} // namespace harness::repro
