/// Formats records as RFC 5424 syslog messages, fields carried as structured data.
///
/// ```text
/// <134>1 2024-08-06T11:54:56.789012Z web-1 payments 4242 - [logbook@32473 logger="payments" amount="42"] charge created
/// ```
///
/// The Formats guide (<doc:Formats>) gives the header fields, the structured data's parameters and
/// the escaping (`#012` for a line feed); a message over ``lineLimit`` is shortened and marked.
public struct SyslogFormatter: LogFormatter {
    /// A syslog facility (RFC 5424 section 6.2.1).
    public enum Facility: UInt8, Sendable, Hashable, CaseIterable {
        /// Kernel messages (0).
        case kernel = 0
        /// User-level messages (1), the default.
        case user = 1
        /// Mail system (2).
        case mail = 2
        /// System daemons (3).
        case daemon = 3
        /// Security and authorization (4).
        case auth = 4
        /// Local use 0 (16).
        case local0 = 16
        /// Local use 1 to 7 (17 to 23).
        case local1, local2, local3, local4, local5, local6, local7
    }

    let facility: Facility
    package let structuredDataID: String
    /// The longest message in bytes, at least 480 (RFC 5424's minimum), and more when the header
    /// fields leave no room for the shortest message. Default 8192 (rsyslog's default maximum).
    public let lineLimit: Int
    /// What follows the timestamp up to the logger's value, the same in every message.
    private let headerTail: [UInt8]

    /// Creates a formatter.
    ///
    /// - Parameters:
    ///   - facility: The facility in every message's `PRI`.
    ///   - appName: The `APP-NAME` field; `nil` is the program's file name.
    ///   - hostname: The `HOSTNAME` field; `nil` is the system's host name.
    ///   - processID: The `PROCID` field; `nil` is the process id.
    ///   - structuredDataID: The structured-data element ID that carries the fields, `name@number`
    ///     (by default in the enterprise number range reserved for documentation): at most 32
    ///     printable ASCII characters, others and `=`, `]` and `"` (excluded by RFC 5424) become `_`.
    ///   - lineLimit: The longest message in bytes; see ``lineLimit``.
    public init(
        facility: Facility = .user,
        appName: String? = nil,
        hostname: String? = nil,
        processID: String? = nil,
        structuredDataID: String = "logbook@32473",
        lineLimit: Int = 8192
    ) {
        self.facility = facility
        let appName = Self.headerField(appName ?? System.programName, maximumLength: 48)
        let hostname = Self.headerField(hostname ?? System.hostname, maximumLength: 255)
        let processID = Self.headerField(processID ?? String(System.processID), maximumLength: 128)
        self.structuredDataID = Self.headerField(structuredDataID, maximumLength: 32, excluding: [0x3D, 0x5D, 0x22])
        self.headerTail = Array(" \(hostname) \(appName) \(processID) - [\(self.structuredDataID) logger=\"".utf8)
        self.lineLimit = max(
            lineLimit, 480, Self.prefixRoom + headerTail.count + Self.minimumLoggerRoom + Self.suffixRoom)
    }

    /// The most `<PRI>1 ` and the timestamp take.
    private static let prefixRoom = 35
    /// The least room after the logger's value: closing quote, dropped-fields count, an empty
    /// trace element's brackets, space and the shortest cut message (see
    /// ``LogBuffer/cutLine(from:limit:omitted:)``).
    private static let suffixRoom = 136
    /// The least room the logger's value keeps in a line cut to its cap.
    private static let minimumLoggerRoom = 32

    package static func severity(of level: LogLevel) -> Int {
        min(7, 8 - Int(level.rawValue))
    }

    /// Appends the message for `record`, without a trailing newline.
    public func format(_ record: LogRecord, into buffer: inout LogBuffer) {
        let start = buffer.count
        writeHeader(record, into: &buffer, budget: FieldBudget(start: start, limit: nil))
        var messageStart = buffer.count
        Self.appendSyslogText(record.message, into: &buffer)
        guard buffer.count - start > lineLimit else { return }
        // Too long: shorten the message, and leave out fields when the structured data alone
        // does not fit.
        if messageStart - start + 128 > lineLimit {
            buffer.truncate(to: start)
            // The logger's value as long as the header leaves room for, escapes counted, so the
            // cut below fits.
            let loggerRoom = min(256, lineLimit - Self.prefixRoom - headerTail.count - Self.suffixRoom)
            writeHeader(
                record, loggerRoom: loggerRoom, into: &buffer, budget: FieldBudget(start: start, limit: lineLimit / 2))
            messageStart = buffer.count
            Self.appendSyslogText(record.message, into: &buffer)
        }
        buffer.cutLine(from: messageStart, limit: lineLimit - (messageStart - start))  // a no-op when it fits
    }

