extension LogContext {
    /// One bound scope as seen from outside: its identity and how many fields it holds
    /// itself (not counting outer scopes).
    package struct ScopeInfo: Equatable, Sendable {
        /// Equal for two contexts that share the same scope object.
        package let identity: ObjectIdentifier
        /// The number of fields the scope holds itself.
        package let ownFieldCount: Int
    }

    /// The scopes from the innermost outwards. Tests use it to check that binding shares
    /// the outer scopes rather than copying them.
    package var scopeChain: [ScopeInfo] {
        guard let scope else { return [] }
        return sequence(first: scope, next: \.parent).map {
            ScopeInfo(identity: ObjectIdentifier($0), ownFieldCount: $0.fields.count)
        }
    }

    /// The number of level overrides linked from the innermost one bound here, open or
    /// closed: for tests that a chain stays short.
    package var levelOverrideChainLength: Int {
        sequence(first: scope?.levelOverride, next: { $0?.parent }).prefix { $0 != nil }.count
    }
}
