extension LogHierarchy {
    /// A copy of a hierarchy's configuration: every logger's level, sinks, filters,
    /// sampling and propagation, the last resort, the field providers, whether bootstrap
    /// happened, and (for the process-wide hierarchy) the redaction rules in force.
    package struct Snapshot: Sendable {
        fileprivate let configurations: [ObjectIdentifier: NodeConfiguration]
        fileprivate let lastResort: (any LogSink)?
        fileprivate let bootstrapCallSite: String?
        fileprivate let fieldProviders: [LogFieldProvider]
        /// The process-wide redaction rules, which only the shared hierarchy installs.
        fileprivate let redaction: LogRedaction?
    }

    /// The current configuration, to hand back to ``restore(_:)`` later.
    package func snapshot() -> Snapshot {
        state.withLock { state in
            Snapshot(
                configurations: state.configurations, lastResort: state.lastResort,
                bootstrapCallSite: state.bootstrapCallSite, fieldProviders: state.fieldProviders,
                redaction: self === LogHierarchy.shared ? RedactionRules.current.configuration : nil)
        }
    }

    /// Puts back the configuration `snapshot` copied. Loggers created since get the
    /// initial configuration; handles stay valid; open test captures are unaffected.
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

    /// Returns every logger to its initial configuration, forgets bootstrap and restores
    /// the default last resort (and, for the process-wide hierarchy, the default
    /// redaction rules). Handles created before stay valid.
    package func reset() {
        restore(
            Snapshot(
                configurations: [:], lastResort: StandardErrorLastResort.shared, bootstrapCallSite: nil,
                fieldProviders: [], redaction: self === LogHierarchy.shared ? .default : nil))
    }
}
