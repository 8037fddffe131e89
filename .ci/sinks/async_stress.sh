#!/usr/bin/env bash
# AsyncSink under 8 writer tasks with a slow consumer (a reader that sleeps between
# small reads of the pipe), in both overflow policies.
source "$(dirname "$0")/common.sh"
PER_WRITER=${PER_WRITER:-25000}
DIR=$WORK/stress
mkdir -p "$DIR"
for policy in block drop; do
    "$HOST" async-stress "$policy" "$PER_WRITER" 8 2>"$DIR/$policy.txt" | python3 -c '
import json, sys, time
counts, summaries, bad, arrivals = {}, 0, 0, []
reader = sys.stdin.buffer
while True:
    chunk = reader.readline()
    if not chunk:
        break
    if len(arrivals) % 200 == 0:
        time.sleep(0.002)          # the slow consumer
    try:
        record = json.loads(chunk)
    except ValueError:
        bad += 1
        continue
    if record["logger"] == "logbook":
        summaries += record["dropped"]
        arrivals.append(None)
        continue
    arrivals.append((record["w"], record["i"]))
json.dump({"arrivals": [a for a in arrivals if a], "summarized": summaries, "malformed": bad},
          open(sys.argv[1], "w"))
' "$DIR/$policy.json"
    python3 - "$DIR/$policy.json" "$DIR/$policy.txt" "$policy" "$PER_WRITER" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
report = dict(item.split("=", 1) for item in open(sys.argv[2]).read().strip().split("\n")[-1].split(" ") if "=" in item)
policy, per_writer = sys.argv[3], int(sys.argv[4])
sent, dropped = int(report["sent"]), int(report["dropped"])
arrivals = data["arrivals"]
per_writer_seen = {}
in_order = True
for writer, index in arrivals:
    previous = per_writer_seen.get(writer, -1)
    if index <= previous:
        in_order = False
    per_writer_seen[writer] = index
print(f"async stress ({policy}): sent={sent} arrived={len(arrivals)} dropped={dropped} "
      f"summarized={data['summarized']} malformed={data['malformed']} in_order={in_order} "
      f"producer_time={report.get('producer_seconds')}")
ok = data["malformed"] == 0 and in_order
if policy == "block":
    ok = ok and len(arrivals) == sent and dropped == 0 and len(set(map(tuple, arrivals))) == sent
else:
    ok = ok and len(arrivals) + dropped == sent and data["summarized"] == dropped
sys.exit(0 if ok else 1)
PY
done
