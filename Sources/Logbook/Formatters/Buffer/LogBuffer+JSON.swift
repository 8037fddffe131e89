extension LogBuffer {
    /// Appends `string` as a JSON string literal, quotes included: `"`, `\`, control
    /// characters and U+2028/U+2029 (so it is safe in JavaScript too) escaped; always
    /// valid UTF-8.
    public mutating func appendJSONString(_ string: String) {
        withUnsafePointer(to: string) { appendJSONString(at: $0) }
    }

    /// ``appendJSONString(_:limit:)`` for the string at `string`, read in place.
    #if compiler(>=6.3)
    @inline(always)
    #else
    @inline(__always)
    #endif
    mutating func appendJSONString(at string: UnsafePointer<String>, limit: Int = .max) {
        // A short ASCII string with nothing to escape: copied as two words (see ``SmallString``).
        if let small = SmallString(at: string), !small.needsJSONEscaping, small.count <= limit {
            appendSmall(small, prefix: 0x22, prefixCount: 1, suffix: 0x22, suffixCount: 1)
        } else {
            appendJSONStringInGeneral(string.pointee, limit: limit)
        }
    }

    /// Appends `string` as a JSON string literal of at most `limit` escaped bytes: when cut
    /// (at a character boundary), `…[truncated N bytes]` follows, N the whole string's
    /// UTF-8 length.
    #if compiler(>=6.3)
    @inline(always)
    #else
    @inline(__always)
    #endif
    mutating func appendJSONString(_ string: String, limit: Int) {
        withUnsafePointer(to: string) { appendJSONString(at: $0, limit: limit) }
    }

    private mutating func appendJSONStringInGeneral(_ string: String, limit: Int) {
        let copied = string.utf8.withContiguousStorageIfAvailable { $0.count <= limit && appendIfPlainJSON($0) }
        if copied != true { appendJSONStringEscaping(string, limit: limit) }
    }

    /// ``appendJSONStringInGeneral(_:limit:)`` past its plain path: out of line, so that
    /// path saves fewer registers (26 fewer instructions per JSON record).
    @inline(never)
    private mutating func appendJSONStringEscaping(_ string: String, limit: Int) {
        append(UInt8(ascii: "\""))
        if !Self.withUTF8(of: string, { appendJSONEscaped($0, limit: limit) }) {
            append("…[truncated ")
            appendDecimal(string.utf8.count)
            append(" bytes]")
        }
        append(UInt8(ascii: "\""))
    }

    /// Appends `utf8` between quotes if it is at least 8 bytes with nothing to escape, and
    /// returns whether it did. Copied 8 bytes at a time (the last word overlapping), checked
    /// once at the end: `used` moves only when the whole string passed.
    @inline(__always)
    private mutating func appendIfPlainJSON(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = utf8.count
        guard let source = utf8.baseAddress, count >= 8 else { return false }
        reserveCapacity(count + 2)
        let destination = UnsafeMutableRawPointer(base + used + 1)
        var escapes: UInt64 = 0
        var index = 0
        while index + 8 <= count {
            let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
            escapes |= Self.escapeBits(word)
            destination.storeBytes(of: word, toByteOffset: index, as: UInt64.self)
            index += 8
        }
        let word = UnsafeRawPointer(source + count - 8).loadUnaligned(as: UInt64.self)
        destination.storeBytes(of: word, toByteOffset: count - 8, as: UInt64.self)
        if escapes | Self.escapeBits(word) != 0 { return false }
        base[used] = UInt8(ascii: "\"")
        base[used &+ 1 &+ count] = UInt8(ascii: "\"")
        used &+= count &+ 2
        return true
    }

    /// The high bit of each byte of `word` that may need escaping in JSON: a control
    /// character, `"`, `\`, or non-ASCII (U+2028/U+2029). Zero means none does.
    @inline(__always)
    static func escapeBits(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        // Below 0x80 each sum stays within its byte: `b + 0x60` sets the high bit when
        // `b >= 0x20`, `(b ^ c) + 0x7F` when `b != c`. A byte from 0x80 up, whatever it
        // carries into the next, sets its own high bit through `word`.
        let printable = word &+ ones &* 0x60
        let notQuote = (word ^ (ones &* 0x22)) &+ ones &* 0x7F
        let notBackslash = (word ^ (ones &* 0x5C)) &+ ones &* 0x7F
        return (~(printable & notQuote & notBackslash) | word) & (ones &* 0x80)
    }

    /// Appends the escaped contents of `input` (no quotes), at most `limit` bytes, cut only
    /// at a character boundary and never inside an escape. Returns whether all of it was written.
    private mutating func appendJSONEscaped(_ input: UnsafeBufferPointer<UInt8>, limit: Int) -> Bool {
        let start = used
        // Each byte is written as one at least: a cut falls within `limit` bytes, and a
        // character cut off at the end of more (at most 3 bytes) starts after it.
        let scanned = UnsafeBufferPointer(rebasing: input.prefix(limit < input.count - 4 ? limit + 4 : input.count))
        // The formats' one scan; DEL and C1 controls, valid in JSON, are written raw.
        appendEscaping(scanned, delimiters: (0x22, 0x5C, 0x5C)) { buffer, index, length in
            switch scanned[index] {
            case 0x22, 0x5C: buffer.append(word: UInt64(scanned[index]) << 8 | 0x5C, count: 2)  // `\"`, `\\`
            case 0x08: buffer.append(word: 0x625C, count: 2)  // `\b`, and below `\f`
            case 0x0C: buffer.append(word: 0x665C, count: 2)
            case 0x7F: buffer.append(0x7F)
            case 0xC2: buffer.append(word: UInt64(scanned[index + 1]) << 8 | 0xC2, count: 2)
            default: buffer.appendTextEscape(scanned, at: index, length: length)
            }
            return length
        }
        guard used - start > limit else { return true }
        // Cut after the last escape (`\` and one byte, or `\u` and four) or character that fits.
        var end = start
        while true {
            let byte = base[end]
            let length =
                byte == 0x5C ? (base[end + 1] == 0x75 ? 6 : 2) : byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
            if end + length - start > limit { break }
            end += length
        }
        used = end
        return false
    }

    /// Appends a double as a JSON value: the shortest decimal that round-trips, or, for
    /// NaN and the infinities, the strings `"NaN"`, `"Infinity"` and `"-Infinity"`.
    public mutating func appendJSONNumber(_ value: Double) {
        if value.isFinite {
            appendDescription(value)
        } else {
            append(value.isNaN ? "\"NaN\"" : value < 0 ? "\"-Infinity\"" : "\"Infinity\"")
        }
    }

    /// Appends `value.description`, building no string for common values.
    mutating func appendDescription(_ value: Double) {
        if !appendShortDecimal(value) { append(value.description) }
    }

    /// Writes `value` exactly as `value.description` would when that is plain notation with
    /// at most four fraction digits (`12.5`, `42.0`, `1234.5678`); else returns `false`.
    ///
    /// `description` writes the shortest decimal that reads back as `value` (the closest
    /// of those). `m / 10^d` is taken only when provably that one: it reads back as
    /// `value`, neither `m - 1` nor `m + 1` does, and no decimal with `d - 1` digits does.
    private mutating func appendShortDecimal(_ value: Double) -> Bool {
        let magnitude = value.magnitude
        guard magnitude >= 0.001 && magnitude < 1e15 else { return false }
        var scale = 1.0
        for digits in 0...4 {
            let scaled = magnitude * scale
            // From 2^53 on every double is whole, and integers are no longer all exact.
            guard scaled < 9_007_199_254_740_992 else { return false }
            // Truncated, so equal to `scaled` when it is whole.
            let units = Int64(scaled)
            if Double(units) == scaled {
                // Integers below 2^53 and powers of ten up to 10^4 are exact, so each
                // division below is the one correctly rounded conversion of a decimal.
                guard scaled / scale == magnitude, (scaled - 1) / scale != magnitude, (scaled + 1) / scale != magnitude
                else { return false }
                if digits > 0 {
                    let shorterScale = scale / 10
                    let shorter = Double(units / 10)
                    if shorter / shorterScale == magnitude || (shorter + 1) / shorterScale == magnitude {
                        return false
                    }
                }
                let divisor = Int64(scale)
                if value < 0 { append(UInt8(ascii: "-")) }
                appendDecimal(Int(units / divisor))
                append(UInt8(ascii: "."))
                if digits == 0 {
                    append(UInt8(ascii: "0"))
                } else {
                    // The fraction's `digits` (1 to 4) zero-padded digits: the last of eight.
                    append(word: Self.decimalDigits(UInt64(units % divisor)) >> UInt64(64 - 8 * digits), count: digits)
                }
                return true
            }
            scale *= 10
        }
        return false
    }
}
