#!/usr/bin/env bash
# Fails (exit 1) when a tracked C++ file differs from what clang-format (.clang-format) makes of it, naming the
# files; `scripts/check-format.sh --fix` rewrites them instead. CI runs the check before the build.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v clang-format >/dev/null 2>&1; then
    echo "check-format: clang-format is not installed (Debian: apt-get install clang-format)" >&2
    exit 2
fi
mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
if [ "${1:-}" = "--fix" ]; then
    clang-format -i "${files[@]}"
    exit 0
fi
if ! clang-format --dry-run -Werror "${files[@]}" 2> /tmp/check-format.$$; then
    grep -oE '^[^:]+\.(c|h)pp' /tmp/check-format.$$ | sort -u | sed 's/^/  not formatted: /' >&2
    rm -f /tmp/check-format.$$
    echo "check-format: run scripts/check-format.sh --fix" >&2
    exit 1
fi
rm -f /tmp/check-format.$$
echo "check-format: ${#files[@]} files formatted as .clang-format says"
