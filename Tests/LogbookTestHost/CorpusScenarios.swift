import Logbook

/// `corpus COUNT SEED DIRECTORY`: formats COUNT random hostile records through every
/// formatter in ``CorpusFormatters/all``, one file per formatter
/// (`DIRECTORY/<name>.lines`), plus `DIRECTORY/<name>.expected` with what the checker
/// needs per record (one JSON line each). `.ci/sinks/check_corpus.py` checks them.
enum CorpusScenarios {
    static let all: [String: Scenario] = ["corpus": corpus]

    static let corpus: Scenario = { arguments in
        guard arguments.count == 3, let count = Int(arguments[0]), let seed = UInt64(arguments[1]) else {
            SinkScenarios.say("usage: corpus COUNT SEED DIRECTORY")
            return 64
        }
        let directory = arguments[2]
        var generator = CorpusGenerator(seed: seed)
        var outputs: [(lines: Int32, expected: Int32)] = []
        for entry in CorpusFormatters.all {
            let lines = open(directory + "/" + entry.name + ".lines", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            let expected = open(directory + "/" + entry.name + ".expected", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard lines >= 0, expected >= 0 else {
                SinkScenarios.say("cannot write to \(directory)")
                return 1
            }
            outputs.append((lines, expected))
        }
        var line = LogBuffer(capacity: 1 << 16)
        var meta = LogBuffer(capacity: 1 << 12)
        for _ in 0..<count {
            let record = generator.record()
            for (index, entry) in CorpusFormatters.all.enumerated() {
                line.removeAll()
                entry.formatter.formatLine(record, into: &line)
                line.append(UInt8(ascii: "\n"))
                line.withUnsafeBytes { _ = write(outputs[index].lines, $0.baseAddress, $0.count) }
                meta.removeAll()
                CorpusExpectation.write(record, for: entry, into: &meta)
                meta.append(UInt8(ascii: "\n"))
                meta.withUnsafeBytes { _ = write(outputs[index].expected, $0.baseAddress, $0.count) }
            }
        }
        for output in outputs {
            close(output.lines)
            close(output.expected)
        }
        SinkScenarios.say(
            "corpus: \(count) records x \(CorpusFormatters.all.count) formatters "
                + "(\(CorpusFormatters.all.map(\.name).joined(separator: ", ")))")
        return 0
    }
}

/// What the checker should find in each line.
enum CorpusExpectation {
    static func write(_ record: LogRecord, for entry: CorpusFormatter, into buffer: inout LogBuffer) {
        buffer.append("{\"syntax\":")
        buffer.appendJSONString(entry.syntax.rawValue)
        switch entry.syntax {
        case .json:
            // Top-level key count of the flat layout: timestamp, level, logger, message,
            // the error object, then each distinct field once.
            let flat = (entry.formatter as? JSONFormatter).map { $0.contextKey == nil && !$0.includesSourceLocation }
            if flat == true {
                buffer.append(",\"top_level_keys\":")
                buffer.appendDecimal(4 + (record.error == nil ? 0 : 1) + record.fieldCount)
            }
        case .logfmt:
            func sanitized(_ name: String) -> String {
                var written = LogBuffer(capacity: 64)
                written.appendLogfmtKey(name)
                return written.string
            }
            var keys = entry.headerKeys.map(sanitized)
            if record.error != nil { keys += entry.errorKeys.map(sanitized) }
            // A field's key, flattened and cleaned up, that repeats one written before it
            // (or one of the formatter's own) gets `fields.` in front until it is new.
            // Each pair's value is the text a logfmt parser must decode; `null` where it is
            // not checked (the timestamp, the error's).
            var pairs: [(String, String?)] = [
                ("time", nil), ("level", LogLevelNames.lowercase[record.level]), ("logger", record.logger),
                ("msg", record.message),
            ]
            if record.error != nil { pairs += entry.errorKeys.map { (sanitized($0), nil) } }
            var taken = Set(entry.headerKeys + entry.errorKeys + entry.reservedKeys)
            record.forEachField { name, value in
                flatten(renamed(name, reserved: entry.reservedKeys, record: record), value.logValue, depth: 8) {
                    leaf, text in
                    var unique = sanitized(leaf)
                    while !taken.insert(unique).inserted { unique = "fields." + unique }
                    keys.append(unique)
                    pairs.append((unique, text))
                }
            }
            buffer.append(",\"keys\":[")
            for (index, key) in keys.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                buffer.appendJSONString(key)
            }
            buffer.append(UInt8(ascii: "]"))
            writePairs(pairs, into: &buffer)
        case .syslog:
            // Parameters whose value needs no escape beyond RFC 5424's own must read back
            // exactly; the others only need to parse. So must the message.
            var pairs: [(String, String?)] = [
                ("logger", record.logger.utf8.count <= 256 && plain(record.logger) ? record.logger : nil)
            ]
            record.forEachField { name, value in
                flatten(name == "logger" ? "fields.logger" : name, value.logValue, depth: 8) { leaf, text in
                    pairs.append((parameterName(leaf), text.flatMap { plain($0) ? $0 : nil }))
                }
            }
            if record.error != nil { pairs += [("error.type", nil), ("error.message", nil)] }
            writePairs(pairs, into: &buffer)
            buffer.append(",\"message\":")
            if plain(record.message) && !record.message.hasPrefix("\u{FEFF}") {
                buffer.appendJSONString(record.message)
            } else {
                buffer.append("null")
            }
        case .text, .lambdaText:
            break
        }
        buffer.append(UInt8(ascii: "}"))
    }

    /// The key a field is written under: its own, or, when the formatter reserves it,
    /// `fields.` in front as often as needed to be distinct.
    private static func renamed(_ name: String, reserved: [String], record: LogRecord) -> String {
        guard reserved.contains(name) else { return name }
        var candidate = "fields." + name
        while reserved.contains(candidate) || record.field(candidate) != nil { candidate = "fields." + candidate }
        return candidate
    }

    /// Calls `emit` with each flattened key and the text its scalar value is written as.
    private static func flatten(_ name: String, _ value: LogValue, depth: Int, _ emit: (String, String?) -> Void) {
        switch value {
        case .object(let fields) where !fields.isEmpty && depth > 0:
            for entry in fields.deduplicated() {
                flatten(name + "." + entry.key, entry.value.logValue, depth: depth - 1, emit)
            }
        case .array(let elements) where !elements.isEmpty && depth > 0:
            for (index, element) in elements.enumerated() {
                flatten(name + "." + String(index), element, depth: depth - 1, emit)
            }
        case .string(let text): emit(name, text)
        case .int(let int): emit(name, String(int))
        case .double(let double): emit(name, double.description)
        case .bool(let bool): emit(name, bool ? "true" : "false")
        case .null: emit(name, "null")
        case .array: emit(name, depth > 0 ? "[]" : "[too deep]")
        case .object: emit(name, depth > 0 ? "{}" : "[too deep]")
        }
    }

    private static func writePairs(_ pairs: [(String, String?)], into buffer: inout LogBuffer) {
        buffer.append(",\"pairs\":[")
        for (index, pair) in pairs.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(UInt8(ascii: "["))
            buffer.appendJSONString(pair.0)
            buffer.append(UInt8(ascii: ","))
            if let value = pair.1 { buffer.appendJSONString(value) } else { buffer.append("null") }
            buffer.append(UInt8(ascii: "]"))
        }
        buffer.append(UInt8(ascii: "]"))
    }

