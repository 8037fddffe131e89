#!/usr/bin/env python3
"""End-to-end check of trace correlation and OTLP export in the TracedServer example.

Starts a local OTLP/HTTP receiver (loopback only; protobuf decoded with the OpenTelemetry
project's own `opentelemetry-proto` package), starts the built server with
OTEL_EXPORTER_OTLP_ENDPOINT pointing at it, sends concurrent `GET /` requests, each with its
own incoming `traceparent` and `X-Request-Id`, stops the server with SIGTERM, then checks:

- every stdout line is a JSON object with timestamp, level, logger and message; every OTLP
  request decodes (nothing malformed), and the server exits 0;
- every stdout line of a request (it carries the request's `request_id`) has that request's
  `trace_id`, a `span_id` of 16 hex digits that is not the incoming parent's, and
  `trace_flags` 01; no line carries a trace id without a request id;
- each request left records in every layer (Hummingbird's `Request` record, app.http,
  app.greeting, and app.greeting.store from the child task); the child task's records carry
  the child span's id, the others the server span's;
- every request's trace has exported spans: a server span whose parent is the incoming span
  and whose id is the one the request's lines carry, and the child span under it;
- every stdout record of a request also arrived over OTLP as a log record with the same
  trace id, span id, body, request_id and `logger` attribute; and no OTLP record of a
  request is missing from stdout.

Prints its counts; exits 1 on any violation. `--self-test` checks the checker on made-up
data first (a correct run passes, each kind of broken run is caught).
"""

import argparse
import collections
import concurrent.futures
import gzip
import http.client
import http.server
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

try:
    from opentelemetry.proto.collector.logs.v1 import logs_service_pb2
    from opentelemetry.proto.collector.trace.v1 import trace_service_pb2
    from opentelemetry.proto.collector.metrics.v1 import metrics_service_pb2
except ImportError:  # pragma: no cover - e2e.sh installs it
    sys.exit("e2e_check.py needs opentelemetry-proto: python3 -m pip install opentelemetry-proto")

HEX16 = re.compile(r"^[0-9a-f]{16}$")
REQUEST_LAYERS = {"hummingbird", "app.http", "app.greeting", "app.greeting.store"}
CHILD_LOGGER = "app.greeting.store"
SERVER_SPAN_KIND = 2  # opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER


class Request:
    def __init__(self, index):
        self.index = index
        self.trace_id = os.urandom(16).hex()
        self.parent_span_id = os.urandom(8).hex()
        self.request_id = f"req-{index:04d}-{os.urandom(3).hex()}"
        self.name = f"user{index}"
        self.status = None
        self.error = None


def send(port, request):
    headers = {
        "traceparent": f"00-{request.trace_id}-{request.parent_span_id}-01",
        "X-Request-Id": request.request_id,
        "Connection": "close",
    }
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", f"/?name={request.name}", headers=headers)
        response = connection.getresponse()
        body = response.read().decode()
        request.status = response.status
        if response.status != 200 or body != f"Hello, {request.name}!\n":
            request.error = f"status {response.status}, body {body!r}"
        elif response.getheader("X-Request-Id") != request.request_id:
            request.error = f"response X-Request-Id {response.getheader('X-Request-Id')!r}"
        connection.close()
    except Exception as error:  # noqa: BLE001 - any failure is a reported violation
        request.error = f"{type(error).__name__}: {error}"


