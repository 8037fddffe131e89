/// A fixed set of keys, checked in a few instructions: a short ASCII key by one bit of a
/// hash of its words (see ``SmallString``), any other by its length first. The one
/// key-set type of the formatters: the keys a formatter writes itself, which a record's
/// fields must not repeat (a field with such a key is written as `fields.<key>`, prefixed
/// again as often as needed, so no key appears twice in a line), the keys a format
/// leaves out or writes elsewhere, the trace context fields and promoted fields.
struct KeySet: Sendable {
    /// The prefix that moves a colliding field key out of the way.
    static let renamePrefix = "fields."

    /// Every reserved key.
    let all: [String]
    /// Bit `n` is set when a reserved key is `n` bytes long (modulo 64).
    private let lengths: UInt64
    /// Whether two fields renamed differently can get the same key: only when a reserved
    /// key starts with `fields.` (when both `x` and `fields.x` are reserved, fields named
    /// `x` and `fields.x` would both become `fields.fields.x`).
    let renamesMayCollide: Bool
    /// The short ASCII reserved keys as words (see ``SmallString``) and positions in ``all``,
    /// each in the first free slot (words `(0, 0)`; the last is) from its hash bit's index.
    private let smallKeySlots: [(UInt64, UInt64, position: Int)]
    /// The ``SmallString/hashBit`` of every key in ``smallKeySlots``.
    private let smallKeyBits: UInt64
    /// Bit `n` is set when a reserved key that is not a short ASCII string is `n` bytes
    /// long.
    private let otherKeyLengths: UInt64

    init(_ keys: [String]) {
        self.all = keys
        self.lengths = keys.reduce(0) { $0 | (1 &<< UInt64($1.utf8.count & 63)) }
        self.renamesMayCollide = keys.contains { $0.hasPrefix(Self.renamePrefix) }
        let small = keys.enumerated().compactMap { position, key in
            withUnsafePointer(to: key) { SmallString(at: $0) }.map { (position, $0) }
        }
        var slots = [(UInt64, UInt64, position: Int)](repeating: (0, 0, 0), count: 65 + small.count)
        for (position, key) in small {
            var slot = key.hashBit.trailingZeroBitCount
            while slots[slot].1 != 0 { slot += 1 }
            slots[slot] = (key.low, key.high, position)
        }
        self.smallKeySlots = slots
        self.smallKeyBits = small.reduce(0) { $0 | $1.1.hashBit }
        self.otherKeyLengths = keys.reduce(0) { lengths, key in
            withUnsafePointer(to: key) { SmallString(at: $0) } == nil
                ? lengths | 1 &<< UInt64(key.utf8.count & 63) : lengths
        }
    }

    /// Whether the key at `key` is one of the reserved keys.
    @inline(__always)
    func contains(at key: UnsafePointer<String>) -> Bool {
        guard let small = SmallString(at: key) else { return contains(key.pointee) }
        return contains(small, at: key)
    }

    /// Whether the short ASCII key `small`, stored at `key`, is one of the reserved keys.
    /// Most keys are cleared by one bit of a hash of their bytes, without comparing.
    @inline(__always)
    func contains(_ small: SmallString, at key: UnsafePointer<String>) -> Bool {
        if slot(of: small) != nil { return true }
        // A reserved key stored another way can still hold the same bytes.
        if otherKeyLengths & (1 &<< UInt64(small.count)) != 0 { return contains(key.pointee) }
        return false
    }

    /// Whether `key` is one of the reserved keys. Most keys are cleared by their length
    /// without comparing bytes.
    @inline(__always)
    func contains(_ key: String) -> Bool {
        lengths & (1 &<< UInt64(key.utf8.count & 63)) != 0 && all.contains(key)
    }

    /// The position in ``all`` of the key at `key`, if it is one of the reserved keys.
    func index(at key: UnsafePointer<String>) -> Int? {
        if let small = SmallString(at: key), let slot = slot(of: small) { return smallKeySlots[slot].position }
        return contains(at: key) ? all.firstIndex(of: key.pointee) : nil
    }

    /// The slot in ``smallKeySlots`` of the short ASCII key `small`, if it is there.
    @inline(__always)
    private func slot(of small: SmallString) -> Int? {
        guard smallKeyBits & small.hashBit != 0 else { return nil }
        var slot = small.hashBit.trailingZeroBitCount
        while smallKeySlots[slot].1 != 0 {
            if smallKeySlots[slot].0 == small.low && smallKeySlots[slot].1 == small.high { return slot }
            slot += 1
        }
        return nil
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
