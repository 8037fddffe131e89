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
mkdir -p "$WORK/corpus"
timed "$HOST" corpus "${CORPUS_RECORDS:-100000}" "${CORPUS_SEED:-20260806}" "$WORK/corpus"
timed python3 "$here/check_corpus.py" "$WORK/corpus"
timed bash "$here/../parsers/run.sh" "$WORK/corpus"
