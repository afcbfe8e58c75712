#pragma once
// What the gateway did with the data it was sent, checked on every accepted send: each request field the
// profile says `data` echoes (success.echoed_fields, rule 1) comes back exactly as sent, code point for code
// point after JSON decoding. A field not sent may come back null or absent; for the company field
// (auth.company_pointer) the caller's company may stand there instead. Scenario calls check_echoed_fields on
// each reply, as it calls check_response.

#include "check_outcome.hpp"
#include "harness/contract/operation.hpp"
#include "harness/contract/profile.hpp"
#include "parsed_reply.hpp"

#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace harness::checks {

// "echoed:POINTER": the reply's value at /data + `pointer` is the request's value at `pointer` (`request` is
// the sent body). Not sent (absent or null): null or absent passes, and for the company field a string that
// is `caller_company` (any string when the caller's company is not known, "").
check_outcome echoed_field(const parsed_reply& reply, const boost::json::value& request,
                           const std::string& pointer, bool company_field, std::string_view caller_company);

// Appends one "echoed:POINTER" outcome per profile.echoed_fields when `reply` accepted a send of the
// operation (a 2xx to its method with a JSON object body); nothing otherwise.
void check_echoed_fields(const parsed_reply& reply, const contract::profile& profile,
                         const contract::operation& operation, std::string_view caller_company,
                         check_outcomes& out);

// The same, for a driver that knows what it sent already parsed (load's request templates): `request` is the
// sent body; `reply` must be an accepted send of the operation (the caller tells).
void check_echoed_fields(const parsed_reply& reply, const boost::json::value& request,
                         const contract::profile& profile, std::string_view caller_company,
                         check_outcomes& out);

} // namespace harness::checks
