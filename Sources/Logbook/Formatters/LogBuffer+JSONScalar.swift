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

extension LogBuffer {
    /// Appends `value` in decimal, two digits per step (Datadog's 64-bit ids).
    mutating func appendDecimal(_ value: UInt64) {
        reserveCapacity(20)
        var digits = 1
        var scratch = value
        while scratch >= 100 {
            scratch /= 100
            digits += 2
        }
        if scratch >= 10 { digits += 1 }
        var position = used + digits
        var remaining = value
        while remaining >= 10 {
            let pair = remaining % 100
            remaining /= 100
            position -= 2
            base[position] = UInt8(truncatingIfNeeded: pair / 10) &+ 0x30
            base[position + 1] = UInt8(truncatingIfNeeded: pair % 10) &+ 0x30
        }
        if position > used { base[used] = UInt8(truncatingIfNeeded: remaining) &+ 0x30 }
        used += digits
    }
}
