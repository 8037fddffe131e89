/// The fields a record writes, resolved once: each distinct key with its winning value,
/// in output order, as pointers to the entries in the record's own storage.
///
/// Formatters walk it with a plain loop. Nothing is copied, retained or released per
/// field, and no closure is called per field: a key and its value are read where they
/// are stored (see ``FieldKeys``). Built by ``LogRecord/withFieldList(includingFields:includingContext:staticFields:_:)``
/// in a stack buffer; valid only inside that call.
struct FieldList {
    /// One entry of a ``LogFields`` storage, read in place, or one the field pipeline
    /// substituted for it (the same key with the redaction placeholder, or with a copy of
    /// the value whose nested redacted keys were replaced).
    struct Entry {
        let address: UnsafeRawPointer

        init(_ entries: FieldKeys.Entries, _ index: Int) {
            address = UnsafeRawPointer(entries.baseAddress! + index)
        }

        init(_ entry: UnsafeMutablePointer<FieldKeys.Entry>) { address = UnsafeRawPointer(entry) }

        @inline(__always)
        var key: UnsafePointer<String> {
            address.assumingMemoryBound(to: FieldKeys.Entry.self).pointer(to: \.0)!
        }

        @inline(__always)
        var value: UnsafePointer<any LogValueConvertible> {
            address.assumingMemoryBound(to: FieldKeys.Entry.self).pointer(to: \.1)!
        }
    }

    let entries: UnsafeBufferPointer<Entry>
    /// How many of the first entries are a formatter's static fields (those no layer of
    /// the record has); the record's own fields follow them.
    var staticCount = 0
    /// At least the ``FieldKeys/hashBit(_:)`` of every entry's key: a key whose bit is not
    /// here is in no entry.
    var keyBits: UInt64 = ~0

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    @inline(__always)
    subscript(index: Int) -> Entry { entries[index] }

    /// The first entry at or after `start` whose key is `key`.
    func firstIndex(of key: String, from start: Int = 0) -> Int? {
        withUnsafePointer(to: key) { firstIndex(at: $0, from: start) }
    }

    /// The first entry at or after `start` whose key is the one at `key`. A short ASCII
    /// key (see ``SmallString``) is read once and compared as two words.
    @inline(__always)
    func firstIndex(at key: UnsafePointer<String>, from start: Int = 0) -> Int? {
        keyBits & FieldKeys.hashBit(key) == 0 ? nil : scan(for: key, from: start)
    }

    /// ``firstIndex(at:from:)`` once the key's bit is found.
    @inline(never)
    private func scan(for key: UnsafePointer<String>, from start: Int) -> Int? {
        FieldKeys.firstIndex(of: key, from: start, count: count) { entries[$0].key }
    }

    /// The value of the entry whose key is `key`, converted, or `nil`; with
    /// `recordOnly`, static fields are not looked at.
    func value(of key: String, recordOnly: Bool = false) -> LogValue? {
        firstIndex(of: key, from: recordOnly ? staticCount : 0).map { entries[$0].value.pointee.logValue }
    }
}

/// Appends resolved entries to a stack buffer sized for every entry of every layer,
/// applying the redaction rules (see ``RedactionRules``): an entry whose key is redacted,
/// or whose value holds a redacted nested key, is replaced by a substitute entry kept in
/// `substitutes` (allocated only then). The first `reserved` slots are kept for a
/// formatter's static fields, put before the record's with ``prepend(_:_:)``.
struct FieldListBuilder {
    let slots: UnsafeMutablePointer<FieldList.Entry>
    let rules: Unmanaged<RedactionRules>
    /// The rules' ``RedactionRules/checksKeys``, ``RedactionRules/keyFilter`` and
    /// address, read once.
    let checksKeys: Bool
    let keyFilter: UnsafeMutablePointer<UInt64>
    let rulesIdentity: UInt
    /// How many entries were appended (at `slots` on), and how many static fields were
    /// put before them (see ``prepend(_:_:)``).
    private(set) var count = 0
    private var staticCount = 0
    /// The list's ``FieldList/keyBits``: set once the record's entries are in.
    var keyBits: UInt64 = ~0
    /// Room for one substitute per slot, allocated on the first substitution.
    private var substitutes: UnsafeMutablePointer<FieldKeys.Entry>?
    private let capacity: Int
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

    /// Appends entry `index` of `entries`; with `checking`, redacted as the rules say.
    @inline(__always)
    mutating func append(_ entries: FieldKeys.Entries, _ index: Int, checking: Bool = true) {
        (slots + count).initialize(to: entry(entries, index, checking: checking))
        count += 1
    }

    /// Puts entry `index` of `entries` (a static field) before every entry so far,
    /// redacted as the others.
    @inline(__always)
    mutating func prepend(_ entries: FieldKeys.Entries, _ index: Int) {
        staticCount += 1
        keyBits |= FieldKeys.hashBit(FieldKeys.key(entries, index))
        (slots - staticCount).initialize(to: entry(entries, index, checking: true))
    }

    /// Entry `index` of `entries`, or its substitute.
    @inline(__always)
    private mutating func entry(_ entries: FieldKeys.Entries, _ index: Int, checking: Bool) -> FieldList.Entry {
        if checksKeys && checking {
            let key = FieldKeys.key(entries, index)
            if RedactionRules.mayMatch(key, filter: keyFilter)
                || RedactionRules.mayNest(FieldKeys.value(entries, index))
            {
                return checkedEntry(entries, index)
            }
        }
        return FieldList.Entry(entries, index)
    }

    /// Entry `index` of `entries`, or a substitute when its key is redacted or its value
    /// holds redacted nested keys.
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
        guard let replacement else { return FieldList.Entry(entries, index) }
        if substitutes == nil { substitutes = .allocate(capacity: capacity) }
        let substitute = substitutes! + substituteCount
        substitute.initialize(to: (key.pointee, replacement))
        substituteCount += 1
        return FieldList.Entry(substitute)
    }

    var list: FieldList {
        FieldList(
            entries: UnsafeBufferPointer(start: slots - staticCount, count: staticCount + count),
            staticCount: staticCount, keyBits: keyBits)
    }

    /// Destroys and frees the substitutes; call once the list is no longer used.
    func deinitialize() {
        guard let substitutes else { return }
        substitutes.deinitialize(count: substituteCount)
        substitutes.deallocate()
    }
}
