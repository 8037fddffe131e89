#!/usr/bin/env bash
# rsyslog imfile + mmjsonparse tails the JSON file FileSink writes while logrotate rotates
# it every few thousand lines. Usage: rsyslog_file.sh create|copytruncate
source "$(dirname "$0")/common.sh"
MODE=$1
TOTAL=${TOTAL:-100000}
DIR=$WORK/file-$MODE
mkdir -p "$DIR/logs" "$DIR/state" "$DIR/out"
cat >"$DIR/rsyslog.conf" <<CONF
global(workDirectory="$DIR/state")
module(load="imfile" mode="inotify")
module(load="mmjsonparse")
template(name="parsed" type="string" string="%\$!seq%\n")
template(name="raw" type="string" string="%rawmsg%\n")
input(type="imfile" file="$DIR/logs/app.log" tag="app" ruleset="app" reopenOnTruncate="on"
      freshStartTail="off" maxLinesAtOnce="0")
ruleset(name="app") {
    action(type="mmjsonparse" cookie="" useRawMsg="on")
    if \$parsesuccess == "OK" and \$!seq != "" then {
        action(type="omfile" file="$DIR/out/parsed.txt" template="parsed")
    } else {
        action(type="omfile" file="$DIR/out/malformed.txt" template="raw")
    }
}
CONF
if [ "$MODE" = create ]; then ROTATE="create 0644"; else ROTATE="copytruncate"; fi
cat >"$DIR/logrotate.conf" <<CONF
$DIR/logs/app.log {
    $ROTATE
    rotate 1000
    missingok
    nocompress
}
CONF
touch "$DIR/logs/app.log"
start_rsyslog "$DIR/rsyslog.conf" "$DIR/rsyslog.pid"
sleep 0.5

# 100,000 records from 8 tasks over about 10 s, rotated every 0.3 s (a few thousand lines).
"$HOST" file-writer "$DIR/logs/app.log" "$TOTAL" 8 10000 ${CHECK_MS:-} 2>"$DIR/writer.txt" &
writer=$!
rotations=0
while kill -0 "$writer" 2>/dev/null; do
    sleep ${ROTATE_EVERY:-0.3}
    logrotate -f -s "$DIR/logrotate.state" "$DIR/logrotate.conf" && rotations=$((rotations + 1))
done
wait "$writer" || { cat "$DIR/writer.txt"; fail "the writer failed"; }
touch "$DIR/out/parsed.txt" "$DIR/out/malformed.txt"
wait_until_stable "$DIR/out/parsed.txt" 30
sleep 1
stop_rsyslog "$DIR/rsyslog.pid"

python3 - "$DIR" "$TOTAL" "$MODE" "$rotations" <<'PY'
import pathlib, sys
directory, total, mode, rotations = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
seqs = [int(line) for line in (directory / "out/parsed.txt").read_text().split("\n") if line]
malformed = [line for line in (directory / "out/malformed.txt").read_text().split("\n") if line]
unique = set(seqs)
lost = total - len(unique & set(range(total)))
# Independently of rsyslog: every line in every file on disk is complete JSON.
import json
on_disk = bad_on_disk = 0
for path in sorted((directory / "logs").glob("app.log*")):
    for line in path.read_bytes().split(b"\n"):
        if not line:
            continue
        on_disk += 1
        try:
            json.loads(line)
        except ValueError:
            bad_on_disk += 1
writer = (directory / "writer.txt").read_text().strip()
print(f"rsyslog imfile ({mode}): sent={total} parsed={len(seqs)} unique={len(unique)} lost={lost} "
      f"duplicates={len(seqs) - len(unique)} malformed={len(malformed)} rotations={rotations} "
      f"lines_on_disk={on_disk} malformed_on_disk={bad_on_disk} [{writer}]")
for line in malformed[:3]:
    print("  malformed:", line[:200])
failed = bool(malformed) or bad_on_disk > 0
if mode == "create":
    failed = failed or lost > 0
    if on_disk != total:
        print(f"  expected {total} lines on disk"); failed = True
sys.exit(1 if failed else 0)
PY
