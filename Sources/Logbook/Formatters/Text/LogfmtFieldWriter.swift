/// Writes a record's resolved fields (see ``FieldList``) as logfmt pairs (` key=value`)
/// with unique keys, for the formatters that write them: ``LogfmtFormatter``,
/// ``ConsoleFormatter`` and ``LambdaTextFormatter``.
///
/// A record's field keys are distinct. Three things make keys the record does not have:
/// renaming a field whose key is one of the formatter's own (see ``KeySet``),
/// flattening (`user` holding `{"id": 7}` is written `user.id=7`) and replacing the
/// characters a logfmt key cannot hold (`a b` is written `a_b`). Such a key can repeat
/// another field's (`fields.error` for a static `error` next to a static `fields.error`,
/// `user.id`, `a_b`). The common record makes none of them and is written in one pass,
/// scalars read in place, with no bookkeeping. When a record does, its fields are
/// written again with every key remembered: the first field to write a key keeps it, and
/// a later one gets the `fields.` prefix, as often as needed, so no key appears twice.
struct LogfmtFieldWriter: Sendable {
    /// The formatter's own keys.
    let reserved: KeySet
    /// Keys of the record's fields (not static ones) that are not written.
    var skipped = KeySet([])
    /// How deep values are flattened.
    let maximumDepth: Int

    /// Appends the pairs of `fields`. `keyPrefix` and `keySuffix` wrap each key (for
    /// colouring).
    func append(
        _ fields: FieldList,
        of record: LogRecord,
        into buffer: inout LogBuffer,
        keyPrefix: [UInt8] = [],
        keySuffix: [UInt8] = []
    ) {
        let start = buffer.count
        var madeKeys = false
        for index in 0..<fields.count where !skips(fields, index) {
            let field = fields[index]
            if keyPrefix.isEmpty, keySuffix.isEmpty, let small = SmallString(at: field.key),  // coloured: below
                LogBuffer.isPlainText(small), !reserved.contains(small, at: field.key),
                let scalar = FieldScalar(field.value)
            {
                buffer.appendSmall(small, prefix: 0x20, prefixCount: 1, suffix: 0x3D, suffixCount: 1)  // ` key=`
                buffer.appendLogfmtScalar(scalar)
                continue
            }
            let isReserved = reserved.contains(at: field.key)
            let name = isReserved ? renamed(field.key.pointee, record) : field.key.pointee
            let made = buffer.appendLogfmtField(
                name, field.value.pointee.logValue, maximumDepth: maximumDepth, keyPrefix: keyPrefix,
                keySuffix: keySuffix)
            madeKeys = madeKeys || made || isReserved
        }
        guard madeKeys else { return }

        buffer.truncate(to: start)
        var written = Set(reserved.all)
        for index in 0..<fields.count where !skips(fields, index) {
            let key = fields[index].key.pointee
            let name = reserved.contains(key) ? renamed(key, record) : key
            LogBuffer.forEachFlattenedLeaf(name, fields[index].value.pointee.logValue, maximumDepth: maximumDepth) {
                leaf, leafValue, exhausted in
                var unique = LogBuffer.logfmtKey(leaf)
                while !written.insert(unique).inserted { unique = KeySet.renamePrefix + unique }
                buffer.appendLogfmtPair(
                    unique, leafValue, depthExhausted: exhausted, keyPrefix: keyPrefix, keySuffix: keySuffix)
            }
        }
    }

    /// The key for a field whose own key is reserved: one no field of the record has (a
    /// static field's is sorted out by the second pass).
    private func renamed(_ key: String, _ record: LogRecord) -> String {
        reserved.renamed(key) { record.field($0) != nil }
    }

    @inline(__always)
    private func skips(_ fields: FieldList, _ index: Int) -> Bool {
        index >= fields.staticCount && !skipped.all.isEmpty && skipped.contains(at: fields[index].key)
    }
}
