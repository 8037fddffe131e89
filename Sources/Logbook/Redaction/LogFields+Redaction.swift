extension LogFields {
    /// Calls `body` with these fields resolved as a record's are (see
    /// ``LogRecord/withFieldList(includingFields:includingContext:_:)``), through the same
    /// redaction: for static fields, which formatters write next to a record's own.
    /// Every entry is listed, repeats included; the list is valid only inside `body`.
    func withRedactedFieldList<Result>(_ body: (FieldList) throws -> Result) rethrows -> Result {
        let entries = self.entries
        let rules = RedactionRules.unmanagedCurrent
        let slotCount = Swift.max(entries.count, 1)
        return try withUnsafeTemporaryAllocation(of: FieldList.Entry.self, capacity: slotCount) { slots in
            var list = FieldListBuilder(slots.baseAddress!, capacity: slotCount, rules: rules)
            for index in entries.indices { list.append(entries, index) }
            defer { list.deinitialize() }
            return try body(list.list)
        }
    }
}

extension LogRecord {
    /// The winning value for `key`, as the field pipeline writes it: redacted when the key
    /// is, with redacted nested keys replaced. For formatters that look a field up by key.
    func redactedField(_ key: String) -> LogValue? {
        guard let value = field(key) else { return nil }
        return RedactionRules.current.logValue(key: key, value)
    }
}
