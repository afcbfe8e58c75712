#!/usr/bin/env bash
# One entry point on a fresh Debian 12 machine:
#   ./harness.sh demo            install what is missing, build, run the main job on the built-in default
#   ./harness.sh test            install what is missing, build, run the whole test suite (ctest)
#   ./harness.sh sanitizers      the whole suite under ASan+UBSan, the concurrent parts under TSan (CI runs it)
#   ./harness.sh fuzz [SECONDS]  every libFuzzer target for SECONDS (default 60) with clang-14 (CI: 20 s each)
#   ./harness.sh package         the Debian package build/package/harness_*.deb (apt-get install ./harness_*.deb)
#   ./harness.sh SUBCOMMAND ...  build if needed, then run `harness SUBCOMMAND ...`
# HARNESS_PRESET picks the CMake preset (release, debug, asan, package); default release for test, package (the
# binary alone) for demo and subcommands. Packages come from scripts/debian-packages.txt, by purpose.
set -euo pipefail

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
preset="${HARNESS_PRESET:-release}"
build_dir="$root_dir/build/$preset"
use_default_preset() { # PRESET: used unless HARNESS_PRESET names one
    preset="${HARNESS_PRESET:-$1}"
    build_dir="$root_dir/build/$preset"
}
package_list="$root_dir/scripts/debian-packages.txt"
# ccache (when installed) hashes paths relative to the checkout, so a fresh clone elsewhere reuses what an earlier
# build of the same sources compiled.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$root_dir}"

log() { printf '[harness.sh] %s\n' "$*" >&2; }

packages_of() { # SECTION: the packages of one [SECTION] of the list
    awk -v want="[$1]" '/^\[/ {section = $1; next} section == want && !/^[[:space:]]*(#|$)/ {print $1}' "$package_list"
}

# What a build of the current preset needs: the package preset builds the binary alone; the others also build
# the tests and benchmarks.
build_sections() {
    if [ "$preset" = package ]; then echo build runtime; else echo build runtime test-build; fi
}

missing_packages() { # SECTION...: one dpkg-query for them all (every subcommand call runs this)
    local wanted installed section
    wanted="$(for section in "$@"; do packages_of "$section"; done | sort -u)"
    # shellcheck disable=SC2086
    installed="$(dpkg-query -W -f='${Package} ${Status}\n' $wanted 2>/dev/null | awk '/install ok installed$/ {print $1}' |
        sort -u)"
    comm -23 <(printf '%s\n' "$wanted") <(printf '%s\n' "$installed")
}

install_packages() { # SECTION...: the sections of the list this command needs
    if ! command -v dpkg-query >/dev/null 2>&1; then
        log "not a Debian system (no dpkg-query): install the packages of $package_list ($*) yourself"
        return 0
    fi
    local missing section
    missing="$(missing_packages "$@" | tr '\n' ' ')"
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
    for section in "$@"; do # each purpose's missing part, before anything is installed
        local part
        part="$(comm -12 <(packages_of "$section" | sort -u) <(printf '%s\n' $missing | sort -u) | tr '\n' ' ')"
        [ -z "${part// /}" ] || log "missing [$section]: $part"
    done
    log "installing missing Debian packages: $missing"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # nginx is a test peer, started by the tests on loopback ports: its package must not start the system
    # service (port 80). Debian's invoke-rc.d asks /usr/sbin/policy-rc.d; 101 means "not now". A policy of the
    # machine's own is left alone.
    local policy=/usr/sbin/policy-rc.d placed=""
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" > /dev/null && $sudo chmod 755 "$policy" && placed=1
    fi
    local code=0
    # shellcheck disable=SC2086
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing || code=$?
    if [ -n "$placed" ]; then
        $sudo rm -f "$policy"
    fi
    return "$code"
}

build_preset() { # PRESET
    local name="$1" dir="$root_dir/build/$1"
    if [ ! -f "$dir/build.ninja" ]; then
        log "configuring (preset $name)"
        cmake -S "$root_dir" --preset "$name" >&2
    fi
    log "building (preset $name)"
    cmake --build "$dir" >&2
}

build() {
    # shellcheck disable=SC2046
    install_packages $(build_sections)
    build_preset "$preset"
}