    /// Writes all before the message: the header, the structured data and a space.
    private func writeHeader(
        _ record: LogRecord, loggerRoom: Int? = nil, into buffer: inout LogBuffer, budget: FieldBudget
    ) {
        // `<PRI>1 ` in one word: the digits of PRI (at most 191) between `<` and `>1 `.
        let pri = UInt64(facility.rawValue) * 8 + UInt64(Self.severity(of: record.level))
        let digits = pri >= 100 ? 3 : pri >= 10 ? 2 : 1
        let word = (LogBuffer.decimalDigits(pri) >> UInt64(64 - 8 * digits)) << 8 | 0x3C
        buffer.append(word: 0x20_313E << UInt64(8 * digits + 8) | word, count: digits + 4)
        buffer.appendRFC3339(record.timestamp, fractionDigits: 6)
        buffer.append(contentsOf: headerTail)
        writeStructuredData(record, loggerRoom: loggerRoom, into: &buffer, budget: budget)
        buffer.append(UInt8(ascii: " "))
    }

    /// Writes the structured data. The logger name is always kept: a name over 256 bytes is cut
    /// to 256 bytes written (or to `loggerRoom`), escapes included, at a code point boundary.
    #if compiler(>=6.3)
    @inline(always)  // its field loop is then inlined too: 70 instructions a record fewer than a call
    #else
    @inline(__always)
    #endif
    private func writeStructuredData(
        _ record: LogRecord, loggerRoom: Int?, into buffer: inout LogBuffer, budget: FieldBudget
    ) {
        var budget = budget
        let logger =
            loggerRoom == nil && record.logger.utf8.count <= 256
            ? record.logger : Self.prefix(of: record.logger, escapedLength: loggerRoom ?? 256)
        Self.appendSyslogText(logger, escapingStructuredData: true, into: &buffer)
        buffer.append(UInt8(ascii: "\""))
        record.withFieldList { fields in
            var trace = (-1, -1, -1)  // the indices of `trace_id`, `span_id` and `trace_flags`
            for index in 0..<fields.count {
                let key = fields[index].key
                guard Self.ownKeys.contains(at: key) else {
                    writeParameter(key, fields[index].value, into: &buffer, &budget)
                    continue
                }
                switch Self.ownKeys.index(at: key) {  // a record's keys are distinct
                case 0?: writeParameter("fields.logger", .written(fields[index].value), into: &buffer, &budget)
                case 1?: trace.0 = index
                case 2?: trace.1 = index
                default: trace.2 = index
                }
            }
            if let error = record.error {
                writeParameter("error.type", .string(String(reflecting: type(of: error))), into: &buffer, &budget)
                writeParameter("error.message", .string(String(describing: error)), into: &buffer, &budget)
            }
            if budget.dropped > 0 {
                buffer.append(" logbook.dropped_fields=\"")
                buffer.appendDecimal(budget.dropped)
                buffer.append(UInt8(ascii: "\""))
            }
            buffer.append(UInt8(ascii: "]"))
            guard max(trace.0, trace.1, trace.2) >= 0 else { return }
            // OpenTelemetry's trace context: its own element, in its order, held to the same budget
            // (one left out here is not in the count above, already written).
            buffer.append(word: 0x6C65_746E_6570_6F5B, count: 8)  // `[opentelemetry` (`[opentel`, `emetry`)
            buffer.append(word: 0x7972_7465_6D65, count: 6)
            for slot in 0..<3 {  // not an array of the three: no allocation to count on the optimizer for
                let index = slot == 0 ? trace.0 : slot == 1 ? trace.1 : trace.2
                guard index >= 0 else { continue }
                writeParameter(fields[index].key, fields[index].value, into: &buffer, &budget)
            }
            buffer.append(UInt8(ascii: "]"))
        }
    }

    /// The keys written elsewhere: `logger` (as `fields.logger`) and the trace context fields,
    /// in ``TraceKeys/fieldNames``' order.
    private static let ownKeys = KeySet(["logger"] + TraceKeys.fieldNames)

    /// ``writeParameter(_:_:into:_:)`` for a field: a scalar under a short valid name read in place.
    #if compiler(>=6.3)
    @inline(always)
    #else
    @inline(__always)
    #endif
    private func writeParameter(
        _ key: UnsafePointer<String>, _ value: UnsafePointer<any LogValueConvertible>, into buffer: inout LogBuffer,
        _ budget: inout FieldBudget
    ) {
        guard let scalar = FieldScalar(value), let small = SmallString(at: key),
            LogBuffer.isPlainText(small, rejecting: (0x3D, 0x22, 0x5D))
        else {
            return writeParameter(key.pointee, .written(value), into: &buffer, &budget)
        }
        let before = buffer.count
        buffer.appendSmall(small, prefix: 0x20, prefixCount: 1, suffix: Self.equalsQuote, suffixCount: 2)
        switch scalar {
        case .string(let text):
            if let small = SmallString(at: text),
                LogBuffer.isPlainText(small, below: 0x20, rejecting: (0x22, 0x5C, 0x5D))
            {
                buffer.appendSmall(small, suffix: 0x22, suffixCount: 1)  // the closing quote in the same store
                return budget.drop(from: before, in: &buffer)
            }
            Self.appendSyslogText(text.pointee, escapingStructuredData: true, into: &buffer)
        case .int(let int): buffer.appendDecimal(int)
        case .double(let double): buffer.appendDescription(double)
        case .bool(let bool): buffer.appendBool(bool)
        }
        buffer.append(UInt8(ascii: "\""))
        budget.drop(from: before, in: &buffer)
    }

