extension LogBuffer {
    /// Appends the JSON for a field value of one of the types of ``FieldScalar``, read in
    /// place, and returns `true`; returns `false`, writing nothing, for any other type.
    @inline(__always)
    mutating func appendJSONScalar(_ value: UnsafePointer<any LogValueConvertible>) -> Bool {
        switch FieldScalar(value) {
        case .string(let string): appendJSONString(at: string)
        case .int(let int): appendDecimal(int)
        case .bool(let bool): appendJSONBool(bool)
        case .double(let double): appendJSONNumber(double)
        case nil: return false
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
