/// The bytes of a short ASCII string, read straight from the `String` value.
///
/// A string of up to 15 UTF-8 bytes is stored in the `String` value itself. On 64-bit
/// little-endian platforms its two words hold the bytes in order, and the top byte holds
/// `0xE0 | count` when every byte is ASCII: standard library ABI (frozen since Swift 5 on
/// Apple platforms, the same on Linux). Reading field keys and short values here instead
/// of through `utf8.withContiguousStorageIfAvailable` saves 27% of `JSONFormatter`'s
/// instructions per record (Documentation/Performance.md, "Unsafe code audit"). Any other
/// string (longer, non-ASCII, bridged) or platform is not small: callers take the general
/// path. `LayoutReaderTests` proves the layout for strings of every length.
package struct SmallString {
    /// Bytes 0 to 7; bytes past ``count`` are zero.
    package let low: UInt64
    /// Bytes 8 to 14 and, in the top byte, the discriminator; bytes past ``count`` are zero.
    package let high: UInt64
    package let count: Int
}

// In an extension, so that the memberwise initializer stays (for words computed from others).
extension SmallString {
    @inline(__always)
    package init?(at string: UnsafePointer<String>) {
        #if _pointerBitWidth(_64) && _endian(little)
        guard MemoryLayout<String>.size == 16 else { return nil }
        let words = UnsafeRawPointer(string).load(as: (UInt64, UInt64).self)
        let discriminator = words.1 >> 56
        guard discriminator & 0xF0 == 0xE0 else { return nil }
        low = words.0
        high = words.1
        count = Int(discriminator & 0x0F)
        #else
        return nil
        #endif
    }

    /// One bit of 64, picked by a hash of the string's bytes: sets of keys keep the bits
    /// of their members, so most keys are found absent without a comparison.
    @inline(__always)
    var hashBit: UInt64 { 1 &<< (((low ^ high) &* 0x9E37_79B9_7F4A_7C15) >> 58) }

    /// Whether a byte is a control character, `"` or `\` (all an ASCII string can need
    /// escaped in JSON), checked for all 15 bytes at once.
    @inline(__always)
    var needsJSONEscaping: Bool {
        if count <= 8 {
            let mask: UInt64 = count == 8 ? ~0 : (1 &<< UInt64(count &* 8)) &- 1
            return LogBuffer.escapeBits(low) & mask != 0
        }
        let highMask: UInt64 = (1 &<< UInt64((count &- 8) &* 8)) &- 1
        return LogBuffer.escapeBits(low) | (LogBuffer.escapeBits(high) & highMask) != 0
    }
}
