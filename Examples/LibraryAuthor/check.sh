#!/usr/bin/env bash
# Runs WeatherApp with and without logging configured and checks that the output is
# exactly what README.md shows (timestamps aside).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin="$(swift build --package-path "$here" --show-bin-path)/WeatherApp"
swift build --package-path "$here" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" >"$work/plain.out" 2>"$work/plain.err"
"$bin" --configure-logging >"$work/configured.out" 2>"$work/configured.err"
python3 - "$here/README.md" "$work" <<'PY'
import re, sys
readme, work = open(sys.argv[1]).read(), sys.argv[2]
blocks = re.findall(r"```text\n(.*?)```", readme, re.S)
assert len(blocks) == 3, f"expected 3 text blocks in the README, found {len(blocks)}"
def normalized(text):
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", "<time>", text)
    return re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}", "<time>", text)
expected = [normalized(block) for block in blocks]
actual = [normalized(open(f"{work}/{name}").read()) for name in ("plain.out", "plain.err", "configured.out")]
for name, want, got in zip(("stdout without configuration", "stderr without configuration", "stdout with configuration"), expected, actual):
    if want != got:
        sys.exit(f"LibraryAuthor: {name} differs from README.md:\n--- README\n{want}--- actual\n{got}")
if open(f"{work}/configured.err").read():
    sys.exit("LibraryAuthor: standard error is not empty once the application configured logging")
print("LibraryAuthor: output matches README.md in both runs (3 app lines, 1 last-resort warning; 3 JSON records)")
PY
