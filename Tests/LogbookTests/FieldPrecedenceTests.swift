import Logbook
import Testing

/// `LogRecord`'s field iteration checked against a plain model of the documented rules,
/// over many random records: keys repeated within a layer, shadowed across layers and
/// scopes, and keys whose lengths differ by 64 (they share a bit in the length masks the
/// iteration uses to skip comparisons).
@Suite("Field precedence across call site, bound fields and context scopes")
struct FieldPrecedenceTests {
    typealias Entry = (key: String, value: Int)

    /// The documented rules, written out directly: call-site fields, then bound fields,
    /// then context fields from the outermost scope inwards, then provided fields (left out
    /// when any other layer, context included, has the key); a key appears once, at its
    /// last occurrence in the layer (or scope) that wins, with that occurrence's value.
    static func reference(
        callSite: [Entry], bound: [Entry], scopes: [[Entry]], provided: [Entry] = [], includeContext: Bool
    ) -> [Entry] {
        func lastOccurrences(_ entries: [Entry]) -> [Entry] {
            entries.enumerated().filter { index, entry in
                !entries[(index + 1)...].contains { $0.key == entry.key }
            }.map(\.element)
        }
        var result = lastOccurrences(callSite)
        result += lastOccurrences(bound).filter { entry in !callSite.contains { $0.key == entry.key } }
        let providedResult = lastOccurrences(provided).filter { entry in
            !(callSite + bound + scopes.flatMap { $0 }).contains { $0.key == entry.key }
        }
        guard includeContext else { return result + providedResult }
        for (depth, scope) in scopes.enumerated() {
            for entry in lastOccurrences(scope) {
                let shadowedByInnerScope = scopes[(depth + 1)...].contains { $0.contains { $0.key == entry.key } }
                let shadowedByFields =
                    callSite.contains { $0.key == entry.key } || bound.contains { $0.key == entry.key }
                if !shadowedByInnerScope && !shadowedByFields { result.append(entry) }
            }
        }
        return result + providedResult
    }

    /// Keys of lengths 1, 2, 65 and 66 (`b` and a 65-byte key share a length bit); short
    /// keys again with their text on the heap (short keys are compared by their bytes,
    /// and both forms must be the same key); and enough other short keys that some share
    /// one of the 64 hash bits the repeat check uses.
    static let keys =
        [
            "a", "b", "c", "ab", "cd", String(repeating: "k", count: 65), String(repeating: "j", count: 65),
            String(repeating: "k", count: 66), heapStored("a"), heapStored("cd"), "method", heapStored("method"),
        ] + (0..<24).map { "key_\($0)" }

    static func randomEntries(_ generator: inout SplitMix64, count: Int) -> [Entry] {
        (0..<count).map { _ in
            (key: keys[Int(generator.next() % UInt64(keys.count))], value: Int(generator.next() % 1000))
        }
    }

    static func fields(_ entries: [Entry]) -> LogFields {
        LogFields(entries.map { ($0.key, $0.value as any LogValueConvertible) })
    }

    static func observed(_ record: LogRecord, includeContext: Bool) -> [Entry] {
        var entries: [Entry] = []
        let collect = { (key: String, value: any LogValueConvertible) in
            guard case .int(let number) = value.logValue else { return }
            entries.append((key, number))
        }
        if includeContext {
            record.forEachField(collect)
        } else {
            record.forEachField(includingFields: true, includingContext: false, collect)
        }
        return entries
    }

    /// A random record: fewer than `callSite` call-site entries, fewer than `bound` bound and
    /// provided ones, fewer than `scopes` scopes of 1 to `scopeSize` entries; its fields, iterated
    /// with and without the context, checked against ``reference(callSite:bound:scopes:provided:includeContext:)``.
    static func checkRandomRecord(
        _ generator: inout SplitMix64, callSite callSiteLimit: UInt64, bound limit: UInt64, scopes: UInt64,
        scopeSize: UInt64
    ) -> (record: LogRecord, callSite: [Entry], bound: [Entry], scopes: [[Entry]], provided: [Entry]) {
        let callSite = randomEntries(&generator, count: Int(generator.next() % callSiteLimit))
        let bound = randomEntries(&generator, count: Int(generator.next() % limit))
        let scopes = (0..<Int(generator.next() % scopes)).map { _ in
            randomEntries(&generator, count: 1 + Int(generator.next() % scopeSize))
        }
        let provided = randomEntries(&generator, count: Int(generator.next() % limit))
        var context = LogContext()
        for scope in scopes { context = context.adding(fields(scope)) }
        var record = makeRecord(fields: fields(callSite), boundFields: fields(bound), context: context)
        record.providedFields = fields(provided)
        for includeContext in [true, false] {
            let expected = reference(
                callSite: callSite, bound: bound, scopes: scopes, provided: provided, includeContext: includeContext)
            let actual = observed(record, includeContext: includeContext)
            let inputs = "\(callSite) \(bound) \(scopes) \(provided)"
            #expect(actual.map(\.key) == expected.map(\.key), "\(inputs)")
            #expect(actual.map(\.value) == expected.map(\.value), "\(inputs)")
        }
        return (record, callSite, bound, scopes, provided)
    }

