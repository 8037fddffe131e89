public import Synchronization

/// The single node behind every ``Log`` handle with the same name.
///
/// A node's configuration lives in its ``LogHierarchy``; the node itself holds only what
/// the logging path reads: the gate level (one atomic byte) and the dispatch plan. Each
/// thread keeps the plans it uses in its ``ThreadScratch`` cache, valid while
/// ``planEpoch`` is unchanged, so it uses them without taking the lock or touching
/// their reference counts.
@usableFromInline
final class LogNode: Sendable {
    /// The dotted name, or `"root"` for the root.
    let name: String
    let parent: LogNode?
    let hierarchy: LogHierarchy

    /// The lowest level that would be delivered anywhere: the effective level raised to
    /// the lowest level any reachable sink (or the last resort) accepts. `7` means
    /// nothing is delivered.
    @usableFromInline
    let gate: Atomic<UInt8>
    /// The current plan's ``DispatchPlan/Route/threshold``: the gate before a test capture or a
    /// level override lowered it. Read only to answer ``Log/isEnabled(_:)`` precisely.
    let threshold: Atomic<UInt8>
    /// Incremented every time any node, in any hierarchy, installs a plan. A thread that
    /// sees it change drops every plan it cached, so a plan (and the sinks it holds)
    /// outlives its replacement only until each thread that cached it logs again.
    static let planEpoch = Atomic<UInt64>(0)
    private let plan: LockedState<DispatchPlan>

    /// The gate value that disables every level.
    static let closedGate: UInt8 = 7

    /// A node that delivers nothing until its hierarchy installs its first plan.
    init(name: String, parent: LogNode?, hierarchy: LogHierarchy) {
        self.name = name
        self.parent = parent
        self.hierarchy = hierarchy
        self.plan = LockedState(.empty)
        self.gate = Atomic(Self.closedGate)
        self.threshold = Atomic(Self.closedGate)
    }

    /// Whether a record at `level` would be delivered. One relaxed atomic load.
    @inlinable
    func isEnabled(_ level: LogLevel) -> Bool {
        level.rawValue >= gate.load(ordering: .relaxed)
    }

    /// Installs a recomputed plan. Called by the hierarchy under its lock, which must
    /// release the plan returned (the one replaced) only after unlocking: freeing a sink
    /// runs its `deinit`, which may log.
    func install(_ newPlan: DispatchPlan) -> DispatchPlan {
        let replaced = plan.withLock { plan in
            defer { plan = newPlan }
            return plan
        }
        threshold.store(newPlan.route.threshold, ordering: .relaxed)
        Self.planEpoch.wrappingAdd(1, ordering: .releasing)
        lowerGate()
        return replaced
    }

    /// Sets the gate to the plan's threshold, lowered to the lowest level an active level
    /// override or open test capture wants (see ``LevelOverrides``): records they want
    /// must be created even when no sink would take them (the threshold still keeps them
    /// from the sinks, unless the record's own context carries an override).
    func lowerGate() {
        let lowest = min(threshold.load(ordering: .relaxed), LevelOverrides.gate.load(ordering: .relaxed))
        gate.store(lowest, ordering: .releasing)
    }

    /// Whether a record at `level`, which passed the gate, would be delivered for the
    /// current task: at or above the threshold, or wanted by a level override or an open
    /// test capture in the task's own context (the reasons a gate is lowered).
    @usableFromInline
    func isDelivered(_ level: LogLevel) -> Bool {
        level.rawValue >= threshold.load(ordering: .relaxed) || LogContext.current.wants(level)
    }

    /// The lowest level delivered for the current task: the gate, unless a capture or a
    /// level override lowered it for another task, in which case the threshold lowered
    /// only by what the task's own context wants. `nil` when nothing is delivered.
    var lowestDeliveredLevel: LogLevel? {
        let gate = gate.load(ordering: .relaxed)
        let threshold = threshold.load(ordering: .relaxed)
        if gate >= threshold { return LogLevel(rawValue: gate) }
        let wanted = LogContext.current.lowestWantedLevel.map { min($0.rawValue, threshold) } ?? threshold
        return LogLevel(rawValue: max(gate, wanted))
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
        ThreadScratch.unmanagedCurrent._withUnsafeGuaranteedRef { scratch in
            if scratch.isDelivering {
                // A sink, formatter or field provider logged while handling a record on
                // this thread: no provider, no sampling, and the last resort.
                let record = LogRecord(
                    logger: name, timestamp: .now(), level: level, message: message(), fields: fields(),
                    boundFields: bound, context: LogContext.current, error: error, file: file, function: function,
                    line: line)
                deliver(record, on: scratch)
                return
            }
            let route = scratch.cachedPlan(for: self)._withUnsafeGuaranteedRef { $0.route }
            if route.sampler != nil || level.rawValue < route.threshold {
                // Sampling is on, or the gate was lowered below what the sinks take.
                emitChecked(
                    level, route, message, fields, bound: bound, error: error, file: file, function: function,
                    line: line, on: scratch)
                return
            }
            buildAndDeliver(
                level, message, fields, bound: bound, context: nil, error: error, file: file, function: function,
                line: line, on: scratch)
        }
    }

