/// Everything a logger needs to deliver a record, precomputed whenever configuration
/// changes so the logging path never walks the tree or takes the hierarchy lock.
final class DispatchPlan: Sendable {
    /// A sink with the level and filters read when it was attached.
    struct Slot: Sendable {
        let sink: any LogSink
        let level: LogLevel
        let filters: [LogFilter]

        init(_ sink: any LogSink) {
            self.sink = sink
            self.level = sink.level
            self.filters = sink.filters
        }

        func accepts(_ record: LogRecord) -> Bool {
            guard record.level >= level else { return false }
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
    /// The lowest level delivered to ``slots`` or ``lastResort``: the effective level
    /// raised to the lowest level a destination accepts; ``LogNode/closedGate`` when
    /// nothing would receive any record. It is the node's gate unless a test capture
    /// lowered the gate (see ``LogTap``); records between the two reach only taps.
    let threshold: UInt8

    init(originFilters: [LogFilter], slots: [Slot], lastResort: (any LogSink)?, effectiveLevel: LogLevel) {
        self.originFilters = originFilters
        self.slots = slots
        self.lastResort = lastResort.map(Slot.init)
        let lowest: LogLevel? = slots.isEmpty ? self.lastResort?.level : slots.lazy.map(\.level).min()
        self.threshold = lowest.map { max(effectiveLevel, $0).rawValue } ?? LogNode.closedGate
    }

    /// A plan that delivers nothing, for a node not yet configured.
    static let empty = DispatchPlan(originFilters: [], slots: [], lastResort: nil, effectiveLevel: .info)

    /// Hands `record` to the test captures bound in its context, then to every slot that
    /// accepts it.
    func deliver(_ record: LogRecord) {
        for filter in originFilters where !filter.accepts(record) { return }
        if let tap = record.context.tap { tap.deliver(record) }
        if record.level.rawValue < threshold { return }
        let scratch = ThreadScratch.current
        if scratch.isDelivering {
            // A sink or formatter logged while handling a record: never recurse into sinks.
            if let lastResort, lastResort.accepts(record) { lastResort.sink.write(record) }
            return
        }
        scratch.isDelivering = true
        defer { scratch.isDelivering = false }
        if slots.isEmpty {
            if let lastResort, lastResort.accepts(record) { lastResort.sink.write(record) }
            return
        }
        for slot in slots where slot.accepts(record) {
            slot.sink.write(record)
        }
    }
}
