# Sourced (not run) by the tests/cli scripts that start processes in the background: a work folder, and every
# background process recorded by PID and stopped on every exit path.
#
#   $work                    a fresh temporary folder, removed at exit
#   spawn COMMAND ARGS...    starts COMMAND in the background, as the leader of a new session and process group
#                            (setsid), and records its PID, also left in $spawned; redirect the call itself:
#                            spawn "$bin" mock --port 0 > "$work/out" 2>&1
#   stop PID [SECONDS]       SIGTERM, then SIGKILL if it has not ended within SECONDS (default 10); forgets the PID and
#                            returns the process's exit status, so `stop "$pid" || fail ...` checks a clean exit
#   await PID                waits for the process to end by itself, forgets the PID and returns its exit status
#   fail MESSAGE...          prints "FAIL: MESSAGE" and exits 1
#   run_bin EXPECTED NAME ARGS...
#                            runs "$bin" ARGS... (bounded: 120 s), output in $work/NAME.log; fails unless it exits
#                            EXPECTED
#   start_mock NAME ARGS...  spawns "$bin" mock --port 0 ARGS... (output in $work/NAME.out, .err), waits for it to
#                            listen and sets url_NAME to its URL and pid_NAME to its PID (never call it inside $(…))
#   wait_until PID COMMAND...
#                            true once COMMAND succeeds (tried every 50 ms), false when it has not within 10 s, or once
#                            PID (if not empty: the server waited for) has ended
#   accepts PORT             true when 127.0.0.1:PORT accepts a TCP connection
#   wait_listening VAR FILE [PID]
#                            waits for the "listening on URL" line `harness mock` prints once it listens, in FILE (its
#                            output), and sets VAR to URL; fails with FILE's text when there is none within 10 s, or
#                            as soon as PID (the mock's) has ended
#   wait_port PORT [PID]     waits until 127.0.0.1:PORT accepts a TCP connection (a server that prints no such line:
#                            openssl s_server); fails as wait_listening does
#   wait_output FILE [PID]   waits until FILE is not empty (a helper that prints its port once bound); fails as
#                            wait_listening does
#
# At exit (the end of the script, `fail`, an error under `set -e`, SIGINT, SIGTERM or SIGHUP) every recorded process
# that is still there is stopped as `stop` does, then $work is removed; the script's exit status is kept. Signals go
# to the whole process group of a recorded PID, so whatever it started (the command under `timeout`, `sh`'s child)
# ends with it, even on SIGKILL. Never start a background process inside $(…): its PID would be recorded in the
# subshell only.

work="$(mktemp -d)"
spawned=""
_recorded_pids=()

fail() {
    echo "FAIL: $*"
    exit 1
}

spawn() {
    setsid "$@" &
    spawned=$!
    _recorded_pids+=("$spawned")
}

_forget() { # PID
    local kept=() p
    for p in "${_recorded_pids[@]}"; do [ "$p" = "$1" ] || kept+=("$p"); done
    _recorded_pids=("${kept[@]}")
}

_signal() { # SIGNAL PID: its process group (spawn makes every PID lead one), or the process alone if there is none
    kill -"$1" -- "-$2" 2>/dev/null || kill -"$1" "$2" 2>/dev/null || true
}

_wait_gone() { # SECONDS PID...: true when every PID has ended within SECONDS
    local limit="$1" i p alive
    shift
    for ((i = 0; i <= limit * 20; i++)); do
        alive=0
        for p in "$@"; do kill -0 "$p" 2>/dev/null && alive=1; done
        [ "$alive" = 0 ] && return 0
        sleep 0.05
    done
    return 1
}

stop() { # PID [SECONDS]
    local pid="$1" code=0
    _forget "$pid"
    _signal TERM "$pid"
    _wait_gone "${2:-10}" "$pid" || _signal KILL "$pid"
    wait "$pid" 2>/dev/null || code=$?
    return "$code"
}

run_bin() { # EXPECTED NAME ARGS…
    local expected="$1" name="$2"
    shift 2
    timeout 120 "$bin" "$@" > "$work/$name.log" 2>&1
    local code=$?
    [ "$code" = "$expected" ] || fail "$name: exit $code, expected $expected: $(tail -n 15 "$work/$name.log")"
}

wait_until() { # PID COMMAND…
    local pid="$1" i
    shift
    for ((i = 0; i < 200; i++)); do
        "$@" && return 0
        if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
            "$@" # a last look: it may have written its line and ended
            return
        fi
        sleep 0.05
    done
    return 1
}

_listening_line() { grep -q '^listening on ' "$1" 2>/dev/null; }

accepts() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2>/dev/null; } # PORT

wait_listening() { # VAR FILE [PID]
    wait_until "${3:-}" _listening_line "$2" || fail "no 'listening on' line in $2: $(cat "$2" 2>/dev/null)"
    printf -v "$1" '%s' "$(sed -n 's/^listening on //p' "$2" | head -n 1)"
}

wait_port() { # PORT [PID]
    wait_until "${2:-}" accepts "$1" || fail "nothing accepts connections on 127.0.0.1:$1"
}

wait_output() { # FILE [PID]
    wait_until "${2:-}" test -s "$1" || fail "nothing was written to $1"
}

start_mock() { # NAME ARGS…
    local name="$1"
    shift
    spawn "$bin" mock --port 0 "$@" > "$work/$name.out" 2> "$work/$name.err"
    printf -v "pid_$name" '%s' "$spawned"
    wait_until "$spawned" _listening_line "$work/$name.out" ||
        fail "mock $name did not start: $(cat "$work/$name.out" "$work/$name.err")"
    printf -v "url_$name" '%s' "$(sed -n 's/^listening on //p' "$work/$name.out" | head -n 1)"
}

await() { # PID
    local code=0
    wait "$1" 2>/dev/null || code=$?
    _forget "$1"
    return "$code"
}

_stop_all_and_clean() {
    local code=$? p
    trap - EXIT INT TERM HUP
    if [ "${#_recorded_pids[@]}" -gt 0 ]; then
        for p in "${_recorded_pids[@]}"; do _signal TERM "$p"; done
        if ! _wait_gone 10 "${_recorded_pids[@]}"; then
            for p in "${_recorded_pids[@]}"; do
                if kill -0 "$p" 2>/dev/null; then
                    echo "note: PID $p did not end on SIGTERM; SIGKILL" >&2
                    _signal KILL "$p"
                fi
            done
        fi
        for p in "${_recorded_pids[@]}"; do wait "$p" 2>/dev/null || true; done
        _recorded_pids=()
    fi
    rm -rf "$work"
    exit "$code"
}
trap _stop_all_and_clean EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
