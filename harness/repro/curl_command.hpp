#pragma once
// Reads a curl command line into a captured request: what browsers' "copy as cURL" (bash) and people write.
// Understood: -X/--request, -H/--header, -d/--data/--data-raw/--data-binary/--data-ascii/--data-urlencode,
// --json, -u/--user, -b/--cookie, -A/--user-agent, -e/--referer, -k/--insecure, --url, --compressed, and
// harmless output options (-s, -S, -v, -i, -L, --http1.1, …), which are ignored with a note. Anything else is
// an error naming the option and where it is, never silently dropped.

#include "captured_request.hpp"

#include <filesystem>
#include <string_view>

namespace harness::repro {

// `data_dir` is where `-d @file` names are looked up. Throws repro_input_error.
captured_request parse_curl_command(std::string_view command, const std::filesystem::path& data_dir = ".");

} // namespace harness::repro
