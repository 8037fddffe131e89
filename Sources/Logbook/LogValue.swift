/// A typed field value: what a record's fields hold once converted for formatting. Literals
/// convert directly: `["amount": 42, "ok": true, "tags": ["a", "b"]]`; a nested object with mixed
/// value types needs its type spelled: `["user": ["id": 7, "name": "ada"] as LogValue]`. Values
/// compare structurally; objects compare their entries in order.
public enum LogValue: Sendable, Equatable {
    /// A string.
    case string(String)
    /// A signed integer.
    case int(Int)
    /// A double; formats with no number for NaN or infinity write `"NaN"`, `"Infinity"`, `"-Infinity"`.
    case double(Double)
    /// A boolean.
    case bool(Bool)
    /// An explicit absence of a value.
    case null
    /// An ordered list of values.
    case array([LogValue])
    /// An ordered set of named values.
    case object(LogFields)
}

extension LogValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    /// Creates a string value from a literal.
    @inlinable public init(stringLiteral value: String) { self = .string(value) }

    /// Creates an integer value from a literal.
    @inlinable public init(integerLiteral value: Int) { self = .int(value) }

    /// Creates a double value from a literal.
    @inlinable public init(floatLiteral value: Double) { self = .double(value) }

    /// Creates a boolean value from a literal.
    @inlinable public init(booleanLiteral value: Bool) { self = .bool(value) }

    /// Creates ``null`` from `nil`.
    @inlinable public init(nilLiteral: ()) { self = .null }

    /// Creates an array value from a literal whose elements may have different types.
    public init(arrayLiteral elements: (any LogValueConvertible)...) { self = .array(elements.map(\.logValue)) }

    /// Creates an object value from a literal, keeping the literal's key order.
    public init(dictionaryLiteral elements: (String, any LogValueConvertible)...) {
        self = .object(LogFields(elements))
    }
}

extension LogValue: CustomStringConvertible {
    /// Strings as themselves, numbers, booleans and `null` as literals, arrays and objects in
    /// a JSON-like notation; one nested more than 64 levels deep is written `"[too deep]"`.
    public var description: String { description(depth: 0) }

    /// At `depth` 0 a string is written as itself; nested ones are quoted.
    private func description(depth: Int) -> String {
        switch self {
        case .string(let value): depth == 0 ? value : quoted(value)
        case .int(let value): String(value)
        case .double(let value): value.description
        case .bool(let value): value ? "true" : "false"
        case .null: "null"
        case .array(let values) where depth > RedactionRules.maximumDepth && !values.isEmpty:
            quoted(RedactionRules.tooDeep)
        case .object(let fields) where depth > RedactionRules.maximumDepth && !fields.isEmpty:
            quoted(RedactionRules.tooDeep)
        case .array(let values):
            "[" + values.map { $0.description(depth: depth + 1) }.joined(separator: ",") + "]"
        case .object(let fields):
            "{" + fields.map { $0.key + ":" + $0.value.logValue.description(depth: depth + 1) }.joined(separator: ",")
                + "}"
        }
    }
}
