/// The one key-set type (formatters' own keys, which fields must not repeat; keys left out
/// or written elsewhere; trace and promoted fields; ``RedactionRules``' normalized keys),
/// checked in a few instructions: a short ASCII key by one bit of a hash of its words (see
/// ``SmallString``), any other by its length first.
struct KeySet: Sendable {
    /// Moves a field key that repeats a reserved one out of the way, as often as needed.
    static let renamePrefix = "fields."

    let all: [String]
    /// Bit `n` set when a key is `n` bytes long (modulo 64).
    let lengths: UInt64
    /// Whether a key starts with `fields.`: with `x` and `fields.x` reserved, fields `x`
    /// and `fields.x` would both become `fields.fields.x`.
    let renamesMayCollide: Bool
    /// The short ASCII keys' words and positions in ``all``, each in the first free slot
    /// (words `(0, 0)`; the last one is) from its hash bit's index.
    private let smallKeySlots: [(UInt64, UInt64, position: Int)]
    private let smallKeyBits: UInt64
    /// ``lengths`` of the keys that are not short ASCII strings.
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

    @inline(__always)
    func contains(at key: UnsafePointer<String>) -> Bool {
        guard let small = SmallString(at: key) else { return contains(key.pointee) }
        return contains(small, at: key)
    }

    /// Whether the short ASCII key `small`, stored at `key`, is in the set.
    @inline(__always)
    func contains(_ small: SmallString, at key: UnsafePointer<String>) -> Bool {
        if slot(of: small) != nil { return true }
        // A key in the set that is stored another way can still hold the same bytes.
        if otherKeyLengths & (1 &<< UInt64(small.count)) != 0 { return contains(key.pointee) }
        return false
    }

    @inline(__always)
    func contains(_ key: String) -> Bool {
        lengths & (1 &<< UInt64(key.utf8.count & 63)) != 0 && all.contains(key)
    }

    /// The position in ``all`` of the key at `key`.
    #if compiler(>=6.3)
    @inline(always)
    #else
    @inline(__always)
    #endif
    func index(at key: UnsafePointer<String>) -> Int? {
        if let small = SmallString(at: key), let slot = slot(of: small) { return smallKeySlots[slot].position }
        return contains(at: key) ? all.firstIndex(of: key.pointee) : nil
    }

    /// Where `small` is among the short ASCII keys (`nil`: none); keys stored another way are
    /// not looked at.
    @inline(__always)
    func slot(of small: SmallString) -> Int? {
        guard smallKeyBits & small.hashBit != 0 else { return nil }
        var slot = small.hashBit.trailingZeroBitCount
        while smallKeySlots[slot].1 != 0 {
            if smallKeySlots[slot].0 == small.low && smallKeySlots[slot].1 == small.high { return slot }
            slot += 1
        }
        return nil
    }

    /// `key` prefixed with `fields.` until it is neither reserved nor taken (by the line's
    /// other keys and its other renamed fields).
    func renamed(_ key: String, avoiding isTaken: (String) -> Bool) -> String {
        var candidate = Self.renamePrefix + key
        while contains(candidate) || isTaken(candidate) { candidate = Self.renamePrefix + candidate }
        return candidate
    }
}
