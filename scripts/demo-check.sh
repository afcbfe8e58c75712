#!/usr/bin/env bash
# scripts/demo-check.sh (root): runs `./harness.sh demo` as the README's first command does on a fresh Debian 12
# machine, and says what it installed and how long it took. A bare Debian 12 root (scripts/fresh-debian-root.sh)
# gets a clone of this repository's HEAD at /src, and `./harness.sh demo` runs there under chroot: it installs
# its package lists ([build] [runtime] [demo]), builds the binary alone (preset package) and runs the demo.
# Prints the packages apt added, the time of each phase and the demo's exit code; fails if the demo fails or a test peer or test
# library (nginx, Chromium, Java, clang, GoogleTest …) was installed. Not run by CI (about 5 minutes on 2 cores:
# a build from nothing); its figures are in the README.
#   sudo scripts/demo-check.sh
set -euo pipefail
root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
test_only='^(nginx|nginx-.*|chromium|chromium-.*|openjdk-.*|default-jre.*|clang|clang-[0-9]+|libgtest-dev|googletest|libbenchmark-dev|wrk|libhdrhistogram-java|stress-ng|libxml2-utils|nodejs|npm)$'

check_name=demo-check
source "$root_dir/scripts/fresh-debian-root.sh"

make_fresh_root
# A clone, as a user's: committed files only, no build folder, no ccache.
git clone -q "$root_dir" "$chroot_dir/src"
in_root dpkg-query -W -f='${Package}\n' | sort > "$work/before"

demo_code=0
# Each line of the demo's output stamped with the seconds since it started, to tell install, build and run apart.
stamp() {
    local start line
    start="$(date +%s)"
    while IFS= read -r line; do printf '%s %s\n' "$(($(date +%s) - start))" "$line"; done
}
run_demo() {
    set +o pipefail
    in_root sh -c 'cd /src && ./harness.sh demo; echo "demo-exit $?"' 2>&1 | stamp > "$work/demo.log"
    set -o pipefail
    demo_code="$(sed -n 's/^[0-9]* demo-exit //p' "$work/demo.log")"
}
phase demo run_demo

in_root dpkg-query -W -f='${Package}\n' | sort > "$work/after"
comm -13 "$work/before" "$work/after" > "$work/added"
added_kib="$(in_root dpkg-query -W -f='${Installed-Size}\n' $(cat "$work/added") | awk '{s += $1} END {print s}')"
build_started="$(grep -m1 -E '^[0-9]+ \[harness.sh\] building' "$work/demo.log" | cut -d' ' -f1 || true)"
build_ended="$(grep -m1 -E '^[0-9]+ \[[0-9]+/[0-9]+\] Linking CXX executable harness/cli/harness' "$work/demo.log" | cut -d' ' -f1 || true)"
tail -n 15 "$work/demo.log" | sed 's/^/  demo: /' >&2
[ "${demo_code:-1}" = 0 ] || { tail -n 60 "$work/demo.log" >&2; fail "./harness.sh demo exited $demo_code"; }
peers="$(grep -E "$test_only" "$work/added" | tr '\n' ' ' || true)"
[ -z "$peers" ] || fail "the demo installed test peers or test libraries: $peers"
echo "./harness.sh demo on a fresh Debian 12 root (debootstrap minbase): exit 0 in ${took[demo]} s;" \
    "apt added $(wc -l < "$work/added") packages ($((added_kib / 1024)) MiB), none of them a test peer or test library" \
    "(packages installed by ${build_started:-?} s, the binary built by ${build_ended:-?} s, then the demo ran)"
