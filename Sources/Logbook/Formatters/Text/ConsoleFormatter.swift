/// Formats records as readable single lines for a terminal.
///
/// ```text
/// 2024-08-06 13:54:56.789 INFO     payments.gateway: charge created amount=42 currency=EUR
/// ```
///
/// The Formats guide (<doc:Formats>) gives the order and the escaping: a record is always one line
/// and cannot move the cursor or change colours.
public struct ConsoleFormatter: LogFormatter {
    /// When to use ANSI colours.
    public enum Colors: Sendable, Hashable {
        /// Colour when writing to a terminal and `NO_COLOR` is unset or empty.
        case automatic
        /// Always colour.
        case always
        /// Never colour.
        case never
    }

    /// How the time is written.
    public enum TimestampStyle: Sendable, Hashable {
        /// Local time, `2024-08-06 13:54:56.789`.
        case local
        /// UTC in RFC 3339, `2024-08-06T11:54:56.789Z`.
        case utc
        /// No time.
        case none
    }

    package let colors: Colors
    package let timestamp: TimestampStyle
    package let includesSourceLocation: Bool
    /// The longest line in bytes (at least 64); longer ones are cut and marked (see
    /// ``LogFormatter/formatLine(_:into:)``). Default 64 KiB.
    public let lineLimit: Int

    /// Keys the formatter writes itself; a field with one of them is written as `fields.<key>`.
    private static let fieldWriter = LogfmtFieldWriter(
        reserved: KeySet(["error", "error.type", "error.message", "source"]), maximumDepth: 8)

    /// Creates a console formatter.
    ///
    /// - Parameters:
    ///   - colors: When to use colours.
    ///   - timestamp: How the time is written.
    ///   - includesSourceLocation: Whether to append the call site as `source=File.swift:42`.
    ///   - lineLimit: The longest line in bytes; see ``lineLimit``.
    public init(
        colors: Colors = .automatic,
        timestamp: TimestampStyle = .local,
        includesSourceLocation: Bool = false,
        lineLimit: Int = 64 * 1024
    ) {
        self.lineLimit = max(lineLimit, 64)
        self.colors = colors
        self.timestamp = timestamp
        self.includesSourceLocation = includesSourceLocation
    }

    /// Resolves ``Colors-swift.enum/automatic`` for the destination.
    public func resolved(forTerminal isTerminal: Bool) -> any LogFormatter {
        ConsoleFormatter(
            colors: colors(forTerminal: isTerminal, noColor: System.environment("NO_COLOR")),
            timestamp: timestamp, includesSourceLocation: includesSourceLocation, lineLimit: lineLimit)
    }

    /// The colour choice for a destination, given `NO_COLOR`'s value (`nil` when unset).
    package func colors(forTerminal isTerminal: Bool, noColor: String?) -> Colors {
        guard colors == .automatic else { return colors }
        return isTerminal && (noColor ?? "").isEmpty ? .always : .never
    }

    /// Appends the line for `record`. ``Colors-swift.enum/automatic`` that was never
    /// resolved for a destination writes no colour.
    public func format(_ record: LogRecord, into buffer: inout LogBuffer) {
        let start = buffer.count
        var omitted = 0
        defer { buffer.cutLine(from: start, limit: lineLimit, omitted: omitted) }
        let colored = colors == .always
        if timestamp == .local { buffer.appendLocalDateTime(record.timestamp) }
        if timestamp == .utc { buffer.appendRFC3339(record.timestamp) }
        if timestamp != .none { buffer.append(UInt8(ascii: " ")) }
        if colored { buffer.append(contentsOf: ANSI.level[Int(record.level.rawValue)]) }
        let name = record.level.uppercaseName
        buffer.append(name)
        if colored { buffer.append(contentsOf: ANSI.reset) }
        buffer.append(word: 0x2020_2020_2020_2020, count: 9 - name.utf8.count)  // names are 4 to 8 bytes
        if colored { buffer.append(contentsOf: ANSI.bold) }
        buffer.appendSingleLine(record.logger)
        if colored { buffer.append(contentsOf: ANSI.reset) }
        buffer.append(word: 0x203A, count: 2)  // `: `
        buffer.appendSingleLine(record.message)
        record.withFieldList {
            omitted = Self.fieldWriter.append(
                $0, of: record, into: &buffer, lineStart: start, lineLimit: lineLimit, dimsKeys: colored)
        }
        if let error = record.error {
            if colored { buffer.append(contentsOf: ANSI.level[Int(LogLevel.error.rawValue)]) }
            buffer.appendLogfmtError(error)
            if colored { buffer.append(contentsOf: ANSI.reset) }
        }
        if includesSourceLocation {
            buffer.appendLogfmtPair("source", .string(record.file + ":" + String(record.line)))
        }
    }
}

/// ANSI escape sequences used by ``ConsoleFormatter``.
enum ANSI {
    static let reset = Array("\u{1B}[0m".utf8)
    static let bold = Array("\u{1B}[1m".utf8)
    static let dim = Array("\u{1B}[2m".utf8)
    /// Per level: trace dim, debug blue, info green, notice cyan, warning yellow, error red, critical bold red.
    static let level: [[UInt8]] = [
        "\u{1B}[2m", "\u{1B}[34m", "\u{1B}[32m", "\u{1B}[36m", "\u{1B}[33m", "\u{1B}[31m", "\u{1B}[1;31m",
    ].map { Array($0.utf8) }
}
