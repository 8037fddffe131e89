/// Writes a record's resolved fields (see ``FieldList``) as logfmt pairs (` key=value`) with
/// unique keys, for ``LogfmtFormatter``, ``ConsoleFormatter`` and ``LambdaTextFormatter``.
///
/// A record's field keys are distinct, but renaming a reserved key (see ``KeySet``), flattening
/// (`user.id=7`) and replacing characters a key cannot hold (`a_b`) make keys that can repeat
/// another field's. The common record makes none and is written in one pass, scalars read in
/// place. One that does is written again with every key remembered: the first field to write a
/// key keeps it, a later one gets the `fields.` prefix as often as needed (see ``LogfmtKeyClaims``).
struct LogfmtFieldWriter: Sendable {
    /// The formatter's own keys.
    let reserved: KeySet
    /// Keys of the record's fields (not static ones) that are not written.
    var skipped = KeySet([])
    let maximumDepth: Int

    /// Appends the pairs of `fields` to the line that starts at `lineStart`, and returns how many
    /// bytes were measured instead of written: past `lineLimit` a flattened or renamed pair is only
    /// measured, so such keys cost no more memory than the cap. Pass the result to
    /// ``LogBuffer/cutLine(from:limit:omitted:)`` so the marker counts the whole line.
    /// With `dimsKeys` each key is dimmed (console colours).
    func append(
        _ fields: FieldList,
        of record: LogRecord,
        into buffer: inout LogBuffer,
        lineStart: Int,
        lineLimit: Int,
        dimsKeys: Bool = false
    ) -> Int {
        let start = buffer.count
        let cap = lineLimit > Int.max - lineStart ? Int.max : lineStart + lineLimit
        var claims: LogfmtKeyClaims?  // set for the second pass
        while true {
            var madeKeys = false
            var measured = 0
            for index in 0..<fields.count
            where index < fields.staticCount || skipped.all.isEmpty || !skipped.contains(at: fields[index].key) {
                let field = fields[index]
                if claims == nil, !dimsKeys, let small = SmallString(at: field.key),
                    LogBuffer.isPlainText(small), !reserved.contains(small, at: field.key),  // coloured: below
                    let scalar = FieldScalar(field.value)
                {
                    buffer.appendSmall(small, prefix: 0x20, prefixCount: 1, suffix: 0x3D, suffixCount: 1)  // ` key=`
                    buffer.appendLogfmtScalar(scalar)
                    continue
                }
                let isReserved = reserved.contains(at: field.key)
                let key = isReserved ? renamed(field.key.pointee, record) : field.key.pointee
                LogBuffer.forEachFlattenedLeaf(key, Self.converted(field.value), maximumDepth: maximumDepth) {
                    leaf, leafValue in
                    let before = buffer.count
                    let measuring = before > cap
                    var unique = leaf
                    if let claimed = claims?.claim(LogBuffer.logfmtKey(leaf)) {
                        // Past the cap, measured with one prefix at most (the core alone can be empty).
                        let shown = measuring ? min(claimed.prefixes, 1) : claimed.prefixes
                        unique = String(repeating: KeySet.renamePrefix, count: shown) + claimed.core
                        measured += (claimed.prefixes - shown) * KeySet.renamePrefix.utf8.count
                    }
                    let changed = buffer.appendLogfmtPair(unique, leafValue, dimsKey: dimsKeys)
                    // A flattened leaf's key is `key` and more.
                    madeKeys = madeKeys || isReserved || changed || leaf.utf8.count != key.utf8.count
                    if measuring {  // taken back, counted
                        measured += buffer.count - before
                        buffer.truncate(to: before)
                    }
                }
            }
            guard madeKeys && claims == nil else { return measured }
            buffer.truncate(to: start)
            claims = LogfmtKeyClaims(reserved.all)
        }
    }

    /// The value a field writes, ``LogValue/written(_:)``. Not inlined: inlined, the field loop
    /// takes about 35 instructions more.
    @inline(never)
    private static func converted(_ value: UnsafePointer<any LogValueConvertible>) -> LogValue {
        .written(value)
    }

    /// A key no record field has for a field whose key is reserved (static ones: second pass).
    /// A method: with this closure written at its use, the field loop takes about 55 instructions more.
    private func renamed(_ key: String, _ record: LogRecord) -> String {
        reserved.renamed(key) { record.field($0) != nil }
    }
}
