#!/usr/bin/env python3
"""Runtime calls per record of one scenario: reference counting, allocation, generic
destruction and write(2), with their callers.

Runs `LogbookBenchmarks --counts --all --filter ROW` under callgrind (the release build
check_counts.py builds, or --binary) and reads the Logbook side's dump: for each runtime
function below, how many times per operation it is called, and from where. Use it to see
what a change does to `swift_retain`/`swift_release` traffic, which instruction totals
hide (a release that frees an array runs its elements' destruction inside it).

    python3 Benchmarks/Scripts/call_counts.py e2e.json.tz-utc [--binary PATH] [--side logbook]

A call to `swift_bridgeObjectRetain`/`Release` (a `String` copy or destruction) also
counts once under `swift_retain`/`swift_release`, which it calls even for a literal or
small string (those return at once).
"""

import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_counts  # noqa: E402

FUNCTIONS = [
    "swift_retain", "swift_release", "swift_bridgeObjectRetain", "swift_bridgeObjectRelease",
    "swift_allocObject", "swift_arrayDestroy", "tuple_destroy", "tuple_initializeWithCopy", "malloc", "free",
    "write",
]


def short(name):
    """The function name without template arguments or callgrind's recursion suffix."""
    name = re.sub(r"'\d+$", "", name)
    match = re.match(r"(?:\S+ )?(\w+)(?:<.*>)?\(", name)
    return match.group(1) if match else name.split("@")[0]


def calls(dump, iterations):
    totals, callers = collections.Counter(), collections.Counter()
    caller = callee = None
    with open(dump) as file:
        for line in file:
            if line.startswith("fn="):
                caller = line[3:].strip()
            elif line.startswith("cfn="):
                callee = short(line[4:].strip())
            elif line.startswith("calls=") and callee in FUNCTIONS and short(caller) != callee:
                # (A function calling itself, e.g. glibc's malloc through its own symbol, is one call.)
                count = int(line.split()[0][len("calls="):])
                totals[callee] += count
                callers[(callee, caller)] += count
    return ({name: count / iterations for name, count in totals.items()},
            {key: count / iterations for key, count in callers.items()})


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("row", help="one scenario id, e.g. e2e.json.tz-utc")
    parser.add_argument("--binary", help="an already built LogbookBenchmarks")
    parser.add_argument("--side", default="logbook", help="logbook (default) or the peer's side name")
    arguments = parser.parse_args()
    binary = arguments.binary or check_counts.build()
    with tempfile.TemporaryDirectory() as directory:
        # Uncompressed names: every fn= and cfn= line then carries the whole name.
        out = os.path.join(directory, "callgrind.out")
        subprocess.run(
            ["valgrind", "--tool=callgrind", "--compress-strings=no", "--callgrind-out-file=" + out, binary,
             "--counts", "--iterations", str(check_counts.ITERATIONS), "--all", "--filter", arguments.row],
            check=True, capture_output=True, env=check_counts.environment())
        label = "%s%s %s" % (check_counts.CLIENT_REQUEST, arguments.row, arguments.side)
        dumps = [path for path in sorted(os.listdir(directory)) if path.startswith("callgrind.out.")]
        dump = next((os.path.join(directory, path) for path in dumps
                     if label in open(os.path.join(directory, path)).read(4096)), None)
        if dump is None:
            sys.exit("no callgrind dump for %s %s" % (arguments.row, arguments.side))
        totals, callers = calls(dump, check_counts.ITERATIONS)
    print("%s (%s side), calls per operation:" % (arguments.row, arguments.side))
    for name in FUNCTIONS:
        print("  %-28s %6.2f" % (name, totals.get(name, 0)))
    print("by caller:")
    for (name, caller), count in sorted(callers.items(), key=lambda item: -item[1]):
        if count >= 0.5:
            print("  %6.2f %-26s <- %s" % (count, name, caller[:140]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
