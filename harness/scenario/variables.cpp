#include "variables.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <random>

namespace harness::scenario {

namespace {

// One generator per thread; verify seeds the thread that runs its cases from the run id.
std::mt19937_64& uuid_engine() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return engine;
}

} // namespace

void seed_random_uuids(std::uint64_t seed) {
    uuid_engine().seed(seed);
}

std::string random_uuid() {
    std::mt19937_64& engine = uuid_engine();
    static constexpr char hex[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    const std::uint64_t parts[2] = {(engine() & 0xFFFFFFFFFFFF0FFFULL) | 0x4000ULL,
                                    (engine() & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL};
    for (int i = 0; i < 32; ++i) {
        if (i == 8 || i == 12 || i == 16 || i == 20) {
            text += '-';
        }
        text += hex[(parts[i / 16] >> (60 - 4 * (i % 16))) & 0xF];
    }
    return text;
}

namespace {

std::string mixed_text(std::size_t characters) {
    // Characters of 1 to 4 UTF-8 bytes, so length checks and encoders are exercised.
    static constexpr std::string_view pieces[] = {"a", "Я", "ж", "字", "😀", " ", "é", "Z"};
    std::string text;
    for (std::size_t i = 0; i < characters; ++i) {
        text += pieces[i % std::size(pieces)];
    }
    return text;
}

} // namespace

std::string variables::expand(std::string_view text) {
    std::string out;
    std::size_t position = 0;
    while (true) {
        const std::size_t open = text.find("${", position);
        if (open == std::string_view::npos) {
            out += text.substr(position);
            return out;
        }
        if (open > position && text[open - 1] == '$') {
            // "$${" is a literal "${" (captured requests may contain one); the first '$' is already in `out`.
            out += text.substr(position, open - position);
            out += '{';
            position = open + 2;
            continue;
        }
        const std::size_t close = text.find('}', open);
        if (close == std::string_view::npos) {
            throw std::invalid_argument("unterminated ${ in '" + std::string(text) + "'");
        }
        out += text.substr(position, open - position);
        const std::string_view name = text.substr(open + 2, close - open - 2);
        if (name == "uuid") {
            out += random_uuid();
        } else if (name.starts_with("uuid:")) {
            auto [it, inserted] = named_uuids_.try_emplace(std::string(name.substr(5)));
            if (inserted) {
                it->second = random_uuid();
            }
            out += it->second;
        } else if (name.starts_with("env:")) {
            const std::string variable(name.substr(4));
            const char* value = std::getenv(variable.c_str());
            if (value == nullptr) {
                throw std::invalid_argument("environment variable " + variable + " is not set");
            }
            out += value;
        } else if (name.starts_with("text:")) {
            std::size_t count = 0;
            const std::string_view digits = name.substr(5);
            auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
            if (ec != std::errc() || end != digits.data() + digits.size() || count > 10'000'000) {
                throw std::invalid_argument("${text:N} needs a length, got '" + std::string(name) + "'");
            }
            out += mixed_text(count);
        } else {
            auto it = values_.find(std::string(name));
            if (it == values_.end()) {
                throw std::invalid_argument("unknown variable ${" + std::string(name) + "}");
            }
            out += it->second;
        }
        position = close + 1;
    }
}

const std::vector<std::string>& target_variable_names() {
    static const std::vector<std::string> names = {"project",
                                                   "conversation",
                                                   "conversation_2",
                                                   "company",
                                                   "token",
                                                   "second_token",
                                                   "other_project_token",
                                                   "expired_token",
                                                   "failing_conversation"};
    return names;
}

std::string unknown_variable(std::string_view text, const std::vector<std::string>& captured) {
    std::size_t position = 0;
    while (true) {
        const std::size_t open = text.find("${", position);
        if (open == std::string_view::npos) {
            return "";
        }
        if (open > 0 && text[open - 1] == '$') {
            position = open + 2;
            continue;
        }
        const std::size_t close = text.find('}', open);
        if (close == std::string_view::npos) {
            return std::string(text.substr(open));
        }
        const std::string name(text.substr(open + 2, close - open - 2));
        const auto listed = [&](const std::vector<std::string>& names) {
            return std::find(names.begin(), names.end(), name) != names.end();
        };
        const bool text_length = name.starts_with("text:") && name.size() > 5 &&
                                 name.find_first_not_of("0123456789", 5) == std::string::npos;
        const bool known = name == "uuid" || (name.starts_with("uuid:") && name.size() > 5) ||
                           (name.starts_with("env:") && name.size() > 4) || text_length ||
                           listed(target_variable_names()) || listed(captured);
        if (!known) {
            return "${" + name + "}";
        }
        position = close + 1;
    }
}

boost::json::value variables::expand(const boost::json::value& json) {
    switch (json.kind()) {
    case boost::json::kind::string:
        return boost::json::string(expand(std::string_view(json.as_string())));
    case boost::json::kind::array: {
        boost::json::array out;
        for (const auto& item : json.as_array()) {
            out.push_back(expand(item));
        }
        return out;
    }
    case boost::json::kind::object: {
        boost::json::object out;
        for (const auto& member : json.as_object()) {
            out[expand(std::string_view(member.key()))] = expand(member.value());
        }
        return out;
    }
    default:
        return json;
    }
}

} // namespace harness::scenario
