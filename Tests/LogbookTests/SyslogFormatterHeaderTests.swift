import Logbook
import Testing

/// The parts of a syslog line that come from the formatter's configuration (HOSTNAME,
/// APP-NAME, PROCID, the SD-ID) and the line cap, checked against RFC 5424's grammar.
@Suite struct SyslogFormatterHeaderTests {
    private func record(logger: String = "payments", message: String = "m", fields: LogFields = [:]) -> LogRecord {
        LogRecord(
            timestamp: LogTimestamp(secondsSinceEpoch: 1_722_945_296, nanoseconds: 789_012_000), level: .info,
            logger: logger, message: message, fields: fields)
    }

    @Test func structuredDataIDNeverHoldsTheCharactersSDNameExcludes() throws {
        // RFC 5424 6.3.2: SD-NAME is 1 to 32 PRINTUSASCII except `=`, SP, `]` and `"`.
        let formatter = SyslogFormatter(hostname: "h", structuredDataID: "my=id]x\"y z@32473")
        #expect(formatter.structuredDataID == "my_id_x_y_z@32473")
        let line = formatter.format(record(fields: ["amount": 42]))
        let parsed = try #require(RFC5424Line(line), "not RFC 5424: \(line)")
        #expect(parsed.elements.map(\.id) == ["my_id_x_y_z@32473"])
        #expect(parsed.elements.first?.parameters.last?.value == "42")
    }

    @Test(arguments: [
        // A 256-byte logger name and a host name of 100: no field to leave out.
        (String(repeating: "h", count: 100), "app", "4242", String(repeating: "l", count: 256)),
        // The longest header fields RFC 5424 allows, and a logger name of control characters.
        (
            String(repeating: "h", count: 255), String(repeating: "a", count: 48), String(repeating: "1", count: 128),
            String(repeating: "\u{1}", count: 300)
        ),
    ])
    func linesWithLongHeaderFieldsStayWithinTheCapAndParse(
        hostname: String, appName: String, processID: String, logger: String
    ) throws {
        let formatter = SyslogFormatter(appName: appName, hostname: hostname, processID: processID, lineLimit: 480)
        let fields = LogFields((0..<20).map { ("key\($0)", "value \($0)") })
        for message in ["m", String(repeating: "x", count: 5000)] {
            var buffer = LogBuffer()
            formatter.formatLine(record(logger: logger, message: message, fields: fields), into: &buffer)
            let line = buffer.string
            #expect(buffer.count <= formatter.lineLimit)
            let parsed = try #require(RFC5424Line(line), "not RFC 5424: \(line)")
            #expect(parsed.hostname == hostname && parsed.appName == appName && parsed.processID == processID)
            #expect(parsed.elements.first?.parameters.first?.name == "logger")
            #expect(parsed.elements.first?.parameters.last?.name == "logbook.dropped_fields")
        }
    }

    @Test func aLongLoggerNameIsCutBetweenCharacters() throws {
        // 255 bytes, then a 2-byte character across the 256-byte cut: left out whole, not split.
        let line = SyslogFormatter(hostname: "h").format(record(logger: String(repeating: "a", count: 255) + "é"))
        let parsed = try #require(RFC5424Line(line), "not RFC 5424: \(line)")
        #expect(parsed.elements.first?.parameters.first?.value == String(repeating: "a", count: 255) + "…")
    }

    @Test func ordinaryHeaderFieldsKeepTheCapAsGiven() {
        #expect(
            SyslogFormatter(appName: "payments", hostname: "web-1", processID: "42", lineLimit: 480).lineLimit == 480)
        #expect(SyslogFormatter(hostname: "h").lineLimit == 8192)
    }
}

/// A syslog line split by RFC 5424's grammar (section 6), strictly: `nil` when it does not
/// follow it. Only what these tests read is kept.
private struct RFC5424Line {
    struct Element {
        var id: String
        var parameters: [(name: String, value: String)]
    }
    var hostname: String
    var appName: String
    var processID: String
    var elements: [Element] = []

    init?(_ line: String) {
        var bytes = Array(line.utf8)[...]
        func field(_ maximum: Int) -> String? {
            guard let space = bytes.firstIndex(of: 0x20) else { return nil }
            let value = bytes[..<space]
            guard (1...maximum).contains(value.count), value.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
            bytes = bytes[(space + 1)...]
            return String(decoding: value, as: UTF8.self)
        }
        guard let priority = field(12), priority.hasPrefix("<"), priority.hasSuffix(">1"), field(32) != nil,
            let hostname = field(255), let appName = field(48), let processID = field(128), field(32) != nil
        else { return nil }
        (self.hostname, self.appName, self.processID) = (hostname, appName, processID)
        func isNameByte(_ byte: UInt8) -> Bool {
            byte > 0x20 && byte < 0x7F && byte != 0x3D && byte != 0x5D && byte != 0x22
        }
        func name() -> String? {
            let end = bytes.firstIndex { !isNameByte($0) } ?? bytes.endIndex
            guard (1...32).contains(end - bytes.startIndex) else { return nil }
            defer { bytes = bytes[end...] }
            return String(decoding: bytes[..<end], as: UTF8.self)
        }
        while bytes.first == UInt8(ascii: "[") {
            bytes = bytes.dropFirst()
            guard let id = name() else { return nil }
            var element = Element(id: id, parameters: [])
            while bytes.first == 0x20 {
                bytes = bytes.dropFirst()
                guard let parameter = name(), bytes.starts(with: [0x3D, 0x22]) else { return nil }
                bytes = bytes.dropFirst(2)
                var value: [UInt8] = []
                while true {
                    guard let byte = bytes.first else { return nil }
                    bytes = bytes.dropFirst()
                    if byte == 0x22 { break }
                    if byte == 0x5D { return nil }  // `]` only escaped
                    if byte == 0x5C, let next = bytes.first, next == 0x22 || next == 0x5C || next == 0x5D {
                        value.append(next)
                        bytes = bytes.dropFirst()
                    } else {
                        value.append(byte)
                    }
                }
                element.parameters.append((parameter, String(decoding: value, as: UTF8.self)))
            }
            guard bytes.first == UInt8(ascii: "]") else { return nil }
            bytes = bytes.dropFirst()
            elements.append(element)
        }
        guard !elements.isEmpty, bytes.isEmpty || bytes.first == 0x20 else { return nil }
    }
}
