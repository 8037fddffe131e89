/// Writes a record's fields as logfmt pairs (` key=value`) with unique keys, for the
/// formatters that write them: ``LogfmtFormatter``, ``ConsoleFormatter`` and
/// ``LambdaTextFormatter``.
///
/// A record's field keys are distinct. Three things make keys the record does not have:
/// renaming a field whose key is one of the formatter's own (see ``ReservedKeys``),
/// flattening (`user` holding `{"id": 7}` is written `user.id=7`) and replacing the
/// characters a logfmt key cannot hold (`a b` is written `a_b`). Such a key can repeat
/// another field's (`fields.error` for a static `error` next to a static `fields.error`,
/// `user.id`, `a_b`). The common record makes none of them and is written in one pass,
/// with no bookkeeping. When a record does, its fields are written again with
/// every key remembered: the first field to write a key keeps it, and a later one gets
/// the `fields.` prefix, as often as needed, so no key appears twice in a line.
struct LogfmtFieldWriter: Sendable {
    /// The formatter's own keys.
    let reserved: ReservedKeys
    /// How deep values are flattened.
    let maximumDepth: Int

    /// Appends the pairs of the fields `forEachField` produces. `keyPrefix` and
    /// `keySuffix` wrap each key (for colouring).
    ///
    /// `forEachField` is called once, or twice when the fields make keys of their own,
    /// and must produce the same fields in the same order each time.
    func append(
        _ record: LogRecord,
        into buffer: inout LogBuffer,
        keyPrefix: [UInt8] = [],
        keySuffix: [UInt8] = [],
        forEachField: ((String, any LogValueConvertible) -> Void) -> Void
    ) {
        let start = buffer.count
        var madeKeys = false
        forEachField { key, value in
            let isReserved = reserved.contains(key)
            let name = isReserved ? reserved.renamed(key, in: record) : key
            let made = buffer.appendLogfmtField(
                name, value.logValue, maximumDepth: maximumDepth, keyPrefix: keyPrefix, keySuffix: keySuffix)
            madeKeys = madeKeys || made || isReserved
        }
        guard madeKeys else { return }

        buffer.truncate(to: start)
        var written = Set(reserved.all)
        forEachField { key, value in
            let name = reserved.contains(key) ? reserved.renamed(key, in: record) : key
            LogBuffer.forEachFlattenedLeaf(name, value.logValue, maximumDepth: maximumDepth) {
                leaf, leafValue, exhausted in
                var unique = LogBuffer.logfmtKey(leaf)
                while !written.insert(unique).inserted { unique = ReservedKeys.renamePrefix + unique }
                buffer.appendLogfmtPair(
                    unique, leafValue, depthExhausted: exhausted, keyPrefix: keyPrefix, keySuffix: keySuffix)
            }
        }
    }
}
