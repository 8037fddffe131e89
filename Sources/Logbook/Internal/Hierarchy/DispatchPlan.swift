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
        /// The sink again when it is an ``AsyncSink``, which can take a record the caller
        /// gives up (moves it into its queue instead of copying it).
        let asyncSink: AsyncSink?

        init(_ sink: any LogSink) {
            self.sink = sink
            self.level = sink.level
            self.filters = sink.filters
            self.hasFilters = !filters.isEmpty
            self.asyncSink = sink as? AsyncSink
        }

        @inline(__always)
        func accepts(_ record: LogRecord) -> Bool {
            record.level >= level && (!hasFilters || filtersAccept(record))
        }

        private func filtersAccept(_ record: LogRecord) -> Bool {
            for filter in filters where !filter.accepts(record) { return false }
            return true
        }
    }

    /// The logger's own filters, checked once where the record is created.
    let originFilters: [LogFilter]
    /// Where a record goes when the plan has no slot, or when it was created re-entrantly
    /// from inside a sink.
    let lastResort: Slot?
    /// The hierarchy's field providers as one function, built once: the only provider's
    /// own function when there is one, so the logging path calls it directly; else their
    /// fields in order as one list (a later provider's key wins, as within any layer).
    private let provideAll: @Sendable () -> LogFields
    /// Whether the hierarchy has field providers, called through
    /// ``provideFields(through:on:)`` for each record the logger creates.
    let hasFieldProviders: Bool
    /// The logger's sampler while its sampling is on (see ``LogSampling``), kept alive
    /// for ``Route/sampler``.
    private let sampler: LogSampler?
    /// What the logging path reads.
    nonisolated(unsafe) let route: Route

    /// What the logging path reads from a plan: trivial values, read once through the
    /// thread's unretained reference to the plan and then used outside any closure.
    struct Route {
        /// The logger's sinks, then each ancestor's up to the first that does not
        /// propagate, each sink once; read in place, with no array to retain.
        let slots: UnsafeMutableBufferPointer<Slot>
        /// The lowest level delivered to ``slots`` or ``lastResort``: the effective level
        /// raised to the lowest level a destination accepts; ``LogNode/closedGate`` when
        /// nothing would receive any record. It is the node's gate unless a level
        /// override or test capture lowered the gate (see ``LevelOverrides``).
        let threshold: UInt8
        let hasOriginFilters: Bool
        /// The sampler, unretained (the plan keeps it alive); `nil`, and no cost beyond
        /// reading it, while sampling is off.
        let sampler: Unmanaged<LogSampler>?
    }

    init(
        originFilters: [LogFilter], slots: [Slot], lastResort: (any LogSink)?, effectiveLevel: LogLevel,
        sampler: LogSampler? = nil, fieldProviders: [LogFieldProvider] = []
    ) {
        self.sampler = sampler
        self.originFilters = originFilters
        self.hasFieldProviders = !fieldProviders.isEmpty
        if fieldProviders.count == 1 {
            self.provideAll = fieldProviders[0].provide
        } else {
            self.provideAll = { LogFields(fieldProviders.flatMap { $0.provide().storage }) }
        }
        self.lastResort = lastResort.map(Slot.init)
        let lowest: LogLevel? = slots.isEmpty ? self.lastResort?.level : slots.lazy.map(\.level).min()
        let slotStorage = UnsafeMutableBufferPointer<Slot>.allocate(capacity: slots.count)
        _ = slotStorage.initialize(from: slots)
        route = Route(
            slots: slotStorage, threshold: lowest.map { max(effectiveLevel, $0).rawValue } ?? LogNode.closedGate,
            hasOriginFilters: !originFilters.isEmpty, sampler: sampler.map(Unmanaged.passUnretained))
    }

    deinit {
        route.slots.deinitialize()
        route.slots.deallocate()
    }

    /// A plan that delivers nothing, for a node not yet configured.
    static let empty = DispatchPlan(originFilters: [], slots: [], lastResort: nil, effectiveLevel: .info)

    /// Calls `plan`'s field providers on the logging task, as if delivering: a record a
    /// provider logs takes the re-entrant path, which leaves the plan cache alone.
    static func provideFields(through plan: Unmanaged<DispatchPlan>, on scratch: ThreadScratch) -> LogFields? {
        scratch.isDelivering = true
        defer { scratch.isDelivering = false }
        let provided = plan._withUnsafeGuaranteedRef { $0.provideAll() }
        return provided.isEmpty ? nil : provided
    }

    /// Hands `record` to the test captures bound in its context, then to every slot of
    /// `plan` (valid for the call) that accepts it. A re-entrant record (a sink, formatter
    /// or field provider logged) goes to the last resort instead. The last slot gets the
    /// record moved when its sink is an ``AsyncSink``. With `ignoringLevels`, the loggers'
    /// levels do not stop the record (the sinks' own levels still do).
    @inline(__always)
    static func deliver(
        _ record: consuming LogRecord, through plan: Unmanaged<DispatchPlan>, on scratch: ThreadScratch,
        isReentrant: Bool = false, ignoringLevels: Bool = false
    ) {
        // Set before any user code (filters, sinks) runs: a record logged from there goes
        // to the last resort and leaves this thread's plan cache alone.
        scratch.isDelivering = true
        defer { scratch.isDelivering = isReentrant }
        let route = plan._withUnsafeGuaranteedRef { $0.route }
        if route.hasOriginFilters {
            let accepted = plan._withUnsafeGuaranteedRef { plan in
                plan.originFilters.allSatisfy { $0.accepts(record) }
            }
            if !accepted { return }
        }
        if let tap = record.context.tap { tap.deliver(record) }
        // Below the threshold, only a level override in the record's own context (see
        // ``LogContext/with(level:operation:)-38esb``) lets it reach the sinks.
        if !ignoringLevels && record.level.rawValue < route.threshold && !record.context.overrideAdmits(record.level) {
            return
        }
        guard !isReentrant, !route.slots.isEmpty, let slots = route.slots.baseAddress else {
            plan._withUnsafeGuaranteedRef { plan in
                if let lastResort = plan.lastResort, lastResort.accepts(record) { lastResort.sink.write(record) }
            }
            return
        }
        let last = route.slots.count - 1
        for index in 0..<last where slots[index].accepts(record) {
            slots[index].sink.write(record)
        }
        guard slots[last].accepts(record) else { return }
        if let asyncSink = slots[last].asyncSink {
            asyncSink.queue.enqueue(record)
        } else {
            slots[last].sink.write(record)
        }
    }
}
