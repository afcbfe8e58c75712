#include "document_error.hpp"

namespace harness::json {

std::string source_location::to_string() const {
    std::string text = file;
    if (line > 0) {
        text += ':' + std::to_string(line);
        if (column > 0) {
            text += ':' + std::to_string(column);
        }
    }
    if (!pointer.empty()) {
        text += (text.empty() ? "" : ": ") + pointer;
    }
    return text;
}

document_error::document_error(source_location where, const std::string& message)
    : std::invalid_argument(where.to_string().empty() ? message : where.to_string() + ": " + message),
      where_(std::move(where)), message_(message) {}

} // namespace harness::json