class Receiver:
    """An OTLP/HTTP receiver on 127.0.0.1: decodes every export, keeps logs and spans."""

    MESSAGES = {
        "/v1/logs": (logs_service_pb2.ExportLogsServiceRequest, logs_service_pb2.ExportLogsServiceResponse),
        "/v1/traces": (trace_service_pb2.ExportTraceServiceRequest, trace_service_pb2.ExportTraceServiceResponse),
        "/v1/metrics": (
            metrics_service_pb2.ExportMetricsServiceRequest,
            metrics_service_pb2.ExportMetricsServiceResponse,
        ),
    }

    def __init__(self):
        self.lock = threading.Lock()
        self.logs = []  # dicts: trace_id, span_id, body, attributes
        self.spans = []  # dicts: trace_id, span_id, parent_span_id, name, kind
        self.exports = collections.Counter()
        self.malformed = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the http.server API
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                try:
                    if self.headers.get("Content-Encoding") == "gzip":
                        body = gzip.decompress(body)
                    request_type, response_type = receiver.MESSAGES[self.path]
                    if "protobuf" not in (self.headers.get("Content-Type") or ""):
                        raise ValueError(f"Content-Type {self.headers.get('Content-Type')!r}")
                    message = request_type.FromString(body)
                    receiver.keep(self.path, message)
                except Exception as error:  # noqa: BLE001 - reported as malformed
                    with receiver.lock:
                        receiver.malformed.append(f"{self.path}: {type(error).__name__}: {error}")
                    self.send_response(400)
                    self.end_headers()
                    return
                payload = response_type().SerializeToString()
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def keep(self, path, message):
        logs, spans = [], []
        if path == "/v1/logs":
            for resource_logs in message.resource_logs:
                for scope_logs in resource_logs.scope_logs:
                    for record in scope_logs.log_records:
                        attributes = {item.key: any_value(item.value) for item in record.attributes}
                        logs.append({
                            "trace_id": record.trace_id.hex(), "span_id": record.span_id.hex(),
                            "body": any_value(record.body), "attributes": attributes,
                        })
        elif path == "/v1/traces":
            for resource_spans in message.resource_spans:
                for scope_spans in resource_spans.scope_spans:
                    for span in scope_spans.spans:
                        spans.append({
                            "trace_id": span.trace_id.hex(), "span_id": span.span_id.hex(),
                            "parent_span_id": span.parent_span_id.hex(), "name": span.name, "kind": span.kind,
                        })
        with self.lock:
            self.exports[path] += 1
            self.logs += logs
            self.spans += spans

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def any_value(value):
    kind = value.WhichOneof("value")
    if kind is None:
        return None
    if kind == "array_value":
        return [any_value(item) for item in value.array_value.values]
    if kind == "kvlist_value":
        return {item.key: any_value(item.value) for item in value.kvlist_value.values}
    return getattr(value, kind)


