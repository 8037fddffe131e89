#!/usr/bin/env python3
"""End-to-end check of context propagation in the ContextServer example.

Starts the built server on a free port, sends concurrent requests with distinct request
and user ids over real HTTP connections, stops the server with SIGTERM, then parses every
line it wrote to standard output and checks that:

- every line is a JSON object with timestamp, level, logger and message;
- every record from a request layer (app.http, app.orders.*) carries a request_id and a
  user_id, the request_id is one the client sent (or the server generated and returned),
  and the user_id is that request's;
- Hummingbird's own records (logger `hummingbird`, through the swift-log bridge) that
  belong to a request (they carry Hummingbird's `hb.request.id`) carry that request's
  request_id and user_id and no other: each request has exactly one `Request` record from
  Hummingbird's LogRequestsMiddleware, with the request's method and path, and one
  Hummingbird request id never appears with two request ids; Hummingbird's other records
  (start, shutdown) carry no request context;
- no record mentions another request's request id, user id or order id anywhere in it;
- every request has its start and end records (with the status the client saw and a
  duration) and records from every layer its route goes through;
- records written from child tasks (async let, task group) and from the Dispatch queue
  carry the context.

Then the debug check: the server again, at `LOG_LEVEL=info` with a `DEBUG_TOKEN`, gets
concurrent requests of which a quarter carry `X-Log-Level: debug` with the right
`X-Debug-Token`, and the rest none, a wrong token, or no token: each of the first has
debug records (the repository's among them), no other request has any. Last, a server
with no `DEBUG_TOKEN` gets requests with the header and a token: none has a debug record.

Prints counts and exits 1 on any violation. Standard library only.
"""

import argparse
import collections
import concurrent.futures
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

REQUEST_LOGGERS = ("app.http", "app.orders.service", "app.orders.repository", "app.orders.audit")
# The label of the swift-log `Logger` the server gives Hummingbird, which the bridge turns
# into this Logbook logger name.
HUMMINGBIRD_LOGGER = "hummingbird"
# The metadata key Hummingbird binds on its per-request logger (`context.logger`).
HUMMINGBIRD_REQUEST_ID = "hb.request.id"
KINDS = ("show", "summary", "list", "create", "missing")
# Layers each kind of request must leave records in.
EXPECTED_LAYERS = {
    "show": {"app.http", "app.orders.service", "app.orders.repository", HUMMINGBIRD_LOGGER},
    "summary": {"app.http", "app.orders.service", "app.orders.repository", HUMMINGBIRD_LOGGER},
    "list": {"app.http", "app.orders.service", "app.orders.repository", HUMMINGBIRD_LOGGER},
    "create": {"app.http", "app.orders.service", "app.orders.repository", "app.orders.audit", HUMMINGBIRD_LOGGER},
    "missing": {"app.http", "app.orders.service", "app.orders.repository", HUMMINGBIRD_LOGGER},
}
EXPECTED_STATUS = {"show": 200, "summary": 200, "list": 200, "create": 201, "missing": 404}
# Strings that identify one request; none may appear in another request's records.
ID_PATTERN = re.compile(r"[A-Za-z]+(?:-[0-9A-Za-z]+)+")


class Request:
    def __init__(self, index, kind, send_request_id):
        self.index = index
        self.kind = kind
        self.user_id = f"user-{index:04d}"
        self.sent_request_id = f"req-{index:04d}-{os.urandom(3).hex()}" if send_request_id else None
        self.request_id = self.sent_request_id
        self.order_ids = set()
        self.status = None
        self.error = None
        if kind in ("show", "summary"):
            self.order_ids.add(f"o-{index}-{os.urandom(2).hex()}")
        elif kind == "missing":
            self.order_ids.add(f"missing-{index}-{os.urandom(2).hex()}")
        elif kind == "list":
            self.order_ids.update(f"{self.user_id}-o{n}" for n in (1, 2, 3))

    def method_and_path(self):
        order_id = next(iter(self.order_ids), None)
        if self.kind == "show" or self.kind == "missing":
            return "GET", f"/orders/{order_id}", None
        if self.kind == "summary":
            return "GET", f"/orders/{order_id}/summary", None
        if self.kind == "list":
            return "GET", "/orders", None
        body = json.dumps({"item": f"book-{self.index}", "quantity": 1 + self.index % 5})
        return "POST", "/orders", body

    def identifiers(self):
        ids = {self.user_id} | self.order_ids
        if self.request_id:
            ids.add(self.request_id)
        return ids


