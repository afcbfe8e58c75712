# The ids and tokens of the mock's built-in fixtures (mock_server/default_fixtures.yaml): the one copy the tests
# hold. Sourced by the shell tests (source "$(dirname "${BASH_SOURCE[0]}")/builtin_ids.sh"), read by the Python
# tests and by CMake, which writes tests/support/builtin_ids.hpp of it for the C++ tests and gives CMake patterns
# ${builtin_project} and the rest. tests/unit/mock_server/mock_components_test.cpp checks every value against the
# fixtures the mock serves (fixtures.builtin_set_has_the_documented_entries). Only NAME=VALUE lines, unquoted.

# the first project, its company and conversations
builtin_project=7f3c1a2e-0b4d-4c8e-9a1f-2d3e4f5a6b7c
builtin_company=c0a80101-0000-4000-8000-00000000c0de
builtin_conversation=5b2e8f10-6c3d-4a9e-b1f2-3c4d5e6f7a8b
builtin_conversation_2=9d4f6a21-7e5b-4c0d-a2e3-4f5a6b7c8d9e
# verify --under-load's background load goes there (--load-conversation)
builtin_load_conversation=4c7d9e2f-8a1b-4c3d-9e5f-0a1b2c3d4e5f
# every send to it fails with the profile's internal error (verify --failing-conversation)
builtin_failing_conversation=0e1f2a3b-4c5d-4e6f-8a9b-500500500500
# the second project (another company) and its conversation
builtin_other_project=2a6b8c0d-1e3f-4a5b-8c7d-9e0f1a2b3c4d
builtin_other_company=c0a80102-0000-4000-8000-00000000beef
builtin_other_conversation=3e5f7a9b-2c4d-4e6f-9a8b-0c1d2e3f4a5b
# tokens, by their fixture names: operator, second_operator (same access), other_project, expired
builtin_token=mock-token-operator-1
builtin_token_2=mock-token-operator-2
builtin_other_project_token=mock-token-other-project
builtin_expired_token=mock-token-expired
