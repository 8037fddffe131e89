/// The keys a formatter writes itself, which a record's fields must not repeat.
///
/// A field whose key is reserved is written as `fields.<key>` (prefixed again as often
/// as needed), so no key appears twice in a line. Shared by every formatter that
/// writes key-value pairs.
struct ReservedKeys: Sendable {
    /// The prefix that moves a colliding field key out of the way.
    static let renamePrefix = "fields."

    private let keys: [String]
    /// The byte length of each key, so most keys are compared by length only.
    private let keyLengths: [Int]
    /// Bit `n` is set when a reserved key is `n` bytes long (modulo 64).
    private let lengths: UInt64
    /// Other keys a renamed key must also avoid (static fields).
    private let otherKeys: [String]

    init(_ keys: [String], alsoAvoiding otherKeys: [String] = []) {
        self.keys = keys
        self.keyLengths = keys.map(\.utf8.count)
        self.lengths = keys.reduce(0) { $0 | (1 &<< UInt64($1.utf8.count & 63)) }
        self.otherKeys = otherKeys
    }

    /// Whether `key` is one of the reserved keys. Most keys are cleared by their length
    /// without comparing bytes.
    @inline(__always)
    func contains(_ key: String) -> Bool {
        let length = key.utf8.count
        if lengths & (1 &<< UInt64(length & 63)) == 0 { return false }
        for index in keyLengths.indices where keyLengths[index] == length {
            if keys[index] == key { return true }
        }
        return false
    }

    /// A key for a field whose own key is reserved: prefixed with `fields.` as often as
    /// needed to be distinct from every reserved key, every other key and every field
    /// of `record`.
    func renamed(_ key: String, in record: LogRecord) -> String {
        var candidate = Self.renamePrefix + key
        while keys.contains(candidate) || otherKeys.contains(candidate) || record.field(candidate) != nil {
            candidate = Self.renamePrefix + candidate
        }
        return candidate
    }
}
