import Foundation
import Logbook
import Testing

/// No text format writes a character a terminal or a viewer acts on (C0 controls, DEL,
/// C1 controls, U+2028, U+2029) from record content.
@Suite("Control characters")
struct ControlCharacterTests {
    static func obeyed(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
            || scalar.value == 0x2029
    }

    /// Every scalar the rule covers, and a few forged records built from them.
    static let hostile: [String] = {
        var all = (0..<0x20).map { String(Unicode.Scalar(UInt8($0))) }
        all += (0x7F...0x9F).map { String(Unicode.Scalar(UInt32($0))!) }
        all += ["\u{2028}", "\u{2029}"]
        return [
            all.joined(), "a\nlevel=error msg=forged", "\n[ERROR]\tforged", "\u{1B}[2J\u{1B}]0;x\u{7}",
            "\n<11>1 2024-08-06T11:54:56Z h a 1 - - forged", "\r\n\u{85}\u{2028}tail",
        ]
    }()

    static let formatters: [(String, any LogFormatter)] = [
        ("logfmt", LogfmtFormatter()),
        ("console", ConsoleFormatter(colors: .never)),
        ("lambda-text", LambdaTextFormatter()),
        ("syslog", SyslogFormatter(appName: "app", hostname: "host", processID: "1")),
    ]

    /// The text formats' escape for `scalar`, by the table: `\n`, `\r`, `\t`, else `\u` and
    /// four lowercase hex digits of the code point.
    static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": #"\n"#
        case "\r": #"\r"#
        case "\t": #"\t"#
        default:
            #"\u"# + String(String(scalar.value + 0x10000, radix: 16).dropFirst())
        }
    }

    @Test("each character of the rule is written as its own escape, with its code point, in every writer")
    func exactEscapes() {
        for scalar in Self.hostile[0].unicodeScalars {
            let text = "a" + String(scalar) + "b"
            let escaped = "a" + Self.escape(scalar) + "b"
            let name = "U+\(String(scalar.value, radix: 16))"
            var buffer = LogBuffer()
            buffer.appendSingleLine(text)
            #expect(buffer.string == escaped, "single line, \(name)")
            buffer.removeAll()
            buffer.appendLogfmtValue(text)
            #expect(buffer.string == "\"" + escaped + "\"", "logfmt, \(name)")
            // JSON escapes C0 (with its own \b and \f), U+2028 and U+2029, not DEL or C1.
            let json =
                switch scalar.value {
                case 0x08: #"\b"#
                case 0x0C: #"\f"#
                case 0x7F...0x9F: String(scalar)
                default: Self.escape(scalar)
                }
            buffer.removeAll()
            buffer.appendJSONString(text)
            #expect(buffer.string == "\"a" + json + "b\"", "JSON, \(name)")
            if scalar != "\t" && scalar != "\n" && scalar != "\r" {  // Lambda text's own
                let record = LogRecord(level: .info, logger: "l", message: text)
                let line = LambdaTextFormatter(appendsFields: false).format(record)
                #expect(line.hasSuffix("\t" + escaped), "Lambda text, \(name)")
            }
        }
    }

    @Test("hostile messages, keys and values come out escaped in every text format")
    func directRecords() {
        for text in Self.hostile {
            let record = LogRecord(
                level: .info, logger: text, message: text,
                fields: [text: text, "nested": [text: text] as LogValue, "plain": "ok"],
                error: ControlCharacterError(text: text))
            for (name, formatter) in Self.formatters {
                var buffer = LogBuffer()
                formatter.format(record, into: &buffer)
                let line = buffer.string
                for scalar in line.unicodeScalars where Self.obeyed(scalar) {
                    // Lambda text keeps its tab separators, tabs in the message, and the
                    // carriage return that joins the lines of a message.
                    if name == "lambda-text" && (scalar == "\t" || scalar == "\r") { continue }
                    Issue.record("\(name) wrote U+\(String(scalar.value, radix: 16)) raw: \(line.debugDescription)")
                }
                #expect(line.contains("ok"))
            }
        }
    }

    @Test("the control-character rule holds for the whole hostile corpus in every non-JSON format")
    func corpus() async throws {
        let directory = TemporaryDirectory()
        let outcome = try await TestHost.run("corpus", ["1500", "20260806", directory.path])
        #expect(outcome.status == 0)
        for name in ["console", "logfmt", "lambda-text", "syslog"] {
            // Split on bytes: as `Character`s, a line ending in Lambda text's `\r` and its
            // `\n` would be one.
            let lines = Array(directory.contents(name + ".lines")).split(
                separator: 0x0A, omittingEmptySubsequences: false
            ).dropLast()
            #expect(lines.count == 1500, "\(name)")
            var offending = 0
            for line in lines {
                if String(decoding: line, as: UTF8.self).unicodeScalars.contains(where: {
                    Self.obeyed($0) && !(name == "lambda-text" && ($0 == "\t" || $0 == "\r"))
                }) {
                    offending += 1
                }
            }
            #expect(offending == 0, "\(name): \(offending) lines with raw control characters")
        }
    }
}

private struct ControlCharacterError: Error, CustomStringConvertible {
    let text: String
    var description: String { text }
}
