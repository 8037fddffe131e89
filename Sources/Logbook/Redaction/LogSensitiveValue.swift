/// A field value that no formatter or sink writes as itself, whatever its key; made by
/// ``LogValueConvertible/sensitive(_:)`` and ``LogValueConvertible/hashed(_:)``.
public struct LogSensitiveValue: LogValueConvertible {
    let value: any LogValueConvertible
    let isHashed: Bool

    /// `"[REDACTED]"`, or for a hashed value the hash of its text (see ``LogValueConvertible/hashed(_:)``);
    /// the value itself only when redaction is ``LogRedaction/disabled``.
    public var logValue: LogValue {
        let rules = RedactionRules.current
        guard rules.configuration.isEnabled else { return value.logValue }
        guard isHashed else { return .string(LogRedaction.placeholder) }
        let hash = KeyedHash.hash(Array(value.logValue.description.utf8), key: rules.hashKey)
        let hex = String(hash, radix: 16)
        return .string("hash:" + String(repeating: "0", count: 16 - hex.utf8.count) + hex)
    }
}

extension LogValueConvertible where Self == LogSensitiveValue {
    /// `value`, marked as sensitive: written as `"[REDACTED]"` whatever its key.
    ///
    /// ```swift
    /// log.info("signed up", ["email": .sensitive(email), "plan": plan])
    /// ```
    public static func sensitive(_ value: some LogValueConvertible) -> LogSensitiveValue {
        LogSensitiveValue(value: value, isHashed: false)
    }

    /// `value`, marked as sensitive and written as a keyed hash (`"hash:3f2a…"`, 16 hex
    /// digits), so equal values can be correlated across records without being written.
    /// See ``LogRedaction/hashKey`` for how far the correlation reaches.
    ///
    /// ```swift
    /// log.info("login failed", ["user": .hashed(email)])
    /// ```
    public static func hashed(_ value: some LogValueConvertible) -> LogSensitiveValue {
        LogSensitiveValue(value: value, isHashed: true)
    }
}
