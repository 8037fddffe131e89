#!/usr/bin/env bash
# End-to-end check of trace correlation and OTLP export: builds the TracedServer example,
# starts a local OTLP/HTTP receiver (Python, loopback only), runs the server against it on a
# free port, sends concurrent requests each with its own incoming traceparent, stops the
# server with SIGTERM and checks stdout against what arrived over OTLP (see e2e_check.py).
# Usage: Examples/TracedServer/e2e.sh [--requests N] [--concurrency N]
set -euo pipefail
cd "$(dirname "$0")"

# The receiver decodes OTLP's protobuf with the OpenTelemetry project's own package.
if ! python3 -c 'import opentelemetry.proto.collector.logs.v1.logs_service_pb2' 2>/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check opentelemetry-proto
fi
python3 e2e_check.py --self-test
swift build
binary="$(swift build --show-bin-path)/TracedServer"
python3 e2e_check.py --binary "$binary" "$@"
