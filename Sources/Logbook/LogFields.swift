/// An ordered list of named, typed field values, written as a dictionary literal of
/// ``LogValueConvertible`` values: `["amount": amount, "currency": "EUR", "captured": true]`.
/// Order is kept as written. A repeated key's last occurrence wins; formatters never write
/// a key twice.
public struct LogFields: Sendable, Equatable, CustomStringConvertible, ExpressibleByDictionaryLiteral {
    /// One named value.
    public typealias Element = (key: String, value: any LogValueConvertible)

    @usableFromInline
    var storage: [(String, any LogValueConvertible)]

    /// Creates an empty set of fields.
    @inlinable
    public init() { storage = [] }

    /// Creates fields from key-value pairs, keeping their order.
    @inlinable
    public init(_ elements: [(String, any LogValueConvertible)]) { storage = elements }

    /// Creates fields from a literal, keeping its order.
    @inlinable
    public init(dictionaryLiteral elements: (String, any LogValueConvertible)...) {
        self.init(elements)
    }

    /// The number of entries, counting repeated keys.
    @inlinable public var count: Int { storage.count }

    /// Whether there are no entries.
    @inlinable public var isEmpty: Bool { storage.isEmpty }

    /// The value for `key` (its last occurrence), or `nil`; setting replaces every occurrence, `nil` removes them.
    public subscript(key: String) -> (any LogValueConvertible)? {
        get { storage.last { $0.0 == key }?.1 }
        set {
            storage.removeAll { $0.0 == key }
            if let newValue { storage.append((key, newValue)) }
        }
    }

    /// The fields with `other`'s entries added, each key once; `other`'s value wins.
    public func merging(_ other: LogFields) -> LogFields {
        if other.isEmpty { return deduplicated() }
        if isEmpty { return other.deduplicated() }
        return LogFields(storage + other.storage).deduplicated()
    }

    /// Each key once, at the position of its last occurrence.
    package func deduplicated() -> LogFields {
        guard FieldKeys.scan(entries).hasRepeats else { return self }
        return LogFields(storage.withUnsafeBufferPointer { FieldKeys.lastOccurrences($0) }.map { storage[$0] })
    }

    /// The entries in place, valid while `self` is alive and unmodified (native array storage never moves).
    var entries: FieldKeys.Entries {
        storage.withUnsafeBufferPointer { $0 }
    }

    /// Compares entries in order, by key and by converted value.
    public static func == (lhs: LogFields, rhs: LogFields) -> Bool {
        lhs.count == rhs.count
            && zip(lhs.storage, rhs.storage).allSatisfy { $0.0 == $1.0 && $0.1.logValue == $1.1.logValue }
    }

    /// The fields as `[key: value, ...]`.
    public var description: String {
        "[" + storage.map { "\($0.0): \($0.1.logValue)" }.joined(separator: ", ") + "]"
    }
}

extension LogFields: RandomAccessCollection {
    /// The position of the first entry.
    @inlinable public var startIndex: Int { 0 }
    /// The position after the last entry.
    @inlinable public var endIndex: Int { storage.count }
    /// The entry at `position`.
    @inlinable public subscript(position: Int) -> Element { storage[position] }
}

extension LogFields: LogValueConvertible {
    /// The fields as an ``LogValue/object(_:)`` value.
    public var logValue: LogValue { .object(self) }
}
