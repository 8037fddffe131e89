/// A type that can be logged as a typed field value, converted only when a sink formats the record,
/// possibly on another thread (hence `Sendable`). Strings, booleans, every integer and
/// floating-point type, arrays, string-keyed dictionaries, optionals, ``LogValue`` and
/// ``LogFields`` conform. Conform your own types to log them as structured values:
///
/// ```swift
/// extension Money: LogValueConvertible {
///     var logValue: LogValue { ["amount": cents, "currency": currency.code] }
/// }
/// ```
public protocol LogValueConvertible: Sendable {
    /// The value as it should appear in a record's fields.
    var logValue: LogValue { get }
}

extension LogValue: LogValueConvertible {
    /// The value itself.
    @inlinable public var logValue: LogValue { self }
}

extension String: LogValueConvertible {
    /// The string as a ``LogValue/string(_:)`` value.
    @inlinable public var logValue: LogValue { .string(self) }
}

extension Substring: LogValueConvertible {
    /// The substring as a ``LogValue/string(_:)`` value.
    @inlinable public var logValue: LogValue { .string(String(self)) }
}

extension Bool: LogValueConvertible {
    /// The boolean as a ``LogValue/bool(_:)`` value.
    @inlinable public var logValue: LogValue { .bool(self) }
}

extension LogValueConvertible where Self: BinaryInteger {
    /// The integer as a ``LogValue/int(_:)`` value, or as its decimal string when it does not fit `Int`.
    @inlinable public var logValue: LogValue { Int(exactly: self).map(LogValue.int) ?? .string(String(self)) }
}

extension Int: LogValueConvertible {}
extension Int8: LogValueConvertible {}
extension Int16: LogValueConvertible {}
extension Int32: LogValueConvertible {}
extension Int64: LogValueConvertible {}
extension UInt: LogValueConvertible {}
extension UInt8: LogValueConvertible {}
extension UInt16: LogValueConvertible {}
extension UInt32: LogValueConvertible {}
extension UInt64: LogValueConvertible {}

extension Double: LogValueConvertible {
    /// The number as a ``LogValue/double(_:)`` value.
    @inlinable public var logValue: LogValue { .double(self) }
}

extension Float: LogValueConvertible {
    /// The number as a ``LogValue/double(_:)`` value.
    @inlinable public var logValue: LogValue { .double(Double(self)) }
}

extension Optional: LogValueConvertible where Wrapped: LogValueConvertible {
    /// The wrapped value's ``LogValueConvertible/logValue``, or ``LogValue/null`` for `nil`.
    @inlinable public var logValue: LogValue { self?.logValue ?? .null }
}

extension Array: LogValueConvertible where Element: LogValueConvertible {
    /// The elements as a ``LogValue/array(_:)`` value.
    @inlinable public var logValue: LogValue { .array(map(\.logValue)) }
}

extension Dictionary: LogValueConvertible where Key == String, Value: LogValueConvertible {
    /// The entries as an ``LogValue/object(_:)`` value, sorted by key so output is stable.
    public var logValue: LogValue { .object(LogFields(sortedEntries)) }

    /// The entries sorted by key: how a dictionary's entries become fields, here and in the
    /// swift-log bridge (its metadata dictionaries).
    package var sortedEntries: [(String, any LogValueConvertible)] {
        var entries = map { ($0.key, $0.value as any LogValueConvertible) }
        entries.sort { $0.0 < $1.0 }
        return entries
    }
}
