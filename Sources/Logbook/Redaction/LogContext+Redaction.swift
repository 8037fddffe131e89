import Synchronization

extension LogContext.Scope {
    /// Whether the list must check this scope's own fields; once found clean under the
    /// list's rules, later records skip the checks.
    @inline(__always)
    func needsRedactionChecks(_ list: borrowing FieldListBuilder) -> Bool {
        guard list.checksKeys else { return false }
        if redactionCleanFor.load(ordering: .relaxed) == list.rulesIdentity { return false }
        return !rememberIfClean(list)
    }

    /// Checks every field of this scope; when none needs redacting, remembers it.
    @inline(never)
    private func rememberIfClean(_ list: borrowing FieldListBuilder) -> Bool {
        let entries = fields.entries
        for index in entries.indices {
            if RedactionRules.mayNest(FieldKeys.value(entries, index)) { return false }
            if list.rules._withUnsafeGuaranteedRef({ $0.redacts(at: FieldKeys.key(entries, index)) }) { return false }
        }
        redactionCleanFor.store(list.rulesIdentity, ordering: .relaxed)
        return true
    }
}
