/// How sinks turn a record into one complete line, with the line cap enforced.
///
/// A formatter that keeps its own lines short and valid (``LineLimitedFormatter``, such
/// as ``JSONFormatter`` with its `lineLimit`) is trusted. For any other formatter a line
/// longer than the sink's limit is cut at a UTF-8 character boundary and marked with
/// `…[truncated N bytes]` (N is the length of the whole line before the cut), so it stays
/// one line of valid UTF-8; the cut respects `key="quoted value"` syntax, so logfmt-style
/// lines still split into pairs. Formatters with stricter syntax should limit themselves
/// and conform to ``LineLimitedFormatter``.
public enum LineFraming {
    /// The line cap sinks apply to formatters that do not limit themselves: 64 KiB.
    public static let defaultLineLimit = 64 * 1024

    /// Appends the line for `record` and its `\n` to `buffer`.
    public static func appendLine(
        _ record: LogRecord,
        formatter: any LogFormatter,
        lineLimit: Int,
        into buffer: inout LogBuffer
    ) {
        appendLine(
            record, formatter: formatter, limitsItsLines: limitsItsLines(formatter), lineLimit: lineLimit,
            into: &buffer)
    }

    /// Appends the line for `record` and its `\n` to `buffer`, with `limitsItsLines`
    /// (see ``limitsItsLines(_:)``) worked out once by the caller.
    static func appendLine(
        _ record: LogRecord,
        formatter: any LogFormatter,
        limitsItsLines: Bool,
        lineLimit: Int,
        into buffer: inout LogBuffer
    ) {
        let start = buffer.count
        formatter.format(record, into: &buffer)
        if !limitsItsLines {
            capLine(in: &buffer, from: start, limit: lineLimit)
        }
        buffer.append(UInt8(ascii: "\n"))
    }

    /// Whether `formatter` keeps its own lines within their cap (is a
    /// ``LineLimitedFormatter``). Sinks ask once, not per record: the check is a
    /// conformance lookup. (On the metatype: a value cast would copy the formatter into a
    /// new existential, a heap allocation for most formatters.)
    static func limitsItsLines(_ formatter: any LogFormatter) -> Bool {
        type(of: formatter) is any LineLimitedFormatter.Type
    }

    /// Cuts the bytes after `start` to at most `limit` bytes including the truncation
    /// marker, at a character boundary, keeping `key="quoted value"` syntax intact: a
    /// cut inside double quotes puts the marker inside them and closes them; a cut
    /// inside a word without `=` backs up to the space before it; then the marker follows
    /// as a `truncated="…"` pair.
    static func capLine(in buffer: inout LogBuffer, from start: Int, limit: Int) {
        let length = buffer.count - start
        let limit = max(limit, 64)
        guard length > limit else { return }
        var end = start + limit - markerReserve
        // Back up over UTF-8 continuation bytes so no character is split.
        while end > start && buffer[end] & 0xC0 == 0x80 { end -= 1 }
        var inQuotes = false
        var lastSpace = -1
        var equalsSinceSpace = false
        var index = start
        while index < end {
            let byte = buffer[index]
            if inQuotes && byte == UInt8(ascii: "\\") {
                // `\u001b` is six bytes, other escapes two: never cut inside one.
                let width = index + 1 < buffer.count && buffer[index + 1] == UInt8(ascii: "u") ? 6 : 2
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
            buffer.truncate(to: end)
            appendMarker(length, into: &buffer)
            buffer.append(UInt8(ascii: "\""))
        } else {
            // A cut inside a word without `=` (a logfmt key, or a word of free text)
            // backs up to the space before it, so no key is left without its value; a
            // cut inside an unquoted value keeps the shortened value.
            buffer.truncate(to: !equalsSinceSpace && lastSpace > start ? lastSpace : end)
            buffer.append(" truncated=\"")
            appendMarker(length, into: &buffer)
            buffer.append(UInt8(ascii: "\""))
        }
    }

    private static func appendMarker(_ length: Int, into buffer: inout LogBuffer) {
        buffer.append("…[truncated ")
        buffer.appendDecimal(length)
        buffer.append(" bytes]")
    }

    /// Room kept for the marker, which is at most 48 bytes.
    private static let markerReserve = 48
}

/// A formatter that keeps every line within its own `lineLimit` and valid in its syntax
/// (for example by shortening the message), so sinks never cut its lines.
public protocol LineLimitedFormatter: LogFormatter {
    /// The longest line the formatter writes, in bytes without the newline.
    var lineLimit: Int { get }
}

extension JSONFormatter: LineLimitedFormatter {}
