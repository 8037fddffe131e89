/// The fields a record writes, resolved once: each distinct key with its winning value, in
/// output order, as pointers into the record's own storage (no copy, retain, release or
/// closure call per field). Built on the stack by `LogRecord.withFieldList`; valid only
/// inside that call.
struct FieldList {
    /// An entry of a ``LogFields`` storage, or a redacted substitute for one.
    struct Entry {
        let address: UnsafePointer<FieldKeys.Entry>

        @inline(__always)
        var key: UnsafePointer<String> { address.pointer(to: \.0)! }

        @inline(__always)
        var value: UnsafePointer<any LogValueConvertible> { address.pointer(to: \.1)! }
    }

    let entries: UnsafeBufferPointer<Entry>
    /// How many of the first entries are a formatter's static fields (those no layer of
    /// the record has).
    let staticCount: Int
    /// At least the ``FieldKeys/hashBit(_:)`` of every entry's key.
    let keyBits: UInt64

    var count: Int { entries.count }

    @inline(__always)
    subscript(index: Int) -> Entry { entries[index] }

    func firstIndex(of key: String, from start: Int = 0) -> Int? {
        withUnsafePointer(to: key) { firstIndex(at: $0, from: start) }
    }

    @inline(__always)
    func firstIndex(at key: UnsafePointer<String>, from start: Int = 0) -> Int? {
        keyBits & FieldKeys.hashBit(key) == 0 ? nil : scan(for: key, from: start)
    }

    @inline(never)
    private func scan(for key: UnsafePointer<String>, from start: Int) -> Int? {
        FieldKeys.firstIndex(of: key, from: start, count: count) { entries[$0].key }
    }
}

/// Appends resolved entries to a stack buffer sized for every entry of every layer. An
/// entry whose key is redacted (see ``RedactionRules``), or whose value holds a redacted
/// nested key, is replaced by a substitute (the placeholder, or the value with its nested
/// keys redacted) in `substitutes`, allocated only then. A value converted to a scalar is
/// left in place: writers convert it with ``LogValue/written(_:)``, which checks an array or
/// object a later conversion gives. The first `reserved` slots are for a formatter's static
/// fields, put before the record's with ``prepend(_:_:)``.
struct FieldListBuilder {
    let slots: UnsafeMutablePointer<FieldList.Entry>
    let rules: Unmanaged<RedactionRules>
    /// Read from the rules once.
    let checksKeys: Bool
    let keyFilter: UnsafeMutablePointer<UInt64>
    let rulesIdentity: UInt
    /// Entries appended (at `slots` on) and static fields prepended.
    private(set) var count = 0
    private var staticCount = 0
    /// The list's ``FieldList/keyBits``: set once the record's entries are in.
    var keyBits: UInt64 = ~0
    /// One per slot, allocated on the first substitution.
    private var substitutes: UnsafeMutablePointer<FieldKeys.Entry>?
    let capacity: Int
    private var substituteCount = 0

    init(
        _ slots: UnsafeMutablePointer<FieldList.Entry>, capacity: Int, reserved: Int = 0,
        rules: Unmanaged<RedactionRules>
    ) {
        self.slots = slots + reserved
        self.capacity = capacity
        self.rules = rules
        self.checksKeys = rules._withUnsafeGuaranteedRef { $0.checksKeys }
        self.keyFilter = rules._withUnsafeGuaranteedRef { $0.keyFilter }
        self.rulesIdentity = UInt(bitPattern: rules.toOpaque())
    }

    /// With `checking`, redacted as the rules say.
    @inline(__always)
    mutating func append(_ entries: FieldKeys.Entries, _ index: Int, checking: Bool = true) {
        (slots + count).initialize(to: entry(entries, index, checking: checking && checksKeys, filter: keyFilter))
        count += 1
    }

    /// Appends every entry of `entries` (at most ``FieldKeys/hashingThreshold``) while scanning
    /// their keys as ``FieldKeys/scan(_:)`` does, one pass instead of two, and returns the keys'
    /// hash bits. On a key that is not short ASCII or that repeats, takes back what it appended
    /// and returns `nil`.
    mutating func appendScanning(_ entries: FieldKeys.Entries) -> UInt64? {
        let start = count
        let firstSubstitute = substituteCount
        // Read once: to the compiler, a store to a slot could change them.
        let destination = slots + start
        let checking = checksKeys
        let filter = keyFilter
        var seen: UInt64 = 0
        for index in entries.indices {
            guard let small = SmallString(at: FieldKeys.key(entries, index)),
                seen & small.hashBit == 0 || !FieldKeys.contains(small, in: entries, before: index)
            else {
                // `count` moves only at the end: the appended slots are simply left.
                substitutes?.advanced(by: firstSubstitute).deinitialize(count: substituteCount - firstSubstitute)
                substituteCount = firstSubstitute
                return nil
            }
            seen |= small.hashBit
            (destination + index).initialize(to: entry(entries, index, checking: checking, filter: filter))
        }
        count = start + entries.count
        return seen
    }

    /// Puts a static field before every entry so far, redacted as the others.
    @inline(__always)
    mutating func prepend(_ entries: FieldKeys.Entries, _ index: Int) {
        staticCount += 1
        keyBits |= FieldKeys.hashBit(FieldKeys.key(entries, index))
        (slots - staticCount).initialize(to: entry(entries, index, checking: checksKeys, filter: keyFilter))
    }

    /// The entry, or its substitute when `checking` and the rules' `filter` say it may need one.
    @inline(__always)
    private mutating func entry(
        _ entries: FieldKeys.Entries, _ index: Int, checking: Bool, filter: UnsafeMutablePointer<UInt64>
    ) -> FieldList.Entry {
        if checking {
            let key = FieldKeys.key(entries, index)
            if RedactionRules.mayMatch(key, filter: filter)
                || RedactionRules.mayNest(FieldKeys.value(entries, index))
            {
                return checkedEntry(entries, index)
            }
        }
        return FieldList.Entry(address: entries.baseAddress! + index)
    }

    @inline(never)
    private mutating func checkedEntry(_ entries: FieldKeys.Entries, _ index: Int) -> FieldList.Entry {
        let key = FieldKeys.key(entries, index)
        let value = FieldKeys.value(entries, index)
        let replacement: LogValue?
        if rules._withUnsafeGuaranteedRef({ $0.redacts(at: key) }) {
            replacement = .string(LogRedaction.placeholder)
        } else if RedactionRules.mayNest(value) {
            // An array or object is written as checked, not converted again (see
            // ``RedactionRules/redactingNested(_:depth:)``).
            let converted = value.pointee.logValue
            replacement = rules._withUnsafeGuaranteedRef { $0.redactingNested(converted) } ?? converted.nestedOrNil
        } else {
            replacement = nil
        }
        guard let replacement else { return FieldList.Entry(address: entries.baseAddress! + index) }
        if substitutes == nil { substitutes = .allocate(capacity: capacity) }
        let substitute = substitutes! + substituteCount
        substitute.initialize(to: (key.pointee, replacement))
        substituteCount += 1
        return FieldList.Entry(address: substitute)
    }

    var list: FieldList {
        FieldList(
            entries: UnsafeBufferPointer(start: slots - staticCount, count: staticCount + count),
            staticCount: staticCount, keyBits: keyBits)
    }

    /// Frees the substitutes; call once the list is no longer used.
    func deinitialize() {
        guard let substitutes else { return }
        substitutes.deinitialize(count: substituteCount)
        substitutes.deallocate()
    }
}
