#!/usr/bin/env python3
"""Issue 11's rows in instruction and allocation counts, which do not move with load.

Runs `LogbookBenchmarks --counts --all` on the `formatters.*` rows and the
`e2e.json.zerolog` row, natively for allocation counts and under callgrind for
instruction counts (check_counts.py's own functions, unchanged), and the zerolog peer
(Benchmarks/zerolog/main.go) under callgrind at two record counts, the difference giving
its instructions per record (the whole process, so Go's runtime threads are in it: the
figure moves by about 3% from run to run; `--toggle-collect` on the loop would leave
them out, but callgrind loses records when a goroutine changes threads). Prints a Markdown table: each formatter against
JSONFormatter() (target: at most 1.3x, 0 allocations) and Logbook's end-to-end JSON row
against zerolog (target: at most 0.6x). Compares nothing with a baseline and writes
nothing; Baselines/counts.json is check_counts.py's.

    python3 Benchmarks/Scripts/formatter_counts.py [--binary PATH]

Callgrind counts user-space instructions only: neither side's write(2) is in them.
zerolog runs with GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 (callgrind 3.19 aborts on Go's
preemption signals otherwise); neither changes the instructions of its loop.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_counts  # noqa: E402

FILTER = "formatters,e2e.json.zerolog"
ZEROLOG_SOURCE = os.path.join(check_counts.BENCHMARKS, "zerolog", "main.go")
GOCODE = "/usr/share/gocode"
TARGET_RATIO = 1.3
E2E_TARGET_RATIO = 0.6


def zerolog_instructions():
    """zerolog's instructions per record, or a reason it was not measured."""
    if shutil.which("go") is None:
        return None, "go not on PATH"
    if not os.path.exists(os.path.join(GOCODE, "src/github.com/rs/zerolog/log.go")):
        return None, "golang-github-rs-zerolog-dev not installed"
    if shutil.which("valgrind") is None:
        return None, "valgrind not installed"
    with tempfile.TemporaryDirectory() as directory:
        binary = os.path.join(directory, "zerolog-peer")
        env = dict(os.environ, GO111MODULE="off", GOPATH=os.path.join(directory, "gopath") + ":" + GOCODE)
        subprocess.run(["go", "build", "-o", binary, ZEROLOG_SOURCE], check=True, env=env)
        totals = {}
        for records in (1000, 21000):
            out = os.path.join(directory, "callgrind.%d" % records)
            run_env = dict(os.environ, GODEBUG="asyncpreemptoff=1", GOMAXPROCS="1")
            subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out, binary, "-n", str(records)],
                           check=True, capture_output=True, env=run_env)
            with open(out) as dump:
                for line in dump:
                    if line.startswith("totals:") or line.startswith("summary:"):
                        totals[records] = int(line.split()[1])
        return (totals[21000] - totals[1000]) / 20000, None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", help="an already built LogbookBenchmarks")
    arguments = parser.parse_args()
    binary = arguments.binary or check_counts.build()
    extra = ["--all", "--filter", FILTER]
    # The zerolog peer's side is measured below, in its own process; keep it out of these runs.
    os.environ["BENCH_NO_ZEROLOG"] = "1"
    allocations = check_counts.run_allocations(binary, extra)
    instructions = check_counts.run_instructions(binary, extra) if shutil.which("valgrind") else {}
    del os.environ["BENCH_NO_ZEROLOG"]

    def cell(value, digits):
        return "-" if value is None else ("%%.%df" % digits) % value

    print("Instructions per record under callgrind (Swift %s), %d iterations; allocations per record."
          % (check_counts.swift_version(), check_counts.ITERATIONS))
    print()
    print("| formatter row | instructions | JSONFormatter() instructions | ratio | allocs | target | result |")
    print("| --- | ---: | ---: | ---: | ---: | --- | --- |")
    rows = sorted({scenario for scenario, _ in allocations if scenario.startswith("formatters.")},
                  key=lambda s: (s != "formatters.json", s))
    for scenario in rows:
        mine = instructions.get((scenario, "logbook"))
        json = instructions.get((scenario, "swift-log"))  # the peer column holds JSONFormatter()
        allocs = allocations.get((scenario, "logbook"))
        ratio = mine / json if mine is not None and json else None
        if scenario == "formatters.json":
            target, met = "0 allocs", allocs is not None and allocs < 0.0005
        else:
            target = "<= %.1fx JSON, 0 allocs" % TARGET_RATIO
            met = ratio is not None and ratio <= TARGET_RATIO and allocs is not None and allocs < 0.0005
        print("| %s | %s | %s | %s | %s | %s | %s |" % (
            scenario, cell(mine, 0), cell(json, 0), "-" if ratio is None else "%.2fx" % ratio,
            cell(allocs, 3), target, "met" if met else "MISSED"))

    logbook = instructions.get(("e2e.json.zerolog", "logbook"))
    zerolog, reason = zerolog_instructions()
    print()
    print("| end to end, JSON to /dev/null | Logbook instructions | zerolog instructions | Logbook/zerolog | target | result |")
    print("| --- | ---: | ---: | ---: | --- | --- |")
    if zerolog is None:
        print("| e2e.json.zerolog | %s | not measured (%s) | - | <= %.1fx | - |" % (cell(logbook, 0), reason, E2E_TARGET_RATIO))
    else:
        ratio = logbook / zerolog if logbook else None
        print("| e2e.json.zerolog | %s | %s | %s | <= %.1fx | %s |" % (
            cell(logbook, 0), cell(zerolog, 0), "-" if ratio is None else "%.2fx" % ratio, E2E_TARGET_RATIO,
            "met" if ratio is not None and ratio <= E2E_TARGET_RATIO else "MISSED"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
