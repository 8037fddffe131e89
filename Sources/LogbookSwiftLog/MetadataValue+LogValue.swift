#if SwiftLogBridge
public import Logbook
public import Logging

extension Logger.MetadataValue: LogValueConvertible {
    /// The value as a typed Logbook value, converted only when a sink formats the record; the
    /// swift-log bridge guide's table says what each case becomes.
    public var logValue: LogValue {
        switch self {
        case .string(let text):
            return .string(text)
        case .stringConvertible(let value):
            // Exact-type checks first: far cheaper than the protocol cast for the usual cases.
            if let number = value as? Int { return .int(number) }
            if let flag = value as? Bool { return .bool(flag) }
            if let number = value as? Double { return .double(number) }
            if let typed = value as? any LogValueConvertible { return typed.logValue }
            return .string(value.description)
        case .array(let values):
            return values.logValue
        case .dictionary(let metadata):
            return metadata.logValue
        }
    }

    /// The swift-log form of a Logbook value, as ``Logger/MetadataProvider/logContext`` says,
    /// `value` being `depth` levels deep; a non-empty array or object 64 levels deep (where
    /// redaction stops searching) is the string `[too deep]`.
    package init(_ value: LogValue, depth: Int = 0) {
        let tooDeep = depth >= RedactionRules.maximumDepth
        switch value {
        case .string(let text): self = .string(text)
        case .int(let number): self = .stringConvertible(number)
        case .double(let number): self = .stringConvertible(number)
        case .bool(let flag): self = .stringConvertible(flag)
        case .null: self = .stringConvertible(LogValue.null)
        case .array(let values) where tooDeep && !values.isEmpty: self = .string(RedactionRules.tooDeep)
        case .object(let fields) where tooDeep && !fields.isEmpty: self = .string(RedactionRules.tooDeep)
        case .array(let values): self = .array(values.map { Logger.MetadataValue($0, depth: depth + 1) })
        case .object(let fields):
            var metadata: Logger.Metadata = [:]
            for (key, value) in fields { metadata[key] = Logger.MetadataValue(value.logValue, depth: depth + 1) }
            self = .dictionary(metadata)
        }
    }
}
#endif
