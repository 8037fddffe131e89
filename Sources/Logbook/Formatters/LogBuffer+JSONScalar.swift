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
            appendJSONBool(payload.address.load(as: Bool.self))
        } else if type == Double.self {
            appendJSONNumber(payload.address.load(as: Double.self))
        } else {
            return false
        }
        return true
    }

    /// Appends `true` or `false`.
    @inline(__always)
    mutating func appendJSONBool(_ value: Bool) {
        reserveCapacity(5)
        let destination = base + used
        if value {
            destination[0] = UInt8(ascii: "t")
            destination[1] = UInt8(ascii: "r")
            destination[2] = UInt8(ascii: "u")
            destination[3] = UInt8(ascii: "e")
            used += 4
        } else {
            destination[0] = UInt8(ascii: "f")
            destination[1] = UInt8(ascii: "a")
            destination[2] = UInt8(ascii: "l")
            destination[3] = UInt8(ascii: "s")
            destination[4] = UInt8(ascii: "e")
            used += 5
        }
    }
}
