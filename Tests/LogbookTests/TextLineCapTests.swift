import Logbook
import Testing

/// Each text format's line exactly at its cap is written whole; one byte over, it is cut to at
/// most the cap and marked with the whole line's length (syslog's with its message's).
@Suite struct TextLineCapTests {
    static let formats: [(String, @Sendable (Int) -> any LogFormatter)] = [
        ("logfmt", { LogfmtFormatter(lineLimit: $0) }),
        ("console", { ConsoleFormatter(colors: .never, timestamp: .utc, lineLimit: $0) }),
        ("lambda text", { LambdaTextFormatter(lineLimit: $0) }),
        ("syslog", { SyslogFormatter(appName: "shop", hostname: "host", processID: "1", lineLimit: $0) }),
    ]

    @Test(arguments: formats.indices, ["truncated=1 ", " ", "\"", ""])
    func atTheCapAndOneByteOver(format: Int, messageStart: String) {
        let (name, make) = Self.formats[format]
        let message = messageStart + String(repeating: "m ", count: 300)
        let record = makeRecord(
            message: message,
            fields: ["truncated": true, "pad": String(repeating: "x", count: 100)], error: GatewayError())
        var whole = LogBuffer()
        make(1 << 20).formatLine(record, into: &whole)
        let length = whole.count
        #expect(length > 480, "\(name)")
        var atCap = LogBuffer()
        make(length).formatLine(record, into: &atCap)
        #expect(atCap.bytes == whole.bytes, "\(name)")
        var over = LogBuffer()
        make(length - 1).formatLine(record, into: &over)
        #expect(over.count <= length - 1, "\(name): \(over.string)")
        let counted = name == "syslog" ? message.utf8.count : length
        #expect(over.string.hasSuffix("…[truncated \(counted) bytes]\""), "\(name): \(over.string)")
    }
}
