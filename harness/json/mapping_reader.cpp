#include "mapping_reader.hpp"

#include "pointer.hpp"

namespace harness::json {

mapping_reader::mapping_reader(const document_reader& reader, const boost::json::value& v,
                               std::string pointer)
    : reader_(reader), object_(reader.mapping(v, pointer)), pointer_(std::move(pointer)) {}

std::string mapping_reader::pointer_of(std::string_view key) const {
    return append_pointer(pointer_, key);
}

const boost::json::value* mapping_reader::find(std::string_view key) const noexcept {
    const boost::json::value* v = object_.if_contains(key);
    return v != nullptr && !v->is_null() ? v : nullptr;
}

const boost::json::value& mapping_reader::at(std::string_view key) const {
    return reader_.member(object_, pointer_, key);
}

mapping_reader mapping_reader::mapping(std::string_view key) const {
    return mapping_reader(reader_, at(key), pointer_of(key));
}

const boost::json::array& mapping_reader::list(std::string_view key) const {
    return reader_.list(at(key), pointer_of(key));
}

std::string mapping_reader::string(std::string_view key) const {
    return reader_.string(at(key), pointer_of(key), true);
}

double mapping_reader::number(std::string_view key) const {
    return reader_.number(at(key), pointer_of(key));
}

std::uint64_t mapping_reader::count(std::string_view key) const {
    return reader_.count(at(key), pointer_of(key));
}

bool mapping_reader::boolean(std::string_view key) const {
    return reader_.boolean(at(key), pointer_of(key));
}

std::string mapping_reader::string_or(std::string_view key, std::string fallback) const {
    const boost::json::value* v = find(key);
    return v != nullptr ? reader_.string(*v, pointer_of(key), true) : std::move(fallback);
}

double mapping_reader::number_or(std::string_view key, double fallback) const {
    const boost::json::value* v = find(key);
    return v != nullptr ? reader_.number(*v, pointer_of(key)) : fallback;
}

std::uint64_t mapping_reader::count_or(std::string_view key, std::uint64_t fallback) const {
    const boost::json::value* v = find(key);
    return v != nullptr ? reader_.count(*v, pointer_of(key)) : fallback;
}

bool mapping_reader::boolean_or(std::string_view key, bool fallback) const {
    const boost::json::value* v = find(key);
    return v != nullptr ? reader_.boolean(*v, pointer_of(key)) : fallback;
}

void mapping_reader::fail(std::string_view key, const std::string& message) const {
    reader_.fail(key.empty() ? pointer_ : pointer_of(key), message);
}

} // namespace harness::json
