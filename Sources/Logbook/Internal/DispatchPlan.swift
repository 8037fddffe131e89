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

    init(originFilters: [LogFilter], slots: [Slot], lastResort: (any LogSink)?) {
        self.originFilters = originFilters
        self.slots = slots
        self.lastResort = lastResort.map(Slot.init)
        self.hasOriginFilters = !originFilters.isEmpty
        slotStorage = .allocate(capacity: slots.count)
        _ = slotStorage.initialize(from: slots)
    }

    deinit {
        slotStorage.deinitialize()
        slotStorage.deallocate()
    }

    /// The lowest level any destination in this plan accepts, or `nil` when nothing would
    /// receive any record.
    var lowestAcceptedLevel: LogLevel? {
        if slots.isEmpty { return lastResort?.level }
        return slots.lazy.map(\.level).min()
    }

    /// Hands `record` to every slot that accepts it, on the calling thread, whose
    /// scratch state is `scratch`.
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
        deliverToLastResort(record)
    }

    private func deliverToLastResort(_ record: LogRecord) {
        if let lastResort, lastResort.accepts(record) { lastResort.sink.write(record) }
    }

    /// Delivery when the process has no thread-local key left (never in practice):
    /// re-entry cannot be detected, so only the slots are used.
    func deliverWithoutThreadState(_ record: LogRecord) {
        if slots.isEmpty {
            deliverToLastResort(record)
            return
        }
        for slot in slots where slot.accepts(record) {
            slot.sink.write(record)
        }
    }
}
