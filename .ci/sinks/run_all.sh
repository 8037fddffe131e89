#!/usr/bin/env bash
# Runs every sink check against real components and prints their counts. Needs root
# (mounts a tmpfs, runs rsyslogd); installs rsyslog and logrotate when missing.
source "$(dirname "$0")/common.sh"
trap 'rm -rf "$WORK"' EXIT
export HOST WORK
here=$(dirname "$0")
timed() {
    local started=$SECONDS
    "$@"
    echo "  ($((SECONDS - started)) s: $*)"
}
timed bash "$here/rsyslog_file.sh" create
timed bash "$here/rsyslog_file.sh" copytruncate
timed bash "$here/rsyslog_receiver.sh"
timed bash "$here/faults.sh"
timed bash "$here/async_stress.sh"
# The hostile corpus in two halves with seeds of their own, written and checked on both
# cores at once; each command's output is printed whole, first half first.
half=$(( ${CORPUS_RECORDS:-100000} / 2 ))
seed=${CORPUS_SEED:-20260806}
mkdir -p "$WORK/corpus-a" "$WORK/corpus-b"
halves() {  # halves COMMAND...: runs COMMAND ... a, COMMAND ... b concurrently, where each
    # final `DIR` and `SEED` placeholder becomes that half's directory and seed.
    local pids=() status=0 part
    for part in a b; do
        local args=() arg
        for arg in "$@"; do
            case "$arg" in
                DIR) args+=("$WORK/corpus-$part") ;;
                SEED) args+=("$([ "$part" = a ] && echo "$seed" || echo $((seed + 1)))") ;;
                *) args+=("$arg") ;;
            esac
        done
        "${args[@]}" >"$WORK/half-$part.out" 2>&1 &
        pids+=($!)
    done
    for part in 0 1; do wait "${pids[$part]}" || status=1; done
    cat "$WORK/half-a.out" "$WORK/half-b.out"
    return $status
}
timed halves "$HOST" corpus "$half" SEED DIR
timed halves python3 "$here/check_corpus.py" DIR
timed halves bash "$here/../parsers/run.sh" DIR
