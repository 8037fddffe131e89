#!/usr/bin/env bash
# End-to-end check of context propagation: builds the ContextServer example, runs it on a
# free port, sends concurrent requests over HTTP and checks every line it logged.
# Usage: Examples/ContextServer/e2e.sh [--requests N] [--concurrency N]
set -euo pipefail
cd "$(dirname "$0")"

python3 e2e_check.py --self-test
swift build
binary="$(swift build --show-bin-path)/ContextServer"
python3 e2e_check.py --binary "$binary" "$@"
