#!/usr/bin/env bash
# Faults: a full filesystem, a pipe reader that goes away, a deleted log file, a
# read-only directory. The service keeps running in each and resumes when it can.
source "$(dirname "$0")/common.sh"
DIR=$WORK/faults
mkdir -p "$DIR"

# 1. Full filesystem: a 256 KiB tmpfs, mostly taken by a filler file that the scenario
#    deletes once the disk is full.
mkdir -p "$DIR/full"
if mount -t tmpfs -o size=256k tmpfs "$DIR/full" 2>/dev/null; then
    dd if=/dev/zero of="$DIR/full/filler" bs=4k count=48 status=none 2>/dev/null || true
    "$HOST" disk-full "$DIR/full/app.log" "$DIR/full/filler" 2>"$DIR/full.txt" || {
        cat "$DIR/full.txt"
        umount "$DIR/full"
        fail "disk-full"
    }
    python3 - "$DIR/full/app.log" "$DIR/full.txt" <<'PY' || { umount "$DIR/full"; fail "disk-full file check"; }
import json, sys
lines = [line for line in open(sys.argv[1], "rb").read().split(b"\n") if line]
report = dict(item.split("=") for item in open(sys.argv[2]).read().strip().split("\n")[-1].split())
parsed = [json.loads(line) for line in lines]          # raises on a partial line
phases = {}
for record in parsed:
    phases[record["phase"]] = phases.get(record["phase"], 0) + 1
expected = int(report["attempted"]) - int(report["failures"])
print(f"fault full-disk (tmpfs): attempted={report['attempted']} failed={report['failures']} "
      f"lines={len(lines)} valid_json={len(parsed)} by_phase={phases} resumed={report['resumed']}")
sys.exit(0 if len(lines) == expected and phases.get("freed") == 1000 else 1)
PY
    umount "$DIR/full"
else
    echo "fault full-disk: tmpfs not mountable here; /dev/full is covered by FileSinkTests"
fi

# 2. A pipe reader that goes away (SIGPIPE ignored through bootstrap).
set +o pipefail
"$HOST" pipe-gone 20000 2>"$DIR/pipe.txt" | head -n 3 >/dev/null
pipe_status=${PIPESTATUS[0]}
set -o pipefail
echo "fault pipe-reader-gone: exit=$pipe_status $(tail -n 1 "$DIR/pipe.txt")"
[ "$pipe_status" = 0 ] || fail "pipe-gone exited with $pipe_status"

# 3. A log file deleted while the service runs: recreated at the next write.
mkdir -p "$DIR/deleted"
"$HOST" deleted-file "$DIR/deleted/app.log" 2>"$DIR/deleted.txt" || { cat "$DIR/deleted.txt"; fail "deleted-file"; }
after=$(grep -c '"message":"after' "$DIR/deleted/app.log")
echo "fault deleted-file: $(tail -n 1 "$DIR/deleted.txt") lines_in_new_file=$after"
[ "$after" = 100 ] || fail "deleted-file: $after lines after recreation"

# 4a. A read-only directory at setup: a typed error naming the path and the OS error.
mkdir -p "$DIR/readonly"
if mount -t tmpfs -o ro,size=64k tmpfs "$DIR/readonly" 2>/dev/null; then
    "$HOST" unopenable-file "$DIR/readonly/app.log" 2>"$DIR/readonly.txt" || { cat "$DIR/readonly.txt"; fail "unopenable-file"; }
    umount "$DIR/readonly"
else
    chmod 0555 "$DIR/readonly"
    "$HOST" unopenable-file "$DIR/readonly/missing/app.log" 2>"$DIR/readonly.txt" || fail "unopenable-file"
fi
echo "fault read-only-directory (setup): $(tail -n 1 "$DIR/readonly.txt")"
grep -q "$DIR/readonly/" "$DIR/readonly.txt" || fail "the error does not name the path"

# 4b. The directory becomes read-only while running (rotation cannot rename): needs a
#     user without CAP_DAC_OVERRIDE, so it runs as nobody when setpriv is available.
if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
    mkdir -p "$DIR/perm" && chown nobody "$DIR/perm" && chmod 0755 "$DIR/perm"
    chmod o+rx "$WORK" "$DIR"
    setpriv --reuid=nobody --regid=nogroup --clear-groups "$HOST" rotation-permission "$DIR/perm" \
        2>"$DIR/perm.txt" || { cat "$DIR/perm.txt"; fail "rotation-permission"; }
    echo "fault read-only-directory (running): $(tail -n 1 "$DIR/perm.txt")"
else
    echo "fault read-only-directory (running): skipped, needs root and setpriv"
fi
