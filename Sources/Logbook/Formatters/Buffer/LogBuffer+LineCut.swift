extension LogBuffer {
    /// Takes back what was written from `before` on, counting it in `dropped`, when the
    /// line written from `start` is longer than `budget`: a member left out of a capped line.
    @inline(__always)
    mutating func drop(from before: Int, ifLineFrom start: Int, exceeds budget: Int?, dropped: inout Int) {
        if let budget, count - start > budget {
            truncate(to: before)
            dropped += 1
        }
    }

    /// Cuts the bytes after `start` to at most `limit` bytes (at least 64) including the
    /// truncation marker, at a character boundary, keeping `key="quoted value"` syntax
    /// intact: a cut inside double quotes puts the marker inside them and closes them; a
    /// cut inside a word without `=` backs up to the space before it; then the marker
    /// follows as a `truncated="…"` pair. Shorter lines are left alone.
    mutating func cutLine(from start: Int, limit: Int) {
        let length = count - start
        let limit = max(limit, 64)
        guard length > limit else { return }
        // Room for the marker, which is at most 48 bytes.
        var end = start + limit - 48
        // Back up over UTF-8 continuation bytes so no character is split.
        while end > start && self[end] & 0xC0 == 0x80 { end -= 1 }
        var inQuotes = false
        var lastSpace = -1
        var equalsSinceSpace = false
        var index = start
        while index < end {
            let byte = self[index]
            if inQuotes && byte == UInt8(ascii: "\\") {
                // `\u001b` is six bytes, other escapes two: never cut inside one.
                let width = index + 1 < count && self[index + 1] == UInt8(ascii: "u") ? 6 : 2
                if index + width > end {
                    end = index
                    break
                }
                index += width
                continue
            }
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes && byte == UInt8(ascii: " ") {
                lastSpace = index
                equalsSinceSpace = false
            }
            if !inQuotes && byte == UInt8(ascii: "=") { equalsSinceSpace = true }
            index += 1
        }
        if inQuotes {
            truncate(to: end)
        } else {
            // A cut inside a word without `=` (a logfmt key, or a word of free text)
            // backs up to the space before it, so no key is left without its value; a
            // cut inside an unquoted value keeps the shortened value.
            truncate(to: !equalsSinceSpace && lastSpace > start ? lastSpace : end)
            append(" truncated=\"")
        }
        append("…[truncated ")
        appendDecimal(length)
        append(" bytes]\"")
    }
}
