# Shared helpers for the sink checks under .ci/sinks (sourced, not run).
set -euo pipefail
HOST=${HOST:-"$(swift build --show-bin-path)/LogbookTestHost"}
WORK=${WORK:-$(mktemp -d /tmp/logbook-sinks.XXXXXX)}
RSYSLOGD=${RSYSLOGD:-/usr/sbin/rsyslogd}

fail() { printf 'SINK CHECK FAILED: %s\n' "$*" >&2; exit 1; }

# Starts rsyslogd in the foreground (backgrounded here) with config $1; pid file $2.
start_rsyslog() {
    "$RSYSLOGD" -n -f "$1" -i "$2" >"$2.log" 2>&1 &
    for _ in $(seq 1 100); do
        [ -s "$2" ] && return 0
        sleep 0.05
    done
    cat "$2.log" >&2
    fail "rsyslogd did not start with $1"
}

stop_rsyslog() {
    local pid
    pid=$(cat "$1" 2>/dev/null || true)
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$1"; return 0; }
        sleep 0.05
    done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$1"
}

# Waits until file $1 stops growing (checked every 0.5 s, at most $2 seconds).
wait_until_stable() {
    local previous=-1 current waited=0
    while [ "$waited" -lt "$(($2 * 2))" ]; do
        current=$(wc -l <"$1" 2>/dev/null || echo 0)
        [ "$current" = "$previous" ] && [ "$current" != 0 ] && return 0
        previous=$current
        sleep 0.5
        waited=$((waited + 1))
    done
}
