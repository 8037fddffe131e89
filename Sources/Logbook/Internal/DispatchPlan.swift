/// Everything a logger needs to deliver a record, precomputed whenever configuration
/// changes so the logging path never walks the tree or takes the hierarchy lock.
final class DispatchPlan: Sendable {
    /// A sink with the level and filters read when it was attached.
    struct Slot: Sendable {
        let sink: any LogSink
        let level: LogLevel
        let filters: [LogFilter]
        /// Whether ``filters`` is non-empty, so the logging path need not touch the array.
        let hasFilters: Bool
        /// The sink again when it can take a record the caller gives up (``AsyncSink``
        /// moves it into its queue instead of copying it).
        let taker: (any RecordTakingSink)?

        init(_ sink: any LogSink) {
            self.sink = sink
            self.level = sink.level
            self.filters = sink.filters
            self.hasFilters = !filters.isEmpty
            self.taker = sink as? any RecordTakingSink
        }

        func accepts(_ record: LogRecord) -> Bool {
            record.level >= level && (!hasFilters || filtersAccept(record))
        }

        func filtersAccept(_ record: LogRecord) -> Bool {
            for filter in filters where !filter.accepts(record) { return false }
            return true
        }
    }

    /// The logger's own filters, checked once where the record is created.
    let originFilters: [LogFilter]
    /// The logger's sinks, then each ancestor's up to the first that does not propagate,
    /// each sink once.
    let slots: [Slot]
    /// Where a record goes when ``slots`` is empty, or when it was created re-entrantly
    /// from inside a sink.
    let lastResort: Slot?
    /// The hierarchy's field providers, called through ``provideFields(through:on:)`` by
    /// ``LogNode/emit(_:_:_:bound:error:file:function:line:)`` for each record it creates.
    let fieldProviders: [LogFieldProvider]
    /// All of ``fieldProviders`` as one function, built once: the only provider's own
    /// function when there is one, so the logging path calls it directly.
    private let provideAll: @Sendable () -> LogFields

    /// A copy of ``slots`` the logging path reads in place, with no array to retain.
    private nonisolated(unsafe) let slotStorage: UnsafeMutableBufferPointer<Slot>
    private let hasOriginFilters: Bool
    /// Whether ``fieldProviders`` is non-empty, so the logging path need not touch the array.
    let hasFieldProviders: Bool
    /// The lowest level delivered to ``slots`` or ``lastResort``: the effective level
    /// raised to the lowest level a destination accepts; ``LogNode/closedGate`` when
    /// nothing would receive any record. It is the node's gate unless a test capture
    /// lowered the gate (see ``LogTap``); records between the two reach only taps.
    let threshold: UInt8

    init(
        originFilters: [LogFilter], slots: [Slot], lastResort: (any LogSink)?, effectiveLevel: LogLevel,
        fieldProviders: [LogFieldProvider] = []
    ) {
        self.originFilters = originFilters
        self.fieldProviders = fieldProviders
        self.hasFieldProviders = !fieldProviders.isEmpty
        if fieldProviders.count == 1 {
            self.provideAll = fieldProviders[0].provide
        } else {
            self.provideAll = { LogFieldProvider.fields(of: fieldProviders) }
        }
        self.slots = slots
        self.lastResort = lastResort.map(Slot.init)
        self.hasOriginFilters = !originFilters.isEmpty
        let lowest: LogLevel? = slots.isEmpty ? self.lastResort?.level : slots.lazy.map(\.level).min()
        self.threshold = lowest.map { max(effectiveLevel, $0).rawValue } ?? LogNode.closedGate
        slotStorage = .allocate(capacity: slots.count)
        _ = slotStorage.initialize(from: slots)
    }

    deinit {
        slotStorage.deinitialize()
        slotStorage.deallocate()
    }

    /// A plan that delivers nothing, for a node not yet configured.
    static let empty = DispatchPlan(originFilters: [], slots: [], lastResort: nil, effectiveLevel: .info)

    /// What the logging path reads from a plan: trivial values, read once through the
    /// thread's unretained reference to the plan and then used outside any closure.
    struct Route {
        let slots: UnsafeMutableBufferPointer<Slot>
        let threshold: UInt8
        let hasOriginFilters: Bool
    }

