#include "result_file.hpp"

#include "harness/json/document_reader.hpp"
#include "harness/json/source_document.hpp"

namespace harness::result {

result_format result_format_of(const std::string& file) {
    const json::source_document document = json::source_document::read(file);
    const json::document_reader reader(document);
    const auto& root = reader.mapping(document.root(), "");
    const std::string format = reader.string(reader.member(root, "", "format"), "/format");
    if (format == "harness.verify") {
        return result_format::verify;
    }
    if (format == "harness.load") {
        return result_format::load;
    }
    reader.fail("/format", "'" + format + "' is not a harness result (harness.verify or harness.load)");
}

} // namespace harness::result
