#include "curl_command.hpp"

#include "harness/json/document_error.hpp"
#include "harness/json/text_file.hpp"
#include "shell_words.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <openssl/evp.h>

namespace harness::repro {

namespace {

std::string base64(std::string_view text) {
    std::string out(4 * ((text.size() + 2) / 3) + 1, '\0');
    const int written =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    out.resize(static_cast<std::size_t>(written));
    return out;
}

std::string form_urlencode(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

// Options that take a value, by every name curl accepts for them.
enum class valued {
    request,
    header,
    data,
    data_raw,
    data_binary,
    data_urlencode,
    json,
    user,
    cookie,
    user_agent,
    referer,
    url,
    ignored_with_value
};

const std::map<std::string, valued, std::less<>>& valued_options() {
    static const std::map<std::string, valued, std::less<>> options = {
        {"-X", valued::request},
        {"--request", valued::request},
        {"-H", valued::header},
        {"--header", valued::header},
        {"-d", valued::data},
        {"--data", valued::data},
        {"--data-ascii", valued::data},
        {"--data-raw", valued::data_raw},
        {"--data-binary", valued::data_binary},
        {"--data-urlencode", valued::data_urlencode},
        {"--json", valued::json},
        {"-u", valued::user},
        {"--user", valued::user},
        {"-b", valued::cookie},
        {"--cookie", valued::cookie},
        {"-A", valued::user_agent},
        {"--user-agent", valued::user_agent},
        {"-e", valued::referer},
        {"--referer", valued::referer},
        {"--url", valued::url},
        {"-o", valued::ignored_with_value},
        {"--output", valued::ignored_with_value},
        {"-m", valued::ignored_with_value},
        {"--max-time", valued::ignored_with_value},
        {"--connect-timeout", valued::ignored_with_value},
        {"-w", valued::ignored_with_value},
        {"--write-out", valued::ignored_with_value},
        {"--retry", valued::ignored_with_value},
    };
    return options;
}

// Flags without a value that change nothing the replay sends (or are handled below: -k, --compressed).
const std::set<std::string, std::less<>>& plain_flags() {
    static const std::set<std::string, std::less<>> flags = {"-s",
                                                             "--silent",
                                                             "-S",
                                                             "--show-error",
                                                             "-v",
                                                             "--verbose",
                                                             "-i",
                                                             "--include",
                                                             "-L",
                                                             "--location",
                                                             "-k",
                                                             "--insecure",
                                                             "--compressed",
                                                             "--http1.1",
                                                             "--http1.0",
                                                             "--http2",
                                                             "--http2-prior-knowledge",
                                                             "-f",
                                                             "--fail",
                                                             "--fail-with-body",
                                                             "-g",
                                                             "--globoff",
                                                             "-N",
                                                             "--no-buffer",
                                                             "-#",
                                                             "--progress-bar",
                                                             "--no-progress-meter",
                                                             "--path-as-is",
                                                             "-4",
                                                             "-6",
                                                             "--ipv4",
                                                             "--ipv6",
                                                             "-G",
                                                             "--get"};
    return flags;
}

class curl_reader {
public:
    curl_reader(std::string_view command, std::filesystem::path data_dir) : data_dir_(std::move(data_dir)) {
        words_ = split_shell_words(command);
    }

    captured_request read() {
        if (words_.empty()) {
            throw repro_input_error("the curl command is empty");
        }
        const std::string& program = words_.front().text;
        if (program != "curl" && !program.ends_with("/curl") && program != "curl.exe") {
            fail(words_.front(), "a curl command starts with 'curl', not '" + program + "'");
        }
        request_.origin = "curl command";
        for (std::size_t i = 1; i < words_.size(); ++i) {
            i = option(i);
        }
        if (request_.url.empty()) {
            throw repro_input_error("the curl command names no URL");
        }
        if (get_) {
            if (!data_.empty()) {
                request_.url += (request_.url.find('?') == std::string::npos ? "?" : "&") + data_;
                data_.clear();
                has_data_ = false;
            }
        }
        if (has_data_) {
            request_.body = data_;
            if (!has_header("Content-Type")) {
                request_.headers.emplace_back("Content-Type", json_ ? "application/json"
                                                                    : "application/x-www-form-urlencoded");
                if (!json_) {
                    request_.notes.push_back(
                        "curl sends -d data as application/x-www-form-urlencoded when no "
                        "Content-Type is given; so does the replay");
                }
            }
        }
        if (json_ && !has_header("Accept")) {
            request_.headers.emplace_back("Accept", "application/json");
        }
        if (method_.empty()) {
            method_ = has_data_ ? "POST" : "GET";
        }
        request_.method = method_;
        return std::move(request_);
    }

private:
    [[noreturn]] void fail(const shell_word& word, const std::string& what) const {
        throw repro_input_error("curl command, line " + std::to_string(word.line) + " column " +
                                std::to_string(word.column) + ": " + what);
    }

    bool has_header(std::string_view name) const {
        return std::any_of(request_.headers.begin(), request_.headers.end(),
                           [&](const auto& h) { return http::same_header_name(h.first, name); });
    }

    // Handles the option at `i` and returns the index of the last word it used.
    std::size_t option(std::size_t i) {
        const shell_word& word = words_[i];
        const std::string& text = word.text;
        if (text.empty() || text.front() != '-' || text == "-") {
            set_url(word, text);
            return i;
        }
        if (text.starts_with("--")) {
            const std::size_t eq = text.find('=');
            const std::string name = text.substr(0, eq);
            if (auto it = valued_options().find(name); it != valued_options().end()) {
                if (eq != std::string::npos) {
                    apply(it->second, name, word, text.substr(eq + 1));
                    return i;
                }
                return take_value(i, it->second, name);
            }
            if (plain_flags().contains(text)) {
                flag(text);
                return i;
            }
            fail(word, "curl option " + text +
                           " is not supported by repro (it would change the request in a way "
                           "the replay cannot follow); remove it or send the request another way");
        }
        // Short options: "-k", "-sSk" (a cluster of flags), "-XPOST" / "-H'...'" (value attached).
        for (std::size_t pos = 1; pos < text.size(); ++pos) {
            const std::string name = std::string("-") + text[pos];
            if (auto it = valued_options().find(name); it != valued_options().end()) {
                if (pos + 1 < text.size()) {
                    apply(it->second, name, word, text.substr(pos + 1));
                    return i;
                }
                return take_value(i, it->second, name);
            }
            if (!plain_flags().contains(name)) {
                fail(word, "curl option " + name + " (in '" + text + "') is not supported by repro");
            }
            flag(name);
        }
        return i;
    }

    std::size_t take_value(std::size_t i, valued kind, const std::string& name) {
        if (i + 1 >= words_.size()) {
            fail(words_[i], name + " needs a value");
        }
        apply(kind, name, words_[i + 1], words_[i + 1].text);
        return i + 1;
    }

    void flag(std::string_view name) {
        if (name == "-k" || name == "--insecure") {
            request_.insecure = true;
        } else if (name == "--compressed") {
            request_.notes.push_back(
                "--compressed: the replay asks for an uncompressed reply (identity), so bodies "
                "can be checked as sent");
        } else if (name == "--http2-prior-knowledge") {
            request_.http_version = "2";
        } else if (name == "--http2") {
            request_.http_version = "auto"; // h2 by ALPN when the server offers it
        } else if (name == "--http1.1" || name == "--http1.0") {
            request_.http_version = "1.1";
        } else if (name == "-G" || name == "--get") {
            get_ = true;
        } else if (name == "-L" || name == "--location") {
            request_.notes.push_back(
                "-L: redirects are not followed; a redirect is shown as the reply it is");
        }
    }

    void set_url(const shell_word& word, const std::string& url) {
        if (!request_.url.empty()) {
            fail(word, "a second URL '" + url + "'; repro replays one request");
        }
        std::string full = url;
        if (full.find("://") == std::string::npos) {
            full = "http://" + full; // as curl does
        }
        if (!full.starts_with("http://") && !full.starts_with("https://")) {
            fail(word, "'" + url + "' is not an http:// or https:// URL");
        }
        request_.url = full;
    }

    std::string file_data(const shell_word& word, const std::string& name, bool strip_newlines) {
        std::string data;
        try {
            data = json::read_text_file(data_dir_ / name);
        } catch (const json::document_error& e) {
            fail(word, "cannot read data file '" + name + "' (looked in " + data_dir_.string() +
                           "): " + e.message());
        }
        if (strip_newlines) {
            std::erase(data, '\n');
            std::erase(data, '\r');
        }
        return data;
    }

    void add_data(std::string piece) {
        data_ += (has_data_ ? "&" : "") + piece;
        has_data_ = true;
    }

    void set_method(const std::string& name, const shell_word& word, const std::string& value) {
        if (value.empty() ||
            !std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isalpha(c); })) {
            fail(word, name + " '" + value + "' is not an HTTP method");
        }
        method_ = value;
        std::transform(method_.begin(), method_.end(), method_.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    }

    // -H 'Name: value', as curl reads it.
    void add_header(const shell_word& word, const std::string& value) {
        const std::size_t colon = value.find(':');
        if (colon == std::string::npos) {
            // curl's "Name;" sends an empty header.
            if (!value.empty() && value.back() == ';') {
                request_.headers.emplace_back(value.substr(0, value.size() - 1), "");
                return;
            }
            fail(word, "header '" + value + "' has no ':' (expected 'Name: value')");
        }
        std::string header_name = value.substr(0, colon);
        std::size_t start = colon + 1;
        while (start < value.size() && (value[start] == ' ' || value[start] == '\t')) {
            ++start;
        }
        if (header_name.empty() || header_name.find_first_of(" \t") != std::string::npos) {
            fail(word, "header '" + value + "' has no valid name before ':'");
        }
        if (start == value.size()) {
            return; // curl: "Name:" removes a header curl would add; there is none to remove here
        }
        if (http::same_header_name(header_name, "Host") ||
            http::same_header_name(header_name, "Content-Length")) {
            request_.notes.push_back(header_name + " is set by the replay itself");
            return;
        }
        request_.headers.emplace_back(std::move(header_name), value.substr(start));
    }

    void apply(valued kind, const std::string& name, const shell_word& word, const std::string& value) {
        switch (kind) {
        case valued::request:
            set_method(name, word, value);
            break;
        case valued::header:
            add_header(word, value);
            break;
        case valued::data:
            if (value.starts_with("@")) {
                add_data(file_data(word, value.substr(1), true));
            } else {
                add_data(value);
            }
            break;
        case valued::data_raw:
            add_data(value);
            break;
        case valued::data_binary:
            add_data(value.starts_with("@") ? file_data(word, value.substr(1), false) : value);
            break;
        case valued::data_urlencode: {
            const std::size_t eq = value.find('=');
            add_data(eq == std::string::npos
                         ? form_urlencode(value)
                         : value.substr(0, eq + 1) + form_urlencode(value.substr(eq + 1)));
            break;
        }
        case valued::json:
            json_ = true;
            add_data(value.starts_with("@") ? file_data(word, value.substr(1), false) : value);
            if (method_.empty()) {
                method_ = "POST";
            }
            break;
        case valued::user:
            request_.headers.emplace_back("Authorization", "Basic " + base64(value));
            break;
        case valued::cookie:
            if (value.find('=') == std::string::npos) {
                fail(word, name + " '" + value + "': a cookie file is not supported; give 'name=value'");
            }
            request_.headers.emplace_back("Cookie", value);
            break;
        case valued::user_agent:
            request_.headers.emplace_back("User-Agent", value);
            break;
        case valued::referer:
            request_.headers.emplace_back("Referer", value);
            break;
        case valued::url:
            set_url(word, value);
            break;
        case valued::ignored_with_value:
            break;
        }
    }

    std::filesystem::path data_dir_;
    std::vector<shell_word> words_;
    captured_request request_;
    std::string method_;
    std::string data_;
    bool has_data_ = false;
    bool json_ = false;
    bool get_ = false;
};

} // namespace

captured_request parse_curl_command(std::string_view command, const std::filesystem::path& data_dir) {
    return curl_reader(command, data_dir).read();
}

} // namespace harness::repro
