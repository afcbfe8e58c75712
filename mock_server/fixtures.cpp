#include "fixtures.hpp"

#include "harness/json/document_error.hpp"
#include "harness/json/document_reader.hpp"
#include "harness/json/pointer.hpp"
#include "harness/json/source_document.hpp"

#include <sstream>

#include <openssl/crypto.h>

namespace harness::mock {

namespace embedded {
extern const std::string_view default_fixtures;
} // namespace embedded

namespace {

using boost::json::object;
using boost::json::value;
using harness::json::append_pointer;
using harness::json::document_error;
using harness::json::source_document;

class fixture_reader : harness::json::document_reader {
public:
    explicit fixture_reader(const source_document& doc) : document_reader(doc) {}

    void read(std::vector<project_fixture>& projects, std::vector<token_fixture>& tokens) {
        const object& root = mapping(document().root(), "");
        for (const auto& member : root) {
            if (member.key() != "projects" && member.key() != "tokens") {
                fail(append_pointer("", member.key()),
                     "unknown key '" + std::string(member.key()) + "' (expected projects, tokens)");
            }
        }
        const value* project_list = root.if_contains("projects");
        const value* token_list = root.if_contains("tokens");
        if (project_list == nullptr || token_list == nullptr) {
            fail("", "fixtures need both 'projects' and 'tokens'");
        }
        for_each_item(*project_list, "/projects",
                      [&](const object& o, const std::string& p) { projects.push_back(read_project(o, p)); });
        for_each_item(*token_list, "/tokens",
                      [&](const object& o, const std::string& p) { tokens.push_back(read_token(o, p)); });
    }

    // Checks references between entries once everything is read.
    void check(const std::vector<project_fixture>& projects, const std::vector<token_fixture>& tokens) {
        string_set project_ids;
        for (std::size_t i = 0; i < projects.size(); ++i) {
            if (!project_ids.insert(projects[i].uuid).second) {
                fail("/projects/" + std::to_string(i) + "/uuid",
                     "duplicate project '" + projects[i].uuid + "'");
            }
        }
        string_set token_values;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            const std::string pointer = "/tokens/" + std::to_string(i);
            if (!token_values.insert(tokens[i].token).second) {
                fail(pointer + "/token", "duplicate token");
            }
            for (std::size_t j = 0; j < tokens[i].projects.size(); ++j) {
                if (!project_ids.contains(tokens[i].projects[j])) {
                    fail(pointer + "/projects/" + std::to_string(j),
                         "token grants unknown project '" + tokens[i].projects[j] + "'");
                }
            }
        }
    }

private:
    template <typename Fn>
    void for_each_item(const value& list, const std::string& pointer, Fn fn) {
        if (!list.is_array()) {
            fail(pointer, "expected a list");
        }
        for (std::size_t i = 0; i < list.as_array().size(); ++i) {
            const std::string item_pointer = append_pointer(pointer, i);
            fn(mapping(list.as_array()[i], item_pointer), item_pointer);
        }
    }

    project_fixture read_project(const object& o, const std::string& pointer) {
        project_fixture project;
        for (const auto& member : o) {
            const std::string p = append_pointer(pointer, member.key());
            if (member.key() == "uuid") {
                project.uuid = string(member.value(), p);
            } else if (member.key() == "company") {
                project.company = string(member.value(), p);
            } else if (member.key() == "conversations") {
                project.conversations = strings(member.value(), p);
            } else if (member.key() == "failing_conversations") {
                project.failing_conversations = strings(member.value(), p);
            } else {
                fail(p, "unknown key '" + std::string(member.key()) +
                            "' (expected uuid, company, conversations, failing_conversations)");
            }
        }
        if (project.uuid.empty() || project.company.empty()) {
            fail(pointer, "a project needs 'uuid' and 'company'");
        }
        project.conversation_set.insert(project.conversations.begin(), project.conversations.end());
        project.failing_conversation_set.insert(project.failing_conversations.begin(),
                                                project.failing_conversations.end());
        return project;
    }