# Before running a subcommand: builds only what changed, and says nothing when nothing did (the subcommand's own
# output comes first); a build that fails shows its whole log.
build_quietly() {
    # shellcheck disable=SC2046
    install_packages $(build_sections) demo
    local dir="$root_dir/build/$preset" output
    if [ ! -f "$dir/build.ninja" ]; then
        build_preset "$preset"
        return
    fi
    if ! output="$(cmake --build "$dir" 2>&1)"; then
        printf '%s\n' "$output" >&2
        log "the build failed (preset $preset)"
        exit 2
    fi
    # The version stamp runs on every build (the commit may change without CMake knowing) and rewrites nothing
    # when the commit is the same: a build that ran only that step changed nothing.
    grep -v 'Stamping the version and git commit' <<<"$output" | grep -q '^\[[0-9]*/[0-9]*\]' &&
        log "rebuilt what changed (preset $preset)"
    return 0
}

harness_bin() { printf '%s\n' "$build_dir/harness/cli/harness"; }

run_demo() {
    use_default_preset package
    # shellcheck disable=SC2046
    install_packages $(build_sections) demo
    build_preset "$preset"
    "$root_dir/scripts/demo.sh" "$(harness_bin)" "$root_dir"
}

# Everything the suite, the format check, the sanitizer jobs and the fuzz run call (not the benchmark peers).
all_test_sections=(build runtime demo test-build test)

run_tests() {
    install_packages "${all_test_sections[@]}"
    build_preset "$preset"
    log "running the test suite"
    local jobs
    jobs="$(nproc 2>/dev/null || echo 2)"
    ctest --test-dir "$build_dir" --output-on-failure -j "$jobs"
}

# The mock, the load generator, the driver and idempotency are where threads meet: they run under TSan.
tsan_tests='^(mock_server|faulted_mock|mock_race|mock_abuse|http_client|tls_client|idempotency_store|handler|admin|injected_faults|h2_session)\.|^cli\.(load_end_to_end|load_shards_merge|repro_end_to_end|verify_catches_every_drift|chaos_matrix|verify_load_http2|mock_http2_peers|load_http2_streams|nginx_http2)$'

run_sanitizers() {
    install_packages "${all_test_sections[@]}"
    local jobs
    jobs="$(nproc 2>/dev/null || echo 2)"
    build_preset asan
    log "running the whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer"
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --test-dir "$root_dir/build/asan" --output-on-failure -j "$jobs" -LE timing
    build_preset tsan
    log "running the mock, load, driver and idempotency tests under ThreadSanitizer"
    # GCC 12's TSan cannot map its shadow memory under the wide address randomisation of recent kernels;
    # setarch -R turns randomisation off for the tests only.
    local no_aslr=()
    if setarch "$(uname -m)" -R true 2>/dev/null; then
        no_aslr=(setarch "$(uname -m)" -R)
    fi
    # Every drift takes a whole verify, about 40 s each under TSan: one drift in 6 keeps the mock's drifted paths
    # under it (all 44 run in the release and ASan suites).
    HARNESS_DRIFT_SAMPLE=6 TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 "${no_aslr[@]}" \
        ctest --test-dir "$root_dir/build/tsan" --output-on-failure -j "$jobs" -R "$tsan_tests"
}

run_fuzz() {
    install_packages "${all_test_sections[@]}"
    "$root_dir/scripts/fuzz.sh" "${1:-60}"
}

# The Debian package, always from the package preset (the binary alone: no tests, no benchmarks built).
run_package() {
    preset=package
    build_dir="$root_dir/build/package"
    install_packages build runtime
    build_preset package
    log "packaging (cpack)"
    rm -f "$build_dir"/harness_*.deb
    (cd "$build_dir" && cpack -G DEB > cpack.log 2>&1) || { cat "$build_dir/cpack.log" >&2; exit 2; }
    ls "$build_dir"/harness_*.deb
}

main() {
    local command="${1:-}"
    case "$command" in
        demo) run_demo ;;
        test) run_tests ;;
        package) run_package ;;
        sanitizers) run_sanitizers ;;
        fuzz) shift; run_fuzz "$@" ;;
        build) build ;;
        ""|-h|--help)
            use_default_preset package
            sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
            # The tool's own subcommands too, when it is built: a newcomer's --help should reach them.
            if [ -x "$(harness_bin)" ]; then
                printf '\nharness subcommands (./harness.sh SUBCOMMAND --help for each):\n'
                "$(harness_bin)" --help | sed -n '/^Subcommands:/,$p' | sed '1d'
            else
                printf '\nharness subcommands: contract, mock, verify, load, report, repro (built on first use)\n'
            fi
            ;;
        *)
            use_default_preset package
            build_quietly
            shift
            exec "$(harness_bin)" "$command" "$@"
            ;;
    esac
}

main "$@"