    @Test("forEachField, with and without the context, follows the documented precedence")
    func randomRecords() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<3000 {
            let (record, callSite, bound, scopes, provided) = Self.checkRandomRecord(
                &generator, callSite: 5, bound: 4, scopes: 4, scopeSize: 3)
            for entry in Self.reference(
                callSite: callSite, bound: bound, scopes: scopes, provided: provided, includeContext: true)
            {
                #expect(record.field(entry.key)?.logValue == .int(entry.value))
            }
            let contextOnly = Self.reference(callSite: callSite, bound: bound, scopes: scopes, includeContext: true)
                .dropFirst(
                    Self.reference(callSite: callSite, bound: bound, scopes: scopes, includeContext: false).count)
            var contextFields: [String] = []
            record.forEachField(includingFields: false, includingContext: true) { key, _ in contextFields.append(key) }
            #expect(contextFields == contextOnly.map(\.key))
        }
    }

    @Test("records with many fields (more than 16 in a layer) keep the same rules")
    func manyFields() {
        var generator = SplitMix64(seed: 99)
        for _ in 0..<200 {
            let callSite = Self.randomEntries(&generator, count: 17 + Int(generator.next() % 8))
            let bound = Self.randomEntries(&generator, count: 17 + Int(generator.next() % 3))
            let record = makeRecord(fields: Self.fields(callSite), boundFields: Self.fields(bound))
            let expected = Self.reference(callSite: callSite, bound: bound, scopes: [], includeContext: true)
            let actual = Self.observed(record, includeContext: true)
            #expect(actual.map(\.key) == expected.map(\.key))
            #expect(actual.map(\.value) == expected.map(\.value))
        }
        let distinct = (0..<20).map { (key: "key\($0)", value: $0) }
        let record = makeRecord(fields: Self.fields(distinct))
        #expect(Self.observed(record, includeContext: true).map(\.key) == distinct.map(\.key))
    }

    @Test("records of more than 64 fields (resolved through a hash set) keep the same rules")
    func randomLargeRecords() {
        var generator = SplitMix64(seed: 64)
        for _ in 0..<300 {
            _ = Self.checkRandomRecord(&generator, callSite: 40, bound: 40, scopes: 4, scopeSize: 30)
        }
    }

    @Test("JSON lines of random records carry each key once, with the winning value")
    func randomJSON() throws {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let callSite = Self.randomEntries(&generator, count: Int(generator.next() % 5))
            let bound = Self.randomEntries(&generator, count: Int(generator.next() % 3))
            let scope = Self.randomEntries(&generator, count: Int(generator.next() % 3))
            let provided = Self.randomEntries(&generator, count: Int(generator.next() % 3))
            var record = makeRecord(
                fields: Self.fields(callSite), boundFields: Self.fields(bound), context: LogContext(Self.fields(scope)))
            record.providedFields = Self.fields(provided)
            let object = try #require(JSONCheck.object(JSONFormatter().format(record)))
            let expected = Self.reference(
                callSite: callSite, bound: bound, scopes: [scope], provided: provided, includeContext: true)
            #expect(object.count == 4 + expected.count)
            for entry in expected {
                #expect(object[entry.key] as? Int == entry.value)
            }
        }
    }

    @Test("static fields are written when no layer of the record has their key (with contextKey, nor the context)")
    func randomStaticFields() throws {
        var generator = SplitMix64(seed: 11)
        for _ in 0..<300 {
            let callSite = Self.randomEntries(&generator, count: Int(generator.next() % 4))
            let bound = Self.randomEntries(&generator, count: Int(generator.next() % 3))
            let scope = Self.randomEntries(&generator, count: Int(generator.next() % 3))
            let provided = Self.randomEntries(&generator, count: Int(generator.next() % 3))
            var statics: [Entry] = []
            for entry in Self.randomEntries(&generator, count: 1 + Int(generator.next() % 4))
            where !statics.contains(where: { $0.key == entry.key }) {
                statics.append((entry.key, 1000 + statics.count))
            }
            var record = makeRecord(
                fields: Self.fields(callSite), boundFields: Self.fields(bound), context: LogContext(Self.fields(scope)))
            record.providedFields = Self.fields(provided)
            for contextKey in [nil, "logbook.context"] {
                let line = JSONFormatter(staticFields: Self.fields(statics), contextKey: contextKey).format(record)
                let object = try #require(JSONCheck.object(line))
                let fields = Self.reference(
                    callSite: callSite, bound: bound, scopes: [scope], provided: provided,
                    includeContext: contextKey == nil)
                let hiding = Self.reference(
                    callSite: callSite, bound: bound, scopes: [scope], provided: provided, includeContext: true)
                let written = statics.filter { entry in !hiding.contains { $0.key == entry.key } }
                let inputs = "\(statics) \(callSite) \(bound) \(scope) \(provided) \(contextKey ?? "-")"
                for entry in fields + written {
                    #expect(object[entry.key] as? Int == entry.value, "\(inputs)")
                    #expect(line.ranges(of: "\"\(entry.key)\":").count == 1, "\(inputs)")
                }
                for entry in statics where !written.contains(where: { $0.key == entry.key }) {
                    #expect(object[entry.key] as? Int != entry.value, "\(inputs)")
                }
            }
        }
    }
}
