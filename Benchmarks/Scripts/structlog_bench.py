#!/usr/bin/env python3
"""Records per second for Python's structlog with orjson, writing the record of the
Logbook benchmark's end-to-end scenario to /dev/null.

The record matches Logbook's: an RFC 3339 UTC timestamp, the level, the logger name,
the message "request completed", five call-site fields and three context fields bound
with structlog.contextvars, rendered as one JSON line by orjson. Like Logbook's
StreamSink, structlog's BytesLogger writes and flushes each line, so every record is one
write(2) to /dev/null.

    pip install structlog orjson
    python3 Benchmarks/Scripts/structlog_bench.py [--rounds 9] [--seconds 0.3]
"""

import argparse
import io
import logging
import os
import platform
import statistics
import time

import orjson
import structlog


def configure(file):
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True, key="timestamp"),
            structlog.processors.EventRenamer("message"),
            structlog.processors.JSONRenderer(serializer=orjson.dumps),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.INFO),
        logger_factory=structlog.BytesLoggerFactory(file=file),
        cache_logger_on_first_use=False,
    )
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(
        request_id="r-5f3a9c", user_id="u-1042", trace_id="4bf92f3577b34da6a3ce929d0e0e4736")
    return structlog.get_logger().bind(logger="bench.e2e")


def write_records(log, count):
    for _ in range(count):
        log.info("request completed", method="GET", path="/api/orders/42", status=200, duration_ms=12.5,
                 cached=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--seconds", type=float, default=0.3, help="length of one round")
    arguments = parser.parse_args()

    sample = io.BytesIO()
    write_records(configure(sample), 1)
    print("sample line: " + sample.getvalue().decode().strip())

    with open(os.devnull, "wb") as devnull:
        log = configure(devnull)
        write_records(log, 2000)  # warm up
        started = time.perf_counter()
        write_records(log, 2000)
        count = max(1000, int(2000 * arguments.seconds / (time.perf_counter() - started)))
        rates = []
        for _ in range(arguments.rounds):
            started = time.perf_counter()
            write_records(log, count)
            rates.append(count / (time.perf_counter() - started))
    median = statistics.median(rates)
    print("structlog %s + orjson %s on CPython %s: median %.0f records/s (%.0f ns per record) over %d rounds of %d"
          % (structlog.__version__, orjson.__version__, platform.python_version(), median, 1e9 / median,
             arguments.rounds, count))


if __name__ == "__main__":
    main()
