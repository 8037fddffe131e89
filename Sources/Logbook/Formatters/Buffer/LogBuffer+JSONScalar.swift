extension LogBuffer {
    /// Appends the JSON for a field value of one of the types of ``FieldScalar``, read in
    /// place, and returns `true`; returns `false`, writing nothing, for any other type.
    @inline(__always)
    mutating func appendJSONScalar(_ value: UnsafePointer<any LogValueConvertible>) -> Bool {
        switch FieldScalar(value) {
        case .string(let string): appendJSONString(at: string)
        case .int(let int): appendDecimal(int)
        case .bool(let bool): appendBool(bool)
        case .double(let double): appendJSONNumber(double)
        case nil: return false
        }
        return true
    }

    /// Appends `true` or `false` (in JSON and the text formats alike), as one store.
    @inline(__always)
    mutating func appendBool(_ value: Bool) {
        reserveCapacity(8)
        let word: UInt64 = value ? 0x6575_7274 : 0x65_736C_6166  // "true", "false" from the lowest byte
        UnsafeMutableRawPointer(base + used).storeBytes(of: word.littleEndian, as: UInt64.self)
        used += value ? 4 : 5
    }
}
