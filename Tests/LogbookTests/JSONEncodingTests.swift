import Logbook
import Testing

/// The byte-level JSON encoders checked against plain reference implementations written
/// from RFC 8259 and `Double.description`, at every string length and position where the
/// word-at-a-time fast paths could go wrong.
@Suite("JSON encoding: strings, numbers and scalar fields")
struct JSONEncodingTests {
    /// RFC 8259 string escaping, one scalar at a time, with Logbook's choices: short
    /// escapes where JSON has them, `\u00xx` (lowercase hex) for other control characters,
    /// and U+2028 and U+2029 escaped too.
    static func referenceEscaped(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x00..<0x20, 0x2028, 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func encoded(_ text: String) -> String {
        var buffer = LogBuffer(capacity: 8)
        buffer.appendJSONString(text)
        return buffer.string
    }

    /// Characters that need escaping, and look-alikes that must pass through unchanged
    /// (other E2-led characters, multi-byte text, DEL).
    static let specials = [
        "\"", "\\", "\n", "\t", "\u{0}", "\u{1F}", "\u{2028}", "\u{2029}", "€", "‚", "é", "😀", "\u{7F}", " ",
    ]

    @Test("every string length from 0 to 40, with each special character at every position")
    func everyLengthAndPosition() {
        for length in 0...40 {
            let plain = String(repeating: "a", count: length)
            #expect(Self.encoded(plain) == "\"" + plain + "\"")
            for special in Self.specials {
                for position in 0...length {
                    let text = String(plain.prefix(position)) + special + String(plain.dropFirst(position))
                    #expect(Self.encoded(text) == Self.referenceEscaped(text), "length \(length), position \(position)")
                }
            }
        }
    }

    @Test("strings made of many special characters in a row")
    func denseSpecials() {
        for repeats in [1, 7, 8, 9, 16, 17, 33] {
            for special in Self.specials {
                let text = String(repeating: special + "x", count: repeats)
                #expect(Self.encoded(text) == Self.referenceEscaped(text))
            }
        }
    }

    @Test("a message with special characters is escaped the same way, with or without a line cap")
    func messages() {
        for special in Self.specials {
            for length in [0, 5, 8, 15, 16, 17, 40] {
                let message = String(repeating: "m", count: length) + special + "tail"
                let line = JSONFormatter().format(makeRecord(message: message))
                #expect(line.contains("\"message\":" + Self.referenceEscaped(message) + "}"))
            }
        }
    }

    @Test("doubles are written exactly as Double.description writes them")
    func doubles() {
        var generator = SplitMix64(seed: 0x5EED)
        var values: [Double] = [
            0.001, 0.0009999999999999998, 0.0001, 1e15, 999_999_999_999_999.9, 1e16, 0.1, 0.2, 0.3, 0.1 + 0.2,
            1.005, 2.675, 12.5, 42, -42, -0.25, 0.0, -0.0, 9_007_199_254_740_992, 4_503_599_627_370_496.5,
            99999.99995, 1234.5678, 0.00015, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude,
        ]
        for _ in 0..<20000 {
            let digits = Int(generator.next() % 7)
            var scale = 1.0
            for _ in 0..<digits { scale *= 10 }
            let units = Double(Int64(bitPattern: generator.next()) >> (20 + generator.next() % 40))
            values.append(units / scale)
            values.append(Double(bitPattern: (units / scale).bitPattern &+ 1))
            values.append(Double(bitPattern: generator.next()))
        }
        for value in values where value.isFinite {
            var buffer = LogBuffer(capacity: 8)
            buffer.appendJSONNumber(value)
            #expect(buffer.string == value.description, "bits \(value.bitPattern)")
        }
    }

    @Test("integers are written in decimal, small ones included")
    func integers() {
        var values = Array(-1100...1100) + [Int.max, Int.min, Int.max - 1, Int.min + 1, 9999, 10000, 123_456_789]
        var generator = SplitMix64(seed: 11)
        for _ in 0..<1000 { values.append(Int(bitPattern: UInt(generator.next()))) }
        for value in values {
            var buffer = LogBuffer(capacity: 4)
            buffer.appendDecimal(value)
            #expect(buffer.string == String(value))
        }
    }

    @Test("field keys and string values of every length from 0 to 40, with each special character at every position")
    func fieldKeysAndValues() {
        let formatter = JSONFormatter()
        for length in 0...40 {
            let plain = String(repeating: "a", count: length)
            for special in [""] + Self.specials {
                for position in 0...(special.isEmpty ? 0 : length) {
                    let text = String(plain.prefix(position)) + special + String(plain.dropFirst(position))
                    let line = formatter.format(makeRecord(fields: [text: text]))
                    let member = "," + Self.referenceEscaped(text) + ":" + Self.referenceEscaped(text) + "}"
                    #expect(line.hasSuffix(member), "length \(length), position \(position)")
                }
            }
        }
    }

    @Test("a key is the same key whether its text is stored in the string or on the heap")
    func keysStoredEitherWay() throws {
        let heapMethod = heapStored("method")
        let line = JSONFormatter().format(
            makeRecord(fields: ["method": "GET"], boundFields: [heapMethod: "POST", heapStored("path"): "/a"]))
        let object = try #require(JSONCheck.object(line))
        #expect(object["method"] as? String == "GET")
        #expect(object["path"] as? String == "/a")
        let bytes = Array(line.utf8)
        let key = Array("\"method\"".utf8)
        let occurrences = (0...(bytes.count - key.count)).filter { Array(bytes[$0..<($0 + key.count)]) == key }
        #expect(occurrences.count == 1)
        // Reserved keys are found however they are stored, long ones included.
        let renamed = try #require(
            JSONCheck.object(
                JSONFormatter().format(
                    makeRecord(fields: [heapStored("logger"): 1, "message": 2, "logbook.dropped_fields": 3]))))
        #expect(renamed["fields.logger"] as? Int == 1)
        #expect(renamed["fields.message"] as? Int == 2)
        #expect(renamed["fields.logbook.dropped_fields"] as? Int == 3)
        #expect(renamed["logger"] as? String == "payments")
    }

    @Test("String, Int, Bool and Double fields format the same as their LogValue")
    func scalarFields() {
        let values: [any LogValueConvertible] = [
            "plain", "needs \"escaping\"\n", "", String(repeating: "long ", count: 20), heapStored("short"), 0, -7,
            Int.max, Int.min, true, false, 12.5, -0.0, Double.nan, 1e300, Int8(-3), UInt(7), Float(0.5), "é",
            Substring("sub"),
        ]
        let formatter = JSONFormatter()
        for value in values {
            let direct = formatter.format(makeRecord(fields: ["k": value]))
            let converted = formatter.format(makeRecord(fields: ["k": value.logValue]))
            #expect(direct == converted)
        }
    }
}
