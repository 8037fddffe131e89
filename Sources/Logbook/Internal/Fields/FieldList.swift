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

        init(_ entry: UnsafeMutablePointer<FieldKeys.Entry>) {
            address = UnsafeRawPointer(entry)
        }

        /// The entry's key.
        @inline(__always)
        var key: UnsafePointer<String> {
            address.assumingMemoryBound(to: FieldKeys.Entry.self).pointer(to: \.0)!
        }

        /// The entry's value.
        @inline(__always)
        var value: UnsafePointer<any LogValueConvertible> {
            address.assumingMemoryBound(to: FieldKeys.Entry.self).pointer(to: \.1)!
        }
    }

    let entries: UnsafeBufferPointer<Entry>
    /// How many of the first entries are a formatter's static fields (those no layer of
    /// the record has); the record's own fields follow them.
    var staticCount = 0

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    @inline(__always)
    subscript(index: Int) -> Entry { entries[index] }

    /// The first entry at or after `start` whose key is `key`.
    func firstIndex(of key: String, from start: Int = 0) -> Int? {
        withUnsafePointer(to: key) { key in
            for index in start..<count where FieldKeys.equal(entries[index].key, key) { return index }
            return nil
        }
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
/// `substitutes` (allocated only then).
struct FieldListBuilder {
    let slots: UnsafeMutablePointer<FieldList.Entry>
    let rules: Unmanaged<RedactionRules>
    /// Whether the rules have keys to check.
    let checksKeys: Bool
    /// The rules' ``RedactionRules/keyFilter``.
    let keyFilter: UnsafeMutablePointer<UInt64>
    /// The rules' ``RedactionRules/identity``.
    let rulesIdentity: UInt
    private(set) var count = 0
    /// Room for one substitute per slot, allocated on the first substitution.
    private var substitutes: UnsafeMutablePointer<FieldKeys.Entry>?
    private let capacity: Int
    private var substituteCount = 0

    init(_ slots: UnsafeMutablePointer<FieldList.Entry>, capacity: Int, rules: Unmanaged<RedactionRules>) {
        self.slots = slots
        self.capacity = capacity
        self.rules = rules
        self.checksKeys = rules._withUnsafeGuaranteedRef { $0.checksKeys }
        self.keyFilter = rules._withUnsafeGuaranteedRef { $0.keyFilter }
        self.rulesIdentity = UInt(bitPattern: rules.toOpaque())
    }

    /// Appends entry `index` of `entries`; with `checking`, redacted as the rules say.
    @inline(__always)
    mutating func append(_ entries: FieldKeys.Entries, _ index: Int, checking: Bool = true) {
        if checksKeys && checking {
            let key = FieldKeys.key(entries, index)
            if RedactionRules.mayMatch(key, filter: keyFilter)
                || RedactionRules.mayNest(FieldKeys.value(entries, index))
            {
                appendChecking(entries, index)
                return
            }
        }
        (slots + count).initialize(to: FieldList.Entry(entries, index))
        count += 1
    }

    /// Appends entry `index` of `entries`, or a substitute when its key is redacted or its
    /// value holds redacted nested keys.
    @inline(never)
    private mutating func appendChecking(_ entries: FieldKeys.Entries, _ index: Int) {
        let key = FieldKeys.key(entries, index)
        let value = FieldKeys.value(entries, index)
        let replacement: LogValue?
        if rules._withUnsafeGuaranteedRef({ $0.redacts(at: key) }) {
            replacement = .string(LogRedaction.placeholder)
        } else if RedactionRules.mayNest(value) {
            replacement = rules._withUnsafeGuaranteedRef { $0.redactingNested(value.pointee.logValue) }
        } else {
            replacement = nil
        }
        guard let replacement else {
            (slots + count).initialize(to: FieldList.Entry(entries, index))
            count += 1
            return
        }
        if substitutes == nil { substitutes = .allocate(capacity: capacity) }
        let substitute = substitutes! + substituteCount
        substitute.initialize(to: (key.pointee, replacement))
        substituteCount += 1
        (slots + count).initialize(to: FieldList.Entry(substitute))
        count += 1
    }

    /// How many of the first entries are static fields (see ``prependStatics(_:where:)``).
    private var staticCount = 0

    /// Puts the entries of `statics` that `keeps` accepts, redacted as the others, before
    /// every entry appended so far.
    mutating func prependStatics(_ statics: FieldKeys.Entries, where keeps: (UnsafePointer<String>) -> Bool) {
        let resolved = count
        for index in statics.indices where keeps(FieldKeys.key(statics, index)) { append(statics, index) }
        staticCount = count - resolved
        guard staticCount > 0 && resolved > 0 else { return }
        var all = UnsafeMutableBufferPointer(start: slots, count: count)
        all[..<resolved].reverse()
        all[resolved...].reverse()
        all.reverse()
    }

    var list: FieldList {
        FieldList(entries: UnsafeBufferPointer(start: slots, count: count), staticCount: staticCount)
    }

    /// Destroys and frees the substitutes; call once the list is no longer used.
    func deinitialize() {
        guard let substitutes else { return }
        substitutes.deinitialize(count: substituteCount)
        substitutes.deallocate()
    }
}
