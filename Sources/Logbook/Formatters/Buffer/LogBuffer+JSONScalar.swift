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
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var remaining = value
            var position = 20
            repeat {
                position -= 2
                digits[position] = UInt8(truncatingIfNeeded: remaining % 100 / 10) &+ 0x30
                digits[position + 1] = UInt8(truncatingIfNeeded: remaining % 10) &+ 0x30
                remaining /= 100
            } while remaining != 0
            if digits[position] == 0x30 && position < 19 { position += 1 }
            append(contentsOf: UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: digits[position...])))
        }
    }
}
