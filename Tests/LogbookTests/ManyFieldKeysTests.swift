import Logbook
import Testing

/// Objects and records with many keys: finding repeats costs work in proportion to the
/// keys, not to their square.
@Suite struct ManyFieldKeysTests {
    /// `count` distinct short keys, then the first again with the value `"last"`.
    private static func manyKeys(_ count: Int) -> LogFields {
        var entries: [(String, any LogValueConvertible)] = (0..<count).map { ("key\($0)", $0) }
        entries.append(("key0", "last"))
        return LogFields(entries)
    }

    @Test func deduplicatingKeepsEachKeysLastOccurrenceInOrder() {
        for count in [3, 64, 65, 200] {
            let fields = LogFields([("b", 1), ("a", 2)] + Self.manyKeys(count).map { ($0.key, $0.value) } + [("b", 3)])
            let deduplicated = fields.deduplicated()
            // By hand: `a`, then key1…key(count-1), then key0 (its last), then b (its last).
            let expected = ["a"] + (1..<count).map { "key\($0)" } + ["key0", "b"]
            #expect(deduplicated.map(\.key) == expected, "count \(count)")
            #expect(deduplicated["key0"] as? String == "last")
            #expect(deduplicated["b"] as? Int == 3)
            #expect(deduplicated.count == count + 2)
        }
    }

    @Test("above 64 keys as below, café (NFC) and café (NFD) stay two keys")
    func canonicallyEquivalentKeysStayApartPastTheThreshold() {
        for extra in [10, 70] {
            var entries: [(String, any LogValueConvertible)] = (0..<extra).map { ("k\($0)", $0) }
            entries += [("caf\u{E9}", 1), ("cafe\u{301}", 2), ("k0", 99)]
            let deduplicated = LogFields(entries).deduplicated()
            #expect(deduplicated.count == extra + 2, "\(extra) keys")
            let keys = deduplicated.map { Array($0.key.utf8) }
            #expect(keys.contains(Array("caf\u{E9}".utf8)) && keys.contains(Array("cafe\u{301}".utf8)))
        }
    }

    /// 100,000 call-site fields, each key twice, each resolved at its last occurrence. The time
    /// limit guards against the quadratic scan this once was (each key compared with every later
    /// one: minutes at this size); speed itself is the benchmarks' business.
    @Test(.timeLimit(.minutes(1)))
    func repeatedCallSiteKeysAreResolvedInTime() {
        let count = 100_000
        let repeated = makeRecord(fields: LogFields((0..<count).map { ("key\($0 % (count / 2))", $0) }))
        let merged = repeated.mergedFields
        #expect(merged.map(\.key) == (0..<count / 2).map { "key\($0)" })
        #expect(merged.map { $0.value as? Int } == (count / 2..<count).map { $0 })
    }

    /// 100,000 call-site fields and 100,000 bound, context or provided ones, half of them with
    /// call-site keys. The time limit guards against the quadratic scans this once was (each key
    /// of a lower layer compared with every key of the layers above: minutes at this size).
    @Test(.timeLimit(.minutes(1)), arguments: ["bound", "context", "provided"])
    func keysRepeatedAcrossLayersAreResolvedInTime(layer: String) {
        let count = 100_000
        let lower = LogFields((count / 2..<count * 3 / 2).map { ("key\($0)", layer) })
        var record = makeRecord(
            fields: LogFields((0..<count).map { ("key\($0)", "call site") }),
            boundFields: layer == "bound" ? lower : [:], context: layer == "context" ? LogContext(lower) : LogContext())
        if layer == "provided" { record.providedFields = lower }
        let merged = record.mergedFields
        // Call-site keys first, then the lower layer's own, each once.
        #expect(merged.map(\.key) == (0..<count * 3 / 2).map { "key\($0)" })
        #expect(merged.map { $0.value as? String } == (0..<count * 3 / 2).map { $0 < count ? "call site" : layer })
    }

    /// 100,000 context fields bound inside 100,000 with other keys. The time limit guards against
    /// the quadratic check binding once made (each new key compared with every outer one, to learn
    /// whether the chain repeats a key: minutes at this size).
    @Test(.timeLimit(.minutes(1)))
    func bindingIntoALargeContextIsInTime() {
        let count = 100_000
        let outer = LogContext(LogFields((0..<count).map { ("key\($0)", "outer") }))
        let fields = outer.adding(LogFields((count..<count * 2).map { ("key\($0)", "inner") })).fields
        #expect(fields.map(\.key) == (0..<count * 2).map { "key\($0)" })
        #expect(fields.map { $0.value as? String } == (0..<count * 2).map { $0 < count ? "outer" : "inner" })
    }

    /// An outer scope of 100,000 fields, half of their keys bound again inside, read with
    /// `forEachField`. The time limit guards against the quadratic scan this once was (each outer
    /// key looked for in the inner scopes: minutes at this size).
    @Test(.timeLimit(.minutes(1)))
    func contextScopesRepeatingKeysAreReadInTime() {
        let count = 100_000
        let outer = LogContext(LogFields((0..<count).map { ("key\($0)", "outer") }))
        let context = outer.adding(LogFields((count / 2..<count * 3 / 2).map { ("key\($0)", "inner") }))
        var fields: [(key: String, value: String?)] = []
        context.forEachField { fields.append(($0, $1 as? String)) }
        // The outer scope's own keys first, then the inner scope's, each once.
        #expect(fields.map(\.key) == (0..<count * 3 / 2).map { "key\($0)" })
        #expect(fields.map(\.value) == (0..<count * 3 / 2).map { $0 < count / 2 ? "outer" : "inner" })
    }

    /// The time limit guards against a hang; speed itself is the benchmarks' business.
    @Test(.timeLimit(.minutes(1)), arguments: ["json", "logfmt"])
    func anObjectOfTensOfThousandsOfKeysIsWrittenInTime(format: String) {
        let formatter: any LogFormatter = format == "json" ? JSONFormatter() : LogfmtFormatter()
        // 30,000 keys: each compared with every earlier one before the fix, to find the
        // repeat and again to drop it (most of a minute in a debug build).
        let record = makeRecord(fields: ["payload": Self.manyKeys(30_000)])
        let line = formatter.format(record)
        #expect(line.hasSuffix(format == "json" ? "}" : "bytes]\""))
    }
}
