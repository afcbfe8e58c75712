#include "output_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <ostream>
#include <unistd.h>

namespace harness::json {

namespace {

std::string cannot_write(const std::filesystem::path& path, std::string_view what,
                         const std::string& reason) {
    return "cannot write " + std::string(what) + " to " + path.string() + ": " + reason;
}

} // namespace

std::optional<std::string> write_output_file(const std::filesystem::path& path, std::string_view what,
                                             const file_content& write) {
    errno = 0;
    std::ofstream file(path, std::ios::binary);
    if (file) {
        write(file);
        file.flush();
    }
    if (!file) {
        return cannot_write(path, what, errno != 0 ? std::strerror(errno) : "write failed");
    }
    return std::nullopt;
}

std::optional<std::string> write_file_atomically(const std::filesystem::path& path, std::string_view what,
                                                 const file_content& write) {
    const std::filesystem::path partial = path.string() + ".partial-" + std::to_string(::getpid());
    if (auto problem = write_output_file(partial, what, write)) {
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        return problem;
    }
    std::error_code ec;
    std::filesystem::rename(partial, path, ec);
    if (ec) {
        std::filesystem::remove(partial, ec);
        return cannot_write(path, what, ec.message());
    }
    return std::nullopt;
}

std::optional<std::string> output_path_problem(const std::filesystem::path& path, std::string_view what) {
    const std::filesystem::path folder =
        path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
    std::error_code ec;
    std::string reason;
    if (std::filesystem::is_directory(path, ec)) {
        reason = "it is a folder";
    } else if (!std::filesystem::is_directory(folder, ec)) {
        reason = "no such folder " + folder.string();
    } else if (::access(folder.c_str(), W_OK) != 0) {
        reason = "the folder " + folder.string() + " is not writable: " + std::strerror(errno);
    } else if (std::filesystem::exists(path, ec) && ::access(path.c_str(), W_OK) != 0) {
        reason = std::strerror(errno);
    }
    return reason.empty() ? std::nullopt : std::optional<std::string>(cannot_write(path, what, reason));
}

} // namespace harness::json
