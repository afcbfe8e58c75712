#include "output_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <ostream>
#include <unistd.h>

namespace harness::cli {

bool write_output_file(const std::filesystem::path& path, std::string_view what, std::ostream& err,
                       const std::function<void(std::ostream&)>& write) {
    errno = 0;
    std::ofstream file(path, std::ios::binary);
    if (file) {
        write(file);
        file.flush();
    }
    if (!file) {
        err << "error: cannot write " << what << " to " << path.string() << ": "
            << (errno != 0 ? std::strerror(errno) : "write failed") << "\n";
        return false;
    }
    return true;
}

bool output_path_usable(const std::filesystem::path& path, std::string_view what, std::ostream& err) {
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
    if (reason.empty()) {
        return true;
    }
    err << "error: cannot write " << what << " to " << path.string() << ": " << reason << "\n";
    return false;
}

} // namespace harness::cli
