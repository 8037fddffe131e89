extension RedactionRules {
    /// How deep nested objects are searched for redacted keys; anything deeper is replaced by
    /// ``tooDeep`` (fail closed), even for a formatter set to write deeper.
    static let maximumDepth = 64

    /// What replaces a non-empty array or object nested deeper than ``maximumDepth``.
    static let tooDeep = "[too deep]"

    /// `value` with redacted keys' values replaced and every nested value converted, at any
    /// depth; `nil` when nothing changed (always for a scalar). The result is written as it
    /// is, never converted again, so a value whose conversion changes between calls cannot
    /// show a key the check did not see.
    func redactingNested(_ value: LogValue, depth: Int = 0) -> LogValue? {
        guard checksKeys else { return nil }
        switch value {
        case .object(let fields) where depth >= Self.maximumDepth:
            return fields.isEmpty ? nil : .string(Self.tooDeep)
        case .array(let elements) where depth >= Self.maximumDepth:
            return elements.isEmpty ? nil : .string(Self.tooDeep)
        case .object(let fields):
            var changed: [(String, any LogValueConvertible)]?
            for index in fields.storage.indices {
                let (key, nested) = fields.storage[index]
                let replacement: LogValue?
                if withUnsafePointer(to: key, redacts(at:)) {
                    replacement = .string(LogRedaction.placeholder)
                } else if let converted = nested as? LogValue {
                    replacement = redactingNested(converted, depth: depth + 1)
                } else if withUnsafePointer(to: nested, Self.mayNest) {
                    let converted = nested.logValue
                    replacement = redactingNested(converted, depth: depth + 1) ?? converted
                } else {
                    replacement = nil
                }
                if let replacement {
                    if changed == nil { changed = fields.storage }
                    changed![index] = (key, replacement)
                }
            }
            return changed.map { .object(LogFields($0)) }
        case .array(let elements):
            var changed: [LogValue]?
            for index in elements.indices {
                if let replacement = redactingNested(elements[index], depth: depth + 1) {
                    if changed == nil { changed = elements }
                    changed![index] = replacement
                }
            }
            return changed.map { .array($0) }
        default:
            return nil
        }
    }

    /// Whether the value may hold nested objects or be marked: any type but the scalars
    /// written without conversion, ``FieldScalar``'s.
    @inline(__always)
    static func mayNest(_ value: UnsafePointer<any LogValueConvertible>) -> Bool {
        FieldScalar(value) == nil
    }
}

extension LogValue {
    /// The value when it is an array or an object, else `nil`.
    var nestedOrNil: LogValue? {
        switch self {
        case .array, .object: self
        default: nil
        }
    }
}