def check(requests, lines, otlp_logs, spans, malformed=(), exit_code=0):
    """Every violation found, and the counts."""
    violations = [f"malformed OTLP export: {item}" for item in malformed]
    if exit_code != 0:
        violations.append(f"the server exited with {exit_code}")
    by_request_id = {request.request_id: request for request in requests}
    violations += [f"{r.request_id}: {r.error}" for r in requests if r.error]
    records = []
    for number, line in enumerate(lines, 1):
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not all(k in record for k in ("timestamp", "level", "logger", "message")):
                raise ValueError("not an object with timestamp, level, logger and message")
            records.append(record)
        except ValueError as error:
            violations.append(f"stdout line {number} is malformed ({error}): {line[:200]!r}")
    per_request = collections.defaultdict(list)
    for record in records:
        request = by_request_id.get(record.get("request_id"))
        if request is None:
            if "trace_id" in record or "span_id" in record:
                violations.append(f"a record with trace context but no request's request_id: {record}")
            continue
        per_request[request.request_id].append(record)
        if record.get("trace_id") != request.trace_id:
            violations.append(f"{request.request_id}: trace_id {record.get('trace_id')!r}, sent {request.trace_id}: {record}")
        span_id = record.get("span_id")
        if not isinstance(span_id, str) or not HEX16.match(span_id) or span_id == "0" * 16:
            violations.append(f"{request.request_id}: span_id {span_id!r} is not 16 hex digits: {record}")
        elif span_id == request.parent_span_id:
            violations.append(f"{request.request_id}: span_id is the incoming parent's {span_id}: {record}")
        if record.get("trace_flags") != "01":
            violations.append(f"{request.request_id}: trace_flags {record.get('trace_flags')!r}: {record}")

    spans_by_trace = collections.defaultdict(list)
    for span in spans:
        spans_by_trace[span["trace_id"]].append(span)
    otlp_by_key = collections.Counter()
    otlp_request_records = 0
    for record in otlp_logs:
        request_id = record["attributes"].get("request_id")
        if request_id in by_request_id:
            otlp_request_records += 1
            key = (request_id, record["trace_id"], record["span_id"], record["attributes"].get("logger"), record["body"])
            otlp_by_key[key] += 1

    for request in requests:
        own = per_request.get(request.request_id, [])
        layers = {record["logger"] for record in own}
        if not REQUEST_LAYERS <= layers:
            violations.append(f"{request.request_id}: records from {sorted(layers)}, expected {sorted(REQUEST_LAYERS)}")
        server_spans = {r.get("span_id") for r in own if r["logger"] != CHILD_LOGGER}
        child_spans = {r.get("span_id") for r in own if r["logger"] == CHILD_LOGGER}
        if len(server_spans) != 1 or len(child_spans) != 1 or server_spans == child_spans:
            violations.append(f"{request.request_id}: server span ids {server_spans}, child span ids {child_spans}")
        exported = spans_by_trace.get(request.trace_id, [])
        if not exported:
            violations.append(f"{request.request_id}: no span of trace {request.trace_id} was exported")
        else:
            roots = [s for s in exported if s["parent_span_id"] == request.parent_span_id and s["kind"] == SERVER_SPAN_KIND]
            if len(roots) != 1 or {roots[0]["span_id"]} != server_spans:
                violations.append(
                    f"{request.request_id}: exported server spans under the incoming parent {roots}, lines carry {server_spans}")
            elif not any(s["parent_span_id"] == roots[0]["span_id"] and {s["span_id"]} == child_spans for s in exported):
                violations.append(f"{request.request_id}: no exported child span {child_spans} under the server span")
        wanted = collections.Counter(
            (request.request_id, r.get("trace_id"), r.get("span_id"), r["logger"], r["message"]) for r in own)
        for key, count in wanted.items():
            if otlp_by_key[key] != count:
                violations.append(f"{request.request_id}: stdout record {key} x{count} arrived over OTLP x{otlp_by_key[key]}")
        for key, count in otlp_by_key.items():
            if key[0] == request.request_id and wanted[key] == 0:
                violations.append(f"{request.request_id}: OTLP record {key} x{count} is not on stdout")

    counts = {
        "requests": len(requests),
        "stdout lines": len(lines),
        "request lines": sum(len(v) for v in per_request.values()),
        "OTLP log records": len(otlp_logs),
        "OTLP request log records": otlp_request_records,
        "spans exported": len(spans),
        "traces with spans": sum(1 for r in requests if spans_by_trace.get(r.trace_id)),
    }
    return violations, counts


