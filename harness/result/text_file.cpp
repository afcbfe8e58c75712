#include "text_file.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace harness::result {

std::string read_text_file(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw std::invalid_argument(file + ": cannot read");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace harness::result
