import Logbook
import Testing

/// The two readers of private memory layouts that the unsafe code audit kept
/// (Documentation/Performance.md): each must read exactly what the safe API reads, on
/// every platform the tests run on, or report nothing so that callers take the safe path.
@Suite struct LayoutReaderTests {
    /// The words ``SmallString`` must give for `string`: its bytes in order, zero padded,
    /// `0xE0 | count` in the top byte; `nil` unless it is at most 15 ASCII bytes.
    static func expectedWords(_ string: String) -> (low: UInt64, high: UInt64)? {
        let bytes = Array(string.utf8)
        guard bytes.count <= 15, bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var low: UInt64 = 0
        var high = UInt64(0xE0 | bytes.count) << 56
        for (index, byte) in bytes.enumerated() {
            if index < 8 { low |= UInt64(byte) << (8 * index) } else { high |= UInt64(byte) << (8 * (index - 8)) }
        }
        return (low, high)
    }

    /// `string` made in several ways, which store it differently.
    static func spellings(_ string: String) -> [String] {
        [
            string, String(decoding: Array(string.utf8), as: UTF8.self), "\(string)",
            String((string + "!").dropLast()), String(string.unicodeScalars),
        ]
    }

    @Test func smallStringReadsEveryShortASCIIStringAsItsBytes() {
        let alphabet = Array("aZ0_-. \"\\\n\u{7F}bcdefghijklmnop")
        for count in 0...15 {
            for (index, string) in Self.spellings(String(alphabet.prefix(count))).enumerated() {
                let small = withUnsafePointer(to: string) { SmallString(at: $0) }
                #if _pointerBitWidth(_64) && _endian(little)
                // The first spelling is always stored inline; another may be a heap string,
                // which the reader must then report as not small.
                guard let small else {
                    #expect(index > 0, "\(count) bytes")
                    continue
                }
                let expected = Self.expectedWords(string)
                #expect(small.low == expected?.low, "\(count) bytes")
                #expect(small.high == expected?.high, "\(count) bytes")
                #expect(small.count == count)
                #else
                #expect(small == nil)
                #endif
            }
        }
    }

    @Test func longAndNonASCIIStringsAreNotSmall() {
        for string in ["é", "K\u{212A}", "🙂", String(repeating: "a", count: 16), String(repeating: "b", count: 100)] {
            for spelling in Self.spellings(string) {
                #expect(withUnsafePointer(to: spelling) { SmallString(at: $0) } == nil, "\(spelling)")
            }
        }
    }

    @Test func existentialPayloadFindsTheTypeAndTheScalarInPlace() {
        let long = String(repeating: "long ", count: 20)
        let values: [any LogValueConvertible] = [
            "short", long, 42, Int.min, true, false, 3.25, -0.0, Int8(3), UInt64.max, LogValue.int(1), ["a"],
        ]
        for value in values {
            withUnsafePointer(to: value) { container in
                guard let payload = ExistentialPayload(in: container) else {
                    Issue.record("no payload for \(value)")
                    return
                }
                #expect(ObjectIdentifier(payload.type) == ObjectIdentifier(type(of: value)))
                switch value {
                case let string as String:
                    #expect(payload.address.assumingMemoryBound(to: String.self).pointee == string)
                case let int as Int: #expect(payload.address.load(as: Int.self) == int)
                case let bool as Bool: #expect(payload.address.load(as: Bool.self) == bool)
                case let double as Double:
                    #expect(payload.address.load(as: Double.self).bitPattern == double.bitPattern)
                default: break
                }
            }
        }
    }
}
