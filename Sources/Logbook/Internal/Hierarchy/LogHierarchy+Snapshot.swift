extension LogHierarchy {
    /// A copy of a hierarchy's configuration, for ``restore(_:)``: its whole state, and (for the
    /// process-wide hierarchy, the only one that installs them) the redaction rules in force.
    package struct Snapshot: Sendable {
        fileprivate let state: State
        fileprivate let redaction: LogRedaction?
    }

    package func snapshot() -> Snapshot {
        Snapshot(
            state: state.withLock { $0 },
            redaction: self === LogHierarchy.shared ? RedactionRules.current.configuration : nil)
    }

    /// Loggers created since the snapshot get the initial configuration; handles stay
    /// valid; open test captures are unaffected.
    package func restore(_ snapshot: Snapshot) {
        _ = state.withLock { state in
            for (id, configuration) in state.configurations {
                var restored = snapshot.state.configurations[id] ?? NodeConfiguration()
                restored.children = configuration.children
                // A node keeps its one sampler, so drops not yet reported are still reported.
                restored.sampler = configuration.sampler ?? restored.sampler
                state.configurations[id] = restored
            }
            // The rest as saved; the dictionaries above are swapped in, not copied into a new one.
            var restored = snapshot.state
            swap(&restored.nodes, &state.nodes)
            swap(&restored.configurations, &state.configurations)
            state = restored
            return refresh(rootNode, in: &state)  // released after the lock
        }
        if let redaction = snapshot.redaction { RedactionRules.install(redaction) }
    }

    /// Returns to the configuration of a new hierarchy (for the process-wide one, with the
    /// default redaction rules). Handles stay valid.
    package func reset() {
        restore(Snapshot(state: State(), redaction: self === LogHierarchy.shared ? .default : nil))
    }
}