    /// A syslog parameter name as ``SyslogFormatter`` writes it.
    private static func parameterName(_ name: String) -> String {
        var written = LogBuffer(capacity: 64)
        SyslogFormatter.appendParameterName(name, into: &written)
        return written.string
    }

    /// Whether syslog writes `text` without an escape of its own (`#ooo`): no control
    /// character, DEL, C1 control, U+2028 or U+2029.
    private static func plain(_ text: String) -> Bool {
        !text.unicodeScalars.contains { scalar in
            scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
                || scalar.value == 0x2029
        }
    }
}

/// Seeded random hostile records: invalid UTF-8 decoded from bytes, control
/// characters, huge strings, deep nesting, NaN and infinities, reserved keys.
struct CorpusGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// SplitMix64.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    private mutating func chance(_ percent: Int) -> Bool { below(1000) < percent * 10 }

    private static let reservedKeys = [
        "timestamp", "level", "logger", "message", "msg", "error", "source", "context", "fields.level",
        "logbook.dropped_fields", "", " ", "a=b", "quote\"d", "new\nline", "ünï", "emoji😀", "dup", "dup",
    ]

    /// Attempts to forge a record, a field or a header in every format, and to drive a
    /// terminal.
    static let forgeries = [
        "\n[ERROR]\t2024-08-06T11:54:56.789Z\t00000000-0000-0000-0000-000000000000\tforged",
        "ok level=error msg=forged logger=root", "\" level=error msg=\"forged",
        "\n<11>1 2024-08-06T11:54:56.789012Z host app 1 - - forged",
        "x\"] [forged@1 a=\"b\"] forged", "\r\n{\"level\":\"error\",\"message\":\"forged\"}",
        "\u{1B}[2K\u{1B}[1A\u{1B}]0;title\u{7}forged", "\u{9B}31mforged\u{85}next\u{2028}line\u{2029}para",
        "#012 #033 \\u001b \\n forged escapes",
    ]

    mutating func string() -> String {
        switch below(11) {
        case 10:
            return Self.forgeries[below(Self.forgeries.count)]
        case 0:
            // Arbitrary bytes, decoded (invalid sequences become U+FFFD).
            let bytes = (0..<below(64)).map { _ in UInt8(truncatingIfNeeded: next()) }
            return String(decoding: bytes, as: UTF8.self)
        case 1:
            // Control characters, DEL, separators, quotes, backslashes.
            let pool: [Unicode.Scalar] = [
                "\0", "\n", "\r", "\t", "\u{1B}", "\u{7F}", "\u{2028}", "\u{2029}", "\"", "\\", "=", " ", "]", "\u{85}",
                "\u{FEFF}",
            ]
            return String(String.UnicodeScalarView((0..<below(32)).map { _ in pool[below(pool.count)] }))
        case 2:
            // Random scalars from the whole range.
            var scalars = String.UnicodeScalarView()
            for _ in 0..<below(48) {
                if let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: next()) % 0x11_0000) {
                    scalars.append(scalar)
                }
            }
            return String(scalars)
        case 3 where chance(2):
            // Huge: up to 200 KB of multi-byte text.
            return String(repeating: "é€😀x\n", count: 1000 + below(20_000))
        case 4:
            return ""
        default:
            let words = ["charge", "created", "naïve", "日本語", "O'Brien", "a b", "100%", "<tag>", "{json}"]
            return (0..<(1 + below(4))).map { _ in words[below(words.count)] }.joined(separator: " ")
        }
    }

    mutating func key() -> String {
        chance(30) ? Self.reservedKeys[below(Self.reservedKeys.count)] : (chance(50) ? "k\(below(20))" : string())
    }

    mutating func value(depth: Int = 0) -> LogValue {
        switch below(depth > 40 ? 6 : 9) {
        case 0: return .string(string())
        case 1: return .int([Int.min, Int.max, 0, -1, below(1_000_000)][below(5)])
        case 2:
            let specials: [Double] = [
                .nan, .infinity, -.infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 0.1,
            ]
            return .double(chance(50) ? specials[below(specials.count)] : Double(bitPattern: next()))
        case 3: return .bool(chance(50))
        case 4: return .null
        case 5: return .string(string())
        case 6:
            // Deep nesting: a chain, sometimes past every formatter's depth cap.
            if chance(20) {
                var nested = LogValue.string("bottom")
                for _ in 0..<(10 + below(60)) { nested = chance(50) ? .array([nested]) : .object([key(): nested]) }
                return nested
            }
            return .array((0..<below(4)).map { _ in value(depth: depth + 1) })
        default:
            return .object(
                LogFields((0..<below(4)).map { _ in (key(), value(depth: depth + 1) as any LogValueConvertible) }))
        }
    }

    mutating func fields(_ maximum: Int) -> LogFields {
        LogFields((0..<below(maximum + 1)).map { _ in (key(), value() as any LogValueConvertible) })
    }

    struct CorpusError: Error, CustomStringConvertible {
        let description: String
    }

    mutating func record() -> LogRecord {
        LogRecord(
            timestamp: LogTimestamp(
                secondsSinceEpoch: Int64(below(4_102_444_800)), nanoseconds: Int32(below(1_000_000_000))),
            level: LogLevel(rawValue: UInt8(below(7)))!,
            logger: chance(80) ? "corpus.logger" : string(),
            message: string(),
            fields: fields(6),
            boundFields: chance(30) ? fields(3) : [:],
            context: chance(30) ? LogContext(fields(3)) : LogContext(),
            error: chance(10) ? CorpusError(description: string()) : nil,
            file: chance(95) ? "Corpus.swift" : string(),
            function: string(),
            line: UInt(below(100_000)))
    }
}
