/// The characters no text format writes raw: C0 controls, DEL, C1 controls (U+0080–U+009F), U+2028
/// and U+2029. Terminals obey C0 and C1; viewers and JavaScript tools break lines at U+0085, U+2028, U+2029.
enum ObeyedCharacters {
    /// The length in bytes of the character at `index` when it is one of the set, else 0.
    @inline(__always)
    static func length(in utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        switch utf8[index] {
        case 0..<0x20, 0x7F: 1
        case 0xC2: index + 1 < utf8.count && utf8[index + 1] <= 0x9F ? 2 : 0
        case 0xE2: index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] | 1) == 0xA9 ? 3 : 0
        default: 0
        }
    }
}

extension LogBuffer {
    /// The one scan of the formats: copies `utf8`, handing each character of ``ObeyedCharacters``
    /// and each of the `delimiters` (a control byte stands for none) to `escape` with its index and
    /// length; `escape` writes its replacement and returns how many bytes it replaced (at least one).
    /// Clean 8-byte ASCII words are copied whole up to the first other word, then copied in runs.
    @inline(__always)
    mutating func appendEscaping(
        _ utf8: UnsafeBufferPointer<UInt8>,
        delimiters: (UInt8, UInt8, UInt8),
        _ escape: (inout LogBuffer, _ index: Int, _ length: Int) -> Int
    ) {
        var index = 0
        if utf8.count >= 8 {
            reserveCapacity(utf8.count)
            let destination = UnsafeMutableRawPointer(base + used)
            while index < utf8.count {
                let offset = Swift.min(index, utf8.count &- 8)
                let word = UnsafeRawPointer(utf8.baseAddress! + offset).loadUnaligned(as: UInt64.self)
                guard word & 0x8080_8080_8080_8080 == 0 && Self.flaggedBytes(word, below: 0x20, delimiters) == 0
                else { break }
                destination.storeBytes(of: word, toByteOffset: offset, as: UInt64.self)
                index = offset &+ 8
            }
            used &+= index
        }
        var runStart = index
        while index < utf8.count {
            if index + 8 <= utf8.count {
                let word = UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 && Self.flaggedBytes(word, below: 0x20, delimiters) == 0 {
                    index += 8
                    continue
                }
            }
            for _ in 0..<Swift.min(8, utf8.count - index) where index < utf8.count {
                let byte = utf8[index]
                let length =
                    byte == delimiters.0 || byte == delimiters.1 || byte == delimiters.2
                    ? 1 : ObeyedCharacters.length(in: utf8, at: index)
                guard length > 0 else {
                    index += 1
                    continue
                }
                append(contentsOf: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: utf8[runStart..<index])))
                index += escape(&self, index, length)
                runStart = index
            }
        }
        if runStart < utf8.count {
            append(contentsOf: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: utf8[runStart...])))
        }
    }

    /// The high bit of each byte of `word` below `lowest`, DEL or one of `bytes`, for bytes below
    /// 0x80 (a higher one may carry into the next: callers check for those first, or mask the top
    /// byte off). `b + (0x80 - lowest)` sets the high bit when `b >= lowest`, `(b ^ c) + 0x7F` when `b != c`.
    @inline(__always)
    static func flaggedBytes(_ word: UInt64, below lowest: UInt8, _ bytes: (UInt8, UInt8, UInt8)) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        func isNot(_ byte: UInt8) -> UInt64 { (word ^ (ones &* UInt64(byte))) &+ ones &* 0x7F }
        let aboveLowest = word &+ ones &* UInt64(0x80 - lowest)
        return ~(aboveLowest & isNot(0x7F) & isNot(bytes.0) & isNot(bytes.1) & isNot(bytes.2)) & (ones &* 0x80)
    }

    /// Appends the text formats' escape for the character of ``ObeyedCharacters`` of `length` bytes
    /// at `index`: `\n`, `\r`, `\t`, or `\u` and four hex digits, as JSON and go-logfmt decode them.
    mutating func appendTextEscape(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) {
        let scalar =
            switch length {
            case 1: UInt32(utf8[index])
            case 2: UInt32(utf8[index] & 0x1F) << 6 | UInt32(utf8[index + 1] & 0x3F)
            default: UInt32(utf8[index + 2] & 0x3F) | 0x2000  // U+2028 or U+2029
            }
        switch scalar {
        case 0x0A: append(word: 0x6E5C, count: 2)  // `\n`, and below `\r`, `\t`
        case 0x0D: append(word: 0x725C, count: 2)
        case 0x09: append(word: 0x745C, count: 2)
        default:
            var word: UInt64 = 0x755C  // `\u`, then four hex digits from the highest
            for digit in 0..<4 {
                let nibble = UInt64(scalar >> UInt32(12 - 4 * digit) & 0xF)
                word |= (nibble < 10 ? nibble + 0x30 : nibble + 0x57) << UInt64(16 + 8 * digit)
            }
            append(word: word, count: 6)
        }
    }
}
