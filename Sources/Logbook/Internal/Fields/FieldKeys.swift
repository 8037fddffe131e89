/// Key lookups over borrowed field entries, several per record (repeats within a layer,
/// shadowing across layers). They read keys and values in place through pointers, so no
/// entry is copied, retained or released: a tuple element read through an array or buffer
/// subscript copies the whole tuple first.
enum FieldKeys {
    typealias Entry = (String, any LogValueConvertible)
    typealias Entries = UnsafeBufferPointer<Entry>

    @inline(__always)
    static func key(_ entries: Entries, _ index: Int) -> UnsafePointer<String> {
        (entries.baseAddress! + index).pointer(to: \.0)!
    }

    @inline(__always)
    static func value(_ entries: Entries, _ index: Int) -> UnsafePointer<any LogValueConvertible> {
        (entries.baseAddress! + index).pointer(to: \.1)!
    }

    /// ``SmallString/hashBit``; every bit for a key that is not a ``SmallString`` (it may
    /// equal any key).
    @inline(__always)
    static func hashBit(_ key: UnsafePointer<String>) -> UInt64 {
        SmallString(at: key)?.hashBit ?? ~0
    }

    static func contains(at key: UnsafePointer<String>, in entries: Entries, from start: Int = 0) -> Bool {
        firstIndex(of: key, from: start, count: entries.count) { self.key(entries, $0) } != nil
    }

    /// The first index in `start..<count` whose key (`keyAt`) is the one at `key`: a
    /// ``SmallString`` key is read once and compared as two words, others as strings only
    /// where lengths are equal.
    @inline(__always)
    static func firstIndex(
        of key: UnsafePointer<String>, from start: Int, count: Int, keyAt: (Int) -> UnsafePointer<String>
    ) -> Int? {
        var index = start
        if let small = SmallString(at: key) {
            while index < count {
                let candidate = keyAt(index)
                if let other = SmallString(at: candidate) {
                    if other.high == small.high && other.low == small.low { return index }
                } else if candidate.pointee.utf8.count == small.count && candidate.pointee == key.pointee {
                    return index
                }
                index &+= 1
            }
            return nil
        }
        let length = key.pointee.utf8.count
        while index < count {
            let candidate = keyAt(index)
            if candidate.pointee.utf8.count == length && candidate.pointee == key.pointee { return index }
            index &+= 1
        }
        return nil
    }

    /// Past this many entries, 64 hash bits no longer tell keys apart: the keys go in a
    /// hash set rather than each be compared with the others (quadratic work for, say, a
    /// logged dictionary).
    static let hashingThreshold = 64

    /// The ``hashBit(_:)`` of every key, or'ed, and whether some key appears more than once.
    static func scan(_ entries: Entries) -> (bits: UInt64, hasRepeats: Bool) {
        if entries.count > hashingThreshold { return scanByHashing(entries) }
        // Only a key whose bit is already set is compared with the (small) keys before it.
        var seen: UInt64 = 0
        var repeats = false
        for index in 0..<entries.count {
            guard let small = SmallString(at: key(entries, index)) else { return (~0, hasRepeatsByScanning(entries)) }
            let bit = small.hashBit
            if seen & bit != 0 && !repeats { repeats = contains(small, in: entries, before: index) }
            seen |= bit
        }
        return (seen, repeats)
    }

    /// Whether a key before `end` is the short ASCII key `small`.
    static func contains(_ small: SmallString, in entries: Entries, before end: Int) -> Bool {
        (0..<end).contains { earlier in
            SmallString(at: key(entries, earlier)).map { $0.low == small.low && $0.high == small.high } ?? false
        }
    }

    @inline(never)
    private static func scanByHashing(_ entries: Entries) -> (bits: UInt64, hasRepeats: Bool) {
        let bits = entries.indices.reduce(0) { $0 | hashBit(key(entries, $1)) }
        return (bits, lastOccurrences(entries).count < entries.count)
    }

    /// Calls `body` with the index of each key's last occurrence, in order. `hasRepeats` is
    /// ``scan(_:)``'s. Compares each key with every later one: for the at most
    /// ``hashingThreshold`` entries of a layer resolved without hashing.
    @inline(__always)
    static func forEachLastOccurrence(in entries: Entries, hasRepeats: Bool, _ body: (Int) -> Void) {
        for index in entries.indices
        where !hasRepeats || !contains(at: key(entries, index), in: entries, from: index + 1) {
            body(index)
        }
    }

    /// The indices of each key's last occurrence, in order.
    static func lastOccurrences(_ entries: Entries) -> [Int] {
        var seen = Set<HashedKey>(minimumCapacity: entries.count)
        return lastOccurrences(entries, claiming: &seen)
    }

    /// The indices of each key's last occurrence whose key `claimed` lacks, in order; adds every key to `claimed`.
    static func lastOccurrences(_ entries: Entries, claiming claimed: inout Set<HashedKey>) -> [Int] {
        entries.indices.reversed().filter { claimed.insert(HashedKey(text: key(entries, $0).pointee)).inserted }
            .reversed()
    }

    /// Equal as ``firstIndex(of:from:count:keyAt:)`` compares: same UTF-8 length and `==`
    /// (`String`'s `==` alone equates `café` and `cafe\u{301}`).
    struct HashedKey: Hashable {
        let text: String

        static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.text.utf8.count == rhs.text.utf8.count && lhs.text == rhs.text
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(text.utf8.count)
            hasher.combine(text)
        }
    }

    private static func hasRepeatsByScanning(_ entries: Entries) -> Bool {
        entries.indices.contains { contains(at: key(entries, $0), in: entries, from: $0 + 1) }
    }
}
