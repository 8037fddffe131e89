import Logbook
import Testing

/// The marker pair of a cut logfmt line (`truncated="…[truncated N bytes]"`) against the
/// keys the line already holds.
@Suite struct LogfmtLineCutTests {
    /// The keys of a logfmt line, in order: each pair's text before its `=`, pairs split at
    /// spaces outside double quotes (a backslash escapes the next byte inside them).
    private func keys(_ line: String) -> [String] {
        var keys: [String] = []
        var pair = ""
        var inQuotes = false
        var escaped = false
        for character in line + " " {
            if escaped {
                escaped = false
            } else if inQuotes && character == "\\" {
                escaped = true
            } else if character == "\"" {
                inQuotes.toggle()
            } else if character == " " && !inQuotes {
                keys.append(String(pair.prefix { $0 != "=" }))
                pair = ""
                continue
            }
            pair.append(character)
        }
        return keys
    }

    @Test(arguments: [
        (["truncated": true] as LogFields, "fields.truncated"),
        (["truncated": true, "fields.truncated": 1] as LogFields, "fields.fields.truncated"),
        ([:] as LogFields, "truncated"),
    ])
    func theMarkerNeverRepeatsAKeptKey(fields: LogFields, marker: String) {
        var all = fields
        all["big"] = String(repeating: "x", count: 500)  // unquoted: the cut falls outside quotes
        let record = makeRecord(message: "m", fields: all)
        let line = LogfmtFormatter(lineLimit: 200).format(record)
        #expect(line.utf8.count <= 200)
        let keys = keys(line)
        #expect(Set(keys).count == keys.count, "\(line)")
        #expect(keys.last == marker, "\(line)")
        let whole = LogfmtFormatter().format(record).utf8.count
        #expect(line.hasSuffix(" \(marker)=\"…[truncated \(whole) bytes]\""), "\(line)")
    }

    /// Writes `text` as the whole line, so the cut sees a line whose first bytes the test chooses
    /// (the built-in text formats start with their own keys; syslog's cut starts at the message).
    private struct TextFormatter: LogFormatter {
        let text: String
        var lineLimit = 100
        func format(_ record: LogRecord, into buffer: inout LogBuffer) { buffer.append(text) }
    }

    /// The line's first key is checked for the marker key as the keys after a space are: a line
    /// that starts with `truncated=` gets a `fields.truncated` marker. A space or quote at the
    /// start matches no key (a quote opens a value the cut falls inside, marked and closed).
    @Test(arguments: [
        ("truncated=1 ", #"truncated=1 fields.truncated="…[truncated 212 bytes]""#),
        ("fields.truncated=1 ", #"fields.truncated=1 truncated="…[truncated 219 bytes]""#),
        (" truncated=1 ", #" truncated=1 fields.truncated="…[truncated 213 bytes]""#),
        ("xtruncated=1 ", #"xtruncated=1 truncated="…[truncated 213 bytes]""#),
        ("\"truncated=1 ", "\"truncated=1 " + String(repeating: "x", count: 39) + #"…[truncated 213 bytes]""#),
    ])
    func theFirstKeyOfTheLineIsAKeptKey(start: String, expected: String) {
        var buffer = LogBuffer()
        buffer.append("before ")
        TextFormatter(text: start + String(repeating: "x", count: 200)).formatLine(makeRecord(), into: &buffer)
        #expect(buffer.string == "before " + expected)
    }

    /// At the smallest cap (64 bytes), a line whose first key is `truncated` needs a `fields.`
    /// marker; the room for it moves the cut before that key's `=`, which leaves the key a
    /// bare word: the marker must still differ from it.
    @Test func theFirstKeyCutBeforeItsEqualsSignStillRenamesTheMarker() {
        var buffer = LogBuffer()
        let formatter = TextFormatter(text: "truncated=1 " + String(repeating: "x", count: 200), lineLimit: 64)
        formatter.formatLine(makeRecord(), into: &buffer)
        #expect(buffer.count <= 64)
        let keys = keys(buffer.string)
        #expect(Set(keys).count == keys.count, "\(buffer.string)")
        #expect(buffer.string == #"truncated fields.truncated="…[truncated 212 bytes]""#)
    }

    @Test func aKeyAfterTheCutDoesNotRenameTheMarker() {
        let line = LogfmtFormatter(lineLimit: 200).format(
            makeRecord(message: "m", fields: ["big": String(repeating: "x", count: 500), "truncated": true]))
        #expect(keys(line).last == "truncated", "\(line)")
    }
}
