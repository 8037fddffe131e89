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

        init(_ sink: any LogSink) {
            self.sink = sink
            self.level = sink.level
            self.filters = sink.filters
            self.hasFilters = !filters.isEmpty
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

    /// A copy of ``slots`` the logging path reads in place, with no array to retain.
    private nonisolated(unsafe) let slotStorage: UnsafeMutableBufferPointer<Slot>
    private let hasOriginFilters: Bool
    /// The lowest level delivered to ``slots`` or ``lastResort``: the effective level
    /// raised to the lowest level a destination accepts; ``LogNode/closedGate`` when
    /// nothing would receive any record. It is the node's gate unless a test capture
    /// lowered the gate (see ``LogTap``); records between the two reach only taps.
    let threshold: UInt8

    init(originFilters: [LogFilter], slots: [Slot], lastResort: (any LogSink)?, effectiveLevel: LogLevel) {
        self.originFilters = originFilters
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

    /// Hands `record` to the test captures bound in its context, then to every slot that
    /// accepts it, on the calling thread, whose scratch state is `scratch`.
    ///
    /// The slots are read in place, so the only reference counting left here is each
    /// sink's, for its call.
    @inline(__always)
    func deliver(_ record: LogRecord, on scratch: ThreadScratch) {
        // Set before any user code (filters, sinks) runs: a record logged from there goes
        // to the last resort and leaves this thread's plan cache alone.
        scratch.isDelivering = true
        defer { scratch.isDelivering = false }
        if hasOriginFilters {
            for filter in originFilters where !filter.accepts(record) { return }
        }
        if let tap = record.context.tap { tap.deliver(record) }
        if record.level.rawValue < threshold { return }
        if slotStorage.isEmpty {
            deliverToLastResort(record)
        } else {
            let slots = slotStorage.baseAddress!
            for index in 0..<slotStorage.count
            where record.level >= slots[index].level && (!slots[index].hasFilters || slots[index].filtersAccept(record))
            {
                slots[index].sink.write(record)
            }
        }
    }

    /// Delivery of a record created while this thread was already delivering one (a sink
    /// or formatter that logs): it goes to the last resort, never back into the sinks.
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
    /// re-entry cannot be detected, so only the slots are used.
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
