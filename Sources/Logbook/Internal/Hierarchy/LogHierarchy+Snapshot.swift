extension LogHierarchy {
    /// A copy of a hierarchy's configuration, for ``restore(_:)``: every logger's, the last
    /// resort, the field providers, whether bootstrap happened, and (for the process-wide
    /// hierarchy, the only one that installs them) the redaction rules in force.
    package struct Snapshot: Sendable {
        fileprivate let configurations: [ObjectIdentifier: NodeConfiguration]
        fileprivate let lastResort: (any LogSink)?
        fileprivate let bootstrapCallSite: String?
        fileprivate let fieldProviders: [LogFieldProvider]
        fileprivate let redaction: LogRedaction?
    }

    package func snapshot() -> Snapshot {
        state.withLock { state in
            Snapshot(
                configurations: state.configurations, lastResort: state.lastResort,
                bootstrapCallSite: state.bootstrapCallSite, fieldProviders: state.fieldProviders,
                redaction: self === LogHierarchy.shared ? RedactionRules.current.configuration : nil)
        }
    }

    /// Loggers created since the snapshot get the initial configuration; handles stay
    /// valid; open test captures are unaffected.
    package func restore(_ snapshot: Snapshot) {
        _ = state.withLock { state in
            for (id, configuration) in state.configurations {
                var restored = snapshot.configurations[id] ?? NodeConfiguration()
                restored.children = configuration.children
                // A node keeps its one sampler, so drops not yet reported are still reported.
                restored.sampler = configuration.sampler ?? restored.sampler
                state.configurations[id] = restored
            }
            state.lastResort = snapshot.lastResort
            state.bootstrapCallSite = snapshot.bootstrapCallSite
            state.fieldProviders = snapshot.fieldProviders
            return refresh(rootNode, in: &state)  // released after the lock
        }
        if let redaction = snapshot.redaction { RedactionRules.install(redaction) }
    }

    /// Returns to the configuration of a new hierarchy (for the process-wide one, with the
    /// default redaction rules). Handles stay valid.
    package func reset() {
        restore(
            Snapshot(
                configurations: [:], lastResort: StandardErrorLastResort.shared, bootstrapCallSite: nil,
                fieldProviders: [], redaction: self === LogHierarchy.shared ? .default : nil))
    }
}
