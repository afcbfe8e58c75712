#include "output_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

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

} // namespace harness::cli