    token_fixture read_token(const object& o, const std::string& pointer) {
        token_fixture token;
        for (const auto& member : o) {
            const std::string p = append_pointer(pointer, member.key());
            if (member.key() == "name") {
                token.name = string(member.value(), p);
            } else if (member.key() == "token") {
                token.token = string(member.value(), p);
            } else if (member.key() == "caller") {
                token.caller = string(member.value(), p);
            } else if (member.key() == "projects") {
                token.projects = strings(member.value(), p);
            } else if (member.key() == "expires_at_ms") {
                if (!member.value().is_int64()) {
                    fail(p, "expected epoch milliseconds (a whole number)");
                }
                token.expires_at_ms = member.value().as_int64();
            } else {
                fail(p, "unknown key '" + std::string(member.key()) +
                            "' (expected name, token, caller, projects, expires_at_ms)");
            }
        }
        if (token.token.empty() || token.caller.empty()) {
            fail(pointer, "a token needs 'token' and 'caller'");
        }
        if (token.name.empty()) {
            token.name = token.caller;
        }
        token.project_set.insert(token.projects.begin(), token.projects.end());
        return token;
    }
};

// Every value printed is double-quoted, so tokens and ids with YAML punctuation survive a round trip.
std::string yaml_quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

} // namespace

fixtures fixtures::from_document(const harness::json::source_document& doc) {
    fixtures result;
    result.source_ = doc.name();
    fixture_reader reader(doc);
    reader.read(result.projects_, result.tokens_);
    reader.check(result.projects_, result.tokens_);
    for (std::size_t i = 0; i < result.projects_.size(); ++i) {
        result.project_index_.emplace(result.projects_[i].uuid, i);
    }
    return result;
}

fixtures fixtures::parse(std::string_view text, std::string name) {
    return from_document(source_document::parse(text, std::move(name)));
}

fixtures fixtures::load(const std::filesystem::path& path) {
    return from_document(source_document::read(path));
}

fixtures fixtures::builtin() {
    return parse(embedded::default_fixtures, "mock_server/default_fixtures.yaml (built-in)");
}

const project_fixture* fixtures::find_project(std::string_view uuid) const {
    auto it = project_index_.find(uuid);
    return it == project_index_.end() ? nullptr : &projects_[it->second];
}

const token_fixture* fixtures::find_token(std::string_view token) const {
    // Every known token is compared, each in constant time, so the answer's timing does not tell a caller how
    // much of a guess was right.
    const token_fixture* found = nullptr;
    for (const token_fixture& candidate : tokens_) {
        const bool same_size = candidate.token.size() == token.size();
        const bool same = same_size && CRYPTO_memcmp(candidate.token.data(), token.data(), token.size()) == 0;
        found = same ? &candidate : found;
    }
    return found;
}

const token_fixture* fixtures::find_token_by_name(std::string_view name) const {
    for (const token_fixture& t : tokens_) {
        if (t.name == name) {
            return &t;
        }
    }
    return nullptr;
}

std::string fixtures::to_yaml() const {
    std::ostringstream out;
    out << "# fixtures of harness mock, from " << source_ << "\n";
    out << "projects:\n";
    for (const project_fixture& p : projects_) {
        out << "  - uuid: " << yaml_quoted(p.uuid) << "\n    company: " << yaml_quoted(p.company)
            << "\n    conversations:\n";
        for (const std::string& c : p.conversations) {
            out << "      - " << yaml_quoted(c) << "\n";
        }
        if (!p.failing_conversations.empty()) {
            out << "    failing_conversations:\n";
            for (const std::string& c : p.failing_conversations) {
                out << "      - " << yaml_quoted(c) << "\n";
            }
        }
    }
    out << "tokens:\n";
    for (const token_fixture& t : tokens_) {
        out << "  - name: " << yaml_quoted(t.name) << "\n    token: " << yaml_quoted(t.token)
            << "\n    caller: " << yaml_quoted(t.caller) << "\n    projects: [";
        for (std::size_t i = 0; i < t.projects.size(); ++i) {
            out << (i ? ", " : "") << yaml_quoted(t.projects[i]);
        }
        out << "]\n";
        if (t.expires_at_ms) {
            out << "    expires_at_ms: " << *t.expires_at_ms << "\n";
        }
    }
    return out.str();
}

} // namespace harness::mock
