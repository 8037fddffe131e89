extension LogBuffer {
    /// Appends the JSON for a field value of one of the common scalar types (`String`,
    /// `Int`, `Bool`, `Double`) straight from the value, and returns `true`; returns
    /// `false`, writing nothing, for any other type.
    ///
    /// The output is the same as formatting the value's ``LogValueConvertible/logValue``
    /// (the conversions of those types are Logbook's own and fixed), without the protocol
    /// call and without building and destroying a ``LogValue``.
    @inline(__always)
    mutating func appendJSONScalar(_ value: any LogValueConvertible) -> Bool {
        appendJSONScalar(opened: value)
    }

    /// The existential opened: a comparison of type metadata picks the writer.
    private mutating func appendJSONScalar<Value: LogValueConvertible>(opened value: Value) -> Bool {
        if Value.self == String.self {
            appendJSONString(unsafeBitCast(value, to: String.self))
        } else if Value.self == Int.self {
            appendDecimal(unsafeBitCast(value, to: Int.self))
        } else if Value.self == Bool.self {
            append(contentsOf: unsafeBitCast(value, to: Bool.self) ? JSONLayout.trueLiteral : JSONLayout.falseLiteral)
        } else if Value.self == Double.self {
            appendJSONNumber(unsafeBitCast(value, to: Double.self))
        } else {
            return false
        }
        return true
    }
}
