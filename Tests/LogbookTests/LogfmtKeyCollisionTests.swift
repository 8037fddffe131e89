import Logbook
import Testing

/// Many keys that clean up to the same logfmt key: each later one is written with one more
/// `fields.` prefix, and the line stays cheap to build however many there are.
@Suite struct LogfmtKeyCollisionTests {
    /// The characters a logfmt key cannot hold: each is written `_`.
    private static let replaced: [Character] =
        (0..<0x21).map { Character(Unicode.Scalar(UInt8($0))) } + ["=", "\"", "\u{7F}"]
        + (0x80..<0xA0).map { Character(Unicode.Scalar(UInt8($0))) } + ["\u{2028}", "\u{2029}", "\u{FFFD}"]

    /// `count` distinct keys that are all written `k__`.
    private static func collidingFields(_ count: Int) -> LogFields {
        var entries: [(String, any LogValueConvertible)] = []
        for first in replaced {
            for second in replaced where entries.count < count {
                entries.append(("k" + String(first) + String(second), entries.count))
            }
        }
        return LogFields(entries)
    }

    /// The pairs of a logfmt line written by these tests: no value is quoted but the
    /// marker's, which comes last.
    private static func pairs(_ line: String) -> [(key: Substring, value: Substring)] {
        line.split(separator: " ").map { pair in
            let equals = pair.firstIndex(of: "=") ?? pair.endIndex
            return (pair[..<equals], pair[equals...].dropFirst())
        }
    }

    @Test func eachCollidingKeyGetsOneMorePrefixAndTheCutCountsTheWholeLine() throws {
        let record = makeRecord(message: "m", fields: Self.collidingFields(300))
        let whole = LogfmtFormatter(lineLimit: 1 << 40).format(record)
        // Key `k__` of field i, prefixed i times: checked by hand against the rule.
        let pairs = Self.pairs(whole).dropFirst(4)
        #expect(pairs.count == 300)
        for (index, pair) in pairs.enumerated() {
            #expect(pair.key == String(repeating: "fields.", count: index) + "k__")
            #expect(pair.value == "\(index)")
        }
        #expect(whole.utf8.count > 64 * 1024)

        let cut = LogfmtFormatter().format(record)
        #expect(cut.utf8.count <= 64 * 1024)
        let marker = " truncated=\"…[truncated \(whole.utf8.count) bytes]\""
        #expect(cut.hasSuffix(marker), "\(cut.suffix(80))")
        #expect(whole.hasPrefix(String(cut.dropLast(marker.count))))
    }

    /// The time limit guards against a hang; speed itself is the benchmarks' business.
    @Test(.timeLimit(.minutes(1)), arguments: ["logfmt", "console", "lambda"])
    func thousandsOfCollidingKeysStayWithinTheCap(format: String) {
        let formatter: any LogFormatter =
            switch format {
            case "logfmt": LogfmtFormatter()
            case "console": ConsoleFormatter(colors: .always)
            default: LambdaTextFormatter()
            }
        // 6,000 keys: 120 MB of keys in one line, each key tried with 0, 1, 2, … prefixes,
        // before the fix (3,000 took most of a minute in a debug build, and the work grows
        // with the cube); now each key's prefixes are counted, and the line past the cap is
        // measured, not written.
        let line = formatter.format(makeRecord(message: "m", fields: Self.collidingFields(6000)))
        #expect(line.utf8.count <= 64 * 1024)
        #expect(line.hasSuffix(" bytes]\""))
    }

    @Test("with no cap (lineLimit .max), a record after the first in a buffer keeps its flattened fields")
    func noCapSecondRecordInOneBuffer() {
        let record = makeRecord(message: "m", fields: ["user": ["id": 1] as LogFields, "plain": 2])
        for limit in [Int.max, 64 * 1024] {
            let formatter = LogfmtFormatter(lineLimit: limit)
            var buffer = LogBuffer()
            formatter.format(record, into: &buffer)
            buffer.append(UInt8(ascii: "\n"))
            formatter.format(record, into: &buffer)
            let lines = buffer.string.split(separator: "\n")
            #expect(lines.count == 2)
            #expect(lines.allSatisfy { $0.hasSuffix(" user.id=1 plain=2") }, "lineLimit \(limit): \(lines)")
        }
    }

    @Test func prefixCountsMatchTryingEachPrefixInTurn() {
        // Keys made of pieces that clean up alike (`=` and ` ` become `_`) or hold the
        // prefix itself, checked against the rule applied one try at a time.
        let pieces = ["fields.", "k", "_", "=", " ", "x."]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var keys: [String] = []
            for _ in 0..<Int.random(in: 1...40, using: &generator) {
                let key = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                    pieces.randomElement(using: &generator) ?? ""
                }.joined()
                if !keys.contains(key) { keys.append(key) }
            }
            var written: Set<String> = ["time", "level", "logger", "msg", "error", "error.type", "error.message"]
            var expected = "time=2024-08-06T11:54:56.789Z level=info logger=payments msg=m"
            for (index, key) in keys.enumerated() {
                var buffer = LogBuffer()
                buffer.appendLogfmtKey(key)
                var unique = buffer.string
                while !written.insert(unique).inserted { unique = "fields." + unique }
                expected += " \(unique)=\(index)"
            }
            let record = makeRecord(message: "m", fields: LogFields(keys.enumerated().map { ($1, $0) }))
            #expect(LogfmtFormatter().format(record) == expected, "\(keys)")
        }
    }
}
