#pragma once
// The mock's world: projects (each of a company, with conversations) and the tokens callers present.
// Loaded from YAML (or the built-in set); read-only while the server runs, so lookups need no lock.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace harness::json {
class source_document;
}

namespace harness::mock {

struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
        return std::hash<std::string_view>{}(text);
    }
};

using string_set = std::unordered_set<std::string, string_hash, std::equal_to<>>;

struct project_fixture {
    std::string uuid;
    std::string company;
    std::vector<std::string> conversations; // in file order, for printing
    string_set conversation_set;
    // Conversations every send to fails with the profile's internal error (500): the input verify needs to
    // see a 500's envelope (--failing-conversation).
    std::vector<std::string> failing_conversations;
    string_set failing_conversation_set;
};

struct token_fixture {
    std::string name; // a label for people and scripts ("operator", "expired", …)
    std::string token;
    std::string caller; // who the token authenticates; idempotency keys are scoped by it
    std::vector<std::string> projects;
    string_set project_set;
    std::optional<std::int64_t> expires_at_ms; // epoch milliseconds; absent = never
};

class fixtures {
public:
    // Throws json::document_error (file:line: pointer: message) for a malformed file.
    static fixtures load(const std::filesystem::path& path);
    static fixtures parse(std::string_view text, std::string name);
    static fixtures builtin();

    const project_fixture* find_project(std::string_view uuid) const;
    // Compares against every token in constant time (no early exit, no hash of the secret).
    const token_fixture* find_token(std::string_view token) const;
    const token_fixture* find_token_by_name(std::string_view name) const;

    const std::vector<project_fixture>& projects() const noexcept { return projects_; }
    const std::vector<token_fixture>& tokens() const noexcept { return tokens_; }
    const std::string& source() const noexcept { return source_; }

    // The fixtures as YAML, in the format `load` reads.
    std::string to_yaml() const;

private:
    static fixtures from_document(const harness::json::source_document& doc);

    std::string source_;
    std::vector<project_fixture> projects_;
    std::vector<token_fixture> tokens_;
    std::unordered_map<std::string, std::size_t, string_hash, std::equal_to<>> project_index_;
};

} // namespace harness::mock
