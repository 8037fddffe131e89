import Synchronization

/// How many level overrides (``LogContext/with(level:operation:)-38esb``) are active at
/// each level, process-wide, and every hierarchy whose gates they lower.
///
/// While any override is active, every node's gate is lowered to the lowest active
/// override level, so records an override wants are created; each record's own context
/// then decides whether it reaches the sinks (``DispatchPlan``). With none active, the
/// gates are what the configuration makes them and a disabled call stays one atomic load.
enum LevelOverrides {
    private struct State {
        var counts = [Int](repeating: 0, count: Int(LogNode.closedGate))
        var registries: [LogRegistry] = []
    }

    private static let state = LockedState(State())

    /// The lowest active override level as a gate value; ``LogNode/closedGate`` when
    /// none is active. Written under the lock, read by registries computing gates.
    static let gate = Atomic<UInt8>(LogNode.closedGate)

    /// Adds a registry whose gates overrides lower. Called once as it is created.
    static func register(_ registry: LogRegistry) {
        state.withLock { $0.registries.append(registry) }
    }

    /// Counts an override at `level` as active.
    static func open(_ level: LogLevel) {
        change(level, by: 1)
    }

    /// Counts an override at `level` as ended.
    static func close(_ level: LogLevel) {
        change(level, by: -1)
    }

    private static func change(_ level: LogLevel, by delta: Int) {
        state.withLock { state in
            state.counts[Int(level.rawValue)] += delta
            let lowest = state.counts.firstIndex { $0 > 0 }.map(UInt8.init) ?? LogNode.closedGate
            // Gates change only when the lowest active level does: overlapping requests
            // at the same level cost one counter update each.
            guard lowest != gate.load(ordering: .relaxed) else { return }
            gate.store(lowest, ordering: .relaxed)
            for registry in state.registries { registry.recomputeGates() }
        }
    }
}
