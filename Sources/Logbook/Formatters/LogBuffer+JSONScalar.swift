extension LogBuffer {
    @inline(__always)
    mutating func appendJSONScalar(_ value: any LogValueConvertible) -> Bool {
        appendJSONScalar(opened: value)
    }

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
