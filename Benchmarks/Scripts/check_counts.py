#!/usr/bin/env python3
"""Regression check on Logbook's allocation and instruction counts.

Builds the benchmark package in release mode, runs `LogbookBenchmarks --counts` natively
(allocation counts) and under `valgrind --tool=callgrind` (instruction counts: callgrind
counts instructions, so the numbers repeat on a busy machine), and compares Logbook's
per-operation counts with Benchmarks/Baselines/counts.json. Wall-clock time is never
measured or compared.

A scenario fails when it allocates more per operation than its baseline, or when it
executes more than the baseline's instructions per operation plus the tolerance. The
instruction check runs only with the Swift compiler the baseline was recorded with
(other compilers emit other code) and only when valgrind is installed; the allocation
check always runs.

    python3 Benchmarks/Scripts/check_counts.py            # check (what CI runs)
    python3 Benchmarks/Scripts/check_counts.py --update   # record a new baseline
    python3 Benchmarks/Scripts/check_counts.py --all --no-check   # every scenario, both sides
"""

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

BENCHMARKS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASELINE = os.path.join(BENCHMARKS, "Baselines", "counts.json")
ITERATIONS = 1000
TOLERANCE = 0.05
# Instructions per operation always allowed on top of the tolerance, so a scenario of a
# handful of instructions does not fail on a one-instruction change.
SLACK = 2.0
CLIENT_REQUEST = "desc: Trigger: Client Request: "


def swift_version():
    output = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout
    match = re.search(r"Swift version (\S+)", output)
    return match.group(1) if match else "unknown"


def build():
    started = time.time()
    subprocess.run(["swift", "build", "-c", "release", "--package-path", BENCHMARKS], check=True)
    print("benchmark release build: %.0f s" % (time.time() - started))
    binary = subprocess.run(
        ["swift", "build", "-c", "release", "--package-path", BENCHMARKS, "--show-bin-path"],
        check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(binary, "LogbookBenchmarks")


def environment():
    env = dict(os.environ)
    # swift-log's metadata dictionaries hash with a per-process seed; fix it so the
    # peer's counts repeat too.
    env["SWIFT_DETERMINISTIC_HASHING"] = "1"
    return env


def run_allocations(binary, extra):
    output = subprocess.run([binary, "--counts", "--iterations", str(ITERATIONS)] + extra,
                            check=True, capture_output=True, text=True, env=environment()).stdout
    counts = {}
    for line in output.splitlines():
        if line.startswith("# counts:") and "allocation-counting=1" not in line:
            sys.exit("this build cannot count allocations (Linux with glibc only)")
        match = re.match(r"count (\S+) (\S+) iterations=(\d+) allocations=(\d+)", line)
        if match:
            scenario, side, iterations, allocations = match.groups()
            counts[(scenario, side)] = int(allocations) / int(iterations)
    return counts


def run_instructions(binary, extra):
    with tempfile.TemporaryDirectory() as directory:
        out = os.path.join(directory, "callgrind.out")
        subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out,
             binary, "--counts", "--iterations", str(ITERATIONS)] + extra,
            check=True, capture_output=True, env=environment())
        counts = {}
        for path in glob.glob(out + ".*"):
            label, total = None, None
            with open(path) as dump:
                for line in dump:
                    if line.startswith(CLIENT_REQUEST):
                        label = line[len(CLIENT_REQUEST):].strip()
                    elif line.startswith("totals:") or (total is None and line.startswith("summary:")):
                        total = int(line.split()[1])
            if label and total is not None:
                scenario, side = label.rsplit(" ", 1)
                counts[(scenario, side)] = total / ITERATIONS
        return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--update", action="store_true", help="write the measured counts as the new baseline")
    parser.add_argument("--all", action="store_true", help="every scenario, not only those CI checks")
    parser.add_argument("--no-check", action="store_true", help="print the counts, compare nothing")
    parser.add_argument("--binary", help="an already built LogbookBenchmarks")
    arguments = parser.parse_args()

    started = time.time()
    binary = arguments.binary or build()
    extra = ["--all"] if arguments.all else []
    allocations = run_allocations(binary, extra)
    have_valgrind = shutil.which("valgrind") is not None
    instructions = run_instructions(binary, extra) if have_valgrind else {}
    version = swift_version()

    print("%-34s %-10s %10s %16s" % ("scenario", "side", "allocs/op", "instructions/op"))
    for (scenario, side), per_op in sorted(allocations.items()):
        count = instructions.get((scenario, side))
        print("%-34s %-10s %10.3f %16s" % (scenario, side, per_op, "-" if count is None else "%.1f" % count))

    if arguments.update:
        scenarios = {}
        for (scenario, side), per_op in sorted(allocations.items()):
            if side != "logbook":
                continue
            entry = {"allocations_per_op": round(per_op, 3)}
            if (scenario, side) in instructions:
                entry["instructions_per_op"] = round(instructions[(scenario, side)], 1)
            scenarios[scenario] = entry
        with open(BASELINE, "w") as file:
            json.dump({"swift": version, "iterations": ITERATIONS, "instruction_tolerance": TOLERANCE,
                       "scenarios": scenarios}, file, indent=2, sort_keys=True)
            file.write("\n")
        print("baseline written to %s" % os.path.relpath(BASELINE))
        return 0
    if arguments.no_check:
        return 0

    with open(BASELINE) as file:
        baseline = json.load(file)
    check_instructions = have_valgrind and baseline.get("swift") == version
    if not have_valgrind:
        print("instruction check skipped: valgrind is not installed")
    elif not check_instructions:
        print("instruction check skipped: baseline recorded with Swift %s, this is %s"
              % (baseline.get("swift"), version))
    tolerance = baseline.get("instruction_tolerance", TOLERANCE)
    failures = []
    for scenario, expected in sorted(baseline["scenarios"].items()):
        measured = allocations.get((scenario, "logbook"))
        if measured is None:
            failures.append("%s: not measured (scenario renamed or removed? update the baseline)" % scenario)
            continue
        if measured > expected["allocations_per_op"] + 0.0005:
            failures.append("%s: %.3f allocations per operation, baseline %.3f"
                            % (scenario, measured, expected["allocations_per_op"]))
        if check_instructions and "instructions_per_op" in expected:
            count = instructions.get((scenario, "logbook"))
            limit = expected["instructions_per_op"] * (1 + tolerance) + SLACK
            if count is None:
                failures.append("%s: no instruction count" % scenario)
            elif count > limit:
                failures.append("%s: %.1f instructions per operation, baseline %.1f (limit %.1f)"
                                % (scenario, count, expected["instructions_per_op"], limit))
            elif count < expected["instructions_per_op"] * (1 - tolerance) - SLACK:
                print("note: %s improved to %.1f instructions per operation (baseline %.1f); "
                      "consider --update" % (scenario, count, expected["instructions_per_op"]))
    print("counts check: %.0f s in all" % (time.time() - started))
    if failures:
        print("\nREGRESSION:\n  " + "\n  ".join(failures))
        return 1
    print("counts check passed: %d scenarios, allocations%s within baseline"
          % (len(baseline["scenarios"]), " and instructions" if check_instructions else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
