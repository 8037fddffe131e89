public import Synchronization

/// The single node behind every ``Log`` handle with the same name.
///
/// A node's configuration lives in its ``LogRegistry``; the node itself holds only what
/// the logging path reads: the gate level (one atomic byte) and the dispatch plan. Each
/// thread keeps the plans it uses in its ``ThreadScratch`` cache, valid while
/// ``planEpoch`` is unchanged, so it uses them without taking the lock or touching
/// their reference counts.
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
    /// Incremented every time any node, in any hierarchy, installs a plan. A thread that
    /// sees it change drops every plan it cached, so a plan (and the sinks it holds)
    /// outlives its replacement only until each thread that cached it logs again.
    static let planEpoch = Atomic<UInt64>(0)
    private let plan: LockedState<DispatchPlan>

    /// The gate value that disables every level.
    static let closedGate: UInt8 = 7

    init(name: String, parent: LogNode?, registry: LogRegistry, plan: DispatchPlan, gate: UInt8) {
        self.name = name
        self.parent = parent
        self.registry = registry
        self.plan = LockedState(plan)
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
        Self.planEpoch.wrappingAdd(1, ordering: .releasing)
        gate.store(newGate, ordering: .releasing)
    }

    /// The current plan, read under the lock.
    func lockedPlan() -> DispatchPlan {
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
        guard let scratch = ThreadScratch.unmanagedCurrent else {
            // No thread-local state (the process ran out of keys): lock for the plan.
            let plan = lockedPlan()
            plan.deliverWithoutThreadState(
                record(level, message, fields, bound: bound, error: error, file: file, function: function, line: line))
            return
        }
        scratch._withUnsafeGuaranteedRef { scratch in
            if scratch.isDelivering {
                // A sink or formatter logged while handling a record on this thread. Leave
                // the plan cache alone (a plan in it is being used) and never recurse.
                let plan = lockedPlan()
                plan.deliverReentrant(
                    record(
                        level, message, fields, bound: bound, error: error, file: file, function: function, line: line))
                return
            }
            // The message and fields first: they are user code that may log, and a record
            // logged from there must not evict the plan this one is about to use.
            let timestamp = LogTimestamp.now()
            let text = message()
            let callSite = fields()
            let plan = scratch.cachedPlan(for: self)
            // The providers, when there are any, after the plan says so: the record is then
            // built once, with their fields, and never changed.
            let provided =
                plan._withUnsafeGuaranteedRef({ $0.hasFieldProviders })
                ? DispatchPlan.provideFields(through: plan, on: scratch) : nil
            DispatchPlan.deliver(
                LogRecord(
                    logger: name, timestamp: timestamp, level: level, message: text, fields: callSite,
                    boundFields: bound, context: LogContext.current, providedStorage: provided, error: error,
                    file: file, function: function, line: line),
                through: plan, on: scratch)
        }
    }

    @inline(__always)
    private func record(
        _ level: LogLevel,
        _ message: () -> String,
        _ fields: () -> LogFields,
        bound: LogFields,
        error: (any Error)?,
        file: String,
        function: String,
        line: UInt
    ) -> LogRecord {
        LogRecord(
            logger: name,
            timestamp: .now(),
            level: level,
            message: message(),
            fields: fields(),
            boundFields: bound,
            context: LogContext.current,
            error: error,
            file: file,
            function: function,
            line: line
        )
    }
}
