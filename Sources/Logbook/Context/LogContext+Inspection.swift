extension LogContext {
    package struct ScopeInfo: Equatable, Sendable {
        package let identity: ObjectIdentifier
        /// Not counting outer scopes.
        package let ownFieldCount: Int
    }

    /// The scopes from the innermost outwards, for tests that binding shares outer scopes.
    package var scopeChain: [ScopeInfo] {
        guard let scope else { return [] }
        return sequence(first: scope, next: \.parent).map {
            ScopeInfo(identity: ObjectIdentifier($0), ownFieldCount: $0.fields.count)
        }
    }

    /// The number of level overrides, open or closed, chained here: for tests that it stays short.
    package var levelOverrideChainLength: Int {
        sequence(first: scope?.levelOverride, next: { $0?.parent }).prefix { $0 != nil }.count
    }
}