    private var route: Route {
        Route(slots: slotStorage, threshold: threshold, hasOriginFilters: hasOriginFilters)
    }

    /// Calls `plan`'s field providers (the caller checked ``hasFieldProviders``) on the
    /// logging thread and task, before filters, captures and sinks see the record (an
    /// ``AsyncSink`` formats it elsewhere, where task-locals are gone). Meanwhile the
    /// thread counts as delivering: a record a provider logs takes the re-entrant path,
    /// which calls no provider and leaves the plan cache, and so `plan`, alone.
    static func provideFields(through plan: Unmanaged<DispatchPlan>, on scratch: ThreadScratch) -> LogFields? {
        scratch.isDelivering = true
        defer { scratch.isDelivering = false }
        let provided = plan._withUnsafeGuaranteedRef { $0.provideAll() }
        return provided.isEmpty ? nil : provided
    }

    /// Hands `record` to the test captures bound in its context, then to every slot of
    /// `plan` that accepts it, on the calling thread, whose scratch state is `scratch`.
    ///
    /// `plan` is the thread's cached, unretained plan (see ``ThreadScratch``), valid for
    /// the call. The slots are read in place. The record is the caller's to give up: the
    /// last slot gets it moved when its sink can take it (``RecordTakingSink``), so a
    /// record handed to an ``AsyncSink`` is not copied.
    @inline(__always)
    static func deliver(_ record: consuming LogRecord, through plan: Unmanaged<DispatchPlan>, on scratch: ThreadScratch)
    {
        // Set before any user code (filters, sinks) runs: a record logged from there goes
        // to the last resort and leaves this thread's plan cache alone.
        scratch.isDelivering = true
        defer { scratch.isDelivering = false }
        let route = plan._withUnsafeGuaranteedRef { $0.route }
        if route.hasOriginFilters {
            let accepted = plan._withUnsafeGuaranteedRef { plan in
                plan.originFilters.allSatisfy { $0.accepts(record) }
            }
            if !accepted { return }
        }
        if let tap = record.context.tap { tap.deliver(record) }
        if record.level.rawValue < route.threshold { return }
        guard !route.slots.isEmpty, let slots = route.slots.baseAddress else {
            plan._withUnsafeGuaranteedRef { $0.deliverToLastResort(record) }
            return
        }
        let last = route.slots.count - 1
        for index in 0..<last
        where record.level >= slots[index].level && (!slots[index].hasFilters || slots[index].filtersAccept(record)) {
            slots[index].sink.write(record)
        }
        guard record.level >= slots[last].level && (!slots[last].hasFilters || slots[last].filtersAccept(record))
        else { return }
        if let taker = slots[last].taker {
            taker.take(record)
        } else {
            slots[last].sink.write(record)
        }
    }

    /// Delivery of a record created while this thread was already delivering one (a sink,
    /// formatter or field provider that logs): it goes to the last resort, never back into
    /// the sinks, and no field provider is called for it.
    func deliverReentrant(_ record: LogRecord) {
        if hasOriginFilters {
            for filter in originFilters where !filter.accepts(record) { return }
        }
        if let tap = record.context.tap { tap.deliver(record) }
        if record.level.rawValue < threshold { return }
        deliverToLastResort(record)
    }

    private func deliverToLastResort(_ record: LogRecord) {
        if let lastResort, lastResort.accepts(record) { lastResort.sink.write(record) }
    }

    /// Delivery when the process has no thread-local key left (never in practice):
    /// re-entry cannot be detected, so only the slots are used and no field provider is
    /// called (one that logs would recurse).
    func deliverWithoutThreadState(_ record: LogRecord) {
        if hasOriginFilters {
            for filter in originFilters where !filter.accepts(record) { return }
        }
        if let tap = record.context.tap { tap.deliver(record) }
        if record.level.rawValue < threshold { return }
        if slots.isEmpty {
            deliverToLastResort(record)
            return
        }
        for slot in slots where slot.accepts(record) {
            slot.sink.write(record)
        }
    }
}