    /// The logging path when the plan samples, or when the gate was lowered below what
    /// the sinks take (a test capture or a level override, perhaps for another task): a
    /// record below the threshold is created only when this task's own context wants it,
    /// and one that reaches the sinks only when sampling keeps it. Out of line, so the
    /// plain path stays as small as it was.
    @inline(never)
    private func emitChecked(
        _ level: LogLevel,
        _ route: DispatchPlan.Route,
        _ message: () -> String,
        _ fields: () -> LogFields,
        bound: LogFields,
        error: (any Error)?,
        file: String,
        function: String,
        line: UInt,
        on scratch: ThreadScratch
    ) {
        let context = LogContext.current
        let reachesSinks = level.rawValue >= route.threshold || context.overrideAdmits(level)
        if !reachesSinks && context.tap == nil { return }
        if reachesSinks, let sampler = route.sampler, level < .critical,
            sampledAway(sampler, level, message, file: file, line: line)
        {
            return
        }
        buildAndDeliver(
            level, message, fields, bound: bound, context: context, error: error, file: file, function: function,
            line: line, on: scratch)
    }

    /// Creates the record and delivers it. The message and fields first: they are user
    /// code that may log, and a record logged from there must not evict the plan this one
    /// is about to use. Then the field providers, when the plan has any, on this thread
    /// and task: the record is built once, with their fields, and never changed. The
    /// task's context is read last unless the caller already has it (`nil`): read before
    /// the closures, it would be retained across them.
    @inline(__always)
    private func buildAndDeliver(
        _ level: LogLevel,
        _ message: () -> String,
        _ fields: () -> LogFields,
        bound: LogFields,
        context: LogContext?,
        error: (any Error)?,
        file: String,
        function: String,
        line: UInt,
        on scratch: ThreadScratch
    ) {
        let timestamp = LogTimestamp.now()
        let text = message()
        let callSite = fields()
        let plan = scratch.cachedPlan(for: self)
        let provided =
            plan._withUnsafeGuaranteedRef({ $0.hasFieldProviders })
            ? DispatchPlan.provideFields(through: plan, on: scratch) : nil
        DispatchPlan.deliver(
            LogRecord(
                logger: name, timestamp: timestamp, level: level, message: text, fields: callSite,
                boundFields: bound, context: context ?? LogContext.current, providedStorage: provided, error: error,
                file: file, function: function, line: line),
            through: plan, on: scratch)
    }

    /// Delivers a record already created, through the thread's cached plan; while the
    /// thread is delivering another (re-entry), through the plan read under the lock, so
    /// the cache, and the plan in use in it, is left alone. A record created while a
    /// re-entrant one is delivered is dropped: it carries the same task context, so a
    /// context value whose conversion logs would otherwise recurse until the stack overflows.
    /// `ignoringLevels` as for ``DispatchPlan/deliver(_:through:on:isReentrant:ignoringLevels:)``.
    func deliver(_ record: LogRecord, on scratch: ThreadScratch, ignoringLevels: Bool = false) {
        let isReentrant = scratch.isDelivering
        if isReentrant && scratch.isDeliveringReentrant { return }
        let locked = isReentrant ? Unmanaged.passRetained(lockedPlan()) : nil
        defer { locked?.release() }
        scratch.isDeliveringReentrant = isReentrant
        defer { scratch.isDeliveringReentrant = false }
        DispatchPlan.deliver(
            record, through: locked ?? scratch.cachedPlan(for: self), on: scratch, isReentrant: isReentrant,
            ignoringLevels: ignoringLevels)
    }
}
