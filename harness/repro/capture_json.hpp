#pragma once
// The bundle's request.json: the captured request and the request as replayed, both redacted, with the notes
// on what import and replay changed. Format "harness.repro.request", version 1.

#include "captured_request.hpp"
#include "replay.hpp"
#include "secret_redactor.hpp"

#include <string>

namespace harness::repro {

std::string capture_to_json(const captured_request& captured, const replay_request& sent,
                            const secret_redactor& redactor);

} // namespace harness::repro
