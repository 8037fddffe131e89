import Logbook
import LogbookTesting
import Testing

@Suite("Values and fields")
struct LogValueTests {
    @Test("literals and variables of every supported type convert to typed values")
    func conversions() {
        let amount = 42
        let ratio: Float = 0.5
        let maybe: String? = nil
        let small: UInt8 = 7
        let fields: LogFields = [
            "amount": amount, "ratio": ratio, "maybe": maybe, "small": small, "flag": true, "name": "ada",
            "tags": ["a", "b"], "sub": "substring".dropFirst(3), "int64": Int64(-5),
        ]
        #expect(fields["amount"]?.logValue == .int(42))
        #expect(fields["ratio"]?.logValue == .double(0.5))
        #expect(fields["maybe"]?.logValue == .null)
        #expect(fields["small"]?.logValue == .int(7))
        #expect(fields["flag"]?.logValue == .bool(true))
        #expect(fields["name"]?.logValue == .string("ada"))
        #expect(fields["tags"]?.logValue == .array([.string("a"), .string("b")]))
        #expect(fields["sub"]?.logValue == .string("string"))
        #expect(fields["int64"]?.logValue == .int(-5))
    }

    @Test("unsigned values beyond Int.max keep every digit as a string")
    func bigUnsigned() {
        #expect(UInt64.max.logValue == .string("18446744073709551615"))
        #expect(UInt(Int.max).logValue == .int(Int.max))
    }

    @Test("dictionaries become objects sorted by key; literals keep their order")
    func objects() {
        let dictionary = ["b": 2, "a": 1, "c": 3]
        #expect(dictionary.logValue == .object(["a": 1, "b": 2, "c": 3]))
        let literal: LogValue = ["z": 1, "a": 2]
        guard case .object(let fields) = literal else {
            Issue.record("expected an object")
            return
        }
        #expect(fields.map(\.key) == ["z", "a"])
    }

    @Test("subscript assignment replaces every occurrence; nil removes")
    func subscriptSet() {
        var fields: LogFields = ["a": 1, "b": 2, "a": 3]
        #expect(fields["a"]?.logValue == .int(3))
        fields["a"] = 9
        #expect(fields == ["b": 2, "a": 9])
        fields["b"] = nil
        #expect(fields == ["a": 9])
    }

    @Test("merging keeps one entry per key, the other side winning")
    func merging() {
        let base: LogFields = ["a": 1, "b": 1]
        #expect(base.merging(["b": 2, "c": 3]) == ["a": 1, "b": 2, "c": 3])
        #expect(LogFields().merging(["x": 1, "x": 2]) == ["x": 2])
    }

    @Test("descriptions are compact")
    func descriptions() {
        let value: LogValue = ["s": "x", "n": 1, "l": [true, LogValue.null]]
        #expect(value.description == #"{s:"x",n:1,l:[true,null]}"#)
        #expect(LogValue.string("plain").description == "plain")
    }

    @Test("a value whose conversion nests without end (a cycle) is described, hashed and formatted boundedly")
    func endlessNesting() throws {
        let value = SelfNesting().logValue
        // The description stops at the depth redaction searches, instead of recursing
        // until the stack overflows.
        let description = value.description
        #expect(description.hasPrefix("{next:{next:"))
        #expect(description.contains("[too deep]"))
        #expect((["loop": SelfNesting()] as LogFields).description.contains("[too deep]"))
        // `.hashed` hashes the description: it used to overflow the stack while formatting.
        let hashed = LogSensitiveValue.hashed(SelfNesting()).logValue
        guard case .string(let text) = hashed else { throw HashedValueIsNotAString() }
        #expect(text.hasPrefix("hash:") && text.utf8.count == 21)
        let sink = InMemorySink()
        let hierarchy = LogHierarchy()
        hierarchy.root.addSink(sink)
        hierarchy.logger("cycle").info("m", ["loop": SelfNesting(), "id": .hashed(SelfNesting())])
        let line = try #require(sink.lines(formattedBy: JSONFormatter()).first)
        #expect(line.contains("[too deep]") && line.contains("\"id\":\"hash:"))
    }

    @Test("float and nil literals, and arrays nested past the searched depth ending in [too deep]")
    func literalsAndDeepArrays() {
        let double: LogValue = 1.5
        let null: LogValue = nil
        #expect(double == .double(1.5) && null == .null)
        #expect(LogValue.array([double, null]).description == "[1.5,null]")
        var deep: LogValue = 1
        for _ in 0..<70 { deep = .array([deep]) }
        // Depths 0 to 64 are written; the array at depth 65 is not.
        let bracket = 65
        let expected =
            String(repeating: "[", count: bracket) + #""[too deep]""# + String(repeating: "]", count: bracket)
        #expect(deep.description == expected)
    }
}

/// A convertible whose value holds itself: converting it nests without end.
private struct SelfNesting: LogValueConvertible {
    var logValue: LogValue { ["next": SelfNesting()] }
}

private struct HashedValueIsNotAString: Error {}
