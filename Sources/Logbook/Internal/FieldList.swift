/// The fields a record writes, resolved once: each distinct key with its winning value,
/// in output order, as pointers to the entries in the record's own storage.
///
/// Formatters walk it with a plain loop. Nothing is copied, retained or released per
/// field, and no closure is called per field: a key and its value are read where they
/// are stored (see ``FieldKeys``). Built by ``LogRecord/withFieldList(includingFields:includingContext:_:)``
/// in a stack buffer; valid only inside that call.
struct FieldList {
    /// One field: its key and its value, read in place. The value is the entry's own,
    /// or one the pipeline substituted (the redaction placeholder, a value with redacted
    /// nested keys).
    struct Entry {
        /// The entry's key.
        let key: UnsafePointer<String>
        /// The value to write.
        let value: UnsafePointer<any LogValueConvertible>

        init(_ entries: FieldKeys.Entries, _ index: Int) {
            key = FieldKeys.key(entries, index)
            value = FieldKeys.value(entries, index)
        }

        init(key: UnsafePointer<String>, value: UnsafePointer<any LogValueConvertible>) {
            self.key = key
            self.value = value
        }
    }

    let entries: UnsafeBufferPointer<Entry>

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    @inline(__always)
    subscript(index: Int) -> Entry { entries[index] }
}

/// Appends resolved entries to a stack buffer sized for every entry of every layer,
/// applying the redaction rules: a redacted key's entry points to the placeholder, and a
/// value with redacted nested keys is replaced by a redacted copy kept in `substitutes`.
struct FieldListBuilder {
    let slots: UnsafeMutablePointer<FieldList.Entry>
    let substitutes: UnsafeMutablePointer<any LogValueConvertible>
    let rules: Unmanaged<RedactionRules>
    let checksKeys: Bool
    /// The rules' ``RedactionRules/identity``.
    let rulesIdentity: UInt
    /// See ``RedactionRules/keyFilter``.
    let keyFilter: UnsafeMutablePointer<UInt64>
    private(set) var count = 0
    private(set) var substituteCount = 0

    init(
        _ slots: UnsafeMutablePointer<FieldList.Entry>,
        substitutes: UnsafeMutablePointer<any LogValueConvertible>,
        rules: Unmanaged<RedactionRules>
    ) {
        self.slots = slots
        self.substitutes = substitutes
        self.rules = rules
        self.checksKeys = rules._withUnsafeGuaranteedRef { $0.checksKeys }
        self.rulesIdentity = UInt(bitPattern: rules.toOpaque())
        self.keyFilter = rules._withUnsafeGuaranteedRef { $0.keyFilter }
    }

    @inline(__always)
    mutating func append(_ entries: FieldKeys.Entries, _ index: Int, checking: Bool = true) {
        guard checksKeys && checking else {
            (slots + count).initialize(to: FieldList.Entry(entries, index))
            count += 1
            return
        }
        append(key: FieldKeys.key(entries, index), value: FieldKeys.value(entries, index))
    }

    /// Appends the field with `key` and `value`, redacted as the rules say.
    @inline(__always)
    mutating func append(key: UnsafePointer<String>, value: UnsafePointer<any LogValueConvertible>) {
        var written = value
        if checksKeys {
            if RedactionRules.mayMatch(key, filter: keyFilter), rules._withUnsafeGuaranteedRef({ $0.redacts(at: key) })
            {
                written = UnsafePointer(rules._withUnsafeGuaranteedRef { $0.placeholder })
            } else if RedactionRules.mayNest(value) {
                written = substitute(value)
            }
        }
        (slots + count).initialize(to: FieldList.Entry(key: key, value: written))
        count += 1
    }

    /// `value`, or a copy kept in `substitutes` with its redacted nested keys replaced.
    @inline(never)
    private mutating func substitute(
        _ value: UnsafePointer<any LogValueConvertible>
    ) -> UnsafePointer<any LogValueConvertible> {
        guard let redacted = rules._withUnsafeGuaranteedRef({ $0.redactingNested(value.pointee.logValue) }) else {
            return value
        }
        (substitutes + substituteCount).initialize(to: redacted)
        substituteCount += 1
        return UnsafePointer(substitutes + substituteCount - 1)
    }

    var list: FieldList {
        FieldList(entries: UnsafeBufferPointer(start: slots, count: count))
    }

    /// Destroys the substituted values; call once the list is no longer used.
    func deinitialize() {
        if substituteCount > 0 { substitutes.deinitialize(count: substituteCount) }
    }
}
