extension LogBuffer {
    /// Appends `string` as a JSON string literal, quotes included.
    ///
    /// Escapes `"` and `\`, writes every control character (U+0000–U+001F) as an escape,
    /// and escapes U+2028 and U+2029 so the output is also safe to embed in JavaScript.
    /// Swift strings are always valid Unicode, so the output is always valid UTF-8.
    public mutating func appendJSONString(_ string: String) {
        append(UInt8(ascii: "\""))
        _ = appendJSONEscaped(string, limit: Int.max)
        append(UInt8(ascii: "\""))
    }

    /// Appends the JSON-escaped contents of `string` (no quotes), writing at most `limit`
    /// bytes. Stops early only at a character boundary, so the output stays valid.
    /// Returns whether the whole string was written.
    @discardableResult
    mutating func appendJSONEscaped(_ string: String, limit: Int) -> Bool {
        var string = string
        return string.withUTF8 { appendJSONEscaped(utf8: $0, limit: limit) }
    }

    private mutating func appendJSONEscaped(utf8 input: UnsafeBufferPointer<UInt8>, limit: Int) -> Bool {
        let total = input.count
        guard total > 0, let source = input.baseAddress else { return true }
        // -1: the limit cannot be hit (escaping grows a byte to at most 6).
        let stop = limit / 6 >= total ? -1 : used + limit
        reserveCapacity(min(total, limit) + 8)
        var runStart = 0
        var index = 0
        while index < total {
            let byte = source[index]
            let needsEscape = byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2
            if !needsEscape {
                index += 1
                continue
            }
            if byte == 0xE2 {
                // U+2028 is E2 80 A8, U+2029 is E2 80 A9; other E2 sequences pass through.
                let isSeparator =
                    index + 2 < total && source[index + 1] == 0x80
                    && (source[index + 2] == 0xA8 || source[index + 2] == 0xA9)
                if !isSeparator {
                    index += 1
                    continue
                }
            }
            if !flushRun(source, from: runStart, to: index, stop: stop) { return false }
            let escapeLength = byte == 0xE2 ? 6 : Self.jsonEscapeLength(byte)
            if stop >= 0 && used + escapeLength > stop { return false }
            if byte == 0xE2 {
                appendUnicodeEscape(source[index + 2] == 0xA8 ? 0x2028 : 0x2029)
                index += 3
            } else {
                appendJSONEscape(for: byte)
                index += 1
            }
            runStart = index
        }
        return flushRun(source, from: runStart, to: total, stop: stop)
    }

    /// Copies `source[from..<to]`, or as much of it as fits before `stop` (when `stop` is
    /// not -1) ending on a UTF-8 character boundary. Returns whether all of it fit.
    private mutating func flushRun(_ source: UnsafePointer<UInt8>, from: Int, to: Int, stop: Int) -> Bool {
        var end = to
        var complete = true
        if stop >= 0 && used + (to - from) > stop {
            end = from + max(0, stop - used)
            // Back up over continuation bytes so a multi-byte character is never split.
            while end > from && source[end] & 0xC0 == 0x80 { end -= 1 }
            complete = false
        }
        let length = end - from
        if length > 0 {
            reserveCapacity(length)
            (base + used).update(from: source + from, count: length)
            used += length
        }
        return complete
    }

    private static func jsonEscapeLength(_ byte: UInt8) -> Int {
        switch byte {
        case 0x22, 0x5C, 0x08, 0x0C, 0x0A, 0x0D, 0x09: 2
        default: 6
        }
    }

    private mutating func appendJSONEscape(for byte: UInt8) {
        reserveCapacity(6)
        base[used] = UInt8(ascii: "\\")
        let short: UInt8
        switch byte {
        case 0x22: short = UInt8(ascii: "\"")
        case 0x5C: short = UInt8(ascii: "\\")
        case 0x08: short = UInt8(ascii: "b")
        case 0x0C: short = UInt8(ascii: "f")
        case 0x0A: short = UInt8(ascii: "n")
        case 0x0D: short = UInt8(ascii: "r")
        case 0x09: short = UInt8(ascii: "t")
        default:
            used += 1
            appendUnicodeEscapeDigits(UInt16(byte))
            return
        }
        base[used + 1] = short
        used += 2
    }

    private mutating func appendUnicodeEscape(_ value: UInt16) {
        append(UInt8(ascii: "\\"))
        appendUnicodeEscapeDigits(value)
    }

    private mutating func appendUnicodeEscapeDigits(_ value: UInt16) {
        reserveCapacity(5)
        base[used] = UInt8(ascii: "u")
        base[used + 1] = Self.hexDigit(UInt8(truncatingIfNeeded: value >> 12))
        base[used + 2] = Self.hexDigit(UInt8(truncatingIfNeeded: value >> 8) & 0xF)
        base[used + 3] = Self.hexDigit(UInt8(truncatingIfNeeded: value >> 4) & 0xF)
        base[used + 4] = Self.hexDigit(UInt8(truncatingIfNeeded: value) & 0xF)
        used += 5
    }

    static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? nibble &+ 0x30 : nibble &+ 0x57
    }

    /// Appends a double as a JSON value: the shortest decimal that round-trips, or, for
    /// NaN and the infinities, the strings `"NaN"`, `"Infinity"` and `"-Infinity"`.
    public mutating func appendJSONNumber(_ value: Double) {
        if value.isFinite {
            append(value.description)
        } else if value.isNaN {
            append(contentsOf: Self.jsonNaN)
        } else {
            append(contentsOf: value < 0 ? Self.jsonNegativeInfinity : Self.jsonInfinity)
        }
    }

    static let jsonNaN: [UInt8] = Array("\"NaN\"".utf8)
    static let jsonInfinity: [UInt8] = Array("\"Infinity\"".utf8)
    static let jsonNegativeInfinity: [UInt8] = Array("\"-Infinity\"".utf8)
}