    /// `="` as the low bytes of a word.
    private static let equalsQuote: UInt64 = 0x223D

    /// Writes ` name="value"`, arrays and objects flattened into dotted names 8 levels deep.
    private func writeParameter(
        _ name: String, _ value: LogValue, into buffer: inout LogBuffer, _ budget: inout FieldBudget
    ) {
        LogBuffer.forEachFlattenedLeaf(name, value, maximumDepth: 8) { leaf, leafValue in
            let before = buffer.count
            buffer.append(UInt8(ascii: " "))
            Self.appendParameterName(leaf, into: &buffer)
            buffer.append(word: Self.equalsQuote, count: 2)
            buffer.appendLeaf(leafValue) { Self.appendSyslogText($1, escapingStructuredData: true, into: &$0) }
            buffer.append(UInt8(ascii: "\""))
            budget.drop(from: before, in: &buffer)
        }
    }

    /// PARAM-NAME: 1 to 32 printable ASCII characters except `=`, space, `]` and `"`.
    package static func appendParameterName(_ name: String, into buffer: inout LogBuffer) {
        var written = 0
        for byte in name.utf8 where written < 32 && byte & 0xC0 != 0x80 {  // one `_` per non-ASCII character
            let valid = byte > 0x20 && byte < 0x7F && byte != 0x3D && byte != 0x5D && byte != 0x22
            buffer.append(valid ? byte : UInt8(ascii: "_"))
            written += 1
        }
        if written == 0 { buffer.append(UInt8(ascii: "_")) }
    }

    /// Text for a syslog line: the message, or with `escapingStructuredData` a PARAM-VALUE, where
    /// `"`, `\\` and `]` are backslash-escaped. Each UTF-8 byte of a character of ``ObeyedCharacters``
    /// is `#` and three octal digits (rsyslog's convention; see the Formats guide).
    @inline(__always)
    static func appendSyslogText(_ text: String, escapingStructuredData: Bool = false, into buffer: inout LogBuffer) {
        let delimiters: (UInt8, UInt8, UInt8) = escapingStructuredData ? (0x22, 0x5C, 0x5D) : (0, 0, 0)
        if let small = withUnsafePointer(to: text, { SmallString(at: $0) }),
            LogBuffer.isPlainText(small, below: 0x20, rejecting: delimiters)
        {
            return buffer.appendSmall(small)
        }
        // Not a closure: with one, withContiguousStorageIfAvailable stays a call (about 40 instructions a record)
        func append(_ utf8: UnsafeBufferPointer<UInt8>) {
            buffer.appendEscaping(utf8, delimiters: (0x22, 0x5C, 0x5D)) { buffer, index, length in
                for byte in utf8[index..<(index + length)].lazy.map(UInt64.init) {
                    if byte == 0x22 || byte == 0x5C || byte == 0x5D {  // scanned for in both; escaped in a value
                        buffer.append(
                            word: escapingStructuredData ? byte << 8 | 0x5C : byte,
                            count: escapingStructuredData ? 2 : 1)
                    } else {  // `#` and three octal digits
                        buffer.append(
                            word: 0x3030_3023 | (byte >> 6) << 8 | (byte >> 3 & 7) << 16 | (byte & 7) << 24, count: 4)
                    }
                }
                return length
            }
        }
        LogBuffer.withUTF8(of: text, append)
    }

    /// A header field: printable ASCII only (others, and the bytes of `excluded`, become
    /// `_`), at most `maximumLength`, `-` when empty.
    static func headerField(_ text: String, maximumLength: Int, excluding excluded: [UInt8] = []) -> String {
        var bytes: [UInt8] = []
        for byte in text.utf8 where bytes.count < maximumLength && byte & 0xC0 != 0x80 {
            bytes.append(byte > 0x20 && byte < 0x7F && !excluded.contains(byte) ? byte : UInt8(ascii: "_"))
        }
        return bytes.isEmpty ? "-" : String(decoding: bytes, as: UTF8.self)
    }

    /// `text` whole when ``appendSyslogText(_:escapingStructuredData:into:)`` writes it in at most
    /// `length` bytes, else its longest prefix of whole code points that fits, followed by `…`.
    /// Each code point is measured by writing it, so the escaping rules are stated once.
    static func prefix(of text: String, escapedLength length: Int) -> String {
        let scalars = text.unicodeScalars
        var written = 0
        var one = LogBuffer(capacity: 16)
        for index in scalars.indices {
            one.removeAll()
            appendSyslogText(String(scalars[index]), escapingStructuredData: true, into: &one)
            if written + one.count > length { return String(scalars[..<index]) + "…" }
            written += one.count
        }
        return text
    }
}
