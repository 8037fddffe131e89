public import Synchronization

/// The single node behind every ``Log`` handle with the same name. Its configuration
/// lives in its ``LogHierarchy``; the node holds only what the logging path reads: the
/// gate and the dispatch plan, which each thread caches in its ``ThreadScratch`` while
/// ``planEpoch`` is unchanged, using it with no lock and no reference counting.
@usableFromInline
final class LogNode: Sendable {
    /// The dotted name, or `"root"`. Empty for an ancestor created for a longer name until it is
    /// asked for (``nameIfNeeded()``): d ancestors' own copies would cost d times the name's length.
    nonisolated(unsafe) private(set) var name: String
    /// The name as a slice of the one the node was created for, shared with its ancestors.
    let path: Substring
    let parent: LogNode?
    let hierarchy: LogHierarchy

    /// The lowest level delivered anywhere (see ``lowerGate()``).
    @usableFromInline
    let gate: Atomic<UInt8>
    /// The current plan's ``DispatchPlan/Route/threshold``.
    let threshold: Atomic<UInt8>
    /// Incremented whenever any node, in any hierarchy, installs a plan. A thread that
    /// sees it change drops every plan it cached, so a plan (and its sinks) outlives its
    /// replacement only until each thread that cached it logs again.
    static let planEpoch = Atomic<UInt64>(0)
    private let plan: LockedState<DispatchPlan>

    /// The gate value that disables every level.
    static let closedGate: UInt8 = 7

    init(path: Substring, parent: LogNode?, hierarchy: LogHierarchy) {
        self.name = parent == nil ? String(path) : ""
        self.path = path
        self.parent = parent
        self.hierarchy = hierarchy
        self.plan = LockedState(.empty)
        self.gate = Atomic(Self.closedGate)
        self.threshold = Atomic(Self.closedGate)
    }

    /// Called by the hierarchy under its lock before it makes a handle to the node, the only way
    /// to log through it or read its name without the lock.
    func nameIfNeeded() {
        if name.isEmpty { name = String(path) }
    }

    @inlinable
    func isEnabled(_ level: LogLevel) -> Bool {
        level.rawValue >= gate.load(ordering: .relaxed)
    }

    /// Called by the hierarchy under its lock, which must release the plan returned (the
    /// one replaced) only after unlocking: freeing a sink runs its `deinit`, which may log.
    func install(_ newPlan: DispatchPlan) -> DispatchPlan {
        var replaced = newPlan
        plan.withLock { swap(&$0, &replaced) }
        threshold.store(newPlan.route.threshold, ordering: .relaxed)
        Self.planEpoch.wrappingAdd(1, ordering: .releasing)
        lowerGate()
        return replaced
    }

    /// Sets the gate to the threshold, lowered to the lowest level an active level
    /// override or test capture wants (see ``LevelOverride/gate``): such records must be
    /// created even when no sink would take them.
    func lowerGate() {
        let lowest = min(threshold.load(ordering: .relaxed), LevelOverride.gate.load(ordering: .relaxed))
        gate.store(lowest, ordering: .releasing)
    }

    /// Whether a record that passed the gate would be delivered for the current task: at
    /// or above the threshold, or wanted by the task's own context.
    @usableFromInline
    func isDelivered(_ level: LogLevel) -> Bool {
        level.rawValue >= threshold.load(ordering: .relaxed)
            || LogContext.current.lowestWantedLevel.map { level >= $0 } ?? false
    }

    /// The lowest level delivered for the current task (the threshold lowered only by
    /// what its own context wants); `nil` when nothing is.
    var lowestDeliveredLevel: LogLevel? {
        let gate = gate.load(ordering: .relaxed)
        let threshold = threshold.load(ordering: .relaxed)
        if gate >= threshold { return LogLevel(rawValue: gate) }
        let wanted = LogContext.current.lowestWantedLevel.map { min($0.rawValue, threshold) } ?? threshold
        return LogLevel(rawValue: max(gate, wanted))
    }

    func lockedPlan() -> DispatchPlan {
        plan.withLock { $0 }
    }

    /// Called only after ``isEnabled(_:)`` said yes.
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
                // A sink, formatter or field provider logged: no provider, no sampling,
                // the last resort.
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

    /// A record below the threshold is created only when this task's own context wants
    /// it, and one that reaches the sinks only when sampling keeps it. Out of line, so the
    /// plain path stays small.
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
        if reachesSinks, let sampler = route.sampler, level < .critical {
            // The summaries that are due go before this record. The message is evaluated only
            // for the first unreported drop of the call site, never the fields.
            let (decision, summaries) = sampler._withUnsafeGuaranteedRef {
                $0.admit(file: file, line: line, level: level, now: System.coarseMonotonicNanoseconds())
            }
            if decision == .dropNeedingMessage {
                // The message is user code that may log and so replace this thread's cached
                // plans, which hold the sampler: keep it alive across the call.
                let owned = sampler.takeUnretainedValue()
                owned.noteMessage(message(), file: file, line: line, level: level)
            }
            if let summaries { hierarchy.writeSummaries(summaries) }
            if decision != .pass { return }
        }
        buildAndDeliver(
            level, message, fields, bound: bound, context: context, error: error, file: file, function: function,
            line: line, on: scratch)
    }

    /// The message and fields first: they are user code that may log, and a record logged
    /// from there must not evict the plan this one is about to use. Then the field
    /// providers, on this thread and task. The task's context last, unless the caller has
    /// it: read before the closures, it would be retained across them.
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
        // A new empty value for a logger with no bound fields: unlike a copy, it retains nothing.
        let bound = bound.isEmpty ? LogFields() : bound
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

    /// Delivers through the thread's cached plan or, on re-entry, through the plan read
    /// under the lock, leaving the cache alone. A record created while a re-entrant one is
    /// delivered is dropped: it carries the same task context, so a context value whose
    /// conversion logs would recurse until the stack overflows.
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
