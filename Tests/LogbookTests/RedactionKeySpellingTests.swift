import Logbook
import LogbookTesting
import Testing

/// The key prefilter (``RedactionRules`` keeps one, by length, first and last byte) must never
/// hide a key the rules redact: every spelling `LogRedaction.redacts(_:)` accepts is redacted,
/// and every near miss is written, at the top level, nested in an object and in a context scope.
@Suite("Redaction of every key spelling")
struct RedactionKeySpellingTests {
    /// Keys of every length from 1 to 20 bytes, starting and ending with `_`, letters, digits and
    /// punctuation whose low five bits equal a letter's (`@`, `[`, `^`, `~`), so the prefilter
    /// lets their near misses through to the exact comparison. Prefixes no other test uses
    /// (`~`, `_~`): the rules are process-wide and parallel tests format.
    static let keys: [String] = (1...20).flatMap { length in
        let key = String("~^Zq7@x[k-w_j3{yp_Mb_".prefix(length))
        return length == 1 ? [key] : [key, "_" + key.dropLast()]
    }

    /// `key` as written by callers: case flips, `_`/`-` swaps, and near misses (a byte's 0x20
    /// bit flipped, a byte added or dropped), plus a copy that is not a small string.
    static func spellings(of key: String) -> [String] {
        let bytes = Array(key.utf8)
        var result = [key, key.uppercased(), key.lowercased(), key + "_", String(key.dropLast()), "é" + key]
        for index in bytes.indices {
            var flipped = bytes
            flipped[index] ^= 0x20
            if flipped[index] != 0x7F { result.append(String(decoding: flipped, as: UTF8.self)) }
            var swapped = bytes
            if bytes[index] == UInt8(ascii: "_") { swapped[index] = UInt8(ascii: "-") }
            if bytes[index] == UInt8(ascii: "-") { swapped[index] = UInt8(ascii: "_") }
            result.append(String(decoding: swapped, as: UTF8.self))
        }
        result.append(largeString(key))
        return result.filter { !$0.isEmpty }
    }

    /// The same bytes in heap storage, even when short enough for a small string.
    static func largeString(_ key: String) -> String {
        let bytes = Array(key.utf8)
        return String(unsafeUninitializedCapacity: 64) { buffer in
            _ = buffer.initialize(fromContentsOf: bytes)
            return bytes.count
        }
    }

    static func isSmall(_ key: String) -> Bool {
        withUnsafePointer(to: key) { SmallString(at: $0) != nil }
    }

    @Test("a key is redacted exactly when LogRedaction.redacts(_:) says so, however it is spelled or stored")
    func everySpelling() async throws {
        let redaction = LogRedaction.default.adding(Self.keys)
        let spellings = Self.keys.flatMap(Self.spellings)
        #expect(spellings.contains { !Self.isSmall($0) && $0.utf8.count <= 15 && $0.utf8.count > 0 })
        try await withScopedLogBootstrap(LogConfiguration(redaction: redaction)) {
            for (index, key) in spellings.enumerated() {
                let expected = redaction.redacts(key)
                let top = "<top-\(index)>"
                let nested = "<nested-\(index)>"
                let scoped = "<scoped-\(index)>"
                let called = LogRecord(
                    level: .info, logger: "spelling", message: "m",
                    fields: [key: top, "outer": LogValue.object([key: nested])])
                // A call-site field would shadow the context's under the same key: a record of its own.
                let bound = LogContext.with([key: scoped]) {
                    LogRecord(level: .info, logger: "spelling", message: "m", context: LogContext.current)
                }
                let line = JSONFormatter().format(called) + JSONFormatter().format(bound)
                for marker in [top, nested, scoped] {
                    #expect(line.contains(marker) != expected, "\(key.debugDescription) \(marker): \(line)")
                }
            }
        }
    }
}
