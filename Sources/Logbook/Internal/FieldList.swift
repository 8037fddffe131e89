/// The fields a record writes, resolved once: each distinct key with its winning value,
/// in output order, as pointers to the entries in the record's own storage.
///
/// Formatters walk it with a plain loop. Nothing is copied, retained or released per
/// field, and no closure is called per field: a key and its value are read where they
/// are stored (see ``FieldKeys``). Built by ``LogRecord/withFieldList(includingFields:includingContext:_:)``
/// in a stack buffer; valid only inside that call.
struct FieldList {
    /// One entry of a ``LogFields`` storage, read in place.
    struct Entry {
        let address: UnsafeRawPointer

        init(_ entries: FieldKeys.Entries, _ index: Int) {
            address = UnsafeRawPointer(entries.baseAddress! + index)
        }

        /// The entry's key.
        @inline(__always)
        var key: UnsafePointer<String> {
            address.assumingMemoryBound(to: String.self)
        }

        /// The entry's value.
        @inline(__always)
        var value: UnsafePointer<any LogValueConvertible> {
            (address + FieldKeys.valueOffset).assumingMemoryBound(to: (any LogValueConvertible).self)
        }
    }

    let entries: UnsafeBufferPointer<Entry>

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    @inline(__always)
    subscript(index: Int) -> Entry { entries[index] }
}

/// Appends resolved entries to a stack buffer sized for every entry of every layer.
struct FieldListBuilder {
    let slots: UnsafeMutablePointer<FieldList.Entry>
    private(set) var count = 0

    init(_ slots: UnsafeMutablePointer<FieldList.Entry>) {
        self.slots = slots
    }

    @inline(__always)
    mutating func append(_ entries: FieldKeys.Entries, _ index: Int) {
        (slots + count).initialize(to: FieldList.Entry(entries, index))
        count += 1
    }

    var list: FieldList {
        FieldList(entries: UnsafeBufferPointer(start: slots, count: count))
    }
}
