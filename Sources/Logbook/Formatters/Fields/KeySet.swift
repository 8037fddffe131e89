/// A fixed set of keys, checked in a few instructions: a short ASCII key by one bit of a
/// hash of its words (see ``SmallString``), any other by its length first. The one
/// key-set type of the formatters: the keys a formatter writes itself, which a record's
/// fields must not repeat (a field with such a key is written as `fields.<key>`, prefixed
/// again as often as needed, so no key appears twice in a line), the keys a format
/// leaves out or writes elsewhere, the trace context fields and promoted fields.
struct KeySet: Sendable {
    /// The prefix that moves a colliding field key out of the way.
    static let renamePrefix = "fields."

    private let keys: [String]
    /// Bit `n` is set when a reserved key is `n` bytes long (modulo 64).
    private let lengths: UInt64
    /// Whether two fields renamed differently can get the same key: only when a reserved
    /// key starts with `fields.` (when both `x` and `fields.x` are reserved, fields named
    /// `x` and `fields.x` would both become `fields.fields.x`).
    let renamesMayCollide: Bool
    /// The reserved keys that are short ASCII strings, as words (see ``SmallString``),
    /// each with its position in ``all``.
    private let smallKeys: [(low: UInt64, high: UInt64, index: Int)]
    /// The ``SmallString/hashBit`` of every key in ``smallKeys``.
    private let smallKeyBits: UInt64
    /// Bit `n` is set when a reserved key that is not a short ASCII string is `n` bytes
    /// long.
    private let otherKeyLengths: UInt64

    init(_ keys: [String]) {
        self.keys = keys
        self.lengths = keys.reduce(0) { $0 | (1 &<< UInt64($1.utf8.count & 63)) }
        self.renamesMayCollide = keys.contains { $0.hasPrefix(Self.renamePrefix) }
        let small = keys.enumerated().compactMap { index, key in
            withUnsafePointer(to: key) { SmallString(at: $0) }.map { (low: $0.low, high: $0.high, index: index) }
        }
        self.smallKeys = small
        self.smallKeyBits = small.reduce(0) { $0 | SmallString.hashBit($1.low, $1.high) }
        self.otherKeyLengths = keys.reduce(0) { lengths, key in
            withUnsafePointer(to: key) { SmallString(at: $0) } == nil
                ? lengths | 1 &<< UInt64(key.utf8.count & 63) : lengths
        }
    }

    /// Every reserved key.
    var all: [String] { keys }

    /// Whether there are no keys.
    var isEmpty: Bool { keys.isEmpty }

    /// Whether the key at `key` is one of the reserved keys.
    @inline(__always)
    func contains(at key: UnsafePointer<String>) -> Bool {
        index(at: key) != nil
    }

    /// Whether the short ASCII key `small`, stored at `key`, is one of the reserved keys.
    /// Most keys are cleared by one bit of a hash of their bytes, without comparing.
    @inline(__always)
    func contains(_ small: SmallString, at key: UnsafePointer<String>) -> Bool {
        index(small, at: key) != nil
    }

    /// Whether `key` is one of the reserved keys. Most keys are cleared by their length
    /// without comparing bytes.
    @inline(__always)
    func contains(_ key: String) -> Bool {
        index(of: key) != nil
    }

    /// The position in ``all`` of the key at `key`, if it is one of the reserved keys.
    @inline(__always)
    func index(at key: UnsafePointer<String>) -> Int? {
        guard let small = SmallString(at: key) else { return index(of: key.pointee) }
        return index(small, at: key)
    }

    /// The position in ``all`` of the short ASCII key `small`, stored at `key`.
    @inline(__always)
    func index(_ small: SmallString, at key: UnsafePointer<String>) -> Int? {
        if smallKeyBits & small.hashBit != 0 {
            for entry in smallKeys where entry.low == small.low && entry.high == small.high { return entry.index }
        }
        // A reserved key stored another way can still hold the same bytes.
        if otherKeyLengths & (1 &<< UInt64(small.count)) != 0 { return index(of: key.pointee) }
        return nil
    }

    /// The position in ``all`` of `key`, checked by its length first.
    @inline(__always)
    func index(of key: String) -> Int? {
        lengths & (1 &<< UInt64(key.utf8.count & 63)) != 0 ? keys.firstIndex(of: key) : nil
    }

    /// A key for a field whose own key is reserved: prefixed with `fields.` as often as
    /// needed to be distinct from every reserved key and every key `isTaken` accepts (the
    /// line's other keys, and the keys given to its other renamed fields).
    func renamed(_ key: String, avoiding isTaken: (String) -> Bool) -> String {
        var candidate = Self.renamePrefix + key
        while contains(candidate) || isTaken(candidate) { candidate = Self.renamePrefix + candidate }
        return candidate
    }
}
