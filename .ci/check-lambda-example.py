#!/usr/bin/env python3
"""Checks the output of Examples/LambdaFunction.

Usage: check-lambda-example.py json|text FILE

json: every line is one strict JSON object (no duplicate keys, no NaN), starting with
timestamp, level, message, logger; each invocation has its own request id and trace id;
cold_start is true only in the first; fields bound by one invocation never appear in
another. text: every line is [LEVEL]<TAB>time<TAB>request id<TAB>message, and each
invocation has its own request id. Prints what it checked.
"""
import json
import re
import sys


def strict_pairs(pairs):
    keys = [key for key, _ in pairs]
    duplicates = {key for key in keys if keys.count(key) > 1}
    if duplicates:
        raise ValueError("duplicate keys %s" % sorted(duplicates))
    return dict(pairs)


def reject_constant(name):
    raise ValueError("non-standard literal %s" % name)


def groups(values):
    """Consecutive runs of equal values, as (value, count)."""
    runs = []
    for value in values:
        if runs and runs[-1][0] == value:
            runs[-1][1] += 1
        else:
            runs.append([value, 1])
    return runs


def check_json(lines):
    records = []
    for number, line in enumerate(lines, 1):
        record = json.loads(line, object_pairs_hook=strict_pairs, parse_constant=reject_constant)
        keys = list(record)
        assert keys[:4] == ["timestamp", "level", "message", "logger"], "line %d keys %s" % (number, keys)
        assert keys[4] in ("errorType", "requestId"), "line %d: %s after logger" % (number, keys[4])
        assert record["level"] in ("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"), record["level"]
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", record["timestamp"]), record["timestamp"]
        records.append(record)
    runs = groups([record["requestId"] for record in records])
    request_ids = [request_id for request_id, _ in runs]
    assert len(set(request_ids)) == len(request_ids), "a request id came back: %s" % request_ids
    start = 0
    seen = {}
    for index, (request_id, count) in enumerate(runs):
        invocation = records[start:start + count]
        start += count
        traces = {record.get("traceId") for record in invocation}
        assert len(traces) == 1 and None not in traces, "trace ids in one invocation: %s" % traces
        assert all(record["cold_start"] == (index == 0) for record in invocation), "cold_start in invocation %d" % index
        for key in ("order_id", "customer"):
            values = {record[key] for record in invocation if key in record}
            assert len(values) <= 1, "%s changed inside one invocation: %s" % (key, values)
            for value in values:
                assert seen.setdefault((key, value), request_id) == request_id, "%s=%s leaked" % (key, value)
    trace_ids = {record["traceId"] for record in records}
    assert len(trace_ids) == len(runs), "trace ids shared between invocations"
    return len(runs)


def check_text(lines):
    pattern = re.compile(
        r"\[(TRACE|DEBUG|INFO|NOTICE|WARNING|ERROR|CRITICAL)\]\t"
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t([0-9a-f-]{36})\t[^\t]")
    request_ids = []
    for number, line in enumerate(lines, 1):
        match = pattern.match(line)
        assert match, "line %d is not Lambda's text format: %r" % (number, line)
        request_ids.append(match.group(2))
    runs = [request_id for request_id, _ in groups(request_ids)]
    assert len(set(runs)) == len(runs), "a request id came back: %s" % runs
    return len(runs)


def main():
    mode, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8", newline="") as handle:
        content = handle.read()
    assert content.endswith("\n"), "output does not end with a newline"
    lines = content[:-1].split("\n")
    invocations = check_json(lines) if mode == "json" else check_text(lines)
    print("lambda example (%s): %d invocations, %d lines checked" % (mode, invocations, len(lines)))


if __name__ == "__main__":
    try:
        main()
    except (AssertionError, ValueError) as error:
        print("lambda example check failed: %s" % error, file=sys.stderr)
        sys.exit(1)