def self_test():
    """The checker passes a made-up correct run and catches each kind of broken one."""
    request = Request(1)
    server, child = os.urandom(8).hex(), os.urandom(8).hex()
    loggers = [("hummingbird", server), ("app.http", server), ("app.greeting", server), (CHILD_LOGGER, child)]

    def line(logger, span, **extra):
        record = {"timestamp": "t", "level": "info", "logger": logger, "message": f"m {logger}",
                  "trace_id": request.trace_id, "span_id": span, "trace_flags": "01", "request_id": request.request_id}
        record.update(extra)
        return json.dumps(record)

    lines = [line(logger, span) for logger, span in loggers] + ['{"timestamp":"t","level":"info","logger":"app","message":"up"}']
    logs = [{"trace_id": request.trace_id, "span_id": span, "body": f"m {logger}",
             "attributes": {"request_id": request.request_id, "logger": logger}} for logger, span in loggers]
    spans = [{"trace_id": request.trace_id, "span_id": server, "parent_span_id": request.parent_span_id, "name": "GET /",
              "kind": SERVER_SPAN_KIND},
             {"trace_id": request.trace_id, "span_id": child, "parent_span_id": server, "name": "lookup", "kind": 1}]
    violations, _ = check([request], lines, logs, spans)
    assert violations == [], violations
    broken = {
        "wrong trace id": ([line("app.http", server, trace_id="0" * 32)] + lines[1:], logs, spans),
        "parent's span id": ([line("app.http", request.parent_span_id)] + lines[1:], logs, spans),
        "no span id": ([line("app.http", None)] + lines[1:], logs, spans),
        "malformed line": (lines + ["{not json"], logs, spans),
        "missing layer": (lines[1:], logs[1:], spans),
        "no exported spans": (lines, logs, []),
        "record not exported": (lines, logs[1:], spans),
        "record exported with another span": (lines, [dict(logs[0], span_id=child)] + logs[1:], spans),
        "record exported under another logger": (
            lines, [dict(logs[0], attributes={"request_id": request.request_id, "logger": "x"})] + logs[1:], spans),
        "trace context without request": (lines + [json.dumps({"timestamp": "t", "level": "info", "logger": "x",
                                                               "message": "m", "trace_id": request.trace_id})], logs, spans),
    }
    for name, (lines_, logs_, spans_) in broken.items():
        violations, _ = check([request], lines_, logs_, spans_)
        assert violations, f"the checker missed: {name}"
    assert check([request], lines, logs, spans, malformed=["/v1/logs: bad"])[0]
    assert check([request], lines, logs, spans, exit_code=1)[0]
    print(f"self-test: a correct run passes; {len(broken) + 2} broken runs are each caught")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", help="the built TracedServer executable")
    parser.add_argument("--requests", type=int, default=120)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--self-test", action="store_true")
    arguments = parser.parse_args()
    if arguments.self_test:
        self_test()
        return 0
    receiver = Receiver()
    workdir = tempfile.mkdtemp(prefix="traced-e2e-")
    stdout_path = os.path.join(workdir, "stdout.jsonl")
    environment = dict(os.environ)
    environment.update({
        "PORT": "0",
        "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{receiver.port}",
        "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf",
        "OTEL_SERVICE_NAME": "traced-server-e2e",
        "OTEL_BSP_SCHEDULE_DELAY": "200",
        "OTEL_BLRP_SCHEDULE_DELAY": "200",
    })
    started = time.monotonic()
    with open(stdout_path, "wb") as stdout, open(os.path.join(workdir, "stderr.txt"), "wb") as stderr:
        server = subprocess.Popen([arguments.binary], stdout=stdout, stderr=stderr, env=environment)
    port = None
    deadline = time.monotonic() + 60
    while port is None and time.monotonic() < deadline and server.poll() is None:
        with open(stdout_path, encoding="utf-8", errors="replace") as handle:
            for text in handle:
                if '"server started"' in text:
                    port = json.loads(text)["port"]
        time.sleep(0.05)
    if port is None:
        server.kill()
        print(open(os.path.join(workdir, "stderr.txt")).read(), file=sys.stderr)
        print("FAILED: the server did not announce its port", file=sys.stderr)
        return 1
    requests = [Request(index) for index in range(arguments.requests)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=arguments.concurrency) as pool:
        list(pool.map(lambda request: send(port, request), requests))
    server.send_signal(signal.SIGTERM)
    try:
        exit_code = server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        exit_code = "killed after 60 s without stopping"
    receiver.stop()
    with open(stdout_path, encoding="utf-8", errors="replace") as handle:
        lines = handle.read().splitlines()
    violations, counts = check(requests, lines, receiver.logs, receiver.spans, receiver.malformed, exit_code)
    counts["OTLP exports"] = dict(receiver.exports)
    counts["seconds"] = round(time.monotonic() - started, 1)
    print("traced e2e: " + ", ".join(f"{key}={value}" for key, value in counts.items()))
    if violations:
        for violation in violations[:40]:
            print("VIOLATION: " + violation, file=sys.stderr)
        print(f"FAILED: {len(violations)} violations (stdout kept in {workdir})", file=sys.stderr)
        return 1
    print(f"traced e2e: OK: {len(requests)} concurrent requests, every line carries its trace and a span of it, "
          "every trace exported, every request record exported over OTLP")
    return 0


if __name__ == "__main__":
    sys.exit(main())