def send(port, request, start_barrier=None):
    method, path, body = request.method_and_path()
    headers = {"X-User-Id": request.user_id, "Connection": "close"}
    headers.update(getattr(request, "extra_headers", {}))
    if request.sent_request_id:
        headers["X-Request-Id"] = request.sent_request_id
    if body is not None:
        headers["Content-Type"] = "application/json"
    if start_barrier is not None:
        start_barrier.wait()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        request.status = response.status
        returned_id = response.getheader("X-Request-Id")
        if request.sent_request_id is None:
            request.request_id = returned_id
        elif returned_id != request.sent_request_id:
            request.error = f"response X-Request-Id {returned_id!r}, sent {request.sent_request_id!r}"
        if request.kind == "create" and response.status == 201:
            request.order_ids.add(json.loads(payload)["id"])
        connection.close()
    except Exception as error:  # noqa: BLE001 - any failure is a reported violation
        request.error = f"{type(error).__name__}: {error}"


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def wait_for_port(stdout_path, server, deadline):
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return None
        with open(stdout_path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if record.get("message") == "server started":
                    return record.get("port")
        time.sleep(0.1)
    return None


class Report:
    """What `check` found: violations and the counts to print."""

    def __init__(self):
        self.violations = []
        self.lines = 0
        self.malformed = 0
        self.lifecycle = 0
        self.in_requests = 0
        self.per_logger = collections.Counter()
        self.child_records = collections.Counter()
        # Hummingbird's own records: inside a request (by message), and outside any.
        self.hummingbird_in_requests = collections.Counter()
        self.hummingbird_lifecycle = 0
        # The most requests between their start and end records at one point of the log:
        # how much the requests really overlapped inside the server.
        self.max_in_flight = 0
        # The debug check: requests that asked for debug with the valid token, and their
        # debug records.
        self.debug_requests = 0
        self.debug_records = 0

    def violation(self, text):
        self.violations.append(text)


def check(requests, lines, report):
    """Checks the server's output `lines` (bytes, one record each) against `requests`."""
    for request in requests:
        if request.error:
            report.violation(f"request {request.index} ({request.kind}): {request.error}")
        elif request.status != EXPECTED_STATUS[request.kind]:
            report.violation(f"request {request.index} ({request.kind}): status {request.status}")
        if not request.request_id:
            report.violation(f"request {request.index}: no request id known")
    by_request_id = {request.request_id: request for request in requests if request.request_id}
    if len(by_request_id) != len(requests):
        report.violation(f"{len(requests)} requests but {len(by_request_id)} distinct request ids")
    owner_of = {}
    for request in requests:
        for identifier in request.identifiers():
            owner_of[identifier] = request

    report.lines = len(lines)
    records_per_request = collections.defaultdict(list)
    # Hummingbird's request id -> the request_id its first record carried.
    hummingbird_ids = {}
    in_flight = set()
    for number, raw in enumerate(lines, 1):
        try:
            record = json.loads(raw.decode("utf-8"))
            if not isinstance(record, dict):
                raise ValueError("not an object")
            for key in ("timestamp", "level", "logger", "message"):
                if not isinstance(record.get(key), str):
                    raise ValueError(f"no string {key!r}")
        except ValueError as error:
            report.malformed += 1
            report.violation(f"line {number} is not a valid record ({error}): {raw[:200]!r}")
            continue
        logger = record["logger"]
        report.per_logger[logger] += 1
        from_hummingbird_request = logger == HUMMINGBIRD_LOGGER and HUMMINGBIRD_REQUEST_ID in record
        if logger not in REQUEST_LOGGERS and not from_hummingbird_request:
            report.lifecycle += 1
            if logger == HUMMINGBIRD_LOGGER:
                report.hummingbird_lifecycle += 1
            if "request_id" in record or "user_id" in record:
                report.violation(f"line {number}: lifecycle record carries request context: {raw[:200]!r}")
            continue
        request = by_request_id.get(record.get("request_id"))
        if request is None:
            report.violation(
                f"line {number}: request_id {record.get('request_id')!r} is no request's: {raw[:200]!r}")
            continue
        if record.get("user_id") != request.user_id:
            report.violation(f"line {number}: user_id {record.get('user_id')!r} in request"
                             f" {request.request_id} of {request.user_id}")
        for text in strings_in(record):
            for identifier in ID_PATTERN.findall(text):
                owner = owner_of.get(identifier)
                if owner is not None and owner is not request:
                    report.violation(f"line {number}: {identifier!r} of request {owner.index} appears in a"
                                     f" record of request {request.index}")
        if from_hummingbird_request:
            report.hummingbird_in_requests[record["message"]] += 1
            hummingbird_id = str(record[HUMMINGBIRD_REQUEST_ID])
            first_seen = hummingbird_ids.setdefault(hummingbird_id, request.request_id)
            if first_seen != request.request_id:
                report.violation(f"line {number}: Hummingbird request {hummingbird_id} carries request_id"
                                 f" {request.request_id}, its earlier records {first_seen}")
        records_per_request[request.request_id].append(record)
        report.in_requests += 1
        if record["message"] == "request started":
            in_flight.add(request.request_id)
            report.max_in_flight = max(report.max_in_flight, len(in_flight))
        elif record["message"] == "request finished":
            in_flight.discard(request.request_id)

    for request in requests:
        records = records_per_request.get(request.request_id, [])
        label = f"request {request.index} ({request.kind}, {request.request_id})"
        layers = {record["logger"] for record in records}
        missing_layers = EXPECTED_LAYERS[request.kind] - layers
        if missing_layers:
            report.violation(f"{label}: no records from {sorted(missing_layers)}")
        starts = [r for r in records if r["message"] == "request started"]
        ends = [r for r in records if r["message"] == "request finished"]
        if len(starts) != 1 or len(ends) != 1:
            report.violation(f"{label}: {len(starts)} start and {len(ends)} end records")
        elif ends[0].get("status") != request.status or not isinstance(ends[0].get("duration_ms"), (int, float)):
            report.violation(f"{label}: end record {ends[0]} does not match status {request.status}")
        method, path, _ = request.method_and_path()
        framework = [r for r in records if r["logger"] == HUMMINGBIRD_LOGGER and r["message"] == "Request"]
        if len(framework) != 1:
            report.violation(f"{label}: {len(framework)} Request records from Hummingbird")
        elif (framework[0].get("hb.request.method"), framework[0].get("hb.request.path")) != (method, path):
            report.violation(f"{label}: Hummingbird's Request record {framework[0]} is not {method} {path}")
        fan_out = [r for r in records if r["message"] == "child task finished"]
        report.child_records.update(r.get("fan_out") for r in fan_out)
        if request.kind == "summary":
            parts = sorted(r.get("part") for r in fan_out if r.get("fan_out") == "async_let")
            if parts != ["order", "payments", "shipments"]:
                report.violation(f"{label}: async let child records for parts {parts}")
            # The service binds order_id for the fan-out: every record below it has it.
            below = [r for r in records if r["logger"].startswith("app.orders.")]
            if any(r.get("order_id") not in request.order_ids for r in below):
                report.violation(f"{label}: a service or repository record lacks the bound order_id")
        if request.kind == "list":
            children = sorted(r.get("order_id") for r in fan_out if r.get("fan_out") == "task_group")
            if children != sorted(request.order_ids):
                report.violation(f"{label}: task group child records for {children}")
        if request.kind == "create":
            audit = [r for r in records if r["logger"] == "app.orders.audit"]
            if len(audit) != 1 or audit[0].get("order_id") not in request.order_ids:
                report.violation(f"{label}: audit records {audit}")


def run_server(binary, requests, concurrency, **variables):
    """Starts the server on a free port, sends `requests`, stops it; returns its output
    lines, its exit status and how long the requests took, or `None` if it never started.
    `variables` add to (or replace) the server's environment; the level is debug unless
    they set `LOG_LEVEL`."""
    workdir = tempfile.mkdtemp(prefix="context-server-e2e-")
    stdout_path = os.path.join(workdir, "stdout.jsonl")
    stderr_path = os.path.join(workdir, "stderr.txt")
    environment = dict(os.environ, PORT="0", LOG_LEVEL="debug")
    environment.pop("DEBUG_TOKEN", None)
    environment.update(variables)
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        server = subprocess.Popen([binary], stdout=out, stderr=err, env=environment)
    try:
        port = wait_for_port(stdout_path, server, time.monotonic() + 60)
        if port is None:
            print(f"server did not start; stderr:\n{open(stderr_path).read()}", file=sys.stderr)
            return None
        print(f"server started on 127.0.0.1:{port} (pid {server.pid}); output in {workdir}")
        # The first `concurrency` requests start together; after that every worker sends
        # its next request as soon as the previous one is answered, so `concurrency`
        # requests stay in flight.
        first_wave = min(concurrency, len(requests))
        barrier = threading.Barrier(first_wave)

        def send_one(request):
            send(port, request, barrier if request.index < first_wave else None)

        started = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(max_workers=concurrency) as pool:
            list(pool.map(send_one, requests))
        elapsed = time.monotonic() - started
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
        try:
            exit_status = server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            exit_status = server.wait()
    with open(stdout_path, "rb") as handle:
        lines = handle.read().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines, exit_status, elapsed


DEBUG_TOKEN = "e2e-" + os.urandom(8).hex()
# How the requests of the debug check ask for debug: (name, headers); the first is the
# only one that may get debug records.
DEBUG_VARIANTS = (
    ("valid token", {"X-Log-Level": "debug", "X-Debug-Token": DEBUG_TOKEN}),
    ("no header", {}),
    ("wrong token", {"X-Log-Level": "debug", "X-Debug-Token": DEBUG_TOKEN + "x"}),
    ("no token", {"X-Log-Level": "debug"}),
)


def debug_requests(count, first_index):
    """`count` requests of every kind; one in four asks for debug with the valid token."""
    requests = []
    for offset in range(count):
        index = first_index + offset
        request = Request(index, KINDS[offset % len(KINDS)], send_request_id=True)
        request.variant, request.extra_headers = DEBUG_VARIANTS[offset % len(DEBUG_VARIANTS)]
        requests.append(request)
    return requests


def check_debug(requests, lines, report, token_configured=True):
    """Checks that exactly the requests with the valid token (when the server has one)
    have debug records, and that each of them has some from the repository."""
    for request in requests:
        if request.error:
            report.violation(f"request {request.index} ({request.kind}): {request.error}")
        elif request.status != EXPECTED_STATUS[request.kind]:
            report.violation(f"request {request.index} ({request.kind}): status {request.status}")
    by_request_id = {request.request_id: request for request in requests}
    debug = collections.defaultdict(list)
    for number, raw in enumerate(lines, 1):
        try:
            record = json.loads(raw.decode("utf-8"))
        except ValueError:
            report.violation(f"debug check, line {number} is not JSON: {raw[:200]!r}")
            continue
        if record.get("level") not in ("debug", "trace"):
            continue
        request = by_request_id.get(record.get("request_id"))
        if request is None:
            report.violation(f"debug check, line {number}: debug record outside the requests: {raw[:200]!r}")
            continue
        debug[request.request_id].append(record)
    for request in requests:
        records = debug.get(request.request_id, [])
        label = f"request {request.index} ({request.kind}, {request.variant})"
        wanted = token_configured and request.variant == "valid token"
        if wanted:
            report.debug_requests += 1
            report.debug_records += len(records)
            if not any(r["logger"] == "app.orders.repository" for r in records):
                report.violation(f"{label}: no debug record from the repository ({len(records)} debug records)")
        elif records:
            report.violation(f"{label}: {len(records)} debug records, e.g. {records[0]}")


def run_debug_checks(binary, count, report):
    """The debug check: a server with a token under `count` concurrent requests, then a
    server without one. Adds to `report`; returns a summary line."""
    requests = debug_requests(count, first_index=5000)
    outcome = run_server(binary, requests, count, LOG_LEVEL="info", DEBUG_TOKEN=DEBUG_TOKEN)
    if outcome is None:
        report.violation("debug check: the server did not start")
        return "debug check: server did not start"
    lines, exit_status, _ = outcome
    if exit_status != 0:
        report.violation(f"debug check: server exited with status {exit_status} after SIGTERM")
    check_debug(requests, lines, report)
    with_token = sum(1 for request in requests if request.variant == "valid token")
    untokened = debug_requests(len(DEBUG_VARIANTS) * 3, first_index=6000)
    for request in untokened:
        request.variant, request.extra_headers = "no server token", dict(DEBUG_VARIANTS[0][1])
    outcome = run_server(binary, untokened, len(untokened), LOG_LEVEL="info")
    if outcome is None:
        report.violation("debug check without DEBUG_TOKEN: the server did not start")
    else:
        lines, exit_status, _ = outcome
        check_debug(untokened, lines, report, token_configured=False)
    return (f"debug check: {count} concurrent requests at info, {with_token} with X-Log-Level: debug and the"
            f" valid X-Debug-Token: {report.debug_records} debug records in {report.debug_requests} of them;"
            f" {count - with_token} without a valid token and {len(untokened)} to a server without"
            f" DEBUG_TOKEN: none expected")


def self_test():
    """Proves the checks fire: a clean synthetic log passes, and each kind of leak or
    loss, injected into it, is reported."""
    first = Request(0, "show", send_request_id=True)
    second = Request(1, "create", send_request_id=False)
    first.status, second.status = 200, 201
    second.request_id = "gen-0123abcd"
    second.order_ids.add("ord-xyz")
    order = next(iter(first.order_ids))

    def record(request, logger, message, **fields):
        base = {"timestamp": "2024-08-06T11:54:56.789Z", "level": "info", "logger": logger,
                "message": message}
        base.update(fields)
        base.update(request_id=request.request_id, user_id=request.user_id)
        return base

    def clean():
        records = []
        for request, status in ((first, 200), (second, 201)):
            records.append(record(request, "app.http", "request started"))
            records.append(record(request, "app.orders.service", "loading order"))
            records.append(record(request, "app.orders.repository", "order row read"))
            records.append(record(request, "app.http", "request finished", status=status, duration_ms=1.5))
        records.append(record(second, "app.orders.audit", "audit event", order_id="ord-xyz"))
        records[1]["order_id"] = order
        for request, hummingbird_id in ((first, "a1"), (second, "a2")):
            method, path, _ = request.method_and_path()
            records.append(record(request, HUMMINGBIRD_LOGGER, "Request", **{
                "hb.request.method": method, "hb.request.path": path, HUMMINGBIRD_REQUEST_ID: hummingbird_id}))
        records.append({"timestamp": "2024-08-06T11:54:56.789Z", "level": "info", "logger": HUMMINGBIRD_LOGGER,
                        "message": "Server started and listening on 127.0.0.1:8080"})
        return records

    def hummingbird_records(records):
        return [r for r in records if r["logger"] == HUMMINGBIRD_LOGGER and HUMMINGBIRD_REQUEST_ID in r]

    def lines_of(records):
        return [json.dumps(r).encode() for r in records]

    def leak_user(records):
        records[2]["user_id"] = second.user_id

    def foreign_order(records):
        records[5]["order_id"] = order

    def lost_context(records):
        del records[2]["request_id"]

    def lost_audit_context(records):
        audit = next(r for r in records if r["logger"] == "app.orders.audit")
        del audit["request_id"], audit["user_id"]

    def hummingbird_outside_scope(records):
        # Logged before the middleware bound the context (a middleware order mistake).
        del hummingbird_records(records)[0]["request_id"]

    def hummingbird_other_request(records):
        # Tagged with the other request's context: its path still names the first's order.
        hummingbird_records(records)[0].update(request_id=second.request_id, user_id=second.user_id)

    def hummingbird_lost(records):
        records.remove(hummingbird_records(records)[1])

    def hummingbird_id_reused(records):
        hummingbird_records(records)[1][HUMMINGBIRD_REQUEST_ID] = "a1"

    def hummingbird_wrong_path(records):
        hummingbird_records(records)[1]["hb.request.path"] = "/health"

    def hummingbird_lifecycle_with_context(records):
        records[-1].update(request_id=first.request_id, user_id=first.user_id)

    def lost_layer(records):
        del records[6]

    def lifecycle_with_context(records):
        records.append(record(first, "app", "server started"))

    mutations = [leak_user, foreign_order, lost_context, lost_audit_context, lost_layer,
                 lifecycle_with_context, hummingbird_outside_scope, hummingbird_other_request,
                 hummingbird_lost, hummingbird_id_reused, hummingbird_wrong_path,
                 hummingbird_lifecycle_with_context]
    failures = []
    report = Report()
    check([first, second], lines_of(clean()), report)
    if report.violations:
        failures.append(f"clean log reported {report.violations}")
    for mutation in mutations:
        records = clean()
        mutation(records)
        report = Report()
        check([first, second], lines_of(records), report)
        if not report.violations:
            failures.append(f"{mutation.__name__}: not detected")
    report = Report()
    check([first, second], lines_of(clean()) + [b'{"truncated": '], report)
    if report.malformed != 1:
        failures.append("malformed line: not detected")
    failures += self_test_debug()
    print(f"self-test: clean log passes, {len(mutations) + 1} injected faults detected, debug check:"
          f" {len(DEBUG_FAULTS)} injected faults detected"
          if not failures else "self-test FAILED:\n  " + "\n  ".join(failures))
    return 1 if failures else 0


DEBUG_FAULTS = ("debug record in a request without the token", "no debug record in a request with it",
                "debug record outside any request")


def self_test_debug():
    """The debug check passes a clean synthetic log and reports each injected fault."""
    requests = debug_requests(4, first_index=0)
    for request in requests:
        request.status = EXPECTED_STATUS[request.kind]

    def record(request, level, logger):
        return {"timestamp": "2024-08-06T11:54:56.789Z", "level": level, "logger": logger, "message": "m",
                "request_id": request.request_id, "user_id": request.user_id}

    def clean():
        records = [record(request, "info", "app.http") for request in requests]
        records.append(record(requests[0], "debug", "app.orders.repository"))
        return records

    def faulty(name):
        records = clean()
        if name == DEBUG_FAULTS[0]:
            records.append(record(requests[2], "debug", "app.orders.repository"))
        elif name == DEBUG_FAULTS[1]:
            records.pop()
        else:
            records.append(dict(record(requests[0], "debug", "app"), request_id="elsewhere"))
        return records

    failures = []
    report = Report()
    check_debug(requests, [json.dumps(r).encode() for r in clean()], report)
    if report.violations:
        failures.append(f"debug check: clean log reported {report.violations}")
    for name in DEBUG_FAULTS:
        report = Report()
        check_debug(requests, [json.dumps(r).encode() for r in faulty(name)], report)
        if not report.violations:
            failures.append(f"debug check: {name}: not detected")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", help="the built ContextServer executable")
    parser.add_argument("--requests", type=int, default=250)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--debug-requests", type=int, default=80,
                        help="concurrent requests of the debug check (0 skips it)")
    parser.add_argument("--self-test", action="store_true", help="check the checker on synthetic logs")
    arguments = parser.parse_args()
    if arguments.self_test:
        return self_test()
    if not arguments.binary:
        parser.error("--binary is required")

    requests = [Request(index, KINDS[index % len(KINDS)], send_request_id=index % 7 != 3)
                for index in range(arguments.requests)]
    outcome = run_server(arguments.binary, requests, arguments.concurrency)
    if outcome is None:
        return 1
    lines, exit_status, elapsed = outcome
    report = Report()
    if exit_status != 0:
        report.violation(f"server exited with status {exit_status} after SIGTERM")
    check(requests, lines, report)

    distinct = len({r.request_id for r in requests if r.request_id})
    without_header = sum(1 for request in requests if request.sent_request_id is None)
    print(f"requests: {len(requests)} sent, {distinct} distinct request ids, {without_header} without"
          f" X-Request-Id, {arguments.concurrency} concurrent, {elapsed:.2f}s")
    print("requests per kind: " + ", ".join(
        f"{kind}={sum(1 for r in requests if r.kind == kind)}" for kind in KINDS))
    print(f"records: {report.lines} lines, {report.malformed} malformed, {report.in_requests} in requests,"
          f" {report.lifecycle} lifecycle; at most {report.max_in_flight} requests in flight in the server")
    print("records per logger: " + ", ".join(f"{name}={count}" for name, count in sorted(report.per_logger.items())))
    print(f"Hummingbird's own records (logger {HUMMINGBIRD_LOGGER}):"
          f" {sum(report.hummingbird_in_requests.values())} in requests ("
          + ", ".join(f"{message}={count}" for message, count in sorted(report.hummingbird_in_requests.items()))
          + f"), each with its request's request_id; {report.hummingbird_lifecycle} outside any request")
    print(f"child-task records: async_let={report.child_records['async_let']},"
          f" task_group={report.child_records['task_group']},"
          f" dispatch queue (audit)={report.per_logger['app.orders.audit']}")
    if arguments.debug_requests > 0:
        print(run_debug_checks(arguments.binary, arguments.debug_requests, report))
    print(f"violations: {len(report.violations)}")
    for text in report.violations[:50]:
        print(f"  {text}")
    if len(report.violations) > 50:
        print(f"  ... and {len(report.violations) - 50} more")
    return 1 if report.violations else 0


if __name__ == "__main__":
    sys.exit(main())
