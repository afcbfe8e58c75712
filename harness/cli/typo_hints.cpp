#include "typo_hints.hpp"

#include <algorithm>

namespace harness::cli {

namespace {

// Edits between two words, a swap of neighbours counting as one (the optimal string alignment distance):
// "shwo" is one edit from "show", as a reader sees it.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) {
        d[i][0] = i;
    }
    for (std::size_t j = 0; j <= b.size(); ++j) {
        d[0][j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min(
                {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names) {
        text += (text.empty() ? "" : ", ") + name;
    }
    return text;
}

std::vector<std::string> subcommand_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (!sub->get_group().empty()) { // a hidden one (`completion`, for packaging) is not offered
            names.push_back(sub->get_name());
        }
    }
    return names;
}

std::string command_path(const CLI::App& app) {
    std::string path = app.get_name();
    for (const CLI::App* parent = app.get_parent(); parent != nullptr; parent = parent->get_parent()) {
        path = parent->get_name() + " " + path;
    }
    return path;
}

// The long names of `app`'s options ("--suite"), and whether each takes a value.
std::vector<std::pair<std::string, bool>> long_options(const CLI::App& app) {
    std::vector<std::pair<std::string, bool>> names;
    for (const CLI::Option* option : app.get_options()) {
        for (const std::string& name : option->get_lnames()) {
            names.emplace_back("--" + name, option->get_items_expected_max() > 0);
        }
        for (const std::string& name : option->get_snames()) {
            names.emplace_back("-" + name, option->get_items_expected_max() > 0);
        }
    }
    return names;
}

} // namespace

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = std::min<std::size_t>(3, std::max<std::size_t>(1, word.size() / 3)) + 1;
    for (const std::string& candidate : candidates) {
        const std::size_t distance = edit_distance(word, candidate);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

std::optional<std::string> explain_unknown_words(const CLI::App& app, int argc, const char* const* argv) {
    const CLI::App* current = &app;
    bool value_next = false;
    for (int i = 1; i < argc; ++i) {
        const std::string word = argv[i];
        if (value_next) {
            value_next = false;
            continue;
        }
        if (word == "--") {
            return std::nullopt;
        }
        if (word.size() > 1 && word[0] == '-') {
            const std::string name = word.substr(0, word.find('='));
            std::vector<std::string> names;
            bool known = false;
            for (const CLI::App* scope = current; scope != nullptr && !known; scope = scope->get_parent()) {
                for (const auto& [option, takes_value] : long_options(*scope)) {
                    names.push_back(option);
                    if (option == name) {
                        known = true;
                        value_next = takes_value && word.find('=') == std::string::npos;
                    }
                }
            }
            if (!known) {
                const std::string near = closest(name, names);
                return "unknown option '" + name + "' for '" + command_path(*current) + "'" +
                       (near.empty() ? "" : "; did you mean '" + near + "'?") + " ('" +
                       command_path(*current) + " --help' lists them)";
            }
            continue;
        }
        const std::vector<std::string> subcommands = subcommand_names(*current);
        const auto found = std::find(subcommands.begin(), subcommands.end(), word);
        if (found != subcommands.end()) {
            current = current->get_subcommand(word);
            continue;
        }
        if (!subcommands.empty() && current->get_require_subcommand_min() > 0) {
            const std::string near = closest(word, subcommands);
            return "unknown subcommand '" + word + "' of '" + command_path(*current) + "'" +
                   (near.empty() ? "" : "; did you mean '" + near + "'?") +
                   " (subcommands: " + joined(subcommands) + ")";
        }
        // A positional argument of a leaf command (a file, a URL): CLI11 judges it.
    }
    if (current->get_require_subcommand_min() > 0 && !subcommand_names(*current).empty()) {
        return "'" + command_path(*current) + "' needs a subcommand: " + joined(subcommand_names(*current)) +
               " ('" + command_path(*current) + " --help' says what each does)";
    }
    return std::nullopt;
}

} // namespace harness::cli
