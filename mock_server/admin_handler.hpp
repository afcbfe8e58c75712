#pragma once
// The mock's admin API, under /__admin (never under the endpoint's path), and /metrics:
//   GET    /__admin/health                          liveness, uptime, requests answered
//   GET    /__admin/messages                        per conversation: how many messages were ever stored
//   GET    /__admin/messages?conversation=UUID[&limit=N]   that conversation's count and its last N messages
//   GET    /__admin/journal                         the last requests (credentials redacted)
//   GET    /__admin/idempotency                     keys held and keys evicted
//   POST   /__admin/reset                           forget messages, keys, journal and metrics
//   GET    /__admin/faults                          the fault rules in force
//   PUT    /__admin/faults  {"faults": ["SPEC", …]} replace them (400 naming the bad spec, nothing changed)
//   DELETE /__admin/faults                          clear them
//   GET    /metrics                                 Prometheus text exposition
// Faults never apply to these routes.

#include "request_handler.hpp"

#include <string_view>

namespace harness::mock {

bool is_admin_target(std::string_view path);

mock_response handle_admin(const mock_request& request, mock_state& state);

} // namespace harness::mock
