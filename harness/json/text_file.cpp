#include "text_file.hpp"

#include "document_error.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace harness::json {

std::string read_text_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw document_error({file.string(), 0, 0, ""},
                             std::string("cannot read file: ") + std::strerror(errno));
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace harness::json
