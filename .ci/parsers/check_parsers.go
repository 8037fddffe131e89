// Reads the hostile corpus written by `LogbookTestHost corpus` with real parsers:
// go-logfmt for the logfmt lines and influxdata's go-syslog RFC 5424 parser, in its
// strict mode, for the syslog lines. Every logfmt line must decode to exactly the
// keys and values logged (`<name>.expected`'s "pairs"; a null value is not compared);
// every syslog line must parse, with its parameters and message reading back where
// nothing needed an escape of syslog's own. Prints one count line per formatter and
// exits non-zero when any line fails.
//
// Built in GOPATH mode against Debian's packaged sources:
//
//	GO111MODULE=off GOPATH=$dir:/usr/share/gocode go build -o $dir/check_parsers .ci/parsers/check_parsers.go
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-logfmt/logfmt"
	"github.com/influxdata/go-syslog/rfc5424"
)

type expectation struct {
	Syntax  string       `json:"syntax"`
	Pairs   [][2]*string `json:"pairs"`
	Message *string      `json:"message"`
}

const truncatedMarker = "…[truncated "

func readLines(path string) ([][]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lines := bytes.Split(data, []byte("\n"))
	if len(lines) > 0 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	return lines, nil
}

func readExpectations(path string) ([]expectation, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	var result []expectation
	scanner := bufio.NewScanner(file)
	scanner.Buffer(make([]byte, 1<<20), 1<<26)
	for scanner.Scan() {
		var e expectation
		if err := json.Unmarshal(scanner.Bytes(), &e); err != nil {
			return nil, err
		}
		result = append(result, e)
	}
	return result, scanner.Err()
}

func checkLogfmt(line []byte, e expectation) error {
	decoder := logfmt.NewDecoder(bytes.NewReader(line))
	var pairs [][2]string
	records := 0
	for decoder.ScanRecord() {
		records++
		for decoder.ScanKeyval() {
			pairs = append(pairs, [2]string{string(decoder.Key()), string(decoder.Value())})
		}
	}
	if err := decoder.Err(); err != nil {
		return fmt.Errorf("go-logfmt: %v", err)
	}
	if records != 1 {
		return fmt.Errorf("%d records in one line", records)
	}
	if bytes.Contains(line, []byte(truncatedMarker)) {
		return nil // a capped line keeps a prefix of the pairs
	}
	if len(pairs) != len(e.Pairs) {
		return fmt.Errorf("%d pairs decoded, %d logged", len(pairs), len(e.Pairs))
	}
	for i, pair := range pairs {
		if pair[0] != *e.Pairs[i][0] {
			return fmt.Errorf("key %d is %q, logged %q", i, pair[0], *e.Pairs[i][0])
		}
		if want := e.Pairs[i][1]; want != nil && pair[1] != *want {
			return fmt.Errorf("value of %q is %q, logged %q", pair[0], pair[1], *want)
		}
	}
	return nil
}

func checkSyslog(line []byte, e expectation) error {
	message, err := rfc5424.NewParser().Parse(line)
	if err != nil {
		return fmt.Errorf("go-syslog: %v", err)
	}
	parsed := message.(*rfc5424.SyslogMessage)
	elements := parsed.StructuredData()
	if elements == nil {
		return fmt.Errorf("no structured data")
	}
	var params map[string]string
	for _, element := range *elements {
		params = element
	}
	counts := map[string]int{}
	for _, pair := range e.Pairs {
		counts[*pair[0]]++
	}
	dropped := strings.Count(string(line), ` logbook.dropped_fields="`) > counts["logbook.dropped_fields"]
	for _, pair := range e.Pairs {
		name, want := *pair[0], pair[1]
		// A repeated name reads back as one value; the formatter's own count of dropped
		// fields may repeat a field of that name.
		if want == nil || counts[name] != 1 || (dropped && name == "logbook.dropped_fields") {
			continue
		}
		got, found := params[name]
		if !found {
			if dropped {
				continue
			}
			return fmt.Errorf("parameter %q missing", name)
		}
		if got != *want {
			return fmt.Errorf("parameter %q is %q, logged %q", name, got, *want)
		}
	}
	if e.Message != nil && !bytes.Contains(line, []byte(truncatedMarker)) {
		got := ""
		if parsed.Message() != nil {
			got = *parsed.Message()
		}
		if got != *e.Message {
			return fmt.Errorf("message is %q, logged %q", got, *e.Message)
		}
	}
	return nil
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: check_parsers CORPUS_DIRECTORY")
		os.Exit(64)
	}
	paths, _ := filepath.Glob(filepath.Join(os.Args[1], "*.expected"))
	failed, checked := false, 0
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".expected")
		expectations, err := readExpectations(path)
		if err != nil || len(expectations) == 0 {
			fmt.Printf("%s: cannot read expectations: %v\n", name, err)
			failed = true
			continue
		}
		var check func([]byte, expectation) error
		var parser string
		switch expectations[0].Syntax {
		case "logfmt":
			check, parser = checkLogfmt, "go-logfmt"
		case "syslog":
			check, parser = checkSyslog, "go-syslog rfc5424 (strict)"
		default:
			continue
		}
		lines, err := readLines(filepath.Join(os.Args[1], name+".lines"))
		if err != nil || len(lines) != len(expectations) {
			fmt.Printf("%s: %d lines for %d records (%v)\n", name, len(lines), len(expectations), err)
			failed = true
			continue
		}
		bad := 0
		for i, line := range lines {
			if err := check(line, expectations[i]); err != nil {
				bad++
				if bad <= 3 {
					shown := line
					if len(shown) > 300 {
						shown = shown[:300]
					}
					fmt.Printf("  line %d: %v: %q\n", i+1, err, shown)
				}
			}
		}
		checked += len(lines)
		fmt.Printf("%s %s: %d lines, %d read back, %d failed\n", parser, name, len(lines), len(lines)-bad, bad)
		failed = failed || bad > 0
	}
	fmt.Printf("real parsers: %d lines checked\n", checked)
	if failed || checked == 0 {
		os.Exit(1)
	}
}
