// Command zerolog-peer writes the benchmark's record with zerolog, the peer of
// Logbook's end-to-end JSON row (Benchmarks/Sources/LogbookBenchmarks/ZerologPeer.swift
// builds and drives it; Benchmarks/README.md explains the row).
//
// The record is the one every benchmark row logs: message "request completed", level
// info, logger "bench.e2e.peer", an RFC 3339 UTC timestamp with milliseconds, call-site
// fields method, path, status, duration_ms, cached and context fields request_id,
// user_id, trace_id (bound once, as zerolog's With() context, like Logbook's
// LogContext.with around the loop). Each record is one write(2) to the output file.
//
// Built in GOPATH mode against Debian's golang-github-rs-zerolog-dev:
//
//	GO111MODULE=off GOPATH=$(mktemp -d):/usr/share/gocode go build -o /tmp/zerolog-peer main.go
//
// Modes:
//
//	zerolog-peer -n 1000000            write N records, print "<ns per record> ns/record <allocs per record> allocs/record"
//	zerolog-peer -serve                read a count N per line on stdin, write N records, answer "<total ns> <total mallocs>"
//	zerolog-peer -show                 write one record to stderr and exit (to check its shape by eye)
//
// -out names the output file (default /dev/null).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/rs/zerolog"
)

func newLogger(out *os.File) zerolog.Logger {
	zerolog.TimeFieldFormat = "2006-01-02T15:04:05.000Z07:00"
	zerolog.TimestampFieldName = "timestamp"
	zerolog.TimestampFunc = func() time.Time { return time.Now().UTC() }
	return zerolog.New(out).Level(zerolog.InfoLevel).With().
		Timestamp().
		Str("logger", "bench.e2e.peer").
		Str("request_id", "r-5f3a9c").
		Str("user_id", "u-1042").
		Str("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736").
		Logger()
}

func write(logger *zerolog.Logger, n int) {
	for i := 0; i < n; i++ {
		logger.Info().
			Str("method", "GET").
			Str("path", "/api/orders/42").
			Int("status", 200).
			Float64("duration_ms", 12.5).
			Bool("cached", false).
			Msg("request completed")
	}
}

// measure writes n records and returns the elapsed nanoseconds and heap allocations.
func measure(logger *zerolog.Logger, n int) (int64, uint64) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	write(logger, n)
	elapsed := time.Since(start).Nanoseconds()
	runtime.ReadMemStats(&after)
	return elapsed, after.Mallocs - before.Mallocs
}

func main() {
	n := flag.Int("n", 0, "write this many records and print the time per record")
	serve := flag.Bool("serve", false, "read counts on stdin, answer total ns and mallocs on stdout")
	show := flag.Bool("show", false, "write one record to stderr and exit")
	outPath := flag.String("out", "/dev/null", "the file records are written to")
	flag.Parse()

	if *show {
		logger := newLogger(os.Stderr)
		write(&logger, 1)
		return
	}
	out, err := os.OpenFile(*outPath, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		fmt.Fprintln(os.Stderr, "zerolog-peer:", err)
		os.Exit(2)
	}
	logger := newLogger(out)
	write(&logger, 1000) // warm up

	if *serve {
		input := bufio.NewScanner(os.Stdin)
		for input.Scan() {
			count, err := strconv.Atoi(strings.TrimSpace(input.Text()))
			if err != nil || count < 0 {
				fmt.Fprintln(os.Stderr, "zerolog-peer: bad count", input.Text())
				os.Exit(2)
			}
			elapsed, mallocs := measure(&logger, count)
			fmt.Printf("%d %d\n", elapsed, mallocs)
		}
		return
	}
	if *n <= 0 {
		fmt.Fprintln(os.Stderr, "usage: zerolog-peer -n N | -serve | -show [-out FILE]")
		os.Exit(2)
	}
	elapsed, mallocs := measure(&logger, *n)
	fmt.Printf("%.1f ns/record %.3f allocs/record\n", float64(elapsed)/float64(*n), float64(mallocs)/float64(*n))
}
