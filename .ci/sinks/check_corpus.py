#!/usr/bin/env python3
"""Checks the bad-input corpus written by `LogbookTestHost corpus`.

For each `<name>.lines` next to a `<name>.expected` (one JSON object per record saying
which syntax to check), verifies every line and prints one count line per formatter.
Exits non-zero when any line is malformed.
"""
import json
import re
import sys
from pathlib import Path


def reject_constant(name):
    raise ValueError(f"non-standard JSON constant {name}")


def unique_object(pairs):
    keys = [key for key, _ in pairs]
    if len(keys) != len(set(keys)):
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        raise ValueError(f"duplicate keys {duplicates!r}")
    return dict(pairs)


def obeyed(c):
    """A character terminals or viewers act on: C0, DEL, C1, U+2028, U+2029."""
    o = ord(c)
    return o < 0x20 or 0x7F <= o <= 0x9F or o in (0x2028, 0x2029)


def check_json(line, expected):
    value = json.loads(line, parse_constant=reject_constant, object_pairs_hook=unique_object)
    if not isinstance(value, dict):
        raise ValueError("not an object")
    for key in ("timestamp", "level", "logger", "message"):
        if key not in value:
            raise ValueError(f"missing {key}")
    count = expected.get("top_level_keys")
    if count is not None and "logbook.dropped_fields" not in value and len(value) != count:
        raise ValueError(f"{len(value)} top-level keys, expected {count}")


def split_logfmt(line):
    """Splits `key=value key="quoted \\" value"` into keys; raises on leftovers."""
    keys = []
    index = 0
    length = len(line)
    while index < length:
        if line[index] != " " and index != 0:
            raise ValueError(f"expected a space at {index}")
        if index != 0:
            index += 1
        equals = line.find("=", index)
        if equals < 0:
            raise ValueError(f"no '=' after {index}")
        key = line[index:equals]
        if key == "" or any(c in key for c in ' "'):
            raise ValueError(f"bad key {key!r}")
        keys.append(key)
        index = equals + 1
        if index < length and line[index] == '"':
            index += 1
            while True:
                if index >= length:
                    raise ValueError("unterminated quoted value")
                if line[index] == "\\":
                    index += 2
                    continue
                if line[index] == '"':
                    index += 1
                    break
                index += 1
        else:
            while index < length and line[index] != " ":
                if line[index] in '="':
                    raise ValueError(f"unquoted value holds {line[index]!r}")
                index += 1
    return keys


def check_logfmt(line, expected):
    if any(obeyed(c) for c in line):
        raise ValueError("raw control character")
    keys = split_logfmt(line)
    if len(keys) != len(set(keys)):
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        raise ValueError(f"duplicate keys {duplicates!r}")
    if "…[truncated " in line:
        # A capped line keeps a prefix of the pairs and adds `truncated="…"`.
        extra = [key for key in keys if key != "truncated"]
        missing = sorted(set(extra) - set(expected["keys"]))
        if missing:
            raise ValueError(f"unexpected keys {missing!r} in a truncated line")
        return
    if sorted(keys) != sorted(expected["keys"]):
        raise ValueError(f"keys {sorted(keys)!r} != expected {sorted(expected['keys'])!r}")


def check_text(line, expected):
    if any(obeyed(c) for c in line):
        raise ValueError("raw control character")


LAMBDA_TEXT_HEADER = re.compile(
    r"\[(TRACE|DEBUG|INFO|NOTICE|WARNING|ERROR|CRITICAL)\]\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t[^\t]*\t"
)


def check_lambda_text(line, expected):
    # Lambda's text format: `[LEVEL]<TAB>time<TAB>request id<TAB>message`. Tabs separate the
    # header; the runtime writes line feeds in the message as carriage returns, so the one
    # thing a line must never hold is a line feed (splitting guarantees that).
    if not LAMBDA_TEXT_HEADER.match(line):
        raise ValueError("bad Lambda text header")
    # Its two documented exceptions: tabs, and the carriage return joining lines.
    if any(obeyed(c) and c not in "\t\r" for c in line):
        raise ValueError("raw control character")


SYSLOG_HEADER = re.compile(r"<(\d{1,3})>1 (\S+) (\S{1,255}) (\S{1,48}) (\S{1,128}) (\S{1,32}) ")
SD_NAME = re.compile(r'[!-~]{1,32}')


def check_syslog(line, expected):
    if len(line.encode()) > 8192:
        raise ValueError("longer than 8192 bytes")
    if any(obeyed(c) for c in line):
        raise ValueError("raw control character")
    match = SYSLOG_HEADER.match(line)
    if not match or int(match.group(1)) > 191:
        raise ValueError("bad header")
    index = match.end()
    if line[index] != "[":
        raise ValueError("no structured data")
    index += 1
    end_id = line.index(" ", index) if " " in line[index:] else -1
    while True:
        # Parameters: ` NAME="VALUE"` with \" \\ \] escapes; the element ends at `]`.
        if line[index] == "]":
            break
        space = line.find(" ", index)
        if space < 0:
            raise ValueError("unterminated structured data")
        index = space + 1
        equals = line.find("=", index)
        name = line[index:equals]
        if not SD_NAME.fullmatch(name) or any(c in name for c in '="]'):
            raise ValueError(f"bad parameter name {name!r}")
        if line[equals + 1] != '"':
            raise ValueError("unquoted parameter value")
        index = equals + 2
        while True:
            if index >= len(line):
                raise ValueError("unterminated parameter value")
            char = line[index]
            if char == "\\" and index + 1 < len(line) and line[index + 1] in '"\\]':
                index += 2
                continue
            if char in '"]' and char == '"':
                index += 1
                break
            if char == "]":
                raise ValueError("unescaped ] in a value")
            index += 1
        if line[index] not in " ]":
            raise ValueError(f"junk after a parameter at {index}")
        if line[index] == "]":
            break
    if not line[index + 1:index + 2] in ("", " "):
        raise ValueError("no space before the message")
    del end_id


CHECKS = {
    "json": check_json,
    "logfmt": check_logfmt,
    "text": check_text,
    "lambda-text": check_lambda_text,
    "syslog": check_syslog,
}


def main(directory):
    failed = False
    total = 0
    for expected_path in sorted(Path(directory).glob("*.expected")):
        name = expected_path.stem
        raw_lines = Path(directory, name + ".lines").read_bytes().split(b"\n")
        if raw_lines and raw_lines[-1] == b"":
            raw_lines.pop()
        expectations = [json.loads(line) for line in expected_path.read_text().split("\n") if line]
        bad = 0
        examples = []
        if len(raw_lines) != len(expectations):
            print(f"{name}: {len(raw_lines)} lines for {len(expectations)} records")
            failed = True
        for number, (raw, expected) in enumerate(zip(raw_lines, expectations), 1):
            try:
                line = raw.decode("utf-8")
                CHECKS[expected["syntax"]](line, expected)
            except (ValueError, UnicodeDecodeError, IndexError) as error:
                bad += 1
                if len(examples) < 3:
                    examples.append(f"  line {number}: {error}: {raw[:300]!r}")
        total += len(raw_lines)
        print(f"corpus {name}: {len(raw_lines)} lines, {len(raw_lines) - bad} valid, {bad} malformed")
        for example in examples:
            print(example)
        failed = failed or bad > 0
    print(f"corpus total: {total} lines checked")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
