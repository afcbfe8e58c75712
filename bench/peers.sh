# Sourced by the bench scripts: building harness, installing the peers, and starting nginx on a free loopback
# port. The caller sets `root` and `work` and traps `stop_peers` on EXIT; every process started here is
# recorded in `pids` and stopped by PID.
pids=()
stop_peers() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait "${pids[@]}" 2>/dev/null || true
    rm -rf "$work"
}

# Builds harness (installing its packages), then installs the peer packages named that are missing.
install_peers() { # PACKAGE…
    "$root/harness.sh" build >/dev/null
    local need=() pkg sudo=""
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
    done
    if [ ${#need[@]} -gt 0 ]; then
        [ "$(id -u)" != 0 ] && sudo="sudo"
        echo "installing benchmark peers: ${need[*]}" >&2
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
    fi
    harness="$root/build/${HARNESS_PRESET:-release}/harness/cli/harness"
    nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_port() {
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.05
    done
    echo "nothing listens on $1" >&2
    return 1
}

# nginx with the reply of bench/nginx.conf.template (a fresh messageUuid each); sets server_pid and port. NGINX_LISTEN (e.g. "http2"
# or "ssl http2") adds listen parameters; with ssl, the test certificate of tests/data/tls is used.
start_nginx() { # WORKERS [CPU-LIST]
    port="$(free_port)"
    mkdir -p "$work/nginx"
    local tls=""
    if [ -n "${NGINX_LISTEN:-}" ]; then
        # nginx sends GOAWAY after 1000 requests on a connection by default, and h2load does not reconnect: the
        # peer would stop sending after 1000 requests per connection.
        tls="keepalive_requests 100000000;"
    fi
    if [[ "${NGINX_LISTEN:-}" == *ssl* ]]; then
        tls="$tls ssl_certificate $root/tests/data/tls/localhost.crt; ssl_certificate_key $root/tests/data/tls/localhost.key;"
    fi
    sed -e "s|@PREFIX@|$work/nginx|g" -e "s|@PORT@|$port|g" -e "s|@WORKERS@|$1|g" \
        -e "s|@LISTEN@|${NGINX_LISTEN:-}|g" -e "s|@TLS@|$tls|g" \
        "$root/bench/nginx.conf.template" > "$work/nginx/nginx.conf"
    if [ -n "${2:-}" ]; then
        taskset -c "$2" "$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" &
    else
        "$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" &
    fi
    server_pid=$!
    pids+=("$server_pid")
    wait_port "$port"
}
