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
import json, pathlib, sys
directory, total, mode, rotations = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
seqs = [int(line) for line in (directory / "out/parsed.txt").read_text().split("\n") if line]
malformed = [line for line in (directory / "out/malformed.txt").read_text().split("\n") if line]
unique = set(seqs)
lost = total - len(unique & set(range(total)))

def is_record(text):
    try:
        return "seq" in json.loads(text)
    except ValueError:
        return False

# Independently of rsyslog, every line on disk must be one of our complete records. The one
# exception copytruncate makes: logrotate copies the file while a write is in flight, so a
# rotated copy can end in a partial record with no newline (the whole record was written to
# the original, which logrotate then truncates). Anything else is corruption.
on_disk = bad_on_disk = cut_copies = 0
for path in sorted((directory / "logs").glob("app.log*")):
    data = path.read_text(errors="replace")
    lines = data.split("\n")
    for index, line in enumerate(lines):
        if not line:
            continue
        on_disk += 1
        if is_record(line):
            continue
        unterminated_last = index == len(lines) - 1 and not data.endswith("\n")
        if mode == "copytruncate" and path.name != "app.log" and unterminated_last:
            cut_copies += 1
        else:
            bad_on_disk += 1

def split_by_truncation(event):
    """rsyslog's side of the copytruncate race: it read the start of a record while the
    write was in flight, the file was truncated, and it resumed at offset 0, so the next
    complete record follows that stale start in one event."""
    head = '{"timestamp"'
    for start in range(1, len(event)):
        if event.startswith(head, start) and is_record(event[start:]):
            prefix = event[:start]
            return (prefix.startswith(head) or head.startswith(prefix)) and not is_record(prefix)
    return False

# logrotate's own collision in create mode: when the sink's identity check lands between
# logrotate's rename and its create, the sink creates the path first; logrotate then moves that
# file aside as app.log-<date>.backup (its stderr says "destination ... already exists") and
# creates its own. The lines written in between are on disk, in a file no shipper tails.
moved_aside = set()
for path in (directory / "logs").glob("app.log*.backup"):
    for line in path.read_text(errors="replace").split("\n"):
        if line and is_record(line):
            moved_aside.add(json.loads(line)["seq"])
lost_seqs = set(range(total)) - unique
lost_unexplained = len(lost_seqs - moved_aside)

race = [event for event in malformed if mode == "copytruncate" and split_by_truncation(event)]
unexplained = [event for event in malformed if event not in race]
writer = (directory / "writer.txt").read_text().strip()
print(f"rsyslog imfile ({mode}): sent={total} parsed={len(seqs)} unique={len(unique)} lost={lost} "
      f"duplicates={len(seqs) - len(unique)} rotations={rotations} [{writer}]")
if lost_seqs & moved_aside:
    print(f"  lost to logrotate's create collision (on disk in a .backup file logrotate made): "
          f"{len(lost_seqs & moved_aside)}; lost otherwise: {lost_unexplained}")
print(f"  rsyslog events not JSON: {len(malformed)} ({len(race)} a partial read joined to the next record by "
      f"the truncation race, {len(unexplained)} unexplained); lines on disk: {on_disk}, corrupted: {bad_on_disk}, "
      f"rotated copies ending in a record cut by the copy race: {cut_copies}")
for line in unexplained[:3]:
    print("  unexplained:", line[:300])
failed = bool(unexplained) or bad_on_disk > 0
if mode == "create":
    failed = failed or bool(malformed) or lost_unexplained > 0 or cut_copies > 0
    if on_disk != total:
        print(f"  expected {total} lines on disk"); failed = True
sys.exit(1 if failed else 0)
PY
