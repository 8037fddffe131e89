#!/usr/bin/env bash
# Builds the Go checker against Debian's packaged go-logfmt and go-syslog (GOPATH mode,
# no network) and runs it over a corpus directory written by `LogbookTestHost corpus`.
set -euo pipefail
corpus=$1
here=$(cd "$(dirname "$0")" && pwd)
build=$(mktemp -d /tmp/logbook-parsers.XXXXXX)
trap 'rm -rf "$build"' EXIT
GO111MODULE=off GOPATH="$build:/usr/share/gocode" GOCACHE="$build/cache" GOFLAGS= \
    go build -o "$build/check_parsers" "$here/check_parsers.go"
"$build/check_parsers" "$corpus"
