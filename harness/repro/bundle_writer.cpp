#include "bundle_writer.hpp"

#include "harness/json/output_file.hpp"

#include <ostream>
#include <stdexcept>
#include <unistd.h>

namespace harness::repro {

void check_bundle_folder(const std::filesystem::path& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::exists(dir, ec)) {
        if (!fs::is_directory(dir, ec)) {
            throw std::runtime_error("bundle folder " + dir.string() + " is a file; choose a new folder");
        }
        if (!fs::is_empty(dir, ec)) {
            throw std::runtime_error("bundle folder " + dir.string() +
                                     " exists and is not empty; choose a new one");
        }
        return;
    }
    // The folders that do not exist yet are created; the nearest one that does must be a writable folder.
    fs::path parent = fs::absolute(dir, ec).parent_path();
    while (!parent.empty() && !fs::exists(parent, ec) && parent != parent.parent_path()) {
        parent = parent.parent_path();
    }
    if (!fs::is_directory(parent, ec)) {
        throw std::runtime_error("bundle folder " + dir.string() + " cannot be made: " + parent.string() +
                                 " is a file");
    }
    if (::access(parent.c_str(), W_OK) != 0) {
        throw std::runtime_error("bundle folder " + dir.string() + " cannot be made: " + parent.string() +
                                 " is not writable");
    }
}

void write_bundle(const std::filesystem::path& dir, const bundle_files& files) {
    namespace fs = std::filesystem;
    std::error_code ec;
    check_bundle_folder(dir); // again: the folder may have changed while the replays ran
    const fs::path target = dir.has_filename() ? dir : dir.parent_path();
    const fs::path partial =
        target.parent_path() / (target.filename().string() + ".partial-" + std::to_string(getpid()));
    fs::remove_all(partial, ec);
    if (!fs::create_directories(partial, ec) && ec) {
        throw std::runtime_error("cannot create " + partial.string() + ": " + ec.message());
    }
    try {
        for (const auto& [name, content] : files) {
            const std::string& text = content; // a lambda may not capture a structured binding (clang 14)
            if (auto problem = json::write_output_file(partial / name, name,
                                                       [&text](std::ostream& out) { out << text; })) {
                throw std::runtime_error(*problem);
            }
        }
        fs::remove(target, ec); // the empty folder, if there was one
        fs::rename(partial, target, ec);
        if (ec) {
            throw std::runtime_error("cannot move the bundle into " + target.string() + ": " + ec.message());
        }
    } catch (...) {
        fs::remove_all(partial, ec);
        throw;
    }
}

} // namespace harness::repro
