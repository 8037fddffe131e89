extension LogLevel {
    /// The spellings of other logging systems ``init(parsing:)`` accepts besides each ``name``.
    static let aliases: KeyValuePairs<String, LogLevel> = [
        "trc": .trace, "dbg": .debug, "inf": .info, "information": .info, "warn": .warning, "err": .error,
        "crit": .critical, "fatal": .critical, "emerg": .critical, "alert": .critical,
    ]

    /// Parses a level's ``name`` or another logging system's alias (`warn`, `err`, `fatal`, `crit`,
    /// `emerg`, `alert`, `trc`, `dbg`, `inf`, `information`), ignoring case and surrounding
    /// whitespace: `"WARN"` is ``warning``. Anything else throws a ``LogLevelParseError``.
    public init(parsing text: String) throws(LogLevelParseError) {
        let trimmed = Substring(text).unicodeScalars.trimming(\.properties.isWhitespace)
        let key = String(Substring(trimmed)).lowercased()
        let level = Self.allCases.first { $0.name == key } ?? Self.aliases.first { $0.key == key }?.value
        guard let level else { throw LogLevelParseError(value: text) }
        self = level
    }
}

/// The error thrown when text does not name a ``LogLevel``; its ``description`` names it and every accepted spelling.
public struct LogLevelParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text that was rejected, exactly as it was given.
    public let value: String

    /// Creates the error for a rejected value.
    public init(value: String) { self.value = value }

    static var acceptedValuesDescription: String {
        let canonical = LogLevel.allCases.map(\.name).joined(separator: ", ")
        return canonical + " (aliases: " + LogLevel.aliases.map(\.key).joined(separator: ", ") + ")"
    }

    /// `invalid log level "value"; expected one of: …`.
    public var description: String {
        "invalid log level \(quoted(value)); expected one of: \(Self.acceptedValuesDescription)"
    }
}

/// Quotes a user-supplied value for an error message, escaping what would make it unreadable.
package func quoted(_ value: String) -> String {
    var out = "\""
    for scalar in value.unicodeScalars {
        switch scalar {
        case "\"", "\\", "\n", "\r", "\t": out += scalar.escaped(asASCII: false)
        case _ where scalar.value < 0x20 || scalar.value == 0x7F:
            out += "\\u{" + String(scalar.value, radix: 16) + "}"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
