extension LogBuffer {
    /// Appends the JSON for a field value of one of the common scalar types (`String`,
    /// `Int`, `Bool`, `Double`) straight from the value, read in place, and returns
    /// `true`; returns `false`, writing nothing, for any other type.
    ///
    /// The output is the same as formatting the value's ``LogValueConvertible/logValue``
    /// (the conversions of those types are Logbook's own and fixed), without the protocol
    /// call, without building and destroying a ``LogValue``, and without copying the value.
    @inline(__always)
    mutating func appendJSONScalar(_ value: UnsafePointer<any LogValueConvertible>) -> Bool {
        guard let payload = ExistentialPayload(in: value) else { return false }
        let type = payload.type
        if type == String.self {
            appendJSONString(at: payload.address.assumingMemoryBound(to: String.self))
        } else if type == Int.self {
            appendDecimal(payload.address.load(as: Int.self))
        } else if type == Bool.self {
            append(contentsOf: payload.address.load(as: Bool.self) ? JSONLayout.trueLiteral : JSONLayout.falseLiteral)
        } else if type == Double.self {
            appendJSONNumber(payload.address.load(as: Double.self))
        } else {
            return false
        }
        return true
    }
}
