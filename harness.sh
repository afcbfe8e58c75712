#!/usr/bin/env bash
# One entry point on a fresh Debian 12 machine:
#   ./harness.sh demo            install what is missing, build, run the main job on the built-in default
#   ./harness.sh test            install what is missing, build, run the whole test suite (ctest)
#   ./harness.sh SUBCOMMAND ...  build if needed, then run `harness SUBCOMMAND ...`
# HARNESS_PRESET picks the CMake preset (release, debug, asan); default release.
set -euo pipefail

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
preset="${HARNESS_PRESET:-release}"
build_dir="$root_dir/build/$preset"
package_list="$root_dir/scripts/debian-packages.txt"

log() { printf '[harness.sh] %s\n' "$*" >&2; }

missing_packages() {
    local pkg
    grep -vE '^\s*(#|$)' "$package_list" | while read -r pkg; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            printf '%s\n' "$pkg"
        fi
    done
}

install_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        log "not a Debian system (no dpkg-query): install the packages of $package_list yourself"
        return 0
    fi
    local missing
    missing="$(missing_packages | tr '\n' ' ')"
    if [ -z "${missing// /}" ]; then
        return 0
    fi
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo="sudo"
        else
            log "need root or sudo to install: $missing"
            exit 2
        fi
    fi
    log "installing missing Debian packages: $missing"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # shellcheck disable=SC2086
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
}

build() {
    install_packages
    if [ ! -f "$build_dir/build.ninja" ]; then
        log "configuring (preset $preset)"
        cmake -S "$root_dir" --preset "$preset" >&2
    fi
    log "building (preset $preset)"
    cmake --build "$build_dir" >&2
}

harness_bin() { printf '%s\n' "$build_dir/harness/cli/harness"; }

run_demo() {
    build
    "$root_dir/scripts/demo.sh" "$(harness_bin)" "$root_dir"
}

run_tests() {
    build
    log "running the test suite"
    local jobs
    jobs="$(nproc 2>/dev/null || echo 2)"
    ctest --test-dir "$build_dir" --output-on-failure -j "$jobs"
}

main() {
    local command="${1:-}"
    case "$command" in
        demo) run_demo ;;
        test) run_tests ;;
        build) build ;;
        ""|-h|--help)
            sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
            ;;
        *)
            build
            shift
            exec "$(harness_bin)" "$command" "$@"
            ;;
    esac
}

main "$@"
