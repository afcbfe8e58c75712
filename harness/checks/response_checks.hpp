#pragma once
// The checks made on every response of every suite, whatever the case expects: it arrived; its status is one
// the contract declares; it is JSON with a JSON content type; it conforms to the contract's schema for its
// status; `success` is true exactly for 2xx; a failure carries an error whose errorId was never seen before
// in the run. Each check accepts everything the contract and profile allow (charset parameters, extra fields,
// null where nullable, absent where optional).

#include "check_outcome.hpp"
#include "harness/contract/operation.hpp"
#include "harness/http/exchange.hpp"
#include "parsed_reply.hpp"

#include <mutex>
#include <string>
#include <unordered_set>

namespace harness::checks {

// What checks remember across a whole run. Thread-safe.
class run_memory {
public:
    // False when the errorId was seen before.
    bool remember_error_id(const std::string& error_id);

private:
    std::mutex mutex_;
    std::unordered_set<std::string> error_ids_;
};

struct response_check_options {
    bool schema = true;          // validate the body against the contract's schema for its status
    bool error_id_unique = true; // remember every errorId (a load run's millions of failures would not fit)
};

// Appends one outcome per check to `out`, each recording the reply's index.
void check_response(const contract::operation& operation, const parsed_reply& reply,
                    const response_check_options& options, run_memory& memory, check_outcomes& out);

// "transport" (failed): no complete response arrived; call for a reply that is not answered().
check_outcome transport_failure(const parsed_reply& reply);

} // namespace harness::checks
