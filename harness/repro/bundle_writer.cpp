#include "bundle_writer.hpp"

#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace harness::repro {

void write_bundle(const std::filesystem::path& dir, const bundle_files& files) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::exists(dir, ec)) {
        if (!fs::is_directory(dir, ec) || !fs::is_empty(dir, ec)) {
            throw std::runtime_error("bundle folder " + dir.string() +
                                     " exists and is not empty; choose a new one");
        }
    }
    const fs::path target = dir.has_filename() ? dir : dir.parent_path();
    const fs::path partial =
        target.parent_path() / (target.filename().string() + ".partial-" + std::to_string(getpid()));
    fs::remove_all(partial, ec);
    if (!fs::create_directories(partial, ec) && ec) {
        throw std::runtime_error("cannot create " + partial.string() + ": " + ec.message());
    }
    try {
        for (const auto& [name, content] : files) {
            std::ofstream out(partial / name, std::ios::binary);
            out << content;
            out.close();
            if (!out) {
                throw std::runtime_error("cannot write " + (partial / name).string());
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
