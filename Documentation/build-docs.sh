#!/usr/bin/env bash
# Builds the DocC documentation of the Logbook module with the toolchain's `docc`, without
# the swift-docc-plugin, and fails on any DocC warning. Then checks, on what DocC built and
# on the symbol graphs, that every public symbol is curated in a topic group and that every
# public symbol of Logbook, LogbookTesting, LogbookSwiftLog and LogbookTracing has its own doc comment
# (Documentation/check-docs.py).
#
# Usage: Documentation/build-docs.sh [output directory]   (default .build/docs)
# The archive is <output>/Logbook.doccarchive; serve it with any static file server.
set -euo pipefail
cd "$(dirname "$0")/.."
output=${1:-.build/docs}
started=$(date +%s)

# Public symbols only, extension blocks for the standard library types that conform to
# LogValueConvertible, and no members inherited from other modules' protocol extensions.
# dump-symbol-graph builds with every trait, so LogbookSwiftLog's and LogbookTracing's real
# symbols are checked too. It also tries the test modules, which exist only once the tests were built; those
# failures are the only ones tolerated, and the four library graphs must be written anew.
rm -rf "$output"
mkdir -p "$output/symbol-graphs"
touch "$output/started"
swift package dump-symbol-graph \
    --minimum-access-level public --emit-extension-block-symbols --skip-synthesized-members \
    >"$output/dump-symbol-graph.log" 2>&1 || true
graphs=$(sed -n 's/^Files written to //p' "$output/dump-symbol-graph.log")
other_errors=$(grep '^error: ' "$output/dump-symbol-graph.log" \
    | grep -vE "^error: Failed to emit symbol graph for 'LogbookPackage(Discovered)?Tests'" || true)
for module in Logbook LogbookTesting LogbookSwiftLog LogbookTracing; do
    if [ -n "$other_errors" ] || [ ! "${graphs:-/nonexistent}/$module.symbols.json" -nt "$output/started" ]; then
        cat "$output/dump-symbol-graph.log"
        echo "dump-symbol-graph did not write the symbol graph of $module" >&2
        exit 1
    fi
done
cp "$graphs"/Logbook.symbols.json "$graphs"/Logbook@*.symbols.json "$output/symbol-graphs/"

# --warnings-as-errors turns every warning into an error; the log keeps them for the count.
status=0
docc convert Sources/Logbook/Logbook.docc \
    --additional-symbol-graph-dir "$output/symbol-graphs" \
    --output-dir "$output/Logbook.doccarchive" \
    --fallback-display-name Logbook \
    --fallback-bundle-identifier org.logbook.Logbook \
    --warnings-as-errors >"$output/docc.log" 2>&1 || status=$?
diagnostics=$(grep -cE '^(warning|error): ' "$output/docc.log" || true)
if [ "$status" -ne 0 ] || [ "$diagnostics" -ne 0 ]; then
    cat "$output/docc.log"
    echo "DocC: $diagnostics warnings or errors (exit status $status)" >&2
    exit 1
fi
echo "DocC: 0 warnings; $(find "$output/Logbook.doccarchive/data/documentation" -name '*.json' | wc -l) pages in $output/Logbook.doccarchive"

python3 Documentation/check-docs.py --archive "$output/Logbook.doccarchive" --symbol-graphs "$graphs"
echo "documentation build and checks took $(($(date +%s) - started)) s"
