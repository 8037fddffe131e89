public import Synchronization

/// The single node behind every ``Log`` handle with the same name.
///
/// A node's configuration lives in its ``LogRegistry``; the node itself holds only what
/// the logging path reads: the gate level (one atomic byte) and the dispatch plan.
@usableFromInline
final class LogNode: Sendable {
    /// The dotted name, or `"root"` for the root.
    let name: String
    let parent: LogNode?
    let registry: LogRegistry

    /// The lowest level that would be delivered anywhere: the effective level raised to
    /// the lowest level any reachable sink (or the last resort) accepts. `7` means
    /// nothing is delivered.
    @usableFromInline
    let gate: Atomic<UInt8>
    private let plan: Mutex<DispatchPlan>

    /// The gate value that disables every level.
    static let closedGate: UInt8 = 7

    init(name: String, parent: LogNode?, registry: LogRegistry, plan: DispatchPlan, gate: UInt8) {
        self.name = name
        self.parent = parent
        self.registry = registry
        self.plan = Mutex(plan)
        self.gate = Atomic(gate)
    }

    /// Whether a record at `level` would be delivered. One relaxed atomic load.
    @inlinable
    func isEnabled(_ level: LogLevel) -> Bool {
        level.rawValue >= gate.load(ordering: .relaxed)
    }

    /// The gate's current value. One relaxed atomic load.
    var currentGate: UInt8 {
        gate.load(ordering: .relaxed)
    }

    /// Installs a recomputed plan. Called by the registry under its lock.
    func install(_ newPlan: DispatchPlan, gate newGate: UInt8) {
        plan.withLock { $0 = newPlan }
        gate.store(newGate, ordering: .releasing)
    }

    var currentPlan: DispatchPlan {
        plan.withLock { $0 }
    }

    /// Creates a record and delivers it. Called only after ``isEnabled(_:)`` said yes.
    @usableFromInline
    func emit(
        _ level: LogLevel,
        _ message: () -> String,
        _ fields: () -> LogFields,
        bound: LogFields,
        error: (any Error)?,
        file: String,
        function: String,
        line: UInt
    ) {
        let plan = currentPlan
        let record = LogRecord(
            level: level,
            timestamp: .now(),
            logger: name,
            message: message(),
            fields: fields(),
            boundFields: bound,
            context: LogContext.current,
            error: error,
            file: file,
            function: function,
            line: line
        )
        plan.deliver(record)
    }
}
