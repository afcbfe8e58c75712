#pragma once
// Whether one reply of a load run holds every check verify would make on it, answered in one pass without
// allocating, so that `load` can judge every reply at full speed. It parses the body once with simdjson into
// a reused parser (about three times Boost.JSON's speed on a reply) and asks, in the order check_response
// does: a
// status the contract declares, a JSON content type, a JSON body, the schema for the status (compiled once:
// compiled_schema), `success` matching the status, an error object on a failure; then what the reply's
// request kind expects: the echo of the fields it sent (check_echoed_fields) and the error.code of the
// failure it deserves (failure_code).
//
// A body simdjson cannot parse, one Boost.JSON may read differently (json::reads_like_boost) and one whose
// schema uses a keyword the compiled program leaves to valijson are judged over Boost.JSON's parse instead
// (a reused parser over a buffer of its own, released after each reply): the same rules over either parse.
//
// It answers yes or no, never why: on a no, the caller runs those named checks on the reply to learn what
// broke (that path allocates; a run whose replies break the contract fails anyway). A yes is only given
// where every one of those checks would pass; the unit test holds the two to that on replies of every drift.
//
// Not thread-safe: one per thread.

#include "harness/contract/operation.hpp"
#include "harness/contract/profile.hpp"

#include <cstddef>
#include <optional>
#include <simdjson.h>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parser.hpp>
#include <boost/json/value.hpp>

namespace harness::checks {

class reply_judge {
public:
    // `kinds`: how many request kinds replies may come from (0 … kinds-1).
    reply_judge(const contract::operation& operation, std::size_t kinds);

    // A 2xx to `kind` must echo `sent` (the request body the kind sends), as profile's echoed_fields say;
    // a field the kind leaves out may come back as the caller's company where it is the company field.
    void expect_echo(std::size_t kind, const boost::json::value& sent, const contract::profile& profile,
                     std::string caller_company);
    // A reply to `kind` with `status` must carry error.code `code`.
    void expect_failure_code(std::size_t kind, int status, std::string code);

    // True when every check holds. Allocates nothing once its buffers have grown to the replies' size.
    bool holds(int status, bool json_content_type, std::string_view body, std::size_t kind) noexcept;

private:
    struct echoed {
        std::vector<std::string> reply_tokens;  // "/data" + the field's pointer, unescaped token by token
        std::optional<boost::json::value> sent; // nullopt: the kind leaves it out (or sends null)
        bool company = false;                   // the company field: the caller's company may come back
    };
    struct kind_expectations {
        std::vector<echoed> echo;
        std::string caller_company;
        int failure_status = 0;
        std::string failure_code;
    };

    // Over simdjson's parse: nullopt when the body is for Boost.JSON to judge (see above).
    std::optional<bool> holds_over_simdjson(const contract::response_spec& spec, int status,
                                            std::string_view body, std::size_t kind) noexcept;
    bool holds_over_boost(const contract::response_spec& spec, int status, std::string_view body,
                          std::size_t kind) noexcept;
    template <class View>
    bool body_holds(View body, int status, std::size_t kind) const noexcept;
    template <class View>
    bool echo_holds(View body, const kind_expectations& expected) const noexcept;

    const contract::operation& operation_;
    // What the contract declares for each status 100…599, looked up once (nullptr: undeclared or "default").
    std::vector<const contract::response_spec*> declared_;
    std::vector<kind_expectations> kinds_;
    simdjson::dom::parser dom_parser_;
    std::vector<char> padded_; // the body and simdjson's padding after it, grown to the largest reply
    std::vector<unsigned char> buffer_;      // Boost.JSON's parse: its memory, reused for every reply
    boost::json::monotonic_resource memory_; // over buffer_; released before each reply
    boost::json::parser parser_;
};

} // namespace harness::checks
