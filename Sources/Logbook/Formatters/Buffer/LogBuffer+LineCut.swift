extension LogBuffer {
    /// Cuts the bytes after `start` to at most `limit` bytes (at least 64), marker included, at a
    /// character boundary, keeping `key="quoted value"` syntax: a cut inside quotes puts the marker
    /// inside and closes them; otherwise the marker follows as a `truncated="…"` pair, its key
    /// prefixed with `fields.` as often as needed to differ from every key kept. `omitted` counts
    /// bytes measured but not written, all past the cap (see ``LogfmtFieldWriter``): the marker
    /// counts the whole line.
    mutating func cutLine(from start: Int, limit: Int, omitted: Int = 0) {
        let length = count - start + omitted
        let limit = max(limit, 64)
        guard length > limit else { return }
        var cut = scanForCut(from: start, end: max(start, start + limit - Self.markerRoom))
        if !cut.inQuotes && cut.markerPrefixes > 0 {
            // Room for the marker key's prefixes: a scan that keeps less never needs more.
            cut = scanForCut(from: start, end: max(start, start + limit - Self.markerRoom - 7 * cut.markerPrefixes))
        }
        truncate(to: cut.end)
        if !cut.inQuotes {
            append(UInt8(ascii: " "))
            for _ in 0..<cut.markerPrefixes { append(KeySet.renamePrefix) }
            append("truncated=\"")
        }
        append("…[truncated ")
        appendDecimal(length)
        append(" bytes]\"")
    }

    /// The most the marker takes without its key's prefixes: ` truncated="…[truncated `, up to 14
    /// digits and ` bytes]"`.
    private static let markerRoom = 48

    /// Where ``cutLine(from:limit:omitted:)`` cuts a line that would end at `end`: backed up to a
    /// character boundary, out of an escape, and outside quotes out of a word without `=` (so no
    /// key is left without its value); whether that is inside quotes; and how many `fields.` the
    /// marker's key needs to differ from the `(fields.)truncated` keys kept.
    private func scanForCut(from start: Int, end proposedEnd: Int) -> (end: Int, inQuotes: Bool, markerPrefixes: Int) {
        var end = proposedEnd
        // Back up over UTF-8 continuation bytes so no character is split.
        while end > start && self[end] & 0xC0 == 0x80 { end -= 1 }
        var inQuotes = false
        var lastSpace = -1
        var equalsSinceSpace = false
        // Bit k: a kept key is `truncated` with k `fields.` before it. The first word stays even
        // when the cut falls just before its `=` (no space to back up to): it still counts.
        var markerKeys: UInt64 = markerKeyPrefixes(at: start, before: end + 1).map { 1 << $0 } ?? 0
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
                if let prefixes = markerKeyPrefixes(at: index + 1, before: end) { markerKeys |= 1 << prefixes }
            }
            if !inQuotes && byte == UInt8(ascii: "=") { equalsSinceSpace = true }
            index += 1
        }
        if !inQuotes && !equalsSinceSpace && lastSpace > start { end = lastSpace }
        return (end, inQuotes, (~markerKeys).trailingZeroBitCount)
    }

    /// The number of `fields.` before `truncated=` when the bytes from `index` to `end` start so.
    private func markerKeyPrefixes(at index: Int, before end: Int) -> Int? {
        func matches(_ text: String, at position: Int) -> Bool {
            position + text.utf8.count <= end && text.utf8.enumerated().allSatisfy { self[position + $0] == $1 }
        }
        var position = index
        var prefixes = 0
        while prefixes < 63 && matches(KeySet.renamePrefix, at: position) {
            position += 7
            prefixes += 1
        }
        return matches("truncated=", at: position) ? prefixes : nil
    }
}
