/// The pre-encoded bytes of a ``JSONFormatter``'s keys and level names, built once when
/// the formatter is created so formatting only copies them.
final class JSONLayout: Sendable {
    let openTimestamp: [UInt8]
    let levelKey: [UInt8]
    let levelValues: [[UInt8]]
    let loggerKey: [UInt8]
    let messageKey: [UInt8]
    let errorOpen: [UInt8]
    let errorMessageKey: [UInt8]
    let sourceOpen: [UInt8]

    /// The formatter's own top-level keys, which record fields must not repeat.
    private let reservedKeys: [String]
    /// Bit `n` is set when a reserved key is `n` bytes long (modulo 64).
    private let reservedLengths: UInt64
    /// The byte length of each reserved key.
    private let reservedKeyLengths: [Int]
    /// Keys of static fields, which a renamed key must also avoid.
    private let staticKeys: [String]

    static let truncationMarker = Array("…[truncated ".utf8)
    static let truncationMarkerEnd = Array(" bytes]".utf8)
    static let droppedFieldsKey = Array(",\"logbook.dropped_fields\":".utf8)
    static let colonBrace = Array(":{".utf8)
    static let trueLiteral = Array("true".utf8)
    static let falseLiteral = Array("false".utf8)
    static let nullLiteral = Array("null".utf8)
    static let tooDeep = Array("\"[too deep]\"".utf8)
    static let functionKey = Array(",\"function\":".utf8)
    static let lineKey = Array(",\"line\":".utf8)
    /// The prefix that moves a colliding field key out of the way.
    static let renamePrefix = "fields."

    init(
        keys: JSONFormatter.Keys,
        levelNames: LogLevelNames,
        staticFields: LogFields,
        contextKey: String?,
        includesSourceLocation: Bool
    ) {
        func encoded(_ text: String) -> [UInt8] {
            var buffer = LogBuffer(capacity: 64)
            buffer.appendJSONString(text)
            return buffer.bytes
        }
        openTimestamp = [UInt8(ascii: "{")] + encoded(keys.timestamp) + Array(":\"".utf8)
        levelKey = Array("\",".utf8) + encoded(keys.level) + [UInt8(ascii: ":")]
        levelValues = LogLevel.allCases.map { encoded(levelNames[$0]) }
        loggerKey = [UInt8(ascii: ",")] + encoded(keys.logger) + [UInt8(ascii: ":")]
        messageKey = [UInt8(ascii: ",")] + encoded(keys.message) + [UInt8(ascii: ":")]
        errorOpen =
            [UInt8(ascii: ",")] + encoded(keys.error) + Array(":{".utf8) + encoded(keys.errorType)
            + [UInt8(ascii: ":")]
        errorMessageKey = [UInt8(ascii: ",")] + encoded(keys.errorMessage) + [UInt8(ascii: ":")]
        sourceOpen = [UInt8(ascii: ",")] + encoded(keys.source) + Array(":{\"file\":".utf8)

        var reserved = [keys.timestamp, keys.level, keys.logger, keys.message, keys.error]
        if let contextKey { reserved.append(contextKey) }
        if includesSourceLocation { reserved.append(keys.source) }
        reserved.append("logbook.dropped_fields")
        reservedKeys = reserved
        reservedKeyLengths = reserved.map(\.utf8.count)
        reservedLengths = reserved.reduce(0) { $0 | (1 &<< UInt64($1.utf8.count & 63)) }
        staticKeys = staticFields.map(\.key)
    }

    /// Whether a field key collides with one of the formatter's own keys.
    @inline(__always)
    func isReserved(_ key: String) -> Bool {
        let length = key.utf8.count
        if reservedLengths & (1 &<< UInt64(length & 63)) == 0 { return false }
        // Comparing lengths first skips most calls into string comparison.
        for index in reservedKeyLengths.indices where reservedKeyLengths[index] == length {
            if reservedKeys[index] == key { return true }
        }
        return false
    }

    /// A key for a field whose own key is reserved: prefixed with `fields.` as often as
    /// needed to be distinct from every reserved, static and record field key.
    func renamedKey(for key: String, record: LogRecord) -> String {
        var candidate = Self.renamePrefix + key
        while reservedKeys.contains(candidate) || staticKeys.contains(candidate) || record.field(candidate) != nil {
            candidate = Self.renamePrefix + candidate
        }
        return candidate
    }
}

/// How an error is described in records.
enum ErrorDescription {
    /// The error's fully qualified type name, e.g. `Payments.GatewayError`.
    static func typeName(of error: any Error) -> String {
        String(reflecting: type(of: error))
    }

    /// The error's description (`CustomStringConvertible`, else the default rendering).
    static func message(of error: any Error) -> String {
        String(describing: error)
    }
}
