/// Everything a logger needs to deliver a record, recomputed on every configuration
/// change so the logging path never walks the tree or takes the hierarchy lock.
final class DispatchPlan: Sendable {
    /// A sink with its level and filters as read when it was attached.
    struct Slot: Sendable {
        let sink: any LogSink
        let level: LogLevel
        let filters: [LogFilter]
        /// So the logging path need not touch the array.
        let hasFilters: Bool
        /// An ``AsyncSink`` can take a record the caller gives up, instead of copying it.
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
            filters.allSatisfy { $0.accepts(record) }
        }
    }

    /// The logger's own filters, checked once where the record is created.
    let originFilters: [LogFilter]
    /// For a record when the plan has no slot, or one created re-entrantly from a sink.
    let lastResort: Slot?
    /// The hierarchy's field providers as one function: the only provider's own, so the
    /// logging path calls it directly; else their fields in order as one list (a later
    /// provider's key wins, as within any layer).
    private let provideAll: @Sendable () -> LogFields
    let hasFieldProviders: Bool
    /// Kept alive for ``Route/sampler``; `nil` while sampling is off.
    private let sampler: LogSampler?
    /// The last of ``Route/slots`` again (a placeholder, never written to, when there is
    /// none): read from a stored property of the plan, its sink is called with no retain.
    private let lastSlot: Slot
    nonisolated(unsafe) let route: Route

    /// What the logging path reads: trivial values, read once through the thread's
    /// unretained reference to the plan, then used outside any closure.
    struct Route {
        /// ``LogHierarchy/NodeConfiguration/chain``, read in place, with no array to retain.
        let slots: UnsafeMutableBufferPointer<Slot>
        /// The effective level raised to the lowest level ``slots`` (or, with none,
        /// ``lastResort``) accept; ``LogNode/closedGate`` when nothing would receive a record.
        let threshold: UInt8
        let hasOriginFilters: Bool
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
        self.lastSlot = slots.last ?? Slot(StandardErrorLastResort.shared)
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

    static let empty = DispatchPlan(originFilters: [], slots: [], lastResort: nil, effectiveLevel: .info)

    /// Calls the field providers as if delivering: a record a provider logs takes the
    /// re-entrant path, which leaves the plan cache alone.
    static func provideFields(through plan: Unmanaged<DispatchPlan>, on scratch: ThreadScratch) -> LogFields? {
        scratch.isDelivering = true
        defer { scratch.isDelivering = false }
        let provided = plan._withUnsafeGuaranteedRef { $0.provideAll() }
        return provided.isEmpty ? nil : provided
    }

    /// Hands `record` to the test captures bound in its context, then to every slot that
    /// accepts it (moved into the last one when it is an ``AsyncSink``), or to the last
    /// resort when re-entrant. With `ignoringLevels`, the loggers' levels do not stop the
    /// record (the sinks' own levels still do).
    @inline(__always)
    static func deliver(
        _ record: consuming LogRecord, through plan: Unmanaged<DispatchPlan>, on scratch: ThreadScratch,
        isReentrant: Bool = false, ignoringLevels: Bool = false
    ) {
        // Before any user code (filters, sinks) runs.
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
            plan._withUnsafeGuaranteedRef { $0.lastSlot.sink.write(record) }
        }
    }
}
