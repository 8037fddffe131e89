import Synchronization

/// How many level overrides and open test captures are active at each level, process-wide:
/// each wants records its loggers' levels would not create. While any is active, every
/// node's gate is lowered to the lowest active level, and each record's own context decides
/// where it goes (``DispatchPlan``). With none active, a disabled call stays one atomic load.
extension LevelOverride {
    private struct State {
        var counts = [Int](repeating: 0, count: Int(LogNode.closedGate))
        var hierarchies: [LogHierarchy] = []
    }

    private static let state = LockedState(State())

    /// The lowest active level; ``LogNode/closedGate`` when none is. Written under the lock.
    static let gate = Atomic<UInt8>(LogNode.closedGate)

    /// Called once by each hierarchy as it is created.
    static func register(_ hierarchy: LogHierarchy) {
        state.withLock { $0.hierarchies.append(hierarchy) }
    }

    /// Counts one more (`delta` 1) or one fewer (-1) active request for records at `level` and above.
    static func count(_ level: LogLevel, by delta: Int) {
        state.withLock { state in
            state.counts[Int(level.rawValue)] += delta
            let lowest = state.counts.firstIndex { $0 > 0 }.map(UInt8.init) ?? LogNode.closedGate
            // Gates change only when the lowest active level does: overlapping requests
            // at the same level cost one counter update each.
            guard lowest != gate.load(ordering: .relaxed) else { return }
            gate.store(lowest, ordering: .relaxed)
            for hierarchy in state.hierarchies { hierarchy.lowerGates() }
        }
    }
}
